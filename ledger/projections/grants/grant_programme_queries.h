// Queries of grant programmes over the "grant_programmes" projection.
//
// as_of: a programme exists from the day its application period opens;
// absent = everything known. known_at as in grant_queries.h.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_PROGRAMME_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_PROGRAMME_QUERIES_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "kumppani/v1/grants_views.pb.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The programme `programme_id`. INVALID_ARGUMENT for a malformed id or date;
// NOT_FOUND naming it when it does not exist, or opened only after as_of.
absl::StatusOr<v1::GrantProgrammeView> GetGrantProgramme(
    const RowView& programmes, std::string_view programme_id,
    const std::optional<v1::Date>& as_of = std::nullopt);

// One page of the programmes matching `filter` that had opened by `as_of`,
// in programme id order. Views come from `engine` at the position pinned by
// the page token (for the first page: `known_at`, else the head).
// INVALID_ARGUMENT for a malformed filter, date or token.
absl::StatusOr<v1::ListGrantProgrammesResponse> ListGrantProgrammes(
    const ProjectionEngine& engine, const v1::GrantProgrammeFilter& filter,
    const std::optional<v1::Date>& as_of, const PageRequest& page,
    std::optional<Position> known_at = std::nullopt);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_PROGRAMME_QUERIES_H_
