// Makes signed checkpoints of a log: signs (origin, tree size, root, time)
// of the acknowledged head with the server's Ed25519 key and stores the note
// in the store, on demand and periodically.
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_LEDGER_AUDIT_CHECKPOINTER_H_
#define KUMPPANI_LEDGER_AUDIT_CHECKPOINTER_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "ledger/audit/ed25519.h"
#include "ledger/common/clock.h"
#include "ledger/store/event_store.h"

namespace kumppani::audit {

// The checkpoint key at `path`: loaded if the file exists (it must not be
// readable by group or others), else generated and saved with mode 0600.
absl::StatusOr<Ed25519KeyPair> LoadOrCreateCheckpointKey(const std::string& path);

class Checkpointer {
 public:
  // `origin` names the log in every checkpoint and is the key name of its
  // signature (e.g. "kumppani.example.fi/log"). `store` and `clock` are not
  // owned and must outlive the Checkpointer.
  Checkpointer(store::EventStore& store, Ed25519KeyPair key, std::string origin,
               const Clock& clock);
  // Stops the periodic thread, if started.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // A checkpoint of the current head. When the latest stored checkpoint
  // already covers the head it is returned unchanged; otherwise a new one is
  // signed and stored. An empty log has no checkpoint: FAILED_PRECONDITION.
  absl::StatusOr<store::StoredCheckpoint> Checkpoint();

  // Also makes a checkpoint every `interval` (when the log has grown) until
  // destruction. Call at most once.
  void StartPeriodic(std::chrono::milliseconds interval);

  // The verifier key ("<origin>+<key id>+<base64 key>") auditors use to
  // check this log's checkpoints.
  const std::string& verifier_key() const { return verifier_key_; }

 private:
  void RunPeriodic(std::chrono::milliseconds interval);

  // Constant after construction.
  store::EventStore& store_;
  const Ed25519KeyPair key_;
  const std::string origin_;
  const Clock& clock_;
  std::string verifier_key_;

  std::mutex mu_;  // serialises Checkpoint(); guards stopping_
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread periodic_;
};

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_CHECKPOINTER_H_
