// RocksDB access to the projection family.
#include "ledger/store/rocks_index_writer.h"

#include <cassert>
#include <utility>

#include "ledger/store/rocks_event_store.h"
#include "ledger/store/rocks_status.h"

namespace kumppani::store {

RocksKvCursor::RocksKvCursor(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                             std::string upper_bound)
    : upper_bound_(std::move(upper_bound)), upper_bound_slice_(upper_bound_) {
  rocksdb::ReadOptions options;
  if (!upper_bound_.empty()) options.iterate_upper_bound = &upper_bound_slice_;
  it_.reset(db->NewIterator(options, family));
}

void RocksKvCursor::Rebound(std::string upper_bound) {
  assert(!upper_bound_.empty() && !upper_bound.empty());
  upper_bound_ = std::move(upper_bound);
  upper_bound_slice_ = rocksdb::Slice(upper_bound_);
}

absl::Status RocksKvCursor::status() const {
  return FromRocks(it_->status(), "reading the projection family");
}

std::unique_ptr<KvCursor> RocksIndexWriter::NewCursor() {
  return std::make_unique<RocksKvCursor>(db_, family_);
}

absl::StatusOr<std::vector<v1::EventEnvelope>> RocksIndexWriter::ReadWritten(Position from,
                                                                            size_t limit) {
  return store_.ReadAllThrough(from, limit, last_written_);
}

absl::StatusOr<std::vector<v1::EventEnvelope>> RocksIndexWriter::ReadWrittenStream(
    const std::string& stream_id) {
  return store_.ReadStreamThrough(stream_id, StreamVersion(1), Direction::kForward, SIZE_MAX,
                                  last_written_);
}

size_t IndexBatchBytes(const IndexBatch& batch) {
  // Per record: a type byte, a column family id and two lengths (varints).
  constexpr size_t kRecordOverhead = 16;
  size_t bytes = 12;  // the WriteBatch header
  for (const auto& [begin, end] : batch.deleted_ranges) {
    bytes += begin.size() + end.size() + kRecordOverhead;
  }
  for (const auto& [key, value] : batch.puts) bytes += key.size() + value.size() + kRecordOverhead;
  return bytes;
}

void AddIndexBatch(const IndexBatch& batch, rocksdb::ColumnFamilyHandle* family,
                   rocksdb::WriteBatch& out) {
  for (const auto& [begin, end] : batch.deleted_ranges) out.DeleteRange(family, begin, end);
  for (const auto& [key, value] : batch.puts) out.Put(family, key, value);
}

}  // namespace kumppani::store
