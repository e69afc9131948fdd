// The row cache's lookups and its block memory.
#include "ledger/projections/row_cache.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace kumppani::projections {
namespace {

size_t RoundUp(size_t size) { return (size + 7) & ~size_t{7}; }

}  // namespace

size_t RowCache::Stream::LowerBound(std::string_view name) const {
  auto found =
      std::lower_bound(rows_.begin(), rows_.end(), name,
                       [](const Row& row, std::string_view key) { return row.name < key; });
  return static_cast<size_t>(found - rows_.begin());
}

std::optional<std::string_view> RowCache::Stream::Find(std::string_view name) const {
  const size_t at = LowerBound(name);
  if (at == rows_.size() || rows_[at].name != name) return std::nullopt;
  return std::string_view(rows_[at].value, rows_[at].size);
}

RowCache::Stream& RowCache::Rows(std::string_view stream) {
  auto found = streams_.find(stream);
  if (found != streams_.end()) return *found->second;
  Stream* rows = &stream_rows_.emplace_back();
  rows->id_ = Copy(stream);
  streams_.emplace(rows->id_, rows);
  return *rows;
}

const RowCache::Stream* RowCache::FindRows(std::string_view stream) const {
  auto found = streams_.find(stream);
  return found == streams_.end() ? nullptr : found->second;
}

std::string_view RowCache::Set(Stream& rows, std::string_view name, std::string_view value) {
  auto found = rows.rows_.begin() + static_cast<ptrdiff_t>(rows.LowerBound(name));
  if (found == rows.rows_.end() || found->name != name) {
    // Room to grow a little: a row rewritten is often a few bytes longer.
    const size_t capacity = RoundUp(value.size() + value.size() / 4);
    found = rows.rows_.insert(found,
                              {Copy(name), Allocate(capacity), 0, static_cast<uint32_t>(capacity)});
    ++rows_;
  } else if (value.size() > found->capacity) {
    // The old value's memory is left unused; growing by half at least keeps
    // what a row that keeps growing leaves behind within its final size.
    const size_t capacity =
        RoundUp(std::max<size_t>(value.size(), found->capacity + found->capacity / 2));
    found->value = Allocate(capacity);
    found->capacity = static_cast<uint32_t>(capacity);
  }
  if (!value.empty()) std::memcpy(found->value, value.data(), value.size());
  found->size = static_cast<uint32_t>(value.size());
  return std::string_view(found->value, found->size);
}

void RowCache::Clear() {
  streams_.clear();
  stream_rows_.clear();
  for (auto& [block, size] : blocks_) std::free(block);
  blocks_.clear();
  next_ = nullptr;
  left_ = 0;
  rows_ = 0;
}

std::string_view RowCache::Copy(std::string_view bytes) {
  char* copy = Allocate(bytes.size());
  if (!bytes.empty()) std::memcpy(copy, bytes.data(), bytes.size());
  return std::string_view(copy, bytes.size());
}

char* RowCache::Allocate(size_t size) {
  size = RoundUp(size);
  if (size > left_) {
    const GrownBlock block = NextBlock(pool_, blocks_.empty() ? 0 : blocks_.back().second, size);
    blocks_.emplace_back(block.data, block.size);
    next_ = block.data;
    left_ = block.size;
  }
  char* out = next_;
  next_ += size;
  left_ -= size;
  return out;
}

}  // namespace kumppani::projections
