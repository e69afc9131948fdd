// The append pipeline's parts: BatchingQueue (batches, order, drain) and
// SyncStage (one sync covers a write under way when it starts).
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "gtest/gtest.h"
#include "ledger/store/batching_queue.h"
#include "ledger/store/sync_stage.h"

namespace kumppani::store {
namespace {

TEST(BatchingQueueTest, KeepsOrderRespectsWeightAndDrains) {
  std::mutex mu;
  std::vector<std::vector<int>> batches;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  {
    BatchingQueue<int> queue("test-queue", 5, [](const int& w) { return static_cast<size_t>(w); },
                             [&](std::vector<int>& batch) {
                               released.wait();  // hold the first batch so others queue up
                               std::lock_guard<std::mutex> lock(mu);
                               batches.push_back(batch);
                             });
    for (int item : {1, 2, 2, 3, 9, 1}) ASSERT_TRUE(queue.Push(item));
    release.set_value();
    queue.Shutdown();
    int late = 4;
    EXPECT_FALSE(queue.Push(late));
    EXPECT_EQ(late, 4);
  }
  std::vector<int> flat;
  for (const auto& batch : batches) {
    int weight = 0;
    for (int item : batch) weight += item;
    EXPECT_TRUE(weight <= 5 || batch.size() == 1) << "batch of weight " << weight;
    flat.insert(flat.end(), batch.begin(), batch.end());
  }
  EXPECT_EQ(flat, (std::vector<int>{1, 2, 2, 3, 9, 1}));
}

WrittenGroup GroupEnding(uint64_t position) {
  WrittenGroup group;
  group.last_position = position;
  return group;
}

TEST(SyncStageTest, SyncWaitsForTheWriteUnderWay) {
  std::mutex mu;
  std::vector<std::vector<uint64_t>> syncs;
  std::promise<void> first_sync_started;
  std::promise<void> release_first_sync;
  std::shared_future<void> released = release_first_sync.get_future().share();
  SyncStage stage([&](std::vector<WrittenGroup>& groups) {
    std::vector<uint64_t> positions;
    for (const auto& group : groups) positions.push_back(group.last_position);
    {
      std::lock_guard<std::mutex> lock(mu);
      syncs.push_back(positions);
    }
    if (positions == std::vector<uint64_t>{1}) {
      first_sync_started.set_value();
      released.wait();
    }
  });
  // Group 1's sync holds the sync thread while group 2 is handed over and
  // group 3 is being written: the next sync must wait for group 3 and cover
  // both, however the threads are scheduled.
  stage.BeginWrite();
  stage.EndWrite(GroupEnding(1));
  first_sync_started.get_future().wait();
  stage.BeginWrite();
  stage.EndWrite(GroupEnding(2));
  stage.BeginWrite();
  release_first_sync.set_value();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  stage.EndWrite(GroupEnding(3));
  stage.Shutdown();
  ASSERT_EQ(syncs.size(), 2u);
  EXPECT_EQ(syncs[0], (std::vector<uint64_t>{1}));
  EXPECT_EQ(syncs[1], (std::vector<uint64_t>{2, 3}));
}

TEST(SyncStageTest, IdleCommitThreadDoesNotDelaySync) {
  std::promise<std::vector<uint64_t>> first;
  std::atomic<bool> done{false};
  SyncStage stage([&](std::vector<WrittenGroup>& groups) {
    if (done.exchange(true)) return;
    std::vector<uint64_t> positions;
    for (const auto& group : groups) positions.push_back(group.last_position);
    first.set_value(positions);
  });
  stage.BeginWrite();
  stage.EndWrite(GroupEnding(7));
  auto future = first.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(future.get(), (std::vector<uint64_t>{7}));
}

}  // namespace
}  // namespace kumppani::store
