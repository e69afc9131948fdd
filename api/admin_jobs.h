// How AdminService runs long work without holding gRPC's callback threads:
// each call's work (a backup, a verification, a rebuild, an erasure) runs on
// a thread of its own that AdminJobs owns, and a streaming call's messages
// reach the client through a JobStream reactor.
//
// AdminJobs bounds how many jobs run at once, tells jobs to stop when the
// server shuts down, and joins every thread before it is destroyed.
//
// JobStream is the ServerWriteReactor of a streaming call fed by one job:
// the job Send()s messages and finally Complete()s the call; the reactor
// keeps at most one write in flight and queues the rest. A message sent as
// replaceable (progress) replaces a replaceable one still queued, so a slow
// client costs at most a few queued messages. Once the client cancels or
// goes away, cancelled() turns true (jobs poll it) and messages are dropped.
//
// Thread safety: all public methods of both classes may be called from any
// thread.
#ifndef KUMPPANI_API_ADMIN_JOBS_H_
#define KUMPPANI_API_ADMIN_JOBS_H_

#include <atomic>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "api/status_mapping.h"
#include "grpcpp/support/server_callback.h"

namespace kumppani::api {

class AdminJobs {
 public:
  // At most `max_jobs` (≥ 1) jobs run at once.
  explicit AdminJobs(size_t max_jobs);
  // Shutdown(), then waits for every job's thread.
  ~AdminJobs();
  AdminJobs(const AdminJobs&) = delete;
  AdminJobs& operator=(const AdminJobs&) = delete;

  // Runs `work` on a new thread. RESOURCE_EXHAUSTED (naming `what`) when
  // max_jobs are running; UNAVAILABLE after Shutdown(). When it fails,
  // `work` has not run and the caller finishes the call itself.
  absl::Status Start(const char* what, std::function<void()> work);

  // Tells running jobs to stop (stopping() turns true; stoppable jobs end
  // early) and refuses new ones. Does not wait.
  void Shutdown();
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  // Jobs whose threads have not finished (for tests).
  size_t running() const;

 private:
  struct Job {
    std::thread thread;
    bool done = false;  // guarded by mu_
  };
  // Joins the threads of finished jobs. mu_ held.
  void ReapLocked();

  const size_t max_jobs_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::list<Job> jobs_;  // guarded by mu_
};

template <typename Response>
class JobStream final : public grpc::ServerWriteReactor<Response> {
 public:
  // A stream that finishes at once with `status` (a refused call).
  static JobStream* Refused(const absl::Status& status) {
    auto* stream = new JobStream();
    stream->Complete(status);
    return stream;
  }

  JobStream() = default;

  // Queues `message` for the client (dropped once the client is gone).
  void Send(Response message, bool replaceable) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (client_gone_ || completion_.has_value()) return;
      if (replaceable && !queue_.empty() && queue_.back().replaceable) {
        queue_.back().message = std::move(message);
      } else {
        queue_.push_back(Queued{std::move(message), replaceable});
      }
    }
    Pump();
  }

  // Finishes the call with `status` once the queued messages are written.
  // Call exactly once, last: the stream may be deleted when it returns.
  void Complete(absl::Status status) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!completion_.has_value()) completion_ = std::move(status);
    }
    Pump();
    Unref();
  }

  // True once the client cancelled the call or stopped reading it.
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

  void OnWriteDone(bool ok) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      writing_ = false;
      if (!ok) MarkGoneLocked();
    }
    Pump();
  }

  void OnCancel() override {
    std::lock_guard<std::mutex> lock(mu_);
    MarkGoneLocked();
  }

  void OnDone() override { Unref(); }

 private:
  struct Queued {
    Response message;
    bool replaceable;
  };

  // The stream is deleted when both gRPC (OnDone) and the job (Complete)
  // are done with it, whichever comes last: OnDone may run on another
  // thread while Complete is still returning.
  void Unref() {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  void MarkGoneLocked() {
    client_gone_ = true;
    queue_.clear();
    cancelled_.store(true, std::memory_order_release);
  }

  // Starts the next write, or the Finish, unless one is in flight. Never
  // calls into gRPC with mu_ held.
  void Pump() {
    std::unique_lock<std::mutex> lock(mu_);
    if (writing_ || finished_) return;
    if (!queue_.empty()) {
      writing_ = true;
      outgoing_ = std::move(queue_.front().message);
      queue_.pop_front();
      lock.unlock();
      this->StartWrite(&outgoing_);
      return;
    }
    if (!completion_.has_value()) return;
    finished_ = true;
    grpc::Status status = ToGrpcStatus(*completion_);
    lock.unlock();
    this->Finish(std::move(status));
  }

  std::atomic<int> refs_{2};
  std::atomic<bool> cancelled_{false};
  std::mutex mu_;
  // Guarded by mu_.
  std::deque<Queued> queue_;
  std::optional<absl::Status> completion_;
  bool writing_ = false;      // a StartWrite is in flight
  bool finished_ = false;     // Finish has been called
  bool client_gone_ = false;  // cancelled, or a write failed
  // The message being written; gRPC reads it until OnWriteDone.
  Response outgoing_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_ADMIN_JOBS_H_
