// Behaviour of the event store: appends, expected versions, idempotency,
// reads, and recovery after reopening.
#include "ledger/store/event_store.h"

#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/events.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;
using ::testing::HasSubstr;

constexpr int64_t kStartMicros = 1'700'000'000'000'000;

class EventStoreTest : public ::testing::Test {
 protected:
  EventStoreTest() : clock_(kStartMicros) { Reopen(); }

  void Reopen() {
    store_.reset();
    StoreOptions options;
    options.path = dir_.Sub("db");
    options.clock = &clock_;
    auto store = EventStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  AppendResult MustAppend(const std::string& stream, ExpectedVersion expected,
                          std::vector<EventEnvelope> events) {
    auto result = store_->Append(MakeAppend(stream, expected, std::move(events)));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : AppendResult{};
  }

  std::vector<EventEnvelope> All() {
    auto events = store_->ReadAll(Position(1), 1000);
    EXPECT_TRUE(events.ok()) << events.status();
    return events.ok() ? *events : std::vector<EventEnvelope>{};
  }

  kumppani::testing::TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(EventStoreTest, EmptyLog) {
  EXPECT_EQ(store_->HeadPosition(), Position(0));
  EXPECT_EQ(*store_->CurrentVersion("org-1"), StreamVersion(0));
  EXPECT_TRUE(All().empty());
  EXPECT_EQ(store_->ReadEvent(Position(1)).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(EventStoreTest, AppendAssignsPositionsVersionsAndTimes) {
  AppendResult first = MustAppend("org-1", ExpectedVersion::NoStream(),
                                  {MakeEvent("Registered", "a"), MakeEvent("Renamed", "b")});
  EXPECT_EQ(first.first_position, Position(1));
  EXPECT_EQ(first.last_position, Position(2));
  EXPECT_EQ(first.stream_version, StreamVersion(2));
  EXPECT_FALSE(first.replayed);
  clock_.Advance(5);
  AppendResult second = MustAppend("body-7", ExpectedVersion::Any(), {MakeEvent("Established", "c")});
  EXPECT_EQ(second.first_position, Position(3));
  EXPECT_EQ(second.stream_version, StreamVersion(1));

  std::vector<EventEnvelope> events = All();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].position(), 1u);
  EXPECT_EQ(events[0].stream_id(), "org-1");
  EXPECT_EQ(events[0].stream_version(), 1u);
  EXPECT_EQ(events[0].event_type(), "Registered");
  EXPECT_EQ(events[0].payload(), "a");
  EXPECT_EQ(events[1].stream_version(), 2u);
  EXPECT_EQ(events[2].stream_id(), "body-7");
  EXPECT_EQ(events[0].recorded_at().seconds(), kStartMicros / 1'000'000);
  EXPECT_EQ(events[2].recorded_at().nanos(), 5000);
  // effective_at defaults to recorded_at.
  EXPECT_EQ(events[0].effective_at().seconds(), events[0].recorded_at().seconds());
  EXPECT_EQ(store_->HeadPosition(), Position(3));
  EXPECT_EQ(*store_->CurrentVersion("org-1"), StreamVersion(2));
}

TEST_F(EventStoreTest, KeepsBackfilledEffectiveTime) {
  EventEnvelope event = MakeEvent("MeetingHeld", "m");
  event.mutable_effective_at()->set_seconds(1553212800);  // 22.3.2019
  MustAppend("body-ks", ExpectedVersion::Any(), {event});
  EXPECT_EQ(All()[0].effective_at().seconds(), 1553212800);
}

TEST_F(EventStoreTest, RecordedAtNeverDecreasesWhenClockStepsBack) {
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "1")});
  clock_.Set(kStartMicros - 60'000'000);
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "2")});
  std::vector<EventEnvelope> events = All();
  EXPECT_EQ(events[1].recorded_at().seconds(), events[0].recorded_at().seconds());
  EXPECT_EQ(events[1].recorded_at().nanos(), events[0].recorded_at().nanos());
  Reopen();  // also across restarts
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "3")});
  EXPECT_EQ(All()[2].recorded_at().seconds(), events[0].recorded_at().seconds());
}

TEST_F(EventStoreTest, ServerMakesEventIdsWhenNoneGiven) {
  EventEnvelope event = MakeEvent("A", "x");
  event.clear_event_id();
  AppendResult result = MustAppend("org-1", ExpectedVersion::Any(), {event});
  ASSERT_EQ(result.event_ids.size(), 1u);
  EXPECT_FALSE(result.event_ids[0].IsNil());
  EXPECT_EQ(All()[0].event_id(), result.event_ids[0].bytes());
}

TEST_F(EventStoreTest, ExpectedVersionNoStream) {
  MustAppend("org-1", ExpectedVersion::NoStream(), {MakeEvent("A", "x")});
  auto again = store_->Append(MakeAppend("org-1", ExpectedVersion::NoStream(), {MakeEvent("A", "y")}));
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(again.status().message(),
            "stream \"org-1\": expected no stream, actual version 1");
  EXPECT_EQ(store_->HeadPosition(), Position(1));
}

TEST_F(EventStoreTest, ExpectedVersionStreamExists) {
  auto missing = store_->Append(
      MakeAppend("org-1", ExpectedVersion::StreamExists(), {MakeEvent("A", "x")}));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(missing.status().message(),
            "stream \"org-1\": expected stream exists, actual no stream");
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")});
  MustAppend("org-1", ExpectedVersion::StreamExists(), {MakeEvent("A", "y")});
  EXPECT_EQ(*store_->CurrentVersion("org-1"), StreamVersion(2));
}

TEST_F(EventStoreTest, ExpectedVersionExact) {
  MustAppend("org-1", ExpectedVersion::Exact(StreamVersion(0)), {MakeEvent("A", "x")});
  MustAppend("org-1", ExpectedVersion::Exact(StreamVersion(1)),
             {MakeEvent("A", "y"), MakeEvent("A", "z")});
  auto stale = store_->Append(
      MakeAppend("org-1", ExpectedVersion::Exact(StreamVersion(1)), {MakeEvent("A", "w")}));
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(stale.status().message(), "stream \"org-1\": expected version 1, actual version 3");
  auto ahead = store_->Append(
      MakeAppend("org-1", ExpectedVersion::Exact(StreamVersion(9)), {MakeEvent("A", "w")}));
  EXPECT_EQ(ahead.status().message(), "stream \"org-1\": expected version 9, actual version 3");
  EXPECT_EQ(store_->HeadPosition(), Position(3));
}

TEST_F(EventStoreTest, RejectedAppendWritesNothing) {
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")});
  EventEnvelope bad = MakeEvent("not a type", "y");
  auto result = store_->Append(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "ok"), bad}));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("events[1].event_type"));
  EXPECT_EQ(store_->HeadPosition(), Position(1));
  EXPECT_EQ(All().size(), 1u);
  auto bad_stream = store_->Append(MakeAppend("org/1", ExpectedVersion::Any(), {MakeEvent("A", "x")}));
  EXPECT_EQ(bad_stream.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_stream.status().message(), HasSubstr("stream_id:"));
}

TEST_F(EventStoreTest, IdenticalRetryReturnsOriginalResult) {
  EventId a = EventId::Random();
  EventId b = EventId::Random();
  MustAppend("org-0", ExpectedVersion::Any(), {MakeEvent("X", "0")});
  AppendResult original = MustAppend("org-1", ExpectedVersion::NoStream(),
                                     {MakeEvent("A", "x", a), MakeEvent("B", "y", b)});
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("C", "z")});
  // The retry's expected version no longer holds, but it is a retry.
  AppendResult retry = MustAppend("org-1", ExpectedVersion::NoStream(),
                                  {MakeEvent("A", "x", a), MakeEvent("B", "y", b)});
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(retry.first_position, original.first_position);
  EXPECT_EQ(retry.last_position, Position(3));
  EXPECT_EQ(retry.stream_version, StreamVersion(2));
  EXPECT_EQ(retry.event_ids, original.event_ids);
  EXPECT_EQ(store_->HeadPosition(), Position(4));
}

TEST_F(EventStoreTest, RetrySurvivesRestart) {
  EventId a = EventId::Random();
  AppendResult original = MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x", a)});
  Reopen();
  AppendResult retry = MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x", a)});
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(retry.first_position, original.first_position);
  EXPECT_EQ(store_->HeadPosition(), Position(1));
}

TEST_F(EventStoreTest, SameIdOtherContentIsAlreadyExists) {
  EventId a = EventId::Random();
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x", a)});
  auto changed = store_->Append(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "CHANGED", a)}));
  EXPECT_EQ(changed.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(changed.status().message(),
            "events[0].event_id: event " + a.ToString() +
                " already exists at position 1 with different content; an event id may be "
                "reused only to retry the identical event");
  auto other_stream = store_->Append(MakeAppend("org-2", ExpectedVersion::Any(), {MakeEvent("A", "x", a)}));
  EXPECT_EQ(other_stream.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->HeadPosition(), Position(1));
}

TEST_F(EventStoreTest, MixOfNewAndExistingIdsIsRejected) {
  EventId a = EventId::Random();
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x", a)});
  auto mixed = store_->Append(
      MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x", a), MakeEvent("B", "new")}));
  EXPECT_EQ(mixed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(mixed.status().message(),
            "events: 1 of the append's event ids already exist and 1 are new; an append is "
            "either all new events or an exact retry of an earlier one");
  EXPECT_EQ(store_->HeadPosition(), Position(1));
}

TEST_F(EventStoreTest, ReorderedRetryIsRejected) {
  EventId a = EventId::Random();
  EventId b = EventId::Random();
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x", a), MakeEvent("B", "y", b)});
  auto reordered = store_->Append(
      MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("B", "y", b), MakeEvent("A", "x", a)}));
  EXPECT_EQ(reordered.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(reordered.status().message(), HasSubstr("not as one append in this order"));
}

TEST_F(EventStoreTest, ReadStreamForwardAndBackward) {
  for (int i = 1; i <= 5; ++i) {
    MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", std::to_string(i))});
    MustAppend("org-10", ExpectedVersion::Any(), {MakeEvent("B", std::to_string(i))});
  }
  auto forward = store_->ReadStream("org-1", StreamVersion(2), Direction::kForward, 2);
  ASSERT_TRUE(forward.ok());
  ASSERT_EQ(forward->size(), 2u);
  EXPECT_EQ((*forward)[0].stream_version(), 2u);
  EXPECT_EQ((*forward)[0].payload(), "2");
  EXPECT_EQ((*forward)[0].position(), 3u);
  EXPECT_EQ((*forward)[1].stream_version(), 3u);

  auto to_end = store_->ReadStream("org-1", StreamVersion(0), Direction::kForward, 100);
  ASSERT_EQ(to_end->size(), 5u);  // does not spill into org-10
  EXPECT_EQ(to_end->back().stream_id(), "org-1");

  auto backward = store_->ReadStream("org-1", StreamVersion(UINT64_MAX), Direction::kBackward, 3);
  ASSERT_EQ(backward->size(), 3u);
  EXPECT_EQ((*backward)[0].stream_version(), 5u);
  EXPECT_EQ((*backward)[2].stream_version(), 3u);

  auto from_two = store_->ReadStream("org-1", StreamVersion(2), Direction::kBackward, 10);
  ASSERT_EQ(from_two->size(), 2u);
  EXPECT_EQ((*from_two)[1].stream_version(), 1u);

  EXPECT_TRUE(store_->ReadStream("org-404", StreamVersion(1), Direction::kForward, 10)->empty());
  EXPECT_EQ(store_->ReadStream("bad stream", StreamVersion(1), Direction::kForward, 10).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(EventStoreTest, ReadAllWithLimitAndOffset) {
  for (int i = 0; i < 10; ++i) MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")});
  auto page = store_->ReadAll(Position(4), 3);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 3u);
  EXPECT_EQ((*page)[0].position(), 4u);
  EXPECT_EQ((*page)[2].position(), 6u);
  EXPECT_TRUE(store_->ReadAll(Position(11), 3)->empty());
  EXPECT_EQ(store_->ReadAll(Position(0), 2)->front().position(), 1u);
  auto one = store_->ReadEvent(Position(7));
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->position(), 7u);
}

TEST_F(EventStoreTest, ReadAllIntoReusesTheVectorAndFitsItToWhatItRead) {
  for (int i = 0; i < 5; ++i) {
    MustAppend(i % 2 == 0 ? "org-1" : "body-2", ExpectedVersion::Any(),
               {MakeEvent("A", std::string(40 + i, static_cast<char>('a' + i)))});
  }
  std::vector<EventEnvelope> events;
  ASSERT_TRUE(store_->ReadAllInto(Position(1), 4, events).ok());
  ASSERT_EQ(events.size(), 4u);
  // Refilled from a later position: fewer events, and every field is the
  // new event's, none left over from the message's earlier contents.
  ASSERT_TRUE(store_->ReadAllInto(Position(4), 4, events).ok());
  ASSERT_EQ(events.size(), 2u);
  std::vector<EventEnvelope> want = All();
  EXPECT_EQ(events[0].SerializeAsString(), want[3].SerializeAsString());
  EXPECT_EQ(events[1].SerializeAsString(), want[4].SerializeAsString());
  EXPECT_EQ(events[1].payload(), std::string(44, 'e'));
  ASSERT_TRUE(store_->ReadAllInto(Position(6), 4, events).ok());
  EXPECT_TRUE(events.empty());
}

TEST_F(EventStoreTest, ReopenContinuesPositionsAndVersions) {
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x"), MakeEvent("A", "y")});
  MustAppend("org-2", ExpectedVersion::Any(), {MakeEvent("A", "z")});
  Reopen();
  EXPECT_EQ(store_->HeadPosition(), Position(3));
  EXPECT_EQ(*store_->CurrentVersion("org-1"), StreamVersion(2));
  AppendResult next = MustAppend("org-1", ExpectedVersion::Exact(StreamVersion(2)), {MakeEvent("A", "w")});
  EXPECT_EQ(next.first_position, Position(4));
  EXPECT_EQ(next.stream_version, StreamVersion(3));
}

TEST_F(EventStoreTest, AsyncAppendCallsBackOnce) {
  std::promise<absl::StatusOr<AppendResult>> done;
  int calls = 0;
  store_->AppendAsync(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")}),
                      [&](absl::StatusOr<AppendResult> result) {
                        ++calls;
                        done.set_value(std::move(result));
                      });
  auto result = done.get_future().get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->first_position, Position(1));
  EXPECT_EQ(calls, 1);
}

TEST(EventStoreOpenTest, RejectsEmptyPath) {
  auto store = EventStore::Open(StoreOptions{});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store.status().message(), "path: must not be empty");
}

// The memtable budget bounds the memory of all column families together
// (found by the 10-minute soak: without it the server's memory grew towards
// 64 MiB per family). 48 MiB of events leave at most the budget and some
// slack in memtables under a 16 MiB budget, but all 48 MiB without one.
uint64_t MemtableBytesAfter48MiB(uint64_t budget) {
  kumppani::testing::TempDir dir;
  StoreOptions options;
  options.path = dir.Sub("db");
  options.sync = false;
  options.memtable_budget_bytes = budget;
  auto store = EventStore::Open(options);
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return 0;
  const std::string payload(64 << 10, 'x');
  for (int i = 0; i < 768; ++i) {
    auto result = (*store)->Append(
        kumppani::testing::MakeAppend("org-" + std::to_string(i), ExpectedVersion::NoStream(),
                                      {kumppani::testing::MakeEvent("Big", payload)}));
    EXPECT_TRUE(result.ok()) << result.status();
  }
  // RocksDB checks the budget on each write and flushes in the background,
  // so a write that comes while a flush runs can leave the total above the
  // budget. Keep writing small events (each one checks the budget again)
  // until the flushes have caught up, for at most 30 s.
  uint64_t bytes = (*store)->Stats().memtable_bytes;
  for (int i = 0; budget != 0 && i < 600 && bytes > (24u << 20); ++i) {
    auto result = (*store)->Append(kumppani::testing::MakeAppend(
        "org-tick", ExpectedVersion::Any(), {kumppani::testing::MakeEvent("Tick", "")}));
    EXPECT_TRUE(result.ok()) << result.status();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    bytes = (*store)->Stats().memtable_bytes;
  }
  return bytes;
}

TEST(EventStoreOpenTest, MemtableBudgetBoundsMemory) {
  EXPECT_LE(MemtableBytesAfter48MiB(16 << 20), 24u << 20);
  EXPECT_GE(MemtableBytesAfter48MiB(0), 48u << 20);
}

TEST(EventStoreOpenTest, SecondOpenOfSameDirectoryFails) {
  kumppani::testing::TempDir dir;
  StoreOptions options;
  options.path = dir.Sub("db");
  auto first = EventStore::Open(options);
  ASSERT_TRUE(first.ok());
  auto second = EventStore::Open(options);
  EXPECT_FALSE(second.ok());
}


TEST_F(EventStoreTest, HeadListenersHearEveryAdvanceUntilRemoved) {
  std::mutex mu;
  std::vector<uint64_t> heads;
  uint64_t id = store_->AddHeadListener([&](Position head) {
    std::lock_guard<std::mutex> lock(mu);
    heads.push_back(head.value());
  });
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "1"), MakeEvent("A", "2")});
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "3")});
  store_->RemoveHeadListener(id);
  MustAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "4")});
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(heads, (std::vector<uint64_t>{2, 3}));
}

}  // namespace
}  // namespace kumppani::store
