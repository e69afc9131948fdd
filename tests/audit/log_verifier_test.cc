// Full-log verification: a clean log verifies; one byte flipped in a stored
// event (through RocksDB directly) is reported at exactly its position.
#include "ledger/audit/log_verifier.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/keys.h"
#include "ledger/store/tree_segments.h"
#include "rocksdb/db.h"
#include "tests/testing/events.h"
#include "tests/testing/raw_rocks.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::audit {
namespace {

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;
using ::testing::HasSubstr;
using store::EventStore;
using store::ExpectedVersion;

// Lets `edit` change the stored value of `key` in column family `family`.
void EditRaw(const std::string& path, const std::string& family, const std::string& key,
             const std::function<void(std::string&)>& edit) {
  kumppani::testing::RawRocks raw(path);
  ASSERT_NE(raw.db(), nullptr);
  rocksdb::ColumnFamilyHandle* target = raw.Family(family);
  ASSERT_NE(target, nullptr);
  std::string value;
  ASSERT_TRUE(raw.db()->Get(rocksdb::ReadOptions(), target, key, &value).ok());
  edit(value);
  rocksdb::WriteOptions sync;
  sync.sync = true;
  ASSERT_TRUE(raw.db()->Put(sync, target, key, value).ok());
}

class LogVerifierTest : public ::testing::Test {
 protected:
  LogVerifierTest() {
    path_ = dir_.Sub("db");
    Open();
    for (int i = 1; i <= 40; ++i) {
      EXPECT_TRUE(store_->Append(MakeAppend("org-" + std::to_string(i % 4), ExpectedVersion::Any(),
                                            {MakeEvent("A", "payload-" + std::to_string(i))}))
                      .ok());
    }
  }
  void Open() {
    store_.reset();
    store::StoreOptions options;
    options.path = path_;
    store_ = *EventStore::Open(options);
  }
  kumppani::testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(LogVerifierTest, CleanLogVerifies) {
  std::vector<uint64_t> progress;
  auto result = VerifyLog(*store_, [&](uint64_t done, uint64_t) { progress.push_back(done); });
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->tree_size, 40u);
  EXPECT_EQ(result->root, *store_->RootHash(40));
  EXPECT_EQ(progress, std::vector<uint64_t>{40});
}

TEST_F(LogVerifierTest, FlippedByteInAnEventIsReportedAtItsPosition) {
  store_.reset();
  EditRaw(path_, store::kEventsFamily, store::EncodeBigEndian64(17), [](std::string& value) {
    size_t at = value.find("payload-17");
    ASSERT_NE(at, std::string::npos);
    value[at + 8] ^= 0x01;  // '1' -> '0': still a well-formed envelope
  });
  Open();
  auto result = VerifyLog(*store_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("position 17: the event's content"));
}

TEST_F(LogVerifierTest, AlteredInteriorNodeIsReported) {
  store_.reset();
  // Events were appended one at a time, so leaf 31 has a segment row of its
  // own: its end (8 bytes), then leaf 31 and the nodes (1,15) (2,7) (3,3)
  // (4,1) (5,0) it completed. Flip a bit of node (5,0), the last hash.
  EditRaw(path_, store::kTreeFamily, store::TreeSegmentKey(31), [](std::string& value) {
    ASSERT_EQ(value.size(), 8u + 6 * 32);
    value[8 + 5 * 32] ^= 0x80;
  });
  Open();
  auto result = VerifyLog(*store_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("tree size 40: the events hash to root"));
}

TEST_F(LogVerifierTest, UnparseableEventIsReportedAtItsPosition) {
  store_.reset();
  EditRaw(path_, store::kEventsFamily, store::EncodeBigEndian64(5),
          [](std::string& value) { value[0] = static_cast<char>(0xFF); });
  Open();
  auto result = VerifyLog(*store_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("position 5"));
}

TEST_F(LogVerifierTest, ProgressIntervalAndCancellation) {
  VerifyOptions options;
  options.progress_every = 15;
  std::vector<uint64_t> progress;
  auto result = VerifyLog(
      *store_,
      [&](uint64_t done, uint64_t total) {
        EXPECT_EQ(total, 40u);
        progress.push_back(done);
      },
      options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(progress, (std::vector<uint64_t>{15, 30, 40}));

  options.cancelled = [] { return true; };
  result = VerifyLog(*store_, {}, options);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(result.status().message(), "verification cancelled after 0 of 40 events");
}

TEST(FirstBadPositionTest, ReadsThePositionOfAnEventFailure) {
  EXPECT_EQ(FirstBadPosition(absl::DataLossError("position 17: the event's content hashes")), 17u);
  EXPECT_EQ(FirstBadPosition(absl::DataLossError("position 5: cannot be read: x")), 5u);
  EXPECT_EQ(FirstBadPosition(absl::DataLossError("tree size 40: the events hash to root")),
            std::nullopt);
  EXPECT_EQ(FirstBadPosition(absl::DataLossError("position 12")), std::nullopt);
  EXPECT_EQ(FirstBadPosition(absl::InternalError("position 3: no")), std::nullopt);
  EXPECT_EQ(FirstBadPosition(absl::OkStatus()), std::nullopt);
}

}  // namespace
}  // namespace kumppani::audit
