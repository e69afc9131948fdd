// Signed checkpoints: the server's Ed25519-signed statement "the log named
// <origin> had <tree size> events with Merkle root <root> at <time>", as a
// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) signed note:
//
//   <origin>\n
//   <tree size, decimal>\n
//   <root hash, base64>\n
//   timestamp <milliseconds since the Unix epoch, decimal>\n
//   \n
//   — <origin> <base64(4-byte key ID || 64-byte Ed25519 signature)>\n
//
// The fourth line is a tlog-checkpoint extension line. Kumppani checkpoints
// always carry exactly this one; its unit follows RFC 6962's signed tree
// head. Generic checkpoint tools read it as an opaque extension. The key name
// is the origin. See docs/verification.md.
//
// Thread safety: pure functions, callable from any thread.
#ifndef KUMPPANI_LEDGER_AUDIT_CHECKPOINT_H_
#define KUMPPANI_LEDGER_AUDIT_CHECKPOINT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ledger/audit/ed25519.h"
#include "ledger/audit/signed_note.h"
#include "ledger/common/sha256.h"

namespace kumppani::audit {

struct Checkpoint {
  // Names the log; also the signing key's name. A valid key name
  // (IsValidKeyName), e.g. "kumppani.example.fi/ledger".
  std::string origin;
  // Number of events (leaves) covered.
  uint64_t tree_size = 0;
  // RFC 9162 root of the first tree_size leaves.
  Hash root_hash{};
  // When the checkpoint was made, in milliseconds since the Unix epoch; >= 0.
  int64_t timestamp_ms = 0;

  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

// The note text (the four body lines above, each ending in '\n').
// INVALID_ARGUMENT for an invalid origin or a negative timestamp.
absl::StatusOr<std::string> FormatCheckpoint(const Checkpoint& checkpoint);

// The signed note: FormatCheckpoint() signed by `key` under the key name
// checkpoint.origin.
absl::StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint,
                                           const Ed25519KeyPair& key);

// Parses a signed checkpoint note WITHOUT verifying any signature: for
// display and diagnostics only; never trust the result. INVALID_ARGUMENT
// naming the line and rule that is broken.
absl::StatusOr<Checkpoint> ParseCheckpoint(std::string_view note);

// Verifies `note` against the key (`key_name`, `public_key`) and returns the
// checkpoint it signs. INVALID_ARGUMENT if the note or its body is malformed;
// FAILED_PRECONDITION if it carries no valid signature by that key (see
// OpenNote). The caller still checks that the origin is the log it expects.
absl::StatusOr<Checkpoint> VerifyCheckpoint(std::string_view note, std::string_view key_name,
                                            const Ed25519PublicKey& public_key);
absl::StatusOr<Checkpoint> VerifyCheckpoint(std::string_view note, const VerifierKey& key);

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_CHECKPOINT_H_
