// How a caller follows and stops a rebuild: progress reports and a
// cancellation poll (ProjectionEngine::Rebuild, ReplayLog).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REBUILD_CONTROL_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REBUILD_CONTROL_H_

#include <cstdint>
#include <functional>

namespace kumppani::projections {

// Called now and then during a rebuild with (events replayed, log head).
using RebuildProgress = std::function<void(uint64_t replayed, uint64_t head)>;

// Polled between chunks of a rebuild's replay; once it returns true the
// rebuild is abandoned: CANCELLED, the projections keep their current
// tables and the partly built ones are dropped.
using RebuildCancelled = std::function<bool()>;

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REBUILD_CONTROL_H_
