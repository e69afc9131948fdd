// Opening a store whose Merkle tree was written in format 1 (one row per
// node) migrates it to format 2's segment rows: the same roots, leaves and
// proofs, no format-1 rows left, appends continue; interrupted migrations
// (before and after the format is recorded) are safe; damage and unknown
// formats are refused.
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/store/canonical_bytes.h"
#include "ledger/store/event_store.h"
#include "ledger/store/keys.h"
#include "ledger/store/merkle_frontier.h"
#include "tests/testing/events.h"
#include "tests/testing/naive_merkle.h"
#include "tests/testing/raw_rocks.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;
using ::kumppani::testing::NaiveTree;
using ::kumppani::testing::RawRocks;
using ::testing::HasSubstr;

std::string Format1Key(uint32_t level, uint64_t index) {
  return std::string(1, static_cast<char>(level)) + EncodeBigEndian64(index);
}

// Every key of the tree family, by length.
std::map<size_t, int> TreeKeyLengths(RawRocks& raw) {
  std::map<size_t, int> lengths;
  std::unique_ptr<rocksdb::Iterator> it(
      raw.db()->NewIterator(rocksdb::ReadOptions(), raw.Family(kTreeFamily)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++lengths[it->key().size()];
  return lengths;
}

std::string StoredFormat(RawRocks& raw) {
  std::string format;
  EXPECT_TRUE(raw.db()->Get(rocksdb::ReadOptions(), raw.Family(kMetaFamily), "format", &format).ok());
  return format;
}

class TreeMigrationTest : public ::testing::Test {
 protected:
  std::string Path() { return dir_.Sub("db"); }
  absl::Status Open() {
    store_.reset();
    StoreOptions options;
    options.path = Path();
    auto opened = EventStore::Open(options);
    if (!opened.ok()) return opened.status();
    store_ = *std::move(opened);
    return absl::OkStatus();
  }
  // Appends `count` events in groups of 1..7 from two threads.
  void Append(int count) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        for (int i = t; i < count;) {
          std::vector<EventEnvelope> events;
          for (int k = 0; k < 1 + i % 7 && i < count; ++k, i += 2) {
            events.push_back(MakeEvent("A", std::to_string(i)));
          }
          EXPECT_TRUE(store_->Append(MakeAppend("org-" + std::to_string(t), ExpectedVersion::Any(),
                                                events))
                          .ok());
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  NaiveTree Reference() {
    std::vector<std::string> inputs;
    auto events = store_->ReadAll(Position(1), 100000);
    EXPECT_TRUE(events.ok()) << events.status();
    for (const EventEnvelope& event : *events) inputs.push_back(CanonicalBytes(event));
    return NaiveTree(std::move(inputs));
  }
  // Closes the store and rewrites its tree as format 1 did. With
  // `keep_segments` the format-2 rows stay too.
  void RewriteAsFormat1(bool keep_segments, const std::string& format = "kumppani-log-1") {
    const uint64_t head = store_->HeadPosition().value();
    auto leaves = store_->LeafHashes(Position(1), head);
    ASSERT_TRUE(leaves.ok()) << leaves.status();
    store_.reset();
    RawRocks raw(Path());
    ASSERT_NE(raw.db(), nullptr);
    rocksdb::ColumnFamilyHandle* tree = raw.Family(kTreeFamily);
    rocksdb::WriteBatch batch;
    if (!keep_segments) {
      std::unique_ptr<rocksdb::Iterator> it(raw.db()->NewIterator(rocksdb::ReadOptions(), tree));
      for (it->SeekToFirst(); it->Valid(); it->Next()) batch.Delete(tree, it->key());
    }
    MerkleFrontier frontier;
    for (const Hash& leaf : *leaves) {
      auto nodes = frontier.Append({leaf});
      ASSERT_TRUE(nodes.ok());
      for (const MerkleNode& node : *nodes) {
        batch.Put(tree, Format1Key(node.level, node.index), std::string(HashBytes(node.hash)));
      }
    }
    batch.Put(raw.Family(kMetaFamily), "format", format);
    rocksdb::WriteOptions sync;
    sync.sync = true;
    ASSERT_TRUE(raw.db()->Write(sync, &batch).ok());
  }
  // Roots at every size, every leaf, and proofs against the reference.
  void ExpectTreeMatches(const NaiveTree& reference, uint64_t size) {
    ASSERT_EQ(store_->HeadPosition().value(), size);
    auto leaves = store_->LeafHashes(Position(1), size);
    ASSERT_TRUE(leaves.ok()) << leaves.status();
    ASSERT_EQ(leaves->size(), size);
    for (uint64_t n = 1; n <= size; ++n) {
      ASSERT_EQ((*leaves)[n - 1], reference.Mth(n - 1, n)) << "leaf " << n - 1;
      const Hash root = *store_->RootHash(n);
      ASSERT_EQ(root, reference.Mth(0, n)) << "size " << n;
      const uint64_t m = (n * 7 + 3) % n;
      auto proof = store_->InclusionProof(Position(m + 1), n);
      ASSERT_TRUE(proof.ok()) << proof.status();
      EXPECT_TRUE(audit::VerifyInclusion(m, n, (*leaves)[m], *proof, root).ok()) << m << "/" << n;
      auto consistency = store_->ConsistencyProof((n + 1) / 2, n);
      ASSERT_TRUE(consistency.ok()) << consistency.status();
      EXPECT_TRUE(audit::VerifyConsistency((n + 1) / 2, n, *store_->RootHash((n + 1) / 2), root,
                                           *consistency)
                      .ok());
    }
  }

  kumppani::testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(TreeMigrationTest, NewStoresAreFormat2WithOneRowPerGroup) {
  ASSERT_TRUE(Open().ok());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store_->Append(MakeAppend("org-s", ExpectedVersion::Any(),
                                          {MakeEvent("A", "x"), MakeEvent("A", "y")}))
                    .ok());
  }
  store_.reset();
  RawRocks raw(Path());
  EXPECT_EQ(StoredFormat(raw), "kumppani-log-2");
  EXPECT_EQ(TreeKeyLengths(raw), (std::map<size_t, int>{{8, 5}}));
}

TEST_F(TreeMigrationTest, Format1TreeIsMigratedAndAppendsContinue) {
  ASSERT_TRUE(Open().ok());
  Append(150);
  RewriteAsFormat1(/*keep_segments=*/false);
  {
    RawRocks raw(Path());
    EXPECT_EQ(TreeKeyLengths(raw), (std::map<size_t, int>{{9, 296}}));  // 2n - popcount(n)
  }
  ASSERT_TRUE(Open().ok());
  ExpectTreeMatches(Reference(), 150);
  Append(40);
  ExpectTreeMatches(Reference(), 190);
  store_.reset();
  RawRocks raw(Path());
  EXPECT_EQ(StoredFormat(raw), "kumppani-log-2");
  EXPECT_EQ(TreeKeyLengths(raw).count(9), 0u);
}

TEST_F(TreeMigrationTest, InterruptedBeforeTheFormatIsRecordedMigratesAgain) {
  ASSERT_TRUE(Open().ok());
  Append(60);
  // Segments of the earlier, interrupted run are still there beside the
  // format-1 rows, and the store still says format 1.
  RewriteAsFormat1(/*keep_segments=*/true);
  ASSERT_TRUE(Open().ok());
  ExpectTreeMatches(Reference(), 60);
}

TEST_F(TreeMigrationTest, LeftoverFormat1RowsAfterTheFormatIsRecordedAreIgnored) {
  ASSERT_TRUE(Open().ok());
  Append(60);
  // Interrupted after recording format 2, before deleting the old rows.
  RewriteAsFormat1(/*keep_segments=*/true, "kumppani-log-2");
  ASSERT_TRUE(Open().ok());
  ExpectTreeMatches(Reference(), 60);
  Append(10);
  ExpectTreeMatches(Reference(), 70);
}

TEST_F(TreeMigrationTest, MissingFormat1LeafIsDataLossAndChangesNothing) {
  ASSERT_TRUE(Open().ok());
  Append(20);
  RewriteAsFormat1(/*keep_segments=*/false);
  {
    RawRocks raw(Path());
    rocksdb::WriteOptions sync;
    sync.sync = true;
    ASSERT_TRUE(raw.db()->Delete(sync, raw.Family(kTreeFamily), Format1Key(0, 12)).ok());
  }
  absl::Status opened = Open();
  EXPECT_EQ(opened.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(opened.message()), HasSubstr("the leaf of position 13 is missing"));
  RawRocks raw(Path());
  EXPECT_EQ(StoredFormat(raw), "kumppani-log-1");
}

TEST_F(TreeMigrationTest, UnknownFormatIsRefused) {
  ASSERT_TRUE(Open().ok());
  Append(4);
  RewriteAsFormat1(/*keep_segments=*/false, "kumppani-log-9");
  absl::Status opened = Open();
  EXPECT_EQ(opened.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(opened.message()),
              HasSubstr("holds format \"kumppani-log-9\", expected \"kumppani-log-2\""));
}

}  // namespace
}  // namespace kumppani::store
