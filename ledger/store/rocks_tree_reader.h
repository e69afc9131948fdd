// MerkleNodeReader over the store's `tree` column family (rows as in
// tree_segments.h), serving a fixed tree size, and the range read of leaf
// hashes. Internal to ledger/store.
#ifndef KUMPPANI_LEDGER_STORE_ROCKS_TREE_READER_H_
#define KUMPPANI_LEDGER_STORE_ROCKS_TREE_READER_H_

#include <memory>
#include <string>
#include <vector>

#include "ledger/store/merkle_tree.h"
#include "ledger/store/tree_segments.h"
#include "rocksdb/db.h"

namespace kumppani::store {

class RocksTreeReader final : public MerkleNodeReader {
 public:
  // Neither pointer is owned; both outlive the reader.
  RocksTreeReader(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree, uint64_t size)
      : db_(db), tree_(tree), size_(size) {}

  uint64_t Size() const override { return size_; }
  // NOT_FOUND outside the tree's size; DATA_LOSS when a node that must exist
  // is missing or its row is malformed.
  absl::StatusOr<Hash> Node(uint32_t level, uint64_t index) const override;

  // The leaf hashes of leaves [begin, end), end <= Size(); DATA_LOSS naming
  // the first leaf that is missing or malformed.
  absl::StatusOr<std::vector<Hash>> Leaves(uint64_t begin, uint64_t end) const;

 private:
  // Positions the iterator on the segment row holding `leaf`, skipping rows
  // that are not segments (see tree_migration.h); false when there is none.
  bool SeekSegment(uint64_t leaf) const;

  rocksdb::DB* const db_;
  rocksdb::ColumnFamilyHandle* const tree_;
  const uint64_t size_;
  mutable std::unique_ptr<rocksdb::Iterator> it_;  // created on first use
  // The segment Node() read last (a proof's lower nodes often share one);
  // its hashes point into last_value_.
  mutable std::string last_value_;
  mutable TreeSegment last_segment_;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_ROCKS_TREE_READER_H_
