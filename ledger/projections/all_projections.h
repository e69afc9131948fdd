// Every projection Kumppani keeps, in a fixed order. The server, tools and
// tests attach this set to the store.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_ALL_PROJECTIONS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_ALL_PROJECTIONS_H_

#include <memory>
#include <vector>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

std::vector<std::unique_ptr<Projection>> AllProjections();

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_ALL_PROJECTIONS_H_
