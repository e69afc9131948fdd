// The client's trust in a log: the verifier key and the last signed checkpoint
// that verified, kept in a local file between runs, and the check every
// `proof` and `verify` starts with. The server's latest checkpoint must be
// signed by the trusted key and be consistent with the trusted checkpoint (an
// RFC 9162 consistency proof), so a server that rewrote or rolled back
// history is caught even when it re-signed it.
#ifndef KUMPPANI_TOOLS_KUMPPANI_TRUSTED_CHECKPOINT_H_
#define KUMPPANI_TOOLS_KUMPPANI_TRUSTED_CHECKPOINT_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "ledger/audit/checkpoint.h"
#include "tools/kumppani/cli.h"

namespace kumppani::cli {

// What the trust file holds.
struct TrustedState {
  std::string verifier_key;  // "<name>+<key id>+<base64 key>"
  std::string note;          // the signed checkpoint, verbatim
};

// The default trust file for a server address:
// $XDG_STATE_HOME (or ~/.local/state)/kumppani/trusted-<address>.checkpoint.
std::string DefaultTrustFile(const std::string& server);

// nullopt when the file does not exist; INVALID_ARGUMENT naming the file when
// it is not a trust file.
absl::StatusOr<std::optional<TrustedState>> LoadTrustedState(const std::string& path);

// Writes atomically (temporary file, fsync, rename), creating directories.
absl::Status SaveTrustedState(const std::string& path, const TrustedState& state);

// Options of the commands that verify.
struct TrustOptions {
  std::string trust_file;    // empty: DefaultTrustFile(server)
  std::string verifier_key;  // empty: the trust file's, else the server's (trust on first use)
};

// The outcome of checking the server's latest checkpoint.
struct CheckedCheckpoint {
  audit::Checkpoint checkpoint;           // verified
  TrustedState state;                     // to save once the caller's checks pass
  std::string trust_file;                 // where to save it
  std::optional<uint64_t> previous_size;  // the trusted size it was proven consistent with
  bool trusted_on_first_use = false;      // the key came from the server itself
};

// Fetches the latest checkpoint and checks it as described above. On failure
// prints why and returns the exit code (kExitVerificationFailed for a bad
// signature, a different key, a rollback or an inconsistency;
// kExitServerError / kExitUsage otherwise).
struct CheckResult {
  std::optional<CheckedCheckpoint> checked;
  int exit_code = kExitOk;
};
CheckResult CheckLatestCheckpoint(Cli& cli, const TrustOptions& options);

// Prints "kumppani: verification failed: <message>" and returns
// kExitVerificationFailed.
int VerificationFailed(Cli& cli, const std::string& message);

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_TRUSTED_CHECKPOINT_H_
