// The registry read models: "organisations", "persons", "bodies", "calls"
// and "meetings" (layouts in each *_projection.h, keys in registry_keys.h,
// queries in *_queries.h).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_REGISTRY_PROJECTIONS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_REGISTRY_PROJECTIONS_H_

#include <memory>
#include <vector>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

// A fresh instance of each registry projection, in a fixed order.
std::vector<std::unique_ptr<Projection>> RegistryProjections();

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_REGISTRY_PROJECTIONS_H_
