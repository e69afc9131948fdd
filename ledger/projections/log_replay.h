// Replaying the acknowledged log into projection tables that no reader sees
// yet (a rebuild's fresh tables, a catch-up, a verification's scratch
// table). The replay is a pipeline over three threads (and a helper):
//   - a reader reads chunks of events and decodes the ones a table wants;
//   - the caller's thread runs the folds (TableWriter), in log order, exactly
//     as the live path does (ledger/projections/event_applier.h), into row
//     memory that a fourth thread touches ahead (block_pool.h);
//   - a writer gathers the flushed rows as sorted runs and bulk loads them,
//     merged, into the store (EventStore::BulkLoadIndex), and hands the
//     spent chunks back to the reader, which refills them.
// Queues between them are bounded; memory holds the rows gathered for the
// next bulk load (ReplayLimits::bulk_load_bytes) and the writers' caches.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_LOG_REPLAY_H_
#define KUMPPANI_LEDGER_PROJECTIONS_LOG_REPLAY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/projections/event_applier.h"
#include "ledger/projections/rebuild_control.h"
#include "ledger/store/event_store.h"

namespace kumppani::projections {

// Sizes of the pipeline's steps; the defaults serve rebuilds (tests make
// them small to exercise every path on a short log).
struct ReplayLimits {
  // Events read and decoded at a time.
  size_t read_chunk = 1000;
  // A writer's rows are handed to the row writer once this many writes are
  // pending (about 12 MB of rows: few runs for the merge, and little of the
  // last 2 MiB block of each left unused).
  size_t flush_every_pending = 100000;
  // A writer's cache of newest row values is dropped beyond this many rows
  // (after its rows are written): memory stays bounded, and the fold then
  // reads the rows it needs from disk.
  size_t max_cached_rows = 2'000'000;
  // Rows gathered in memory before they are bulk loaded (their bytes plus
  // 16 per row). Each load makes a file per table spanning the whole table,
  // which compaction later merges with the other loads' files, so one load
  // at the end is cheapest; 1,000,000 events of the bench's workload make
  // 491 MB of rows, and fit.
  size_t bulk_load_bytes = size_t{512} << 20;
  // Progress is reported once at least this many events were applied since
  // the last report.
  uint64_t progress_every = 10000;
};

// Applies the acknowledged events from `from` through `through` (0: up to
// the head, following it while it moves) to `targets`, whose writers nothing
// else uses meanwhile. Returns the position after the last event applied,
// once every row is loaded, durably, so that a crash afterwards cannot lose
// rows that something is about to point at.
absl::StatusOr<uint64_t> ReplayLog(store::EventStore& store,
                                   const std::vector<ApplyTarget>& targets, uint64_t from,
                                   uint64_t through, const RebuildProgress& progress,
                                   const RebuildCancelled& cancelled,
                                   const ReplayLimits& limits = {});

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_LOG_REPLAY_H_
