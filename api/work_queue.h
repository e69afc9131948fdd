// A fixed pool of threads running queued work, for handlers whose work
// blocks (a domain command reads its aggregates and waits until its append
// is durable), so that gRPC's callback threads never wait on the disk while
// many commands still share one group commit.
//
// Bounded: Submit refuses with RESOURCE_EXHAUSTED once `capacity` items are
// waiting, and with UNAVAILABLE after Shutdown. Work already queued when
// Shutdown is called still runs (in-flight commands finish).
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_API_WORK_QUEUE_H_
#define KUMPPANI_API_WORK_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"

namespace kumppani::api {

class WorkQueue {
 public:
  // `name` appears in the RESOURCE_EXHAUSTED message. threads ≥ 1.
  WorkQueue(std::string name, int threads, size_t capacity);
  // Shutdown(), then waits for the threads.
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  absl::Status Submit(std::function<void()> work);

  // Refuses new work; the threads finish what is queued and stop.
  void Shutdown();

 private:
  void Run();

  const std::string name_;
  const size_t capacity_;

  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  bool shutting_down_ = false;               // guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_WORK_QUEUE_H_
