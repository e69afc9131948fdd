// Encryption of persons' personal data with their per-person key:
// AES-256-GCM (OpenSSL), a fresh 12-byte random nonce per message, the person
// id as associated data (so a ciphertext cannot be moved to another person).
// Wire format: nonce (12) || ciphertext || tag (16).
//
// Thread safety: free functions without shared state.
#ifndef KUMPPANI_LEDGER_DOMAIN_PERSONAL_DATA_CIPHER_H_
#define KUMPPANI_LEDGER_DOMAIN_PERSONAL_DATA_CIPHER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "kumppani/v1/domain.pb.h"

namespace kumppani::domain {

inline constexpr size_t kPersonKeyBytes = 32;
inline constexpr char kPersonalDataCipherName[] = "AES-256-GCM";

// A fresh random 32-byte key from OpenSSL's CSPRNG.
std::string NewPersonKey();

// Encrypts `plaintext` under `key` (32 bytes) with `associated_data`.
// INVALID_ARGUMENT for a key of the wrong size; INTERNAL if OpenSSL fails.
absl::StatusOr<std::string> SealBytes(absl::string_view key, absl::string_view plaintext,
                                      absl::string_view associated_data);

// Decrypts and authenticates. DATA_LOSS when the ciphertext, tag or
// associated data do not match (tampering, or the wrong key).
absl::StatusOr<std::string> OpenBytes(absl::string_view key, absl::string_view sealed,
                                      absl::string_view associated_data);

// The PersonalData message sealed for `person_id`.
absl::StatusOr<std::string> SealPersonalData(absl::string_view key, absl::string_view person_id,
                                             const v1::PersonalData& data);
absl::StatusOr<v1::PersonalData> OpenPersonalData(absl::string_view key,
                                                  absl::string_view person_id,
                                                  absl::string_view sealed);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_PERSONAL_DATA_CIPHER_H_
