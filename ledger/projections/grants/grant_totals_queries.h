// Grant totals: applied, awarded, paid, returned, reclaimed and outstanding
// euro cents and grant counts, grouped by recipient organisation, programme,
// region or year, over the grants a filter selects, as they stood on a day.
// The region is the programme's (a join with the "grant_programmes" view at
// query time).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_TOTALS_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_TOTALS_QUERIES_H_

#include <optional>

#include "absl/status/statusor.h"
#include "kumppani/v1/grants_views.pb.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// Totals of the grants matching `filter` that had been applied for by
// `as_of` (absent: everything known), each counted as it stood on as_of,
// per group of `group_by`, plus the grand total. `grants` and `programmes`
// are views of the two projections at the same position (that is known_at).
// INVALID_ARGUMENT for a missing grouping, a malformed filter or date, or
// views at different positions; OUT_OF_RANGE naming the group (or grant)
// whose sum would overflow int64.
absl::StatusOr<v1::GrantTotals> GrantTotals(const RowView& grants, const RowView& programmes,
                                            v1::GrantGrouping group_by,
                                            const v1::GrantFilter& filter,
                                            const std::optional<v1::Date>& as_of = std::nullopt);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_TOTALS_QUERIES_H_
