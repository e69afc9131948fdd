// Blocks allocated and touched on the pool's thread (see block_pool.h).
#include "ledger/projections/block_pool.h"

#include <pthread.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <new>

namespace kumppani::projections {
namespace {

constexpr size_t kPage = 4096;
constexpr size_t kFirstBlock = size_t{16} << 10;
constexpr size_t kLargestBlock = size_t{8} << 20;

}  // namespace

GrownBlock NextBlock(BlockPool* pool, size_t last_size, size_t needed) {
  if (pool != nullptr && needed <= pool->block_size()) {
    return {pool->Take(), pool->block_size()};
  }
  size_t size = last_size == 0 ? kFirstBlock : std::min(last_size * 2, kLargestBlock);
  size = std::max(size, kFirstBlock);
  if (size < needed) size = (needed + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  return {BlockPool::Allocate(size), size};
}

char* BlockPool::Allocate(size_t size) {
  const bool huge = size >= kHugePageBytes && size % kHugePageBytes == 0;
  void* block = huge ? std::aligned_alloc(kHugePageBytes, size) : std::malloc(size);
  if (block == nullptr) throw std::bad_alloc();
  // Only advice: without transparent huge pages the block works the same.
  if (huge) madvise(block, size, MADV_HUGEPAGE);
  return static_cast<char*>(block);
}

BlockPool::BlockPool(size_t block_size, size_t ahead) : block_size_(block_size), ahead_(ahead) {
  thread_ = std::thread([this] { Run(); });
  pthread_setname_np(thread_.native_handle(), "replay-memory");
}

BlockPool::~BlockPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  taken_.notify_one();
  thread_.join();
  for (char* block : ready_) std::free(block);
}

char* BlockPool::Take() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ready_.empty()) {
      char* block = ready_.front();
      ready_.pop_front();
      taken_.notify_one();
      return block;
    }
  }
  return Allocate(block_size_);
}

void BlockPool::Run() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      taken_.wait(lock, [this] { return stopping_ || ready_.size() < ahead_; });
      if (stopping_) return;
    }
    char* block = Allocate(block_size_);
    for (size_t offset = 0; offset < block_size_; offset += kPage) {
      static_cast<volatile char*>(block)[offset] = 0;
    }
    std::lock_guard<std::mutex> lock(mu_);
    ready_.push_back(block);
  }
}

}  // namespace kumppani::projections
