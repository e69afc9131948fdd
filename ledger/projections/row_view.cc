// Reads of versioned rows: the newest version <= the view's position wins.
#include "ledger/projections/row_view.h"

#include "absl/strings/str_cat.h"
#include "ledger/projections/row_keys.h"
#include "ledger/store/event_store.h"

namespace kumppani::projections {
namespace {


// Walks the versions of consecutive entries (rows or index entries) under
// `prefix` and calls `visit` with the newest version <= `position` of each
// entry that is present. Stops when `visit` returns false.
absl::Status VisitNewest(store::KvCursor& cursor, std::string_view prefix, uint64_t position,
                         const std::function<bool(const DecodedKey&, std::string_view)>& visit) {
  std::string done_entry;  // versionless key of the entry already decided
  for (; cursor.Valid() && cursor.key().starts_with(prefix); cursor.Next()) {
    std::string_view key = cursor.key();
    std::optional<DecodedKey> decoded = DecodeKey(key);
    if (!decoded) {
      return absl::DataLossError("projections: malformed key in the projection family");
    }
    std::string_view entry = key.substr(0, decoded->versionless_size);
    if (entry == done_entry || decoded->position > position) continue;
    done_entry.assign(entry);
    std::string_view value = cursor.value();
    if (value.empty() || value[0] != kPresent) continue;
    if (!visit(*decoded, value.substr(1))) break;
  }
  return cursor.status();
}

}  // namespace

absl::Status DataLossParsing(std::string_view stream_id, std::string_view name) {
  return absl::DataLossError(absl::StrCat("projections: row \"", std::string(name), "\" of ",
                                          std::string(stream_id), " does not parse"));
}

void RowView::ReturnScanCursor::operator()(store::KvCursor* cursor) const {
  cursors->idle_scans.emplace_back(cursor);
}

RowView::Cursors& RowView::cursors() const {
  if (cursors_ == nullptr) cursors_ = std::make_shared<Cursors>();
  return *cursors_;
}

RowView::ScanCursorPtr RowView::ScanCursor(std::string_view prefix) const {
  Cursors& pool = cursors();
  std::string bound = PrefixEnd(prefix);
  std::unique_ptr<store::KvCursor> cursor;
  if (pool.idle_scans.empty()) {
    cursor = store_->NewIndexCursor(std::move(bound));
  } else {
    cursor = std::move(pool.idle_scans.back());
    pool.idle_scans.pop_back();
    cursor->Rebound(std::move(bound));
  }
  return ScanCursorPtr(cursor.release(), ReturnScanCursor{cursors_});
}

store::KvCursor& RowView::point_cursor() const {
  Cursors& pool = cursors();
  if (pool.point == nullptr) pool.point = store_->NewIndexCursor();
  return *pool.point;
}

absl::StatusOr<std::optional<std::string>> RowView::Get(std::string_view stream_id,
                                                        std::string_view name) const {
  store::KvCursor* cursor = &point_cursor();
  std::string prefix = RowPrefix(table_, stream_id, name);
  cursor->Seek(RowKey(table_, stream_id, name, position_.value()));
  std::optional<std::string> result;
  if (cursor->Valid() && cursor->key().starts_with(prefix) &&
      cursor->key().size() == prefix.size() + 8) {
    std::string_view value = cursor->value();
    if (!value.empty() && value[0] == kPresent) result.emplace(value.substr(1));
  }
  if (!cursor->status().ok()) return cursor->status();
  return result;
}

absl::Status RowView::ScanRows(std::string_view stream_id, std::string_view name_prefix,
                               const RowVisitor& visit) const {
  std::string prefix = StreamRowsPrefix(table_, stream_id);
  prefix.append(name_prefix);
  ScanCursorPtr cursor = ScanCursor(prefix);
  cursor->Seek(prefix);
  return VisitNewest(*cursor, prefix, position_.value(),
                     [&](const DecodedKey& key, std::string_view value) {
                       if (!key.second.empty() && key.second[0] == kHiddenIndexRow) return true;
                       return visit(key.second, value);
                     });
}

absl::Status RowView::ScanStreams(std::string_view prefix, std::string_view start_after,
                                  const StreamVisitor& visit) const {
  std::string scan_prefix = StreamRowsPrefix(table_, prefix);
  scan_prefix.pop_back();  // the stream id prefix, without its '\0'
  ScanCursorPtr cursor = ScanCursor(scan_prefix);
  std::string seek = scan_prefix;
  if (!start_after.empty()) {
    seek = StreamRowsPrefix(table_, start_after);
    seek.back() = '\x01';  // past every row of start_after
  }
  cursor->Seek(seek);
  while (cursor->Valid() && cursor->key().starts_with(scan_prefix)) {
    std::optional<DecodedKey> key = DecodeKey(cursor->key());
    if (!key) return absl::DataLossError("projections: malformed key in the projection family");
    std::string stream(key->first);
    // Main row versions come first within a stream (its name is empty).
    std::optional<std::string> main;
    if (key->second.empty()) {
      std::string main_prefix = RowPrefix(table_, stream, "");
      for (; cursor->Valid() && cursor->key().starts_with(main_prefix); cursor->Next()) {
        std::optional<DecodedKey> version = DecodeKey(cursor->key());
        if (!version || version->position > position_.value()) continue;
        std::string_view value = cursor->value();
        if (!value.empty() && value[0] == kPresent) main.emplace(value.substr(1));
        break;
      }
    }
    if (main.has_value() && !visit(stream, *main)) break;
    std::string next = StreamRowsPrefix(table_, stream);
    next.back() = '\x01';
    cursor->Seek(next);
  }
  return cursor->status();
}

absl::Status RowView::ScanIndex(std::string_view key_prefix, std::string_view start_after_key,
                                std::string_view start_after_stream,
                                const IndexVisitor& visit) const {
  return ScanIndexEntries(key_prefix, start_after_key, start_after_stream,
                          [&](std::string_view key, std::string_view stream, std::string_view) {
                            return visit(key, stream);
                          });
}

absl::Status RowView::ScanIndexEntries(std::string_view key_prefix,
                                       std::string_view start_after_key,
                                       std::string_view start_after_stream,
                                       const IndexEntryVisitor& visit) const {
  std::string prefix = IndexEntryPrefix(table_, key_prefix, "");
  prefix.resize(prefix.size() - 2);  // BE32(t) 'i' key_prefix
  ScanCursorPtr cursor = ScanCursor(prefix);
  if (start_after_key.empty()) {
    cursor->Seek(prefix);
  } else {
    std::string seek = IndexEntryPrefix(table_, start_after_key, start_after_stream);
    seek.back() = '\x01';
    cursor->Seek(seek);
  }
  return VisitNewest(*cursor, prefix, position_.value(),
                     [&](const DecodedKey& key, std::string_view payload) {
                       return visit(key.first, key.second, payload);
                     });
}

}  // namespace kumppani::projections
