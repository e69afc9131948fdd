// WorkQueue: a mutex-guarded deque served by a fixed set of threads.
#include "api/work_queue.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace kumppani::api {

WorkQueue::WorkQueue(std::string name, int threads, size_t capacity)
    : name_(std::move(name)), capacity_(capacity) {
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

WorkQueue::~WorkQueue() {
  Shutdown();
  for (std::thread& thread : threads_) thread.join();
}

absl::Status WorkQueue::Submit(std::function<void()> work) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shutting_down_) return absl::UnavailableError("the server is shutting down");
    if (queue_.size() >= capacity_) {
      return absl::ResourceExhaustedError(
          absl::StrCat(name_, ": ", capacity_, " requests are already waiting; retry later"));
    }
    queue_.push_back(std::move(work));
  }
  ready_.notify_one();
  return absl::OkStatus();
}

void WorkQueue::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    shutting_down_ = true;
  }
  ready_.notify_all();
}

void WorkQueue::Run() {
  for (;;) {
    std::function<void()> work;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return shutting_down_ || !queue_.empty(); });
      if (queue_.empty()) return;  // shutting down and drained
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work();
  }
}

}  // namespace kumppani::api
