// Page tokens for list queries. A token pins the position the listing's first
// page was read at (known_at) and the last key it returned, so every page of
// one listing reads the same state however many events are appended in
// between. Tokens are opaque to clients (base64url text) and carry the name
// of the list they belong to, so one list's token is refused by another.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PAGE_TOKEN_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PAGE_TOKEN_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ledger/common/ids.h"

namespace kumppani::projections {

inline constexpr size_t kDefaultPageSize = 100;
inline constexpr size_t kMaxPageSize = 1000;

struct PageRequest {
  // 0 means the default (100); larger than 1,000 is capped at 1,000.
  size_t page_size = 0;
  // Empty for the first page; else the previous page's next_page_token.
  std::string page_token;
};

struct PageCursor {
  Position known_at;
  // The last key the previous page returned; empty on the first page.
  std::string last_key;
};

// The page size after defaulting and capping.
size_t EffectivePageSize(size_t requested);

// Decodes `token` of list `list_name`. An empty token starts a listing at
// `head`. INVALID_ARGUMENT "page_token: ..." for a malformed token, one of
// another list, or one beyond `head`.
absl::StatusOr<PageCursor> DecodePageToken(std::string_view list_name, std::string_view token,
                                           Position head);
std::string EncodePageToken(std::string_view list_name, const PageCursor& cursor);

// The position a non-empty token of any list pins (its known_at), for
// callers that report where a page was read. INVALID_ARGUMENT "page_token:
// ..." for a token this server did not issue. Whether the token belongs to
// a given list is DecodePageToken's check.
absl::StatusOr<Position> PageTokenPosition(std::string_view token);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PAGE_TOKEN_H_
