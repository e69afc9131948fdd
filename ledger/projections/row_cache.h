// The newest value of each row a TableWriter has read or written, by stream
// and row name. A rebuild caches millions of small rows, so they are kept
// compactly: names and values sit in large blocks of memory (a replay's come
// from its pool, touched ahead), each stream's rows in one array sorted by
// name, and a stream is found with one lookup in a flat hash table.
//
// Not thread-safe.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_ROW_CACHE_H_
#define KUMPPANI_LEDGER_PROJECTIONS_ROW_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "ledger/projections/block_pool.h"

namespace kumppani::projections {

class RowCache {
 public:
  // The cached rows of one stream.
  class Stream {
   public:
    // The stream's id, in the cache's memory.
    std::string_view id() const { return id_; }
    // The cached value of row `name`, or nullopt when the row is not cached.
    std::optional<std::string_view> Find(std::string_view name) const;
    // Calls `visit(name)` for each cached row, in name order.
    template <typename Visit>
    void ForEachName(Visit visit) const {
      for (const Row& row : rows_) visit(row.name);
    }

   private:
    friend class RowCache;
    struct Row {
      std::string_view name;  // in the cache's memory
      char* value;            // `size` bytes of `capacity`, in the cache's memory
      uint32_t size;
      uint32_t capacity;
    };
    // Where row `name` is, or would be inserted.
    size_t LowerBound(std::string_view name) const;

    std::string_view id_;
    std::vector<Row> rows_;  // sorted by name
  };

  // Memory comes from `pool` when given (see set_pool).
  explicit RowCache(BlockPool* pool = nullptr) : pool_(pool) {}
  RowCache(const RowCache&) = delete;
  RowCache& operator=(const RowCache&) = delete;
  ~RowCache() { Clear(); }

  // Where later blocks come from (nullptr: the heap). The pool must outlive
  // its use here; blocks taken from it are the cache's until Clear.
  void set_pool(BlockPool* pool) { pool_ = pool; }

  // The rows of `stream`, made empty when absent. The reference stays valid
  // until Clear.
  Stream& Rows(std::string_view stream);
  // The rows of `stream`, or nullptr when none was ever cached.
  const Stream* FindRows(std::string_view stream) const;
  // Caches `value` as the value of row `name` of `rows` (a stream of this
  // cache) and returns the cached copy. `value` must not view this cache's
  // memory.
  std::string_view Set(Stream& rows, std::string_view name, std::string_view value);

  // Rows cached.
  size_t size() const { return rows_; }
  // Forgets every row and gives the memory back.
  void Clear();

 private:
  // `size` bytes of the cache's memory, 8-byte aligned.
  char* Allocate(size_t size);
  std::string_view Copy(std::string_view bytes);

  BlockPool* pool_;
  absl::flat_hash_map<std::string_view, Stream*> streams_;  // keys in the cache's memory
  std::deque<Stream> stream_rows_;                          // stable addresses
  std::vector<std::pair<char*, size_t>> blocks_;            // block, size (std::free)
  char* next_ = nullptr;                                    // free part of the last block
  size_t left_ = 0;
  size_t rows_ = 0;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_ROW_CACHE_H_
