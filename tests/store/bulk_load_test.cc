// EventStore::BulkLoadIndex: sorted rows become table files of the
// projection family, added in one step and readable like written rows,
// across a reopen; bad input (keys out of order, overlapping sets) is
// refused with nothing added; a load cut short leaves nothing behind after
// the next open.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

using Rows = std::vector<std::pair<std::string, std::string>>;

// Rows handed out from a list, in the list's order.
class ListedRows final : public SortedRows {
 public:
  explicit ListedRows(Rows rows) : rows_(std::move(rows)) {}
  bool Next(std::string_view& key, std::string_view& value) override {
    if (next_ == rows_.size()) return false;
    key = rows_[next_].first;
    value = rows_[next_].second;
    ++next_;
    return true;
  }

 private:
  Rows rows_;
  size_t next_ = 0;
};

class BulkLoadTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    store_.reset();
    StoreOptions options;
    options.path = dir_.Sub("db");
    options.sync = false;
    auto opened = EventStore::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = *std::move(opened);
  }

  // Every row of the family as "key=value " text.
  std::string AllRows() {
    std::unique_ptr<KvCursor> cursor = store_->NewIndexCursor();
    std::string seen;
    for (cursor->Seek(""); cursor->Valid(); cursor->Next()) {
      seen += std::string(cursor->key()) + "=" + std::string(cursor->value()) + " ";
    }
    EXPECT_TRUE(cursor->status().ok()) << cursor->status();
    return seen;
  }

  kumppani::testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(BulkLoadTest, LoadedRowsReadLikeWrittenOnesAndSurviveAReopen) {
  IndexBatch written;
  written.puts.emplace_back("a0", "w");
  written.puts.emplace_back("z0", "w");
  ASSERT_TRUE(store_->WriteIndex(written).ok());
  ListedRows first(Rows{{"m1", "one"}, {"m2", "two"}});
  ListedRows second(Rows{{"p1", "three"}});
  ListedRows empty(Rows{});
  ASSERT_TRUE(store_->BulkLoadIndex({&second, &empty, &first}).ok());
  EXPECT_EQ(AllRows(), "a0=w m1=one m2=two p1=three z0=w ");
  Open();
  EXPECT_EQ(AllRows(), "a0=w m1=one m2=two p1=three z0=w ");
  // Nothing is left where the files were written before they were added.
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("db") + "/bulk-load/0.sst"));
}

TEST_F(BulkLoadTest, NoSetsLoadsNothing) {
  EXPECT_TRUE(store_->BulkLoadIndex({}).ok());
  EXPECT_EQ(AllRows(), "");
}

TEST_F(BulkLoadTest, ALaterLoadOfAKeyWins) {
  ListedRows first(Rows{{"k1", "old"}, {"k2", "kept"}});
  ASSERT_TRUE(store_->BulkLoadIndex({&first}).ok());
  ListedRows second(Rows{{"k1", "new"}});
  ASSERT_TRUE(store_->BulkLoadIndex({&second}).ok());
  EXPECT_EQ(AllRows(), "k1=new k2=kept ");
}

TEST_F(BulkLoadTest, KeysOutOfOrderAreRefusedAndNothingIsAdded) {
  ListedRows good(Rows{{"a1", "v"}});
  ListedRows repeated(Rows{{"b1", "v"}, {"b1", "w"}});
  absl::Status status = store_->BulkLoadIndex({&good, &repeated});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("row_sets: keys must strictly increase"), std::string::npos)
      << status;
  ListedRows backwards(Rows{{"c2", "v"}, {"c1", "v"}});
  EXPECT_EQ(store_->BulkLoadIndex({&backwards}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(AllRows(), "");
}

TEST_F(BulkLoadTest, OverlappingSetsAreRefusedAndNothingIsAdded) {
  ListedRows first(Rows{{"a1", "v"}, {"a5", "v"}});
  ListedRows second(Rows{{"a3", "v"}, {"a9", "v"}});
  absl::Status status = store_->BulkLoadIndex({&first, &second});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("row_sets: two sets' key ranges overlap"), std::string::npos)
      << status;
  EXPECT_EQ(AllRows(), "");
}

TEST_F(BulkLoadTest, AFileLeftByALoadCutShortGoesAtTheNextOpen) {
  store_.reset();
  const std::string leftover = dir_.Sub("db") + "/bulk-load/7.sst";
  std::filesystem::create_directories(dir_.Sub("db") + "/bulk-load");
  { std::ofstream(leftover) << "half a table file"; }
  Open();
  EXPECT_FALSE(std::filesystem::exists(leftover));
  EXPECT_EQ(AllRows(), "");
}

}  // namespace
}  // namespace kumppani::store
