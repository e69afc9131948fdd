// Row buffer blocks (block_pool.h NextBlock) and the rows packed into them.
#include "ledger/projections/row_buffer.h"

#include <cstdlib>
#include <cstring>

namespace kumppani::projections {

void RowBuffer::FreeBlock::operator()(char* block) const { std::free(block); }

char* RowBuffer::Reserve(size_t size) {
  while (current_ < blocks_.size() && used_ + size > blocks_[current_].second) {
    ++current_;
    used_ = 0;
  }
  if (current_ == blocks_.size()) {
    const GrownBlock block = NextBlock(pool_, blocks_.empty() ? 0 : blocks_.back().second, size);
    blocks_.emplace_back(Block(block.data), block.size);
    used_ = 0;
  }
  char* out = blocks_[current_].first.get() + used_;
  used_ += size;
  return out;
}

void RowBuffer::Add(std::string_view key, std::string_view value_head,
                    std::string_view value_tail) {
  const size_t value_size = value_head.size() + value_tail.size();
  char* out = Reserve(key.size() + value_size);
  // An empty view may have no data pointer, which memcpy must not get.
  auto copy = [](char* to, std::string_view bytes) {
    if (!bytes.empty()) std::memcpy(to, bytes.data(), bytes.size());
  };
  copy(out, key);
  copy(out + key.size(), value_head);
  copy(out + key.size() + value_head.size(), value_tail);
  rows_.push_back({out, static_cast<uint32_t>(key.size()), static_cast<uint32_t>(value_size)});
  row_bytes_ += key.size() + value_size;
}

void RowBuffer::Clear() {
  rows_.clear();
  row_bytes_ = 0;
  current_ = 0;
  used_ = 0;
}

void RowBuffer::AppendTo(std::vector<std::pair<std::string, std::string>>& out) const {
  out.reserve(out.size() + rows_.size());
  for (const Row& row : rows_) out.emplace_back(row.key(), row.value());
}

}  // namespace kumppani::projections
