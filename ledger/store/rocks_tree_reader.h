// MerkleNodeReader over the store's `tree` column family, serving a fixed
// tree size. Internal to ledger/store.
#ifndef KUMPPANI_LEDGER_STORE_ROCKS_TREE_READER_H_
#define KUMPPANI_LEDGER_STORE_ROCKS_TREE_READER_H_

#include "ledger/store/merkle_tree.h"
#include "rocksdb/db.h"

namespace kumppani::store {

class RocksTreeReader final : public MerkleNodeReader {
 public:
  // Neither pointer is owned; both outlive the reader.
  RocksTreeReader(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree, uint64_t size)
      : db_(db), tree_(tree), size_(size) {}

  uint64_t Size() const override { return size_; }
  // DATA_LOSS when a node that must exist is missing or malformed.
  absl::StatusOr<Hash> Node(uint32_t level, uint64_t index) const override;

 private:
  rocksdb::DB* const db_;
  rocksdb::ColumnFamilyHandle* const tree_;
  const uint64_t size_;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_ROCKS_TREE_READER_H_
