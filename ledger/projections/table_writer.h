// Writing one projection table: versioned row and index writes, the reads a
// fold makes in between, and the AggregateRows a projection sees.
//
// Writes are kept pending (and visible to later reads through a cache of
// each touched row's newest value) until Flush moves them into a batch. A
// writer for a fresh table (a rebuild's) knows every row of the table from
// its cache as long as the cache was never trimmed, and then never reads the
// disk.
//
// Not thread-safe: one writer per thread.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_TABLE_WRITER_H_
#define KUMPPANI_LEDGER_PROJECTIONS_TABLE_WRITER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "ledger/projections/projection.h"
#include "ledger/projections/row_buffer.h"
#include "ledger/projections/row_cache.h"
#include "ledger/store/group_indexer.h"

namespace kumppani::projections {

class TableWriter {
 public:
  using CursorFactory = std::function<std::unique_ptr<store::KvCursor>()>;

  // `fresh`: the table was empty when the writer started and only it writes
  // to it.
  TableWriter(uint32_t table, CursorFactory new_cursor, bool fresh);

  uint32_t table() const { return table_; }

  // The row's newest value; the view is valid until the next write to the
  // writer.
  std::optional<std::string_view> GetRow(std::string_view stream, std::string_view name);
  // Writes row `name` at `position`; nullopt deletes it. `value` may view
  // memory of this writer (a row read with GetRow).
  void PutRow(std::string_view stream, std::string_view name, uint64_t position,
              std::optional<std::string_view> value);
  // An entry present carries `payload` (empty for most indexes).
  void PutIndex(std::string_view index_key, std::string_view stream, uint64_t position,
                bool present, std::string_view payload = {});
  // Names of the rows of `stream` that are present (hidden ones included).
  std::vector<std::string> RowNames(std::string_view stream);

  // The name of the hidden row that records `index_key`'s entry for a
  // stream; valid until the next call.
  std::string_view HiddenRowName(std::string_view index_key);

  // Moves the pending writes into `batch`; reads after it expect the batch
  // to be written.
  void Flush(store::IndexBatch& batch);
  // The pending writes, in the order made, taken out of the writer; reads
  // after it expect them to be written.
  RowBuffer TakePending();
  // Where the memory of later pending writes comes from (nullptr: the heap;
  // a replay's pool). The pool must outlive its use here.
  void UseBlocks(BlockPool* pool);
  size_t pending() const { return pending_.size(); }
  size_t cached_rows() const { return cache_.size(); }
  // Drops the cache (after a Flush that reached the disk) to bound memory.
  void TrimCache();

  // First read failure or misuse, if any; sticky.
  const absl::Status& status() const { return status_; }
  void RecordError(absl::Status error);

 private:
  // Tagged newest value ("v" + bytes, or "x") from the disk.
  std::string ReadFromDisk(std::string_view stream, std::string_view name);
  store::KvCursor& cursor();

  const uint32_t table_;
  CursorFactory new_cursor_;
  bool cache_complete_;
  std::unique_ptr<store::KvCursor> cursor_;
  // The cached rows of `stream`, made empty when absent.
  RowCache::Stream& CachedStream(std::string_view stream);

  // stream -> row name -> tagged newest value.
  RowCache cache_;
  // The stream CachedStream found last (in the cache's memory), and its rows.
  std::string_view last_stream_;
  RowCache::Stream* last_rows_ = nullptr;
  // Pending writes in the order made: a batch applies them in order, so a
  // later write of the same key (same row, same position) wins.
  BlockPool* blocks_ = nullptr;
  RowBuffer pending_;
  std::string key_;     // scratch for the key of the next pending write
  std::string hidden_;  // HiddenRowName's
  absl::Status status_;
};

// The AggregateRows of one stream at one position, over a TableWriter.
class StreamRows final : public AggregateRows {
 public:
  StreamRows(TableWriter& writer, const std::string& stream_id, uint64_t position)
      : writer_(writer), stream_id_(stream_id), position_(position) {}

  const std::string& stream_id() const override { return stream_id_; }
  std::optional<std::string_view> Get(std::string_view name) override;
  void Put(std::string_view name, std::string_view value) override;
  void Delete(std::string_view name) override;
  void AddIndex(std::string_view index_key) override;
  void RemoveIndex(std::string_view index_key) override;
  void SetIndex(std::string_view index_key, std::string_view payload) override;

  // Deletes every row and index entry of the stream (for corrections).
  void ForgetAll();

 private:
  // False for names containing '\0' or starting with '\x01': writes of
  // such names are skipped.
  bool ValidName(std::string_view name);

  TableWriter& writer_;
  const std::string& stream_id_;
  const uint64_t position_;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_TABLE_WRITER_H_
