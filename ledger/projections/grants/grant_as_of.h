// Reading one grant's rows from the "grants" projection and folding them into
// the GrantView of a given day (as_of): only what had happened by that day
// counts (decision, instalments, extensions, reports, returns, reclaims, each
// by its own date).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_AS_OF_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_AS_OF_H_

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/events.pb.h"
#include "kumppani/v1/grants_views.pb.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections::grants {

// -1, 0 or 1 as a is before, equal to or after b, comparing (year, month,
// day). Total on any values (rows may come from events the domain never
// checked); an unset date is before every set one.
int CompareDates(const v1::Date& a, const v1::Date& b);

// True when something dated `date` had happened by `as_of` (always when
// as_of is absent).
bool InForce(const v1::Date& date, const std::optional<v1::Date>& as_of);

// One grant's stored rows.
struct GrantRows {
  // The main row: the application.
  v1::GrantApplied applied;
  // The entry rows in stream order.
  std::vector<v1::GrantEntry> entries;
};

// Reads `grant_id`'s rows; nullopt when it has no main row. DATA_LOSS for an
// unparsable row, and the view's read errors.
absl::StatusOr<std::optional<GrantRows>> ReadGrantRows(const RowView& grants,
                                                       std::string_view grant_id);

// The grant as it stood on `as_of` (everything known when absent); nullopt
// when it was applied for after as_of. OUT_OF_RANGE naming the grant when an
// amount overflows int64.
absl::StatusOr<std::optional<v1::GrantView>> GrantAsOf(const GrantRows& rows,
                                                       const std::optional<v1::Date>& as_of);

}  // namespace kumppani::projections::grants

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_AS_OF_H_
