// A bounded queue between threads, for pipelines: Push blocks while the
// queue is full and Pop while it is empty; Close ends it, after which Push
// fails and Pop hands out what is left, then fails.
//
// Thread safety: every method may be called from any thread.
#ifndef KUMPPANI_LEDGER_COMMON_BOUNDED_QUEUE_H_
#define KUMPPANI_LEDGER_COMMON_BOUNDED_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace kumppani {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Queues `item`, waiting for room. False (and `item` dropped) once closed.
  bool Push(T item) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      has_room_.wait(lock, [this] { return closed_ || items_.size() < capacity_; });
      if (closed_) return false;
      items_.push_back(std::move(item));
    }
    has_item_.notify_one();
    return true;
  }

  // The oldest item, waiting for one; nullopt once closed and empty.
  std::optional<T> Pop() {
    std::optional<T> item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      has_item_.wait(lock, [this] { return closed_ || !items_.empty(); });
      if (items_.empty()) return std::nullopt;
      item.emplace(std::move(items_.front()));
      items_.pop_front();
    }
    has_room_.notify_one();
    return item;
  }

  // Wakes every waiter; items already queued can still be popped.
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
    }
    has_item_.notify_all();
    has_room_.notify_all();
  }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable has_item_;
  std::condition_variable has_room_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace kumppani

#endif  // KUMPPANI_LEDGER_COMMON_BOUNDED_QUEUE_H_
