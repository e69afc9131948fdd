// Keeps kumppanid's memory flat under a steady load. glibc keeps memory a
// process has freed (RocksDB's memtable arenas and evicted cache blocks,
// gRPC's buffers) in its heaps for reuse; under a load that frees and
// allocates across threads the heaps fragment and RSS creeps up although
// the memory in use does not. The keeper fixes the mmap threshold (large
// blocks are mapped and unmapped, never parked in a heap) and gives the
// heaps' free pages back to the kernel at a steady interval, logging
// where the memory is at debug level.
#ifndef KUMPPANI_TOOLS_KUMPPANID_MEMORY_KEEPER_H_
#define KUMPPANI_TOOLS_KUMPPANID_MEMORY_KEEPER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "ledger/store/event_store.h"

namespace kumppani::kumppanid {

// Where the process's memory is, in bytes.
struct MemoryFigures {
  uint64_t resident = 0;        // RSS
  uint64_t heap_in_use = 0;     // allocated and not freed (malloc)
  uint64_t heap_free = 0;       // freed, still held by malloc
  store::StoreStats store;      // memtables, block cache, table readers
};

// The figures now. `store` may be null (then store's are zero).
MemoryFigures MeasureMemory(const store::EventStore* store);

// One line for the log, e.g. "RSS 142.0 MiB; heap 70.1 MiB in use, 3.2 MiB
// free; memtables 40.0 MiB, block cache 31.9 MiB, table readers 0.2 MiB".
std::string DescribeMemory(const MemoryFigures& figures);

// Sets the allocator's mmap threshold (call once, before threads start).
void TuneAllocator();

class MemoryKeeper {
 public:
  // Starts a thread that every `interval` returns free heap pages to the
  // kernel and logs the figures (debug). `store` must outlive the keeper.
  MemoryKeeper(const store::EventStore& store, std::chrono::milliseconds interval);
  // Stops the thread.
  ~MemoryKeeper();

  MemoryKeeper(const MemoryKeeper&) = delete;
  MemoryKeeper& operator=(const MemoryKeeper&) = delete;

 private:
  void Run();

  const store::EventStore& store_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace kumppani::kumppanid

#endif  // KUMPPANI_TOOLS_KUMPPANID_MEMORY_KEEPER_H_
