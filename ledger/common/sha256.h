// SHA-256 (FIPS 180-4) through OpenSSL's EVP interface, and the hex text form
// of a digest. The Merkle tree, its proofs and checkpoints all hash with this.
//
// Thread safety: the free functions may be called from any thread; a
// Sha256Hasher is a single-threaded object.
#ifndef KUMPPANI_LEDGER_COMMON_SHA256_H_
#define KUMPPANI_LEDGER_COMMON_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// OpenSSL's digest context, kept opaque so that OpenSSL headers do not leak.
struct evp_md_ctx_st;

namespace kumppani {

// A SHA-256 digest.
using Hash = std::array<uint8_t, 32>;

// Incremental SHA-256: Update() any number of times, then Finish() once.
// OpenSSL failing to hash (out of memory) aborts the process: no caller could
// do anything sensible without hashes.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  Sha256Hasher& Update(std::string_view bytes);
  Sha256Hasher& Update(const Hash& hash);
  Sha256Hasher& UpdateByte(uint8_t byte);
  // The digest of everything passed to Update(). Call at most once.
  Hash Finish();

 private:
  evp_md_ctx_st* ctx_;
};

// SHA-256 of `bytes`.
Hash Sha256(std::string_view bytes);

// The digest's raw 32 bytes as a string.
std::string_view HashBytes(const Hash& hash);

// Lower-case hex, 64 characters.
std::string HashToHex(const Hash& hash);

// Parses 64 hex digits (either case). INVALID_ARGUMENT naming `field` for any
// other input.
absl::StatusOr<Hash> HashFromHex(std::string_view hex, absl::string_view field);

// Copies exactly 32 raw bytes into a Hash. INVALID_ARGUMENT naming `field`
// for any other length.
absl::StatusOr<Hash> HashFromBytes(std::string_view bytes, absl::string_view field);

}  // namespace kumppani

#endif  // KUMPPANI_LEDGER_COMMON_SHA256_H_
