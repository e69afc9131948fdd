// AES-256-GCM sealing of personal data through OpenSSL's EVP interface.
#include "ledger/domain/personal_data_cipher.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"

namespace kumppani::domain {
namespace {

constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;

struct CtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter>;

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

absl::Status CheckKey(absl::string_view key) {
  if (key.size() != kPersonKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("key: must be ", kPersonKeyBytes, " bytes, got ", key.size()));
  }
  return absl::OkStatus();
}

}  // namespace

std::string NewPersonKey() {
  std::string key(kPersonKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), kPersonKeyBytes) != 1) {
    // Without a working CSPRNG no key may be made at all.
    std::abort();
  }
  return key;
}

absl::StatusOr<std::string> SealBytes(absl::string_view key, absl::string_view plaintext,
                                      absl::string_view associated_data) {
  if (absl::Status s = CheckKey(key); !s.ok()) return s;
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  if (RAND_bytes(nonce, kNonceBytes) != 1) return absl::InternalError("RAND_bytes failed");
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int length = 0;
  unsigned char* body = nonce + kNonceBytes;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), nonce) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &length, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), body, &length, Bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), body + length, &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                          body + plaintext.size()) != 1) {
    return absl::InternalError("AES-256-GCM encryption failed in OpenSSL");
  }
  return out;
}

absl::StatusOr<std::string> OpenBytes(absl::string_view key, absl::string_view sealed,
                                      absl::string_view associated_data) {
  if (absl::Status s = CheckKey(key); !s.ok()) return s;
  if (sealed.size() < static_cast<size_t>(kNonceBytes + kTagBytes)) {
    return absl::DataLossError(absl::StrCat("sealed data: must be at least ",
                                            kNonceBytes + kTagBytes, " bytes, got ",
                                            sealed.size()));
  }
  size_t body_size = sealed.size() - kNonceBytes - kTagBytes;
  std::string out(body_size, '\0');
  std::string tag(sealed.substr(kNonceBytes + body_size));
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int length = 0;
  auto* plain = reinterpret_cast<unsigned char*>(out.data());
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), Bytes(sealed)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &length, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), plain, &length, Bytes(sealed) + kNonceBytes,
                        static_cast<int>(body_size)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1) {
    return absl::InternalError("AES-256-GCM decryption failed in OpenSSL");
  }
  if (EVP_DecryptFinal_ex(ctx.get(), plain + length, &length) != 1) {
    return absl::DataLossError(
        "sealed data: authentication failed (wrong key, wrong subject or altered bytes)");
  }
  return out;
}

absl::StatusOr<std::string> SealPersonalData(absl::string_view key, absl::string_view person_id,
                                             const v1::PersonalData& data) {
  std::string plain;
  if (!data.SerializeToString(&plain)) return absl::InternalError("PersonalData: serialization failed");
  return SealBytes(key, plain, person_id);
}

absl::StatusOr<v1::PersonalData> OpenPersonalData(absl::string_view key,
                                                  absl::string_view person_id,
                                                  absl::string_view sealed) {
  absl::StatusOr<std::string> plain = OpenBytes(key, sealed, person_id);
  if (!plain.ok()) return plain.status();
  v1::PersonalData data;
  if (!data.ParseFromString(*plain)) {
    return absl::DataLossError("personal data: decrypted bytes are not a PersonalData message");
  }
  return data;
}

}  // namespace kumppani::domain
