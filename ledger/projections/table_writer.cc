// Versioned writes to a projection table, with a cache of newest values.
#include "ledger/projections/table_writer.h"

#include <set>

#include "ledger/projections/row_keys.h"

namespace kumppani::projections {
namespace {

constexpr char kAbsent[] = "x";


}  // namespace

TableWriter::TableWriter(uint32_t table, CursorFactory new_cursor, bool fresh)
    : table_(table), new_cursor_(std::move(new_cursor)), cache_complete_(fresh) {}

void TableWriter::RecordError(absl::Status error) {
  if (status_.ok()) status_ = std::move(error);
}

store::KvCursor& TableWriter::cursor() {
  if (cursor_ == nullptr) cursor_ = new_cursor_();
  return *cursor_;
}

std::string TableWriter::ReadFromDisk(std::string_view stream, std::string_view name) {
  std::string prefix = RowPrefix(table_, stream, name);
  store::KvCursor& it = cursor();
  it.Seek(prefix);
  if (!it.status().ok()) {
    RecordError(it.status());
    return kAbsent;
  }
  if (!it.Valid() || !it.key().starts_with(prefix) || it.value().empty()) return kAbsent;
  return std::string(it.value());
}

RowCache::Stream& TableWriter::CachedStream(std::string_view stream) {
  // A fold reads and writes one stream's rows many times in a row.
  if (last_rows_ != nullptr && stream == last_stream_) return *last_rows_;
  last_rows_ = &cache_.Rows(stream);
  last_stream_ = last_rows_->id();
  return *last_rows_;
}

std::optional<std::string_view> TableWriter::GetRow(std::string_view stream,
                                                    std::string_view name) {
  RowCache::Stream& rows = CachedStream(stream);
  std::optional<std::string_view> tagged = rows.Find(name);
  if (!tagged.has_value()) {
    tagged = cache_.Set(rows, name, cache_complete_ ? kAbsent : ReadFromDisk(stream, name));
  }
  if (tagged->empty() || (*tagged)[0] != kPresent) return std::nullopt;
  return tagged->substr(1);
}

void TableWriter::PutRow(std::string_view stream, std::string_view name, uint64_t position,
                         std::optional<std::string_view> value) {
  key_.clear();
  AppendRowKey(table_, stream, name, position, &key_);
  const char tag = value.has_value() ? kPresent : kDeleted;
  // Copied into the pending write first: `value` may view the cached row.
  pending_.Add(key_, std::string_view(&tag, 1), value.value_or(std::string_view()));
  cache_.Set(CachedStream(stream), name, pending_.rows().back().value());
}

void TableWriter::PutIndex(std::string_view index_key, std::string_view stream, uint64_t position,
                           bool present, std::string_view payload) {
  key_.clear();
  AppendIndexKey(table_, index_key, stream, position, &key_);
  const char tag = present ? kPresent : kDeleted;
  pending_.Add(key_, std::string_view(&tag, 1), present ? payload : std::string_view());
}

std::vector<std::string> TableWriter::RowNames(std::string_view stream) {
  std::set<std::string> names;
  if (!cache_complete_) {
    std::string prefix = StreamRowsPrefix(table_, stream);
    store::KvCursor& it = cursor();
    for (it.Seek(prefix); it.Valid() && it.key().starts_with(prefix); it.Next()) {
      std::optional<DecodedKey> key = DecodeKey(it.key());
      if (key) names.emplace(key->second);
    }
    if (!it.status().ok()) RecordError(it.status());
  }
  if (const RowCache::Stream* cached = cache_.FindRows(stream); cached != nullptr) {
    cached->ForEachName([&names](std::string_view name) { names.emplace(name); });
  }
  std::vector<std::string> present;
  for (const std::string& name : names) {
    if (GetRow(stream, name).has_value()) present.push_back(name);
  }
  return present;
}

void TableWriter::Flush(store::IndexBatch& batch) {
  pending_.AppendTo(batch.puts);
  pending_.Clear();
  cursor_.reset();  // the next read must see the batch once it is written
}

RowBuffer TableWriter::TakePending() {
  RowBuffer taken = std::move(pending_);
  pending_ = RowBuffer(blocks_);
  cursor_.reset();  // the next read must see the rows once they are written
  return taken;
}

std::string_view TableWriter::HiddenRowName(std::string_view index_key) {
  hidden_.assign(1, kHiddenIndexRow);
  hidden_.append(index_key);
  return hidden_;
}

void TableWriter::UseBlocks(BlockPool* pool) {
  blocks_ = pool;
  pending_.set_pool(pool);
  cache_.set_pool(pool);
}

void TableWriter::TrimCache() {
  last_rows_ = nullptr;
  cache_.Clear();
  cache_complete_ = false;
  cursor_.reset();  // a new cursor sees what was flushed since
}

std::optional<std::string_view> StreamRows::Get(std::string_view name) {
  if (!ValidName(name)) return std::nullopt;
  return writer_.GetRow(stream_id_, name);
}

void StreamRows::Put(std::string_view name, std::string_view value) {
  if (!ValidName(name)) return;
  writer_.PutRow(stream_id_, name, position_, value);
}

void StreamRows::Delete(std::string_view name) {
  if (!ValidName(name)) return;
  if (writer_.GetRow(stream_id_, name).has_value()) {
    writer_.PutRow(stream_id_, name, position_, std::nullopt);
  }
}

void StreamRows::AddIndex(std::string_view index_key) {
  if (!ValidName(index_key)) return;
  const std::string_view hidden = writer_.HiddenRowName(index_key);
  if (writer_.GetRow(stream_id_, hidden).has_value()) return;
  writer_.PutRow(stream_id_, hidden, position_, std::string_view());
  writer_.PutIndex(index_key, stream_id_, position_, true);
}

void StreamRows::RemoveIndex(std::string_view index_key) {
  if (!ValidName(index_key)) return;
  const std::string_view hidden = writer_.HiddenRowName(index_key);
  if (!writer_.GetRow(stream_id_, hidden).has_value()) return;
  writer_.PutRow(stream_id_, hidden, position_, std::nullopt);
  writer_.PutIndex(index_key, stream_id_, position_, false);
}

void StreamRows::SetIndex(std::string_view index_key, std::string_view payload) {
  if (!ValidName(index_key)) return;
  // The hidden row keeps the entry's payload, so an unchanged one is seen
  // without reading the index.
  const std::string_view hidden = writer_.HiddenRowName(index_key);
  std::optional<std::string_view> current = writer_.GetRow(stream_id_, hidden);
  if (current.has_value() && *current == payload) return;
  writer_.PutRow(stream_id_, hidden, position_, payload);
  writer_.PutIndex(index_key, stream_id_, position_, true, payload);
}

void StreamRows::ForgetAll() {
  for (const std::string& name : writer_.RowNames(stream_id_)) {
    if (!name.empty() && name[0] == kHiddenIndexRow) {
      writer_.PutIndex(std::string_view(name).substr(1), stream_id_, position_, false);
    }
    writer_.PutRow(stream_id_, name, position_, std::nullopt);
  }
}

bool StreamRows::ValidName(std::string_view name) {
  // Names come from event fields, which the low-level append API does not
  // police: a name the key layout cannot hold is skipped, deterministically,
  // rather than failing the write of the events.
  return name.find('\0') == std::string_view::npos &&
         (name.empty() || name[0] != kHiddenIndexRow);
}

}  // namespace kumppani::projections
