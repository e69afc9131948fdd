// Signing and storing checkpoints of the log.
#include "ledger/audit/checkpointer.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "ledger/audit/checkpoint.h"
#include "ledger/audit/signed_note.h"
#include "ledger/common/status_macros.h"

namespace kumppani::audit {

absl::StatusOr<Ed25519KeyPair> LoadOrCreateCheckpointKey(const std::string& path) {
  std::error_code error;
  if (std::filesystem::exists(path, error)) return Ed25519KeyPair::LoadPrivateKeyPem(path);
  KUMPPANI_ASSIGN_OR_RETURN(Ed25519KeyPair key, Ed25519KeyPair::Generate());
  KUMPPANI_RETURN_IF_ERROR(key.SavePrivateKeyPem(path));
  return key;
}

Checkpointer::Checkpointer(store::EventStore& store, Ed25519KeyPair key, std::string origin,
                           const Clock& clock)
    : store_(store), key_(std::move(key)), origin_(std::move(origin)), clock_(clock) {
  auto vkey = FormatVerifierKey(origin_, key_.public_key());
  verifier_key_ = vkey.ok() ? *vkey : std::string();
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  stop_.notify_all();
  if (periodic_.joinable()) periodic_.join();
}

absl::StatusOr<store::StoredCheckpoint> Checkpointer::Checkpoint() {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t size = store_.HeadPosition().value();
  if (size == 0) {
    return absl::FailedPreconditionError("checkpoint: the log is empty; there is nothing to sign");
  }
  auto latest = store_.LatestCheckpoint();
  if (latest.ok() && latest->tree_size >= size) return *latest;
  if (!latest.ok() && latest.status().code() != absl::StatusCode::kNotFound) return latest.status();
  audit::Checkpoint checkpoint;
  checkpoint.origin = origin_;
  checkpoint.tree_size = size;
  KUMPPANI_ASSIGN_OR_RETURN(checkpoint.root_hash, store_.RootHash(size));
  checkpoint.timestamp_ms = clock_.NowMicros() / 1000;
  KUMPPANI_ASSIGN_OR_RETURN(std::string note, SignCheckpoint(checkpoint, key_));
  store::StoredCheckpoint stored{size, std::move(note)};
  KUMPPANI_RETURN_IF_ERROR(store_.PutCheckpoint(stored));
  return stored;
}

void Checkpointer::StartPeriodic(std::chrono::milliseconds interval) {
  periodic_ = std::thread([this, interval] { RunPeriodic(interval); });
}

void Checkpointer::RunPeriodic(std::chrono::milliseconds interval) {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (stop_.wait_for(lock, interval, [this] { return stopping_; })) return;
    }
    // Errors (an empty log, a failed store) are retried at the next tick;
    // on-demand callers see them directly.
    Checkpoint().IgnoreError();
  }
}

}  // namespace kumppani::audit
