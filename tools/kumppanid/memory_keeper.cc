// Allocator tuning, periodic release of free heap pages, memory figures.
#include "tools/kumppanid/memory_keeper.h"

#include <malloc.h>
#include <unistd.h>

#include <fstream>

#include "absl/strings/str_format.h"
#include "spdlog/spdlog.h"

namespace kumppani::kumppanid {
namespace {

// Blocks from 256 KiB up (memtable arena blocks are 1 MiB) are mapped on
// their own. A fixed threshold also stops glibc from raising it each time
// such a block is freed, which would park later ones in the heaps.
constexpr int kMmapThresholdBytes = 256 << 10;

uint64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size_pages = 0;
  uint64_t resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return 0;
  return resident_pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

double MiB(uint64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }

}  // namespace

MemoryFigures MeasureMemory(const store::EventStore* store) {
  MemoryFigures figures;
  figures.resident = ResidentBytes();
  const struct mallinfo2 info = mallinfo2();
  figures.heap_in_use = info.uordblks + info.hblkhd;
  figures.heap_free = info.fordblks;
  if (store != nullptr) figures.store = store->Stats();
  return figures;
}

std::string DescribeMemory(const MemoryFigures& figures) {
  return absl::StrFormat(
      "RSS %.1f MiB; heap %.1f MiB in use, %.1f MiB free; memtables %.1f MiB, block cache %.1f "
      "MiB, table readers %.1f MiB",
      MiB(figures.resident), MiB(figures.heap_in_use), MiB(figures.heap_free),
      MiB(figures.store.memtable_bytes), MiB(figures.store.block_cache_bytes),
      MiB(figures.store.table_readers_bytes));
}

void TuneAllocator() { mallopt(M_MMAP_THRESHOLD, kMmapThresholdBytes); }

MemoryKeeper::MemoryKeeper(const store::EventStore& store, std::chrono::milliseconds interval)
    : store_(store), interval_(interval), thread_([this] { Run(); }) {}

MemoryKeeper::~MemoryKeeper() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void MemoryKeeper::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    malloc_trim(0);
    if (spdlog::should_log(spdlog::level::debug)) {
      spdlog::debug("memory: {}", DescribeMemory(MeasureMemory(&store_)));
    }
    lock.lock();
  }
}

}  // namespace kumppani::kumppanid
