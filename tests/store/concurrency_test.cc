// Many threads appending at once: no lost or duplicated positions, dense
// stream versions, exact conflicts, and idempotent concurrent retries.
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "tests/testing/events.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;
using ::testing::MatchesRegex;

class ConcurrencyTest : public ::testing::Test {
 protected:
  ConcurrencyTest() {
    StoreOptions options;
    options.path = dir_.Sub("db");
    store_ = *EventStore::Open(options);
  }
  kumppani::testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(ConcurrencyTest, ParallelAppendsAreGapFreeAndDense) {
  constexpr int kThreads = 8;
  constexpr int kAppendsPerThread = 150;
  std::vector<std::thread> threads;
  std::vector<std::vector<AppendResult>> results(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppendsPerThread; ++i) {
        std::string stream = (i % 2 == 0) ? "org-shared" : "org-t" + std::to_string(t);
        std::vector<EventEnvelope> events = {MakeEvent("A", std::to_string(t) + ":" + std::to_string(i))};
        if (i % 5 == 0) events.push_back(MakeEvent("B", "second"));
        auto result = store_->Append(MakeAppend(stream, ExpectedVersion::Any(), events));
        ASSERT_TRUE(result.ok()) << result.status();
        results[t].push_back(*result);
      }
    });
  }
  for (auto& thread : threads) thread.join();

  std::set<uint64_t> acknowledged;
  size_t total = 0;
  for (const auto& per_thread : results) {
    for (const AppendResult& r : per_thread) {
      for (uint64_t p = r.first_position.value(); p <= r.last_position.value(); ++p) {
        EXPECT_TRUE(acknowledged.insert(p).second) << "position " << p << " acknowledged twice";
        ++total;
      }
    }
  }
  EXPECT_EQ(store_->HeadPosition(), Position(total));
  auto all = store_->ReadAll(Position(1), total + 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), total);
  std::map<std::string, uint64_t> versions;
  std::set<std::string> ids;
  for (size_t i = 0; i < all->size(); ++i) {
    const EventEnvelope& e = (*all)[i];
    EXPECT_EQ(e.position(), i + 1);
    EXPECT_EQ(e.stream_version(), ++versions[e.stream_id()]) << e.stream_id();
    EXPECT_TRUE(ids.insert(e.event_id()).second);
    if (i > 0) {
      const auto& prev = (*all)[i - 1].recorded_at();
      EXPECT_GE(e.recorded_at().seconds() * 1'000'000'000LL + e.recorded_at().nanos(),
                prev.seconds() * 1'000'000'000LL + prev.nanos());
    }
  }
  for (const auto& [stream, version] : versions) {
    EXPECT_EQ(*store_->CurrentVersion(stream), StreamVersion(version));
  }
}

TEST_F(ConcurrencyTest, OptimisticWritersConflictExactly) {
  constexpr int kThreads = 8;
  constexpr int kWinsPerThread = 40;
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int wins = 0; wins < kWinsPerThread;) {
        StreamVersion seen = *store_->CurrentVersion("body-table");
        auto result = store_->Append(
            MakeAppend("body-table", ExpectedVersion::Exact(seen), {MakeEvent("A", "x")}));
        if (result.ok()) {
          EXPECT_EQ(result->stream_version, seen.Next());
          ++wins;
        } else {
          ASSERT_EQ(result.status().code(), absl::StatusCode::kAborted);
          EXPECT_THAT(std::string(result.status().message()),
                      MatchesRegex("stream \"body-table\": expected (version [0-9]+|no stream), "
                                   "actual version [0-9]+"));
          ++conflicts;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(*store_->CurrentVersion("body-table"), StreamVersion(kThreads * kWinsPerThread));
  EXPECT_EQ(store_->HeadPosition(), Position(kThreads * kWinsPerThread));
  // With eight writers racing on one stream some must have lost a race.
  EXPECT_GT(conflicts.load(), 0);
}

TEST_F(ConcurrencyTest, ConcurrentRetriesOfOneAppendWriteItOnce) {
  EventId a = EventId::Random();
  EventId b = EventId::Random();
  constexpr int kThreads = 8;
  std::vector<AppendResult> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto result = store_->Append(MakeAppend(
          "grant-1", ExpectedVersion::NoStream(), {MakeEvent("A", "x", a), MakeEvent("B", "y", b)}));
      ASSERT_TRUE(result.ok()) << result.status();
      results[t] = *result;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store_->HeadPosition(), Position(2));
  int originals = 0;
  for (const AppendResult& r : results) {
    EXPECT_EQ(r.first_position, Position(1));
    EXPECT_EQ(r.last_position, Position(2));
    EXPECT_EQ(r.stream_version, StreamVersion(2));
    if (!r.replayed) ++originals;
  }
  EXPECT_EQ(originals, 1);
}

TEST_F(ConcurrencyTest, ReadersRunDuringAppends) {
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(store_->Append(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")})).ok());
    }
    done = true;
  });
  uint64_t reads = 0;
  while (!done) {
    Position head = store_->HeadPosition();
    auto all = store_->ReadAll(Position(1), 1'000'000);
    ASSERT_TRUE(all.ok()) << all.status();
    // Never less than the head seen before the read, never a gap.
    ASSERT_GE(all->size(), head.value());
    for (size_t i = 0; i < all->size(); ++i) ASSERT_EQ((*all)[i].position(), i + 1);
    ++reads;
  }
  writer.join();
  EXPECT_GT(reads, 0u);
}

}  // namespace
}  // namespace kumppani::store
