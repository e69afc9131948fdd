// Tests for the syntax and limit checks on append requests.
#include "ledger/store/append_validation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/events.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;
using ::testing::HasSubstr;

TEST(StreamIdTest, AcceptsDocumentedSyntax) {
  for (const char* id : {"org-0155628-9", "decision-phhva:2022-08:112", "body-a", "grant_x-1.2~3",
                         "person-Ab9"}) {
    EXPECT_TRUE(ValidateStreamId(id, "stream_id").ok()) << id;
  }
}

TEST(StreamIdTest, RejectsEverythingElse) {
  for (std::string id : {std::string(""), std::string("org"), std::string("org-"),
                         std::string("Org-1"), std::string("-1"), std::string("org-a/b"),
                         std::string("org-a b"), std::string("org-\xc3\xa4"),
                         std::string("org-a\0b", 7), std::string("1org-a"),
                         "org-" + std::string(125, 'a')}) {
    absl::Status status = ValidateStreamId(id, "stream_id");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << id;
    EXPECT_THAT(status.message(), HasSubstr("stream_id: must be a lower-case category")) << id;
  }
  EXPECT_TRUE(ValidateStreamId("org-" + std::string(124, 'a'), "stream_id").ok());
}

TEST(EventTypeTest, Syntax) {
  EXPECT_TRUE(ValidateEventType("OrganisationRegistered", "t").ok());
  EXPECT_TRUE(ValidateEventType("kumppani.v1.Grant_Paid2", "t").ok());
  for (const char* type : {"", "1Abc", "Has Space", "a-b", "a/b"}) {
    EXPECT_EQ(ValidateEventType(type, "t").code(), absl::StatusCode::kInvalidArgument) << type;
  }
  EXPECT_FALSE(ValidateEventType(std::string(129, 'a'), "t").ok());
}

class AppendRequestTest : public ::testing::Test {
 protected:
  StoreOptions options_;
  absl::Status Check(AppendRequest request) { return ValidateAppendRequest(options_, request); }
};

TEST_F(AppendRequestTest, FillsStreamIdOfEachEvent) {
  AppendRequest request = MakeAppend("org-1", ExpectedVersion::Any(),
                                     {MakeEvent("A", "x"), MakeEvent("B", "y")});
  ASSERT_TRUE(ValidateAppendRequest(options_, request).ok());
  EXPECT_EQ(request.events[0].stream_id(), "org-1");
  EXPECT_EQ(request.events[1].stream_id(), "org-1");
}

TEST_F(AppendRequestTest, RejectsEmptyAppend) {
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {})).message(),
            "events: must contain at least 1 event");
}

TEST_F(AppendRequestTest, RejectsServerAssignedFields) {
  EventEnvelope with_position = MakeEvent("A", "x");
  with_position.set_position(5);
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x"), with_position}))
                .message(),
            "events[1].position: is assigned by the ledger and must be 0");
  EventEnvelope with_version = MakeEvent("A", "x");
  with_version.set_stream_version(1);
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {with_version})).message(),
            "events[0].stream_version: is assigned by the ledger and must be 0");
  EventEnvelope with_recorded = MakeEvent("A", "x");
  with_recorded.mutable_recorded_at()->set_seconds(1);
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {with_recorded})).message(),
            "events[0].recorded_at: is assigned by the ledger and must be unset");
}

// An effective_at no JSON renderer accepts was appended (found by
// tests/reliability/hostile_input_test.py).
TEST_F(AppendRequestTest, RejectsEffectiveTimesOutsideTheTimestampRange) {
  EventEnvelope event = MakeEvent("A", "x");
  event.mutable_effective_at()->set_seconds(int64_t{1} << 62);
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {event})).message(),
            "events[0].effective_at.seconds: must be within 0001-01-01..9999-12-31 "
            "(-62135596800..253402300799), got 4611686018427387904");
  event.mutable_effective_at()->set_seconds(-62'135'596'801);
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {event})).code(),
            absl::StatusCode::kInvalidArgument);
  event.mutable_effective_at()->set_nanos(-1);
  event.mutable_effective_at()->set_seconds(0);
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {event})).message(),
            "events[0].effective_at.nanos: must be in [0, 999999999]");
  // The ends of the range are times.
  for (int64_t seconds : {int64_t{-62'135'596'800}, int64_t{253'402'300'799}}) {
    event.mutable_effective_at()->set_seconds(seconds);
    event.mutable_effective_at()->set_nanos(999'999'999);
    EXPECT_TRUE(Check(MakeAppend("org-1", ExpectedVersion::Any(), {event})).ok()) << seconds;
  }
}

TEST_F(AppendRequestTest, RejectsOtherStreamOnEvent) {
  EventEnvelope event = MakeEvent("A", "x");
  event.set_stream_id("org-2");
  EXPECT_THAT(Check(MakeAppend("org-1", ExpectedVersion::Any(), {event})).message(),
              HasSubstr("events[0].stream_id: must be empty or equal the request's stream"));
}

TEST_F(AppendRequestTest, RejectsDuplicateAndMalformedIds) {
  EventId id = EventId::Random();
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(),
                             {MakeEvent("A", "x", id), MakeEvent("B", "y", id)}))
                .message(),
            "events[1].event_id: appears more than once in the same append");
  EventEnvelope bad = MakeEvent("A", "x");
  bad.set_event_id("short");
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {bad})).message(),
            "events[0].event_id: must be a 16-byte UUID, got 5 bytes");
  EventEnvelope without = MakeEvent("A", "x");
  without.clear_event_id();
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x"), without}))
                .message(),
            "events[].event_id: must be given for all events of an append or for none");
}

TEST_F(AppendRequestTest, RejectsMalformedMetadataIds) {
  EventEnvelope event = MakeEvent("A", "x");
  event.mutable_metadata()->set_correlation_id("123");
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(), {event})).message(),
            "events[0].metadata.correlation_id: must be a 16-byte UUID, got 3 bytes");
}

TEST_F(AppendRequestTest, EnforcesLimits) {
  options_.max_events_per_append = 2;
  EXPECT_EQ(Check(MakeAppend("org-1", ExpectedVersion::Any(),
                             {MakeEvent("A", "x"), MakeEvent("A", "x"), MakeEvent("A", "x")}))
                .message(),
            "events: holds 3 events; at most 2 are allowed in one append");
  options_.max_event_bytes = 100;
  EXPECT_THAT(Check(MakeAppend("org-1", ExpectedVersion::Any(),
                               {MakeEvent("A", std::string(200, 'p'))}))
                  .message(),
              HasSubstr("exceeds the limit of 100 bytes"));
  options_.max_event_bytes = 1000;
  options_.max_append_bytes = 300;
  EXPECT_THAT(Check(MakeAppend("org-1", ExpectedVersion::Any(),
                               {MakeEvent("A", std::string(200, 'p')),
                                MakeEvent("A", std::string(200, 'p'))}))
                  .message(),
              HasSubstr("bytes per append"));
}

}  // namespace
}  // namespace kumppani::store
