// ReplayLog, the rebuild's pipeline, driven directly with tiny limits so a
// short log exercises every path: many chunks, many flushes, many bulk
// loads, and caches trimmed again and again (the fold then reads its rows
// back from disk, after the row writer was drained). Every projection's replayed table must
// equal its live table byte for byte, whole or up to a position; progress
// and cancellation are reported exactly.
#include "ledger/projections/log_replay.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/projections/all_projections.h"
#include "ledger/projections/row_keys.h"
#include "tests/projections/projection_fixture.h"
#include "tests/testing/workload.h"

namespace kumppani::projections {
namespace {

using Rows = std::vector<std::pair<std::string, std::string>>;

// Every version of `table`'s rows up to `through`, keys without the table id.
Rows TableRows(const store::EventStore& store, uint32_t table, uint64_t through) {
  Rows rows;
  std::unique_ptr<store::KvCursor> cursor = store.NewIndexCursor();
  const std::string prefix = TablePrefix(table);
  for (cursor->Seek(prefix); cursor->Valid() && cursor->key().starts_with(prefix);
       cursor->Next()) {
    std::optional<DecodedKey> key = DecodeKey(cursor->key());
    EXPECT_TRUE(key.has_value());
    if (!key || key->position > through) continue;
    rows.emplace_back(std::string(cursor->key().substr(prefix.size())),
                      std::string(cursor->value()));
  }
  EXPECT_TRUE(cursor->status().ok()) << cursor->status();
  return rows;
}

class LogReplayTest : public testing::ProjectionTest {
 protected:
  LogReplayTest() : ProjectionTest(AllProjections) {}

  void SetUp() override {
    kumppani::testing::WorkloadOptions workload_options;
    workload_options.seed = 11;
    workload_options.regions = 2;
    workload_options.commands = 3000;  // corrections and retractions included
    kumppani::testing::Workload workload(workload_options);
    ASSERT_TRUE(kumppani::testing::RunWorkload(*handler_, workload, 2).ok());
    head_ = store_->HeadPosition().value();
    ASSERT_GE(head_, 3000u);
    folds_ = AllProjections();
  }

  // A fresh writer per projection, on tables nothing else uses.
  std::vector<ApplyTarget> FreshTargets(uint32_t first_table) {
    std::vector<ApplyTarget> targets;
    for (size_t i = 0; i < folds_.size(); ++i) {
      writers_.push_back(std::make_unique<TableWriter>(
          first_table + static_cast<uint32_t>(i),
          [this] { return store_->NewIndexCursor(); }, true));
      targets.push_back({folds_[i].get(), writers_.back().get()});
    }
    return targets;
  }

  // Each replayed table equals the live table of its projection through `through`.
  void ExpectLiveRows(uint32_t first_table, uint64_t through) {
    std::vector<ProjectionStatus> statuses = engine_->Status();
    ASSERT_EQ(statuses.size(), folds_.size());
    for (size_t i = 0; i < statuses.size(); ++i) {
      SCOPED_TRACE(statuses[i].name);
      ASSERT_EQ(statuses[i].name, folds_[i]->name());
      Rows live = TableRows(*store_, statuses[i].table, through);
      Rows replayed = TableRows(*store_, first_table + static_cast<uint32_t>(i), through);
      EXPECT_FALSE(live.empty());
      EXPECT_EQ(replayed.size(), live.size());
      EXPECT_TRUE(replayed == live);
    }
  }

  // Replays the whole log into fresh tables from `first_table` with
  // `limits`: every writer ends with nothing pending and no error, and each
  // table equals its projection's live one.
  void ReplayWholeLogAndExpectLiveRows(uint32_t first_table, const ReplayLimits& limits) {
    std::vector<ApplyTarget> targets = FreshTargets(first_table);
    absl::StatusOr<uint64_t> next = ReplayLog(*store_, targets, 1, 0, {}, {}, limits);
    ASSERT_TRUE(next.ok()) << next.status();
    EXPECT_EQ(*next, head_ + 1);
    for (const auto& writer : writers_) {
      EXPECT_EQ(writer->pending(), 0u);
      EXPECT_TRUE(writer->status().ok()) << writer->status();
    }
    ExpectLiveRows(first_table, head_);
  }

  uint64_t head_ = 0;
  // Fresh instances of every projection, for the replays.
  std::vector<std::unique_ptr<Projection>> folds_;
  std::vector<std::unique_ptr<TableWriter>> writers_;
};

TEST_F(LogReplayTest, TinyChunksFlushesAndTrimmedCachesGiveTheLiveRows) {
  ReplayLimits limits;
  limits.read_chunk = 7;
  limits.flush_every_pending = 5;
  limits.max_cached_rows = 40;
  limits.bulk_load_bytes = 4096;
  ReplayWholeLogAndExpectLiveRows(1000, limits);
}

TEST_F(LogReplayTest, ABulkLoadPerFlushGivesTheLiveRows) {
  // Every flushed batch is loaded on its own: the tables are made of many
  // overlapping files, which reads must merge exactly as one file.
  ReplayLimits limits;
  limits.read_chunk = 50;
  limits.flush_every_pending = 1;
  limits.bulk_load_bytes = 1;
  ReplayWholeLogAndExpectLiveRows(5000, limits);
}

TEST_F(LogReplayTest, AReplayThroughAPositionStopsThere) {
  std::vector<ApplyTarget> targets = FreshTargets(2000);
  const uint64_t through = head_ / 2;
  ReplayLimits limits;
  limits.read_chunk = 100;
  absl::StatusOr<uint64_t> next =
      ReplayLog(*store_, targets, 1, through, {}, {}, limits);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(*next, through + 1);
  ExpectLiveRows(2000, through);
  // Nothing after `through` was written.
  for (size_t i = 0; i < folds_.size(); ++i) {
    EXPECT_EQ(TableRows(*store_, 2000 + static_cast<uint32_t>(i), head_).size(),
              TableRows(*store_, 2000 + static_cast<uint32_t>(i), through).size());
  }
}

TEST_F(LogReplayTest, ProgressIsReportedAtChunkEndsOnceEnoughEventsWereApplied) {
  std::vector<ApplyTarget> targets = FreshTargets(3000);
  std::vector<uint64_t> reported;
  ReplayLimits limits;
  limits.read_chunk = 300;
  limits.progress_every = 500;
  auto progress = [&](uint64_t replayed, uint64_t head) {
    EXPECT_EQ(head, head_);
    reported.push_back(replayed);
  };
  ASSERT_TRUE(ReplayLog(*store_, targets, 1, 0, progress, {}, limits).ok());
  // Chunks end at 300, 600, ... and at the head; a report comes at the first
  // chunk end at least 500 events after the last report.
  std::vector<uint64_t> expected;
  uint64_t last = 0;
  for (uint64_t end = 300;; end += 300) {
    end = std::min(end, head_);
    if (end - last >= 500) {
      expected.push_back(end);
      last = end;
    }
    if (end == head_) break;
  }
  ASSERT_GE(expected.size(), 3u);
  EXPECT_EQ(reported, expected);
}

TEST_F(LogReplayTest, CancellingStopsBetweenChunksWithTheEventsApplied) {
  std::vector<ApplyTarget> targets = FreshTargets(4000);
  int polls = 0;
  auto cancelled = [&] { return ++polls == 3; };
  ReplayLimits limits;
  limits.read_chunk = 100;
  limits.flush_every_pending = 1;  // the applied chunks' rows reach the row writer
  absl::StatusOr<uint64_t> next =
      ReplayLog(*store_, targets, 1, 0, {}, cancelled, limits);
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(next.status().message(),
            "projection rebuild cancelled after 200 events; the projections keep their tables");
  EXPECT_EQ(polls, 3);
  // The rows gathered so far are abandoned, not loaded: a cancelled rebuild
  // drops its tables, and loading them first would only delay it.
  for (size_t i = 0; i < folds_.size(); ++i) {
    EXPECT_TRUE(TableRows(*store_, 4000 + static_cast<uint32_t>(i), head_).empty()) << i;
  }
}

}  // namespace
}  // namespace kumppani::projections
