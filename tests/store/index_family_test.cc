// The projection family as the store offers it: a cursor bounded above
// stops before its bound, CompactIndex gives back the space of a deleted
// range (what a rebuild's retired table leaves behind), and DropIndexRange
// gives back the files of a range at once.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

class IndexFamilyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions options;
    options.path = dir_.Sub("db");
    options.sync = false;
    auto opened = EventStore::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = *std::move(opened);
  }

  // Bytes of the store's table files.
  uint64_t TableFileBytes() {
    uint64_t bytes = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.Sub("db"))) {
      if (entry.path().extension() == ".sst") bytes += entry.file_size();
    }
    return bytes;
  }

  // 1,000 bytes that do not compress (xorshift), different at each call.
  std::string IncompressibleValue() {
    std::string bytes(1000, '\0');
    for (char& byte : bytes) {
      noise_ ^= noise_ << 13;
      noise_ ^= noise_ >> 7;
      noise_ ^= noise_ << 17;
      byte = static_cast<char>(noise_);
    }
    return bytes;
  }

  kumppani::testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
  uint64_t noise_ = 88172645463325252u;
};

TEST_F(IndexFamilyTest, ABoundedCursorStopsBeforeItsBound) {
  IndexBatch rows;
  for (const char* key : {"a1", "a2", "b0", "b1", "c0"}) rows.puts.emplace_back(key, "v");
  ASSERT_TRUE(store_->WriteIndex(rows).ok());
  ASSERT_TRUE(store_->FlushIndex().ok());  // from a table file as well as the memtable
  IndexBatch newer;
  newer.puts.emplace_back("b2", "w");
  ASSERT_TRUE(store_->WriteIndex(newer).ok());

  std::unique_ptr<KvCursor> cursor = store_->NewIndexCursor("c");
  std::string seen;
  for (cursor->Seek("a2"); cursor->Valid(); cursor->Next()) {
    seen += std::string(cursor->key()) + "=" + std::string(cursor->value()) + " ";
  }
  EXPECT_TRUE(cursor->status().ok()) << cursor->status();
  EXPECT_EQ(seen, "a2=v b0=v b1=v b2=w ");
  cursor->Seek("c0");  // at the bound: nothing
  EXPECT_FALSE(cursor->Valid());

  std::unique_ptr<KvCursor> unbounded = store_->NewIndexCursor();
  unbounded->Seek("c");
  ASSERT_TRUE(unbounded->Valid());
  EXPECT_EQ(unbounded->key(), "c0");
}

TEST_F(IndexFamilyTest, CompactIndexReclaimsADeletedRange) {
  auto value = [this] { return IncompressibleValue(); };
  for (int batch = 0; batch < 4; ++batch) {
    IndexBatch rows;
    for (int i = 0; i < 1000; ++i) {
      rows.puts.emplace_back("t" + std::to_string(batch * 1000 + i), value());
    }
    rows.skip_write_ahead_log = true;
    ASSERT_TRUE(store_->WriteIndex(rows).ok());
    ASSERT_TRUE(store_->FlushIndex().ok());
  }
  IndexBatch keep;
  keep.puts.emplace_back("u", "kept");
  ASSERT_TRUE(store_->WriteIndex(keep).ok());
  IndexBatch drop;
  drop.deleted_ranges.emplace_back("t", "u");
  ASSERT_TRUE(store_->WriteIndex(drop).ok());
  ASSERT_TRUE(store_->FlushIndex().ok());
  const uint64_t before = TableFileBytes();
  ASSERT_GT(before, 4'000'000u);  // the deleted rows are still in the files

  ASSERT_TRUE(store_->CompactIndex("t", "u").ok());
  EXPECT_LT(TableFileBytes(), 1'000'000u);
  std::unique_ptr<KvCursor> cursor = store_->NewIndexCursor();
  cursor->Seek("");
  ASSERT_TRUE(cursor->Valid());
  EXPECT_EQ(cursor->key(), "u");
  EXPECT_EQ(cursor->value(), "kept");
  cursor->Next();
  EXPECT_FALSE(cursor->Valid());
}

TEST_F(IndexFamilyTest, DropIndexRangeRemovesTheRangesFilesAtOnce) {
  auto value = [this] { return IncompressibleValue(); };
  // Three key ranges, each bulk loaded as a file of its own (as rebuilds
  // write tables), at the bottom level.
  class Range final : public SortedRows {
   public:
    Range(std::string prefix, std::function<std::string()> value)
        : prefix_(std::move(prefix)), value_(std::move(value)) {}
    bool Next(std::string_view& key, std::string_view& value) override {
      if (next_ == 2000) return false;
      key_ = prefix_ + std::to_string(10000 + next_++);  // in key order
      value_bytes_ = value_();
      key = key_;
      value = value_bytes_;
      return true;
    }

   private:
    std::string prefix_;
    std::function<std::string()> value_;
    int next_ = 0;
    std::string key_, value_bytes_;
  };
  Range s_rows("s", value), t_rows("t", value), u_rows("u", value);
  ASSERT_TRUE(store_->BulkLoadIndex({&s_rows, &t_rows, &u_rows}).ok());
  const uint64_t before = TableFileBytes();
  ASSERT_GT(before, 6'000'000u);

  ASSERT_TRUE(store_->DropIndexRange("t", "u").ok());
  // Without any compaction, a third of the bytes is gone.
  EXPECT_LT(TableFileBytes(), before - 1'900'000u);
  std::unique_ptr<KvCursor> cursor = store_->NewIndexCursor();
  cursor->Seek("t");
  ASSERT_TRUE(cursor->Valid());
  EXPECT_EQ(cursor->key(), "u10000");
  int kept = 0;
  for (cursor->Seek(""); cursor->Valid(); cursor->Next()) ++kept;
  EXPECT_EQ(kept, 4000);
}

}  // namespace
}  // namespace kumppani::store
