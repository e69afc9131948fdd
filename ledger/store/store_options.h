// Options for opening an EventStore.
#ifndef KUMPPANI_LEDGER_STORE_STORE_OPTIONS_H_
#define KUMPPANI_LEDGER_STORE_STORE_OPTIONS_H_

#include <cstddef>
#include <functional>
#include <string>

#include "absl/status/status.h"

#include "ledger/common/clock.h"
#include "ledger/store/group_indexer.h"

namespace kumppani::store {

struct StoreOptions {
  // Directory of the RocksDB database. Created if missing. Required.
  std::string path;

  // Largest serialized event (envelope with payload) accepted.
  // Default: 1 MiB.
  size_t max_event_bytes = 1 << 20;

  // Most events in one append. Default: 1,000.
  size_t max_events_per_append = 1000;

  // Largest total serialized size of one append. Default: 16 MiB.
  size_t max_append_bytes = 16 << 20;

  // Most events the commit thread puts into one synced WriteBatch; appends
  // waiting beyond that go into the next batch. An append larger than this is
  // still written whole. Default: 4,096.
  size_t max_group_events = 4096;

  // Sync every commit to disk before acknowledging it. Turning this off loses
  // acknowledged appends on a machine crash; only for tests and benchmarks of
  // the rest of the system. Default: true.
  bool sync = true;

  // The memory all column families' memtables may use together
  // (RocksDB's db_write_buffer_size): past it the largest is flushed, so the
  // server's memory stays flat under a steady load instead of growing to the
  // default 64 MiB per family (nine families). 0: no budget. Default: 64 MiB.
  size_t memtable_budget_bytes = 64 << 20;
  // One LRU block cache shared by every column family's tables (RocksDB
  // would give each family its own). Default: 32 MiB.
  size_t block_cache_bytes = 32 << 20;
  // Maintain the Merkle tree (tree nodes in the same batch as the events).
  // false exists only so that benchmarks can measure what the tree costs:
  // no tree nodes are written, so roots, proofs and verify fail. Opening a
  // store that already holds events with false is FAILED_PRECONDITION.
  // Default: true.
  bool merkle_tree = true;

  // Source of recorded_at. Not owned; must outlive the store.
  // Default: the system clock.
  const Clock* clock = SystemClock::Default();

  // Called once, on the thread that met it, when the store stops accepting
  // appends after a failed disk write, with the status every append gets
  // from then on (RESOURCE_EXHAUSTED for a full disk). The store has logged
  // it as an error already. Must not call into the store. Default: none.
  std::function<void(const absl::Status&)> on_failure;

  // Derived state written with every group (ledger/projections' engine).
  // Not owned; must outlive the store. Default: none.
  GroupIndexer* indexer = nullptr;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_STORE_OPTIONS_H_
