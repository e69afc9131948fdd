// Listing pages over index entries and streams.
#include "ledger/projections/registry/registry_listing.h"

#include "absl/strings/str_cat.h"

namespace kumppani::projections::registry {
namespace {

constexpr char kCursorSeparator = '\n';

absl::Status BadCursor() {
  return absl::InvalidArgumentError("page_token: does not point into this list");
}

}  // namespace

absl::StatusOr<Listing> OpenListing(const ProjectionEngine& engine, std::string_view projection,
                                    std::string_view list_name, const PageRequest& page,
                                    std::optional<Position> known_at) {
  absl::StatusOr<RowView> head =
      engine.View(projection, page.page_token.empty() ? known_at : std::nullopt);
  if (!head.ok()) return head.status();
  absl::StatusOr<PageCursor> cursor = DecodePageToken(list_name, page.page_token, head->position());
  if (!cursor.ok()) return cursor.status();
  Listing listing{*head, *cursor, EffectivePageSize(page.page_size)};
  if (cursor->known_at != head->position()) {
    absl::StatusOr<RowView> pinned = engine.View(projection, cursor->known_at);
    if (!pinned.ok()) return pinned.status();
    listing.view = *std::move(pinned);
  }
  return listing;
}

std::string IndexCursor(std::string_view key, std::string_view stream) {
  std::string cursor(key);
  cursor.push_back(kCursorSeparator);
  cursor.append(stream);
  return cursor;
}

absl::StatusOr<EntryPage> IndexPage(const RowView& view, std::string_view prefix,
                                    std::string_view last_key, size_t page_size,
                                    std::string_view first_key,
                                    std::string_view last_included_key) {
  std::string after_key(first_key);
  std::string after_stream;
  if (!last_key.empty()) {
    size_t split = last_key.find(kCursorSeparator);
    if (split == std::string_view::npos || last_key.substr(0, prefix.size()) != prefix) {
      return BadCursor();
    }
    after_key = std::string(last_key.substr(0, split));
    after_stream = std::string(last_key.substr(split + 1));
  }
  EntryPage page;
  bool more = false;
  absl::Status scan = view.ScanIndex(
      prefix, after_key, after_stream, [&](std::string_view key, std::string_view stream) {
        if (!last_included_key.empty() && key > last_included_key) return false;
        if (page.entries.size() == page_size) {
          more = true;
          return false;
        }
        page.entries.push_back(Entry{std::string(key), std::string(stream), ""});
        return true;
      });
  if (!scan.ok()) return scan;
  if (more) page.next_last_key = IndexCursor(page.entries.back().key, page.entries.back().stream);
  return page;
}

absl::StatusOr<EntryPage> StreamPage(const RowView& view, std::string_view prefix,
                                     std::string_view last_key, size_t page_size) {
  if (!last_key.empty() && last_key.substr(0, prefix.size()) != prefix) return BadCursor();
  EntryPage page;
  bool more = false;
  absl::Status scan =
      view.ScanStreams(prefix, last_key, [&](std::string_view stream, std::string_view main_row) {
        if (page.entries.size() == page_size) {
          more = true;
          return false;
        }
        page.entries.push_back(Entry{"", std::string(stream), std::string(main_row)});
        return true;
      });
  if (!scan.ok()) return scan;
  if (more) page.next_last_key = page.entries.back().stream;
  return page;
}

std::string NextPageToken(std::string_view list_name, const Listing& listing,
                          const EntryPage& page) {
  if (page.next_last_key.empty()) return "";
  return EncodePageToken(list_name, PageCursor{listing.cursor.known_at, page.next_last_key});
}

}  // namespace kumppani::projections::registry
