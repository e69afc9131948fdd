// The blocking append of a lone appender: when no other append is in flight,
// the caller's own thread plans, writes and syncs it. Through the queue it
// would wait for the commit thread to wake, then for the sync thread, then
// be woken itself: three hand-offs that cost a lone appender about a third
// of its throughput on a disk whose sync takes a quarter of a millisecond.
// Appenders that arrive meanwhile take the queue as usual, and their groups
// are synced by the sync thread.
#include "ledger/store/rocks_event_store.h"

#include "ledger/common/status_macros.h"
#include "ledger/store/append_validation.h"

namespace kumppani::store {

absl::StatusOr<AppendResult> RocksEventStore::Append(AppendRequest request) {
  if (!options_.sync || in_flight_.fetch_add(1, std::memory_order_acq_rel) != 0) {
    if (options_.sync) in_flight_.fetch_sub(1, std::memory_order_acq_rel);
    return EventStore::Append(std::move(request));
  }
  absl::StatusOr<AppendResult> result = AppendAlone(request);
  in_flight_.fetch_sub(1, std::memory_order_acq_rel);
  return result;
}

absl::StatusOr<AppendResult> RocksEventStore::AppendAlone(AppendRequest& request) {
  KUMPPANI_RETURN_IF_ERROR(ValidateAppendRequest(options_, request));
  std::vector<absl::StatusOr<AppendResult>> results;
  uint64_t written_through = 0;
  {
    std::lock_guard<std::mutex> lock(commit_mu_);
    if (failed_.load()) return failure();
    planner_->BeginGroup();
    results.push_back(planner_->Plan(request));
    WritePlannedGroup(results);
    written_through = tree_size_written_;
  }
  if (failed_.load()) {  // a write failed here, or the sync thread's sync did
    if (!results.front().ok()) return std::move(results.front());
    return failure();
  }
  // Whatever the answer, it rests on what has been written, which may include
  // another appender's group that the sync thread has not synced yet (a retry
  // answered from it, or the version a conflict names): sync that first, as
  // the queue would. One sync covers every write finished before it began.
  if (written_through > head_.load(std::memory_order_acquire)) {
    KUMPPANI_RETURN_IF_ERROR(SyncLog());
    AdvanceHead(written_through);
  }
  if (results.front().ok()) appends_.fetch_add(1, std::memory_order_relaxed);
  return std::move(results.front());
}

}  // namespace kumppani::store
