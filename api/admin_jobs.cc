// AdminJobs: one thread per running admin job, bounded, joined at the end.
#include "api/admin_jobs.h"

#include "absl/strings/str_cat.h"

namespace kumppani::api {

AdminJobs::AdminJobs(size_t max_jobs) : max_jobs_(max_jobs == 0 ? 1 : max_jobs) {}

AdminJobs::~AdminJobs() {
  Shutdown();
  std::list<Job> jobs;
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs.swap(jobs_);
  }
  for (Job& job : jobs) job.thread.join();
}

absl::Status AdminJobs::Start(const char* what, std::function<void()> work) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping()) {
    return absl::UnavailableError(
        absl::StrCat("the server is shutting down; ", what, " again after it restarts"));
  }
  ReapLocked();
  if (jobs_.size() >= max_jobs_) {
    return absl::ResourceExhaustedError(
        absl::StrCat(max_jobs_,
                     " admin calls (backups, verifications, rebuilds, erasures) are running, the "
                     "most at once; ",
                     what, " again when one has finished"));
  }
  Job& job = jobs_.emplace_back();
  job.thread = std::thread([this, &job, work = std::move(work)]() mutable {
    work();
    work = nullptr;  // release what the work captured before saying done
    std::lock_guard<std::mutex> done_lock(mu_);
    job.done = true;
  });
  return absl::OkStatus();
}

void AdminJobs::Shutdown() { stopping_.store(true, std::memory_order_release); }

size_t AdminJobs::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t running = 0;
  for (const Job& job : jobs_) running += job.done ? 0 : 1;
  return running;
}

void AdminJobs::ReapLocked() {
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    if (!it->done) {
      ++it;
      continue;
    }
    it->thread.join();  // the thread is past its last use of this object
    it = jobs_.erase(it);
  }
}

}  // namespace kumppani::api
