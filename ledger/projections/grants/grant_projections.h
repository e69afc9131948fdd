// The grants area's projections: "grant_programmes" and "grants", in that
// order. Queries: grant_queries.h, grant_totals_queries.h,
// grant_programme_queries.h.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_PROJECTIONS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_PROJECTIONS_H_

#include <memory>
#include <vector>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

// A fresh instance of each of the grants area's projections.
std::vector<std::unique_ptr<Projection>> GrantProjections();

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_PROJECTIONS_H_
