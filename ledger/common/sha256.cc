// SHA-256 through OpenSSL EVP, and hex encoding of digests.
#include "ledger/common/hex.h"
#include "ledger/common/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace kumppani {
namespace {

// The SHA-256 implementation, fetched once: EVP_sha256() would make OpenSSL 3
// look the algorithm up again on every EVP_DigestInit_ex. Never freed.
const EVP_MD* Sha256Md() {
  static const EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) std::abort();
    return fetched;
  }();
  return md;
}

void Check(int openssl_result) {
  if (openssl_result != 1) std::abort();
}


}  // namespace

Sha256Hasher::Sha256Hasher() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr) std::abort();
  Check(EVP_DigestInit_ex(ctx_, Sha256Md(), nullptr));
}

Sha256Hasher::~Sha256Hasher() { EVP_MD_CTX_free(ctx_); }

Sha256Hasher& Sha256Hasher::Update(std::string_view bytes) {
  Check(EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()));
  return *this;
}

Sha256Hasher& Sha256Hasher::Update(const Hash& hash) {
  Check(EVP_DigestUpdate(ctx_, hash.data(), hash.size()));
  return *this;
}

Sha256Hasher& Sha256Hasher::UpdateByte(uint8_t byte) {
  Check(EVP_DigestUpdate(ctx_, &byte, 1));
  return *this;
}

Hash Sha256Hasher::Finish() {
  Hash out;
  unsigned int size = 0;
  Check(EVP_DigestFinal_ex(ctx_, out.data(), &size));
  if (size != out.size()) std::abort();
  return out;
}

Hash Sha256(std::string_view bytes) { return Sha256Hasher().Update(bytes).Finish(); }

std::string_view HashBytes(const Hash& hash) {
  return std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size());
}

std::string HashToHex(const Hash& hash) {
  std::string out;
  out.reserve(2 * hash.size());
  for (uint8_t b : hash) AppendHexByte(b, out);
  return out;
}

absl::StatusOr<Hash> HashFromHex(std::string_view hex, absl::string_view field) {
  Hash out;
  if (hex.size() != 2 * out.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be 64 hex digits (a SHA-256 hash), got ", hex.size(), " characters"));
  }
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = HexDigitValue(hex[2 * i]);
    int lo = HexDigitValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": must be 64 hex digits (a SHA-256 hash), found a non-hex character"));
    }
    out[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return out;
}

absl::StatusOr<Hash> HashFromBytes(std::string_view bytes, absl::string_view field) {
  Hash out;
  if (bytes.size() != out.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be a 32-byte SHA-256 hash, got ", bytes.size(), " bytes"));
  }
  std::memcpy(out.data(), bytes.data(), out.size());
  return out;
}

}  // namespace kumppani
