// Tests for Position, StreamVersion and EventId.
#include "ledger/common/ids.h"

#include <unordered_set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kumppani {
namespace {

using ::testing::HasSubstr;

TEST(EventIdTest, RandomIdsAreVersion4AndDistinct) {
  std::unordered_set<EventId, EventIdHash> seen;
  for (int i = 0; i < 1000; ++i) {
    EventId id = EventId::Random();
    EXPECT_EQ(static_cast<uint8_t>(id.bytes()[6]) >> 4, 4);
    EXPECT_EQ(static_cast<uint8_t>(id.bytes()[8]) >> 6, 2);
    EXPECT_TRUE(seen.insert(id).second);
  }
}

TEST(EventIdTest, TextRoundTrip) {
  auto id = EventId::Parse("0189a3f4-7c2e-4b5d-9e1f-00aa11bb22cc", "event_id");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->ToString(), "0189a3f4-7c2e-4b5d-9e1f-00aa11bb22cc");
  auto upper = EventId::Parse("0189A3F4-7C2E-4B5D-9E1F-00AA11BB22CC", "event_id");
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(*upper, *id);
}

TEST(EventIdTest, RejectsMalformedText) {
  for (const char* text : {"", "0189a3f4", "0189a3f4-7c2e-4b5d-9e1f-00aa11bb22c",
                           "0189a3f4x7c2e-4b5d-9e1f-00aa11bb22cc",
                           "0189a3f4-7c2e-4b5d-9e1f-00aa11bb22cg"}) {
    auto id = EventId::Parse(text, "event_id");
    EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(id.status().message(), HasSubstr("event_id: must be a UUID")) << text;
  }
}

TEST(EventIdTest, FromBytesChecksLengthAndNil) {
  auto short_id = EventId::FromBytes("abc", "events[0].event_id");
  EXPECT_EQ(short_id.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(short_id.status().message(),
            "events[0].event_id: must be a 16-byte UUID, got 3 bytes");
  auto nil = EventId::FromBytes(std::string(16, '\0'), "event_id");
  EXPECT_EQ(nil.status().message(), "event_id: must not be the nil UUID");
}

TEST(PositionTest, OrderAndNext) {
  EXPECT_LT(Position(1), Position(2));
  EXPECT_EQ(Position(7).Next(), Position(8));
  EXPECT_TRUE(StreamVersion(0).IsNoStream());
  EXPECT_EQ(StreamVersion(3).Next().value(), 4u);
}

}  // namespace
}  // namespace kumppani
