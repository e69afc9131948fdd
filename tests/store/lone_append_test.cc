// A blocking append with nothing else in flight is planned, written and
// synced on its caller's thread; one that finds another append in flight
// takes the queue. Both paths together keep positions gap-free, the head
// moving only forward, and every answer readable.
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "tests/testing/events.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;

class LoneAppendTest : public ::testing::Test {
 protected:
  LoneAppendTest() {
    StoreOptions options;
    options.path = dir_.Sub("db");
    store_ = *EventStore::Open(options);
  }

  // Records the thread each head advance is announced on.
  void ListenForHeads() {
    store_->AddHeadListener([this](Position head) {
      std::lock_guard<std::mutex> lock(mu_);
      heads_.push_back(head.value());
      head_threads_.push_back(std::this_thread::get_id());
    });
  }

  kumppani::testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
  std::mutex mu_;
  std::vector<uint64_t> heads_;                       // guarded by mu_
  std::vector<std::thread::id> head_threads_;         // guarded by mu_
};

TEST_F(LoneAppendTest, LoneBlockingAppendRunsOnTheCallersThread) {
  ListenForHeads();
  auto first = store_->Append(MakeAppend("org-1", ExpectedVersion::NoStream(),
                                         {MakeEvent("A", "1"), MakeEvent("A", "2")}));
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = store_->Append(MakeAppend("org-1", ExpectedVersion::Exact(StreamVersion(2)), {MakeEvent("A", "3")}));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->first_position, Position(3));
  EXPECT_EQ(second->stream_version, StreamVersion(3));
  EXPECT_EQ(store_->HeadPosition(), Position(3));

  std::lock_guard<std::mutex> lock(mu_);
  EXPECT_EQ(heads_, (std::vector<uint64_t>{2, 3}));
  for (std::thread::id id : head_threads_) EXPECT_EQ(id, std::this_thread::get_id());
  StoreStats stats = store_->Stats();
  EXPECT_EQ(stats.appends, 2u);
  EXPECT_EQ(stats.write_batches, 2u);
  EXPECT_EQ(stats.syncs, 2u);
}

TEST_F(LoneAppendTest, LoneAppendGivesTheQueuesAnswers) {
  const EventEnvelope event = MakeEvent("A", "1");
  ASSERT_TRUE(store_->Append(MakeAppend("org-1", ExpectedVersion::NoStream(), {event})).ok());

  auto retry = store_->Append(MakeAppend("org-1", ExpectedVersion::NoStream(), {event}));
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->first_position, Position(1));

  auto conflict = store_->Append(MakeAppend("org-1", ExpectedVersion::NoStream(), {MakeEvent("A", "2")}));
  EXPECT_EQ(conflict.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(conflict.status().message(), "stream \"org-1\": expected no stream, actual version 1");

  auto invalid = store_->Append(MakeAppend("", ExpectedVersion::Any(), {MakeEvent("A", "3")}));
  EXPECT_EQ(invalid.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->HeadPosition(), Position(1));
  // Nothing failed but the first append wrote: one batch, one sync.
  EXPECT_EQ(store_->Stats().write_batches, 1u);
  EXPECT_EQ(store_->Stats().syncs, 1u);
}

TEST_F(LoneAppendTest, AppendBehindAnotherInFlightTakesTheQueue) {
  ListenForHeads();
  // Pause commits, so that an asynchronous append stays in flight.
  std::promise<void> paused;
  std::promise<void> resume;
  std::thread pauser([&] {
    absl::Status status = store_->RunWithCommitsPaused([&](IndexWriter&) {
      paused.set_value();
      resume.get_future().wait();
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
  });
  paused.get_future().wait();
  std::promise<absl::StatusOr<AppendResult>> queued;
  store_->AppendAsync(MakeAppend("org-1", ExpectedVersion::NoStream(), {MakeEvent("A", "1")}),
                      [&](absl::StatusOr<AppendResult> result) { queued.set_value(result); });
  std::thread::id blocking_thread;
  std::promise<absl::StatusOr<AppendResult>> blocking;
  std::thread appender([&] {
    blocking_thread = std::this_thread::get_id();
    blocking.set_value(store_->Append(
        MakeAppend("org-2", ExpectedVersion::NoStream(), {MakeEvent("B", "1")})));
  });
  // The blocking append must not get past the pause on its own thread.
  auto blocked = blocking.get_future();
  EXPECT_EQ(blocked.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  resume.set_value();
  pauser.join();
  appender.join();

  auto first = queued.get_future().get();
  auto second = blocked.get();
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(first->first_position, Position(1));
  EXPECT_EQ(second->first_position, Position(2));
  std::lock_guard<std::mutex> lock(mu_);
  ASSERT_FALSE(heads_.empty());
  EXPECT_EQ(heads_.back(), 2u);
  for (std::thread::id id : head_threads_) EXPECT_NE(id, blocking_thread);
}

TEST_F(LoneAppendTest, BothPathsTogetherStayGapFreeAndInOrder) {
  ListenForHeads();
  constexpr int kBlockingThreads = 4;
  constexpr int kAppendsPerThread = 150;
  constexpr int kAsyncAppends = 300;
  std::vector<std::vector<AppendResult>> results(kBlockingThreads + 1);
  std::atomic<int> unreadable{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kBlockingThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 random(static_cast<unsigned>(t));
      for (int i = 0; i < kAppendsPerThread; ++i) {
        // Pauses of up to 300 µs leave the store idle now and then.
        std::this_thread::sleep_for(std::chrono::microseconds(random() % 300));
        auto result = store_->Append(MakeAppend("org-t" + std::to_string(t), ExpectedVersion::Any(),
                                                {MakeEvent("A", std::to_string(i))}));
        ASSERT_TRUE(result.ok()) << result.status();
        // An answered append is readable at once.
        if (!store_->ReadEvent(result->last_position).ok()) unreadable.fetch_add(1);
        results[t].push_back(*result);
      }
    });
  }
  std::mutex async_mu;
  std::atomic<int> async_answered{0};
  for (int i = 0; i < kAsyncAppends; ++i) {
    store_->AppendAsync(MakeAppend("org-async", ExpectedVersion::Any(), {MakeEvent("B", "x")}),
                        [&](absl::StatusOr<AppendResult> result) {
                          ASSERT_TRUE(result.ok()) << result.status();
                          std::lock_guard<std::mutex> lock(async_mu);
                          results[kBlockingThreads].push_back(*result);
                          async_answered.fetch_add(1);
                        });
    if (i % 10 == 0) std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  for (auto& thread : threads) thread.join();
  while (async_answered.load() < kAsyncAppends) std::this_thread::yield();

  EXPECT_EQ(unreadable.load(), 0);
  std::set<uint64_t> positions;
  for (const auto& per_source : results) {
    for (const AppendResult& result : per_source) {
      EXPECT_TRUE(positions.insert(result.first_position.value()).second);
    }
  }
  constexpr uint64_t kTotal = kBlockingThreads * kAppendsPerThread + kAsyncAppends;
  ASSERT_EQ(positions.size(), kTotal);
  EXPECT_EQ(*positions.begin(), 1u);
  EXPECT_EQ(*positions.rbegin(), kTotal);
  EXPECT_EQ(store_->HeadPosition(), Position(kTotal));
  for (int t = 0; t < kBlockingThreads; ++t) {
    for (int i = 0; i < kAppendsPerThread; ++i) {
      EXPECT_EQ(results[t][i].stream_version, StreamVersion(i + 1));
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 1; i < heads_.size(); ++i) EXPECT_LT(heads_[i - 1], heads_[i]);
  EXPECT_EQ(heads_.back(), kTotal);
}

}  // namespace
}  // namespace kumppani::store
