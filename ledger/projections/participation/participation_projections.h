// The participation area's read models: "consultations", "submissions",
// "proposals" and "decisions" (one file per fold; queries in
// *_queries.h and influence_graph.h, audit queries in ledger/audit/).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PARTICIPATION_PROJECTIONS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PARTICIPATION_PROJECTIONS_H_

#include <memory>
#include <vector>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

// The four participation projections, in a fixed order.
std::vector<std::unique_ptr<Projection>> ParticipationProjections();

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PARTICIPATION_PROJECTIONS_H_
