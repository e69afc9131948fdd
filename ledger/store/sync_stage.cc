// The sync thread of the append pipeline.
#include "ledger/store/sync_stage.h"

#include <pthread.h>

namespace kumppani::store {

SyncStage::SyncStage(SyncHandler handler, bool linger)
    : handler_(std::move(handler)), linger_(linger) {
  thread_ = std::thread([this] { Run(); });
  pthread_setname_np(thread_.native_handle(), "kumppani-sync");
}

SyncStage::~SyncStage() { Shutdown(); }

void SyncStage::BeginWrite() {
  std::lock_guard<std::mutex> lock(mu_);
  writing_ = true;
}

void SyncStage::EndWrite(WrittenGroup group) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    written_.push_back(std::move(group));
    writing_ = false;
    ++writes_ended_;
  }
  changed_.notify_one();
}

void SyncStage::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    shutting_down_ = true;
  }
  changed_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void SyncStage::Run() {
  std::vector<WrittenGroup> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [this] { return !written_.empty() || shutting_down_; });
      if (written_.empty()) return;  // shutting down and drained
      if (writing_) {
        const uint64_t in_progress = writes_ended_;
        changed_.wait(lock, [&] { return writes_ended_ != in_progress; });
      }
      auto written_appends = [this] {
        size_t appends = 0;
        for (const WrittenGroup& group : written_) appends += group.callbacks.size();
        return appends;
      };
      if (linger_ && written_appends() < previous_appends_) {
        const auto deadline = std::chrono::steady_clock::now() + previous_duration_ / 2;
        changed_.wait_until(lock, deadline, [&] {
          return shutting_down_ || written_appends() >= previous_appends_;
        });
        if (writing_) {
          const uint64_t in_progress = writes_ended_;
          changed_.wait(lock, [&] { return writes_ended_ != in_progress; });
        }
      }
      while (!written_.empty()) {
        batch.push_back(std::move(written_.front()));
        written_.pop_front();
      }
    }
    size_t appends = 0;
    for (const WrittenGroup& group : batch) appends += group.callbacks.size();
    const auto started = std::chrono::steady_clock::now();
    handler_(batch);
    previous_duration_ = std::min<std::chrono::steady_clock::duration>(
        std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2));
    previous_appends_ = appends;
    batch.clear();
  }
}

}  // namespace kumppani::store
