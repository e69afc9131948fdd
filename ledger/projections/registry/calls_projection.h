// The "calls" projection (streams call-…): membership calls with their
// applications and nominations.
//
// Rows: the main row, a v1::CallView without entries; CallEntryRow(id), one
// v1::CallEntry per application or nomination.
// Index entries (-> the call's stream): CallByBodyIndex(body, opens_on).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_CALLS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_CALLS_PROJECTION_H_

#include <memory>

#include "ledger/projections/projection.h"

namespace kumppani::projections::registry {

std::unique_ptr<Projection> MakeCallsProjection();

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_CALLS_PROJECTION_H_
