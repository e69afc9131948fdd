// RocksDB access to the projection family for the projection engine: a
// cursor, and the IndexWriter handed to the indexer on the commit path.
// Internal to ledger/store.
#ifndef KUMPPANI_LEDGER_STORE_ROCKS_INDEX_WRITER_H_
#define KUMPPANI_LEDGER_STORE_ROCKS_INDEX_WRITER_H_

#include <memory>
#include <string>
#include <vector>

#include "ledger/store/group_indexer.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace kumppani::store {

class RocksEventStore;

class RocksKvCursor final : public KvCursor {
 public:
  // A cursor over `family`, ending before `upper_bound` (empty: no bound).
  RocksKvCursor(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                std::string upper_bound = {});
  void Seek(std::string_view key) override { it_->Seek(rocksdb::Slice(key.data(), key.size())); }
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  std::string_view key() const override { return it_->key().ToStringView(); }
  std::string_view value() const override { return it_->value().ToStringView(); }
  absl::Status status() const override;
  // RocksDB reads the bound through its pointer at each Seek, and supports
  // changing it in between.
  void Rebound(std::string upper_bound) override;

 private:
  // Declared before it_: the iterator reads the bound until it is gone.
  std::string upper_bound_;
  rocksdb::Slice upper_bound_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

// An IndexWriter over the events written up to `last_written`.
class RocksIndexWriter final : public IndexWriter {
 public:
  RocksIndexWriter(const RocksEventStore& store, rocksdb::DB* db,
                   rocksdb::ColumnFamilyHandle* family, uint64_t last_written)
      : store_(store), db_(db), family_(family), last_written_(last_written) {}

  std::unique_ptr<KvCursor> NewCursor() override;
  IndexBatch& batch() override { return batch_; }
  absl::StatusOr<std::vector<v1::EventEnvelope>> ReadWritten(Position from, size_t limit) override;
  absl::StatusOr<std::vector<v1::EventEnvelope>> ReadWrittenStream(
      const std::string& stream_id) override;
  Position LastWritten() const override { return Position(last_written_); }

 private:
  const RocksEventStore& store_;
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* family_;
  uint64_t last_written_;
  IndexBatch batch_;
};

// An upper bound of the bytes `batch` takes in a WriteBatch (to reserve
// them, rather than grow the batch by copies).
size_t IndexBatchBytes(const IndexBatch& batch);
// Adds `batch` to `out` for the family.
void AddIndexBatch(const IndexBatch& batch, rocksdb::ColumnFamilyHandle* family,
                   rocksdb::WriteBatch& out);

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_ROCKS_INDEX_WRITER_H_
