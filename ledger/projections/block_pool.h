// Memory blocks of one size, touched ahead of use by a thread of their own.
// A rebuild fills hundreds of megabytes of fresh memory with rows; the first
// touch of each page costs a page fault and the kernel's zeroing, which on
// a virtual machine is a quarter of the folds' time. Touched here, on the
// side, the folds find the pages ready. A Take that finds no block ready
// gets a fresh one and does not wait.
//
// Thread safety: Take may be called from any thread.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_BLOCK_POOL_H_
#define KUMPPANI_LEDGER_PROJECTIONS_BLOCK_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>

namespace kumppani::projections {

inline constexpr size_t kHugePageBytes = size_t{2} << 20;

class BlockPool;

// A block of memory, released with std::free.
struct GrownBlock {
  char* data;
  size_t size;
};

// The next block of a set that grows block by block (a RowBuffer's, a
// RowCache's), with room for `needed` bytes: one of `pool`'s when given and
// it fits; else from the heap, the first 16 KiB (a live commit group needs
// little) and each next one twice `last_size`, up to 8 MiB, or `needed`
// rounded up to huge pages when larger.
GrownBlock NextBlock(BlockPool* pool, size_t last_size, size_t needed);

class BlockPool {
 public:
  // Keeps up to `ahead` blocks of `block_size` bytes touched and ready.
  BlockPool(size_t block_size, size_t ahead);
  ~BlockPool();
  BlockPool(const BlockPool&) = delete;
  BlockPool& operator=(const BlockPool&) = delete;

  size_t block_size() const { return block_size_; }
  // A block of block_size() bytes, to be released with std::free.
  char* Take();

  // A block of `size` bytes, on huge pages when large enough (advice only),
  // to be released with std::free.
  static char* Allocate(size_t size);

 private:
  void Run();

  const size_t block_size_;
  const size_t ahead_;
  std::mutex mu_;
  std::condition_variable taken_;
  std::deque<char*> ready_;  // guarded by mu_
  bool stopping_ = false;    // guarded by mu_
  std::thread thread_;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_BLOCK_POOL_H_
