// The group-commit queue: appenders push requests from any thread; one commit
// thread takes everything waiting at that moment (up to a cap) and hands it to
// a handler that writes it with one synced WriteBatch.
//
// Thread safety: Push() may be called from any thread. The handler runs only on
// the commit thread, one group at a time, in push order.
#ifndef KUMPPANI_LEDGER_STORE_COMMIT_QUEUE_H_
#define KUMPPANI_LEDGER_STORE_COMMIT_QUEUE_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "ledger/store/event_store.h"

namespace kumppani::store {

struct PendingAppend {
  AppendRequest request;
  EventStore::AppendCallback done;
};

class CommitQueue {
 public:
  using GroupHandler = std::function<void(std::vector<PendingAppend>& group)>;

  // Starts the commit thread. `max_group_events` caps the events of one group
  // (a single larger append still forms a group of its own).
  CommitQueue(size_t max_group_events, GroupHandler handler);
  // Drains: every request pushed before destruction is committed.
  ~CommitQueue();

  // Queues `pending`. Returns false (and leaves `pending` untouched) once
  // shutdown has begun.
  bool Push(PendingAppend& pending);

  // Stops accepting new requests, commits everything queued, joins the thread.
  void Shutdown();

 private:
  void Run();

  // Constant after construction.
  const size_t max_group_events_;
  const GroupHandler handler_;

  // Protected by mu_.
  std::mutex mu_;
  std::condition_variable has_work_;
  std::deque<PendingAppend> queue_;
  bool shutting_down_ = false;

  std::thread thread_;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_COMMIT_QUEUE_H_
