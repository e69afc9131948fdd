// Rows (key and value bytes) packed one after another in a few large blocks
// of memory, for the rows a rebuild writes by the million: one row costs its
// bytes and 16 bytes of bookkeeping, and no allocation of its own. Large
// blocks ask the kernel for huge pages; a rebuild's come from a BlockPool,
// touched ahead on another thread.
//
// Not thread-safe; a buffer may be moved to another thread.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_ROW_BUFFER_H_
#define KUMPPANI_LEDGER_PROJECTIONS_ROW_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/projections/block_pool.h"

namespace kumppani::projections {

class RowBuffer {
 public:
  struct Row {
    const char* data;  // key bytes, then value bytes
    uint32_t key_size;
    uint32_t value_size;
    std::string_view key() const { return {data, key_size}; }
    std::string_view value() const { return {data + key_size, value_size}; }
  };

  // Blocks come from `pool` when given (and a row fits in one).
  explicit RowBuffer(BlockPool* pool = nullptr) : pool_(pool) {}
  RowBuffer(RowBuffer&&) = default;
  RowBuffer& operator=(RowBuffer&&) = default;

  // Appends a row whose value is `value_head` followed by `value_tail`.
  void Add(std::string_view key, std::string_view value_head, std::string_view value_tail = {});

  // The rows in the order added (or as sorted).
  const std::vector<Row>& rows() const { return rows_; }
  std::vector<Row>& mutable_rows() { return rows_; }
  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  // Memory the rows use (their bytes and bookkeeping; a block's unused
  // tail is never touched, so it costs address space, not memory).
  size_t bytes() const { return row_bytes_ + rows_.size() * sizeof(Row); }

  // Where later blocks come from (nullptr: the heap).
  void set_pool(BlockPool* pool) { pool_ = pool; }

  // Forgets the rows; keeps the memory for the next ones.
  void Clear();
  // Copies the rows out as strings (for a WriteBatch).
  void AppendTo(std::vector<std::pair<std::string, std::string>>& out) const;

 private:
  struct FreeBlock {
    void operator()(char* block) const;
  };
  using Block = std::unique_ptr<char, FreeBlock>;
  // Room for `size` more bytes, starting a new block when needed.
  char* Reserve(size_t size);

  BlockPool* pool_ = nullptr;
  std::vector<Row> rows_;
  std::vector<std::pair<Block, size_t>> blocks_;  // block, size
  size_t current_ = 0;                            // block being filled
  size_t used_ = 0;                               // bytes used in it
  size_t row_bytes_ = 0;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_ROW_BUFFER_H_
