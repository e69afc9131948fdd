// The durability stage of the append pipeline. The commit thread writes each
// group unsynced and hands it here; this stage's thread syncs the write-ahead
// log once for all groups written so far and then answers their appenders.
//
// A sync waits for the group the commit thread is writing at that moment (a
// bounded wait: one group's CPU work), so that one sync covers every write
// already under way instead of splitting concurrent appenders into cohorts
// that each pay for a sync of their own.
//
// Thread safety: BeginWrite/EndWrite are called by the commit thread only;
// Shutdown from any other thread, after the commit thread has stopped.
#ifndef KUMPPANI_LEDGER_STORE_SYNC_STAGE_H_
#define KUMPPANI_LEDGER_STORE_SYNC_STAGE_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "ledger/store/event_store.h"

namespace kumppani::store {

// A group written to the database but not yet synced.
struct WrittenGroup {
  std::vector<EventStore::AppendCallback> callbacks;
  std::vector<absl::StatusOr<AppendResult>> results;
  uint64_t last_position = 0;  // 0 when the group wrote nothing
};

class SyncStage {
 public:
  using SyncHandler = std::function<void(std::vector<WrittenGroup>& groups)>;

  // Starts the sync thread; `handler` syncs and answers a batch of groups.
  explicit SyncStage(SyncHandler handler);
  ~SyncStage();
  SyncStage(const SyncStage&) = delete;
  SyncStage& operator=(const SyncStage&) = delete;

  // The commit thread starts writing a group.
  void BeginWrite();
  // The commit thread has written `group` (or found nothing to write).
  void EndWrite(WrittenGroup group);

  // Handles every group handed over, then joins the thread.
  void Shutdown();

 private:
  void Run();

  const SyncHandler handler_;

  // Protected by mu_.
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<WrittenGroup> written_;
  bool writing_ = false;
  uint64_t writes_ended_ = 0;
  bool shutting_down_ = false;

  std::thread thread_;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_SYNC_STAGE_H_
