// Ed25519 (RFC 8032) signing keys through OpenSSL EVP: the server's
// checkpoint key, its private key file and signature verification.
//
// Thread safety: a const Ed25519KeyPair may be used from several threads;
// VerifyEd25519 is a pure function.
#ifndef KUMPPANI_LEDGER_AUDIT_ED25519_H_
#define KUMPPANI_LEDGER_AUDIT_ED25519_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace kumppani::audit {

// The RFC 8032 32-byte public key encoding.
using Ed25519PublicKey = std::array<uint8_t, 32>;
using Ed25519Signature = std::array<uint8_t, 64>;

// A key pair. Holds the 32-byte private seed, which is wiped when the object
// is destroyed or moved from. Move-only, so that secrets are not copied by
// accident.
class Ed25519KeyPair {
 public:
  static constexpr size_t kSeedSize = 32;

  // A fresh key from OpenSSL's CSPRNG. INTERNAL if OpenSSL fails.
  static absl::StatusOr<Ed25519KeyPair> Generate();
  // The key whose RFC 8032 private key (seed) is `seed`. INVALID_ARGUMENT
  // unless `seed` is 32 bytes.
  static absl::StatusOr<Ed25519KeyPair> FromSeed(std::string_view seed);
  // Reads a PKCS#8 PEM file ("-----BEGIN PRIVATE KEY-----", as written by
  // SavePrivateKeyPem or `openssl genpkey -algorithm ed25519`). NOT_FOUND if
  // the file is missing; FAILED_PRECONDITION if group or others have any
  // access to it (like ssh, a private key must be private: chmod 600);
  // INVALID_ARGUMENT if it does not hold an Ed25519 private key.
  static absl::StatusOr<Ed25519KeyPair> LoadPrivateKeyPem(const std::string& path);

  Ed25519KeyPair(Ed25519KeyPair&& other) noexcept;
  Ed25519KeyPair& operator=(Ed25519KeyPair&& other) noexcept;
  ~Ed25519KeyPair();

  // Writes the private key as a PKCS#8 PEM file created with mode 0600 and
  // synced to disk. Never overwrites: ALREADY_EXISTS if `path` exists.
  absl::Status SavePrivateKeyPem(const std::string& path) const;

  const Ed25519PublicKey& public_key() const { return public_key_; }

  // The RFC 8032 signature of `message`. INTERNAL if OpenSSL fails.
  absl::StatusOr<Ed25519Signature> Sign(std::string_view message) const;

 private:
  Ed25519KeyPair() = default;
  void Wipe();

  std::array<uint8_t, kSeedSize> seed_{};
  Ed25519PublicKey public_key_{};
};

// True iff `signature` is a valid RFC 8032 signature of `message` by
// `public_key`. Any failure (including a malformed key) is false.
bool VerifyEd25519(const Ed25519PublicKey& public_key, std::string_view message,
                   const Ed25519Signature& signature);

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_ED25519_H_
