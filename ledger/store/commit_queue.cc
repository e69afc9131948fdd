// The group-commit queue and its commit thread.
#include "ledger/store/commit_queue.h"

namespace kumppani::store {

CommitQueue::CommitQueue(size_t max_group_events, GroupHandler handler)
    : max_group_events_(max_group_events), handler_(std::move(handler)) {
  thread_ = std::thread([this] { Run(); });
}

CommitQueue::~CommitQueue() { Shutdown(); }

bool CommitQueue::Push(PendingAppend& pending) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shutting_down_) return false;
    queue_.push_back(std::move(pending));
  }
  has_work_.notify_one();
  return true;
}

void CommitQueue::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    shutting_down_ = true;
  }
  has_work_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void CommitQueue::Run() {
  std::vector<PendingAppend> group;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      has_work_.wait(lock, [this] { return !queue_.empty() || shutting_down_; });
      if (queue_.empty()) return;  // shutting down and drained
      size_t events = 0;
      while (!queue_.empty()) {
        size_t next = queue_.front().request.events.size();
        if (!group.empty() && events + next > max_group_events_) break;
        events += next;
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    handler_(group);
    group.clear();
  }
}

}  // namespace kumppani::store
