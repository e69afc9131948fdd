// Queries of single grants and grant listings over the "grants" projection
// (joined with "grant_programmes" for the region filter).
//
// as_of: the grant as it stood on that day (decision, instalments, returns,
// reclaims, extensions and reports dated up to and including it); absent =
// everything known. known_at: GetGrant reads the view it is given; a listing
// pins the position of its first page in its page tokens, so every page
// reflects the same moment while appends go on.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_QUERIES_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "kumppani/v1/grants_views.pb.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The grant `grant_id` as it stood on `as_of`. INVALID_ARGUMENT for a
// malformed id or date; NOT_FOUND naming the grant when it does not exist,
// or was applied for only after as_of; OUT_OF_RANGE when its amounts
// overflow int64.
absl::StatusOr<v1::GrantView> GetGrant(const RowView& grants, std::string_view grant_id,
                                       const std::optional<v1::Date>& as_of = std::nullopt);

// One page of the grants matching `filter` that existed on `as_of`, in grant
// id order, each as it stood on as_of. Views come from `engine` at the
// position pinned by the page token (for the first page: `known_at`, else
// the head). INVALID_ARGUMENT for a malformed filter, date or page token (a
// token is only valid with the filter and as_of it was made for).
absl::StatusOr<v1::ListGrantsResponse> ListGrants(const ProjectionEngine& engine,
                                                  const v1::GrantFilter& filter,
                                                  const std::optional<v1::Date>& as_of,
                                                  const PageRequest& page,
                                                  std::optional<Position> known_at = std::nullopt);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_QUERIES_H_
