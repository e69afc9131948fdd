// A queue drained by one thread in batches: producers push items from any
// thread; the queue's thread takes everything waiting at that moment (up to a
// weight cap) and hands it to a handler. The store uses two: appends waiting
// to be planned and written, and written groups waiting for one shared sync.
//
// Thread safety: Push() and Shutdown() may be called from any thread. The
// handler runs only on the queue's thread, one batch at a time, in push order.
#ifndef KUMPPANI_LEDGER_STORE_BATCHING_QUEUE_H_
#define KUMPPANI_LEDGER_STORE_BATCHING_QUEUE_H_

#include <pthread.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kumppani::store {

template <typename T>
class BatchingQueue {
 public:
  using Handler = std::function<void(std::vector<T>& batch)>;
  using Weigher = std::function<size_t(const T&)>;

  // Starts the thread, named `thread_name` (at most 15 characters, shown by
  // top -H and debuggers). A batch holds items of total weight at most
  // `max_weight`, but always at least one item.
  BatchingQueue(const char* thread_name, size_t max_weight, Weigher weigher, Handler handler)
      : max_weight_(max_weight), weigher_(std::move(weigher)), handler_(std::move(handler)) {
    thread_ = std::thread([this] { Run(); });
    pthread_setname_np(thread_.native_handle(), thread_name);
  }
  // Drains: every item pushed before destruction is handled.
  ~BatchingQueue() { Shutdown(); }
  BatchingQueue(const BatchingQueue&) = delete;
  BatchingQueue& operator=(const BatchingQueue&) = delete;

  // Queues `item`. Returns false (leaving `item` untouched) once shutdown began.
  bool Push(T& item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (shutting_down_) return false;
      queue_.push_back(std::move(item));
    }
    has_work_.notify_one();
    return true;
  }

  // Stops accepting items, handles everything queued, joins the thread.
  // Must not be called from the queue's own thread.
  void Shutdown() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      shutting_down_ = true;
    }
    has_work_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Run() {
    std::vector<T> batch;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        has_work_.wait(lock, [this] { return !queue_.empty() || shutting_down_; });
        if (queue_.empty()) return;  // shutting down and drained
        size_t weight = 0;
        while (!queue_.empty()) {
          size_t next = weigher_(queue_.front());
          if (!batch.empty() && weight + next > max_weight_) break;
          weight += next;
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      handler_(batch);
      batch.clear();
    }
  }

  // Constant after construction.
  const size_t max_weight_;
  const Weigher weigher_;
  const Handler handler_;

  // Protected by mu_.
  std::mutex mu_;
  std::condition_variable has_work_;
  std::deque<T> queue_;
  bool shutting_down_ = false;

  std::thread thread_;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_BATCHING_QUEUE_H_
