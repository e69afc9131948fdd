// The sync thread of the append pipeline.
#include "ledger/store/sync_stage.h"

#include <pthread.h>

namespace kumppani::store {

SyncStage::SyncStage(SyncHandler handler) : handler_(std::move(handler)) {
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
      while (!written_.empty()) {
        batch.push_back(std::move(written_.front()));
        written_.pop_front();
      }
    }
    handler_(batch);
    batch.clear();
  }
}

}  // namespace kumppani::store
