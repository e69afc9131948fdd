// Paging for the registry's list queries: opening a listing at the position
// its page token pins, and reading one page of index entries or streams.
//
// A page's last_key (inside the page token) is the last stream id for a
// stream scan, or IndexCursor(key, stream) for an index scan (index keys
// never contain '\n', see registry_keys.h).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_REGISTRY_LISTING_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_REGISTRY_LISTING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/common/ids.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections::registry {

// A listing opened for one page.
struct Listing {
  // The view at the listing's known_at.
  RowView view;
  // known_at and the previous page's last key (empty on the first page).
  PageCursor cursor;
  // The page size after defaulting and capping.
  size_t page_size = 0;
};

// Decodes `page.page_token` of list `list_name` and takes the view of
// `projection` at the position it pins; a first page is read at `known_at`
// (default: the head). Errors: INVALID_ARGUMENT "page_token: ..." and those of
// ProjectionEngine::View.
absl::StatusOr<Listing> OpenListing(const ProjectionEngine& engine, std::string_view projection,
                                    std::string_view list_name, const PageRequest& page,
                                    std::optional<Position> known_at);

// One index entry or stream of a page.
struct Entry {
  std::string key;       // the index key (empty for a stream scan)
  std::string stream;    // the stream id
  std::string main_row;  // the stream's main row (stream scans only)
};

// A page of entries and the last_key for the next page (empty at the end).
struct EntryPage {
  std::vector<Entry> entries;
  std::string next_last_key;
};

std::string IndexCursor(std::string_view key, std::string_view stream);

// Up to `page_size` index entries under `prefix` after the cursor
// `last_key` (or, on a first page, from `first_key` inclusive when given),
// stopping after the entries whose key equals `last_included_key` when that
// is given. INVALID_ARGUMENT "page_token: ..." for a last_key that is not an
// index cursor under `prefix`.
absl::StatusOr<EntryPage> IndexPage(const RowView& view, std::string_view prefix,
                                    std::string_view last_key, size_t page_size,
                                    std::string_view first_key = "",
                                    std::string_view last_included_key = "");

// Up to `page_size` streams with ids starting with `prefix` after `last_key`.
absl::StatusOr<EntryPage> StreamPage(const RowView& view, std::string_view prefix,
                                     std::string_view last_key, size_t page_size);

// The page token for `page`: empty at the end of the listing.
std::string NextPageToken(std::string_view list_name, const Listing& listing,
                          const EntryPage& page);

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_REGISTRY_LISTING_H_
