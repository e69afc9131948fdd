// kumppanid's memory keeper: the figures it measures, the line it logs, and
// that it gives freed heap pages back to the kernel.
#include "tools/kumppanid/memory_keeper.h"

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "spdlog/spdlog.h"
#include "tests/testing/events.h"
#include "tests/testing/log_capture.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::kumppanid {
namespace {

using ::testing::StartsWith;

constexpr uint64_t kMiB = 1 << 20;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitizedAllocator = true;  // ASan's allocator: no mallinfo2, no trim
#else
constexpr bool kSanitizedAllocator = false;
#endif

std::unique_ptr<store::EventStore> OpenStore(const std::string& path) {
  store::StoreOptions options;
  options.path = path;
  options.sync = false;
  auto store = store::EventStore::Open(options);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

TEST(DescribeMemoryTest, NamesEveryFigureInMebibytes) {
  MemoryFigures figures;
  figures.resident = 142 * kMiB + kMiB / 2;
  figures.heap_in_use = 70 * kMiB;
  figures.heap_free = 3 * kMiB;
  figures.store.memtable_bytes = 40 * kMiB;
  figures.store.block_cache_bytes = 32 * kMiB - kMiB / 10;
  figures.store.table_readers_bytes = kMiB / 5;
  EXPECT_EQ(DescribeMemory(figures),
            "RSS 142.5 MiB; heap 70.0 MiB in use, 3.0 MiB free; memtables 40.0 MiB, block "
            "cache 31.9 MiB, table readers 0.2 MiB");
}

TEST(MeasureMemoryTest, SeesTheStoresMemtables) {
  kumppani::testing::TempDir dir;
  std::unique_ptr<store::EventStore> store = OpenStore(dir.Sub("db"));
  ASSERT_NE(store, nullptr);
  const uint64_t empty = MeasureMemory(store.get()).store.memtable_bytes;
  const std::string payload(64 << 10, 'x');
  for (int i = 0; i < 32; ++i) {
    auto result = store->Append(kumppani::testing::MakeAppend(
        "org-" + std::to_string(i), store::ExpectedVersion::NoStream(),
        {kumppani::testing::MakeEvent("Big", payload)}));
    ASSERT_TRUE(result.ok()) << result.status();
  }
  const MemoryFigures figures = MeasureMemory(store.get());
  EXPECT_GE(figures.store.memtable_bytes, empty + 2 * kMiB);  // 32 events of 64 KiB
  EXPECT_GT(figures.resident, 0u);
  EXPECT_EQ(MeasureMemory(nullptr).store.memtable_bytes, 0u);
}

TEST(MeasureMemoryTest, CountsLargeBlocksAsHeapInUse) {
  if (kSanitizedAllocator) GTEST_SKIP() << "ASan's allocator keeps no mallinfo2 figures";
  TuneAllocator();
  const uint64_t before = MeasureMemory(nullptr).heap_in_use;
  auto block = std::make_unique<char[]>(16 * kMiB);
  block[0] = 1;
  EXPECT_GE(MeasureMemory(nullptr).heap_in_use, before + 16 * kMiB);
}

class MemoryKeeperTest : public ::testing::Test {
 protected:
  // The keeper's lines logged so far (RocksDB logs through spdlog too).
  std::vector<std::string> Lines() {
    std::vector<std::string> lines;
    for (std::string& line : log_.Lines()) {
      if (line.find("memory: ") != std::string::npos) lines.push_back(std::move(line));
    }
    return lines;
  }

  // Waits (at most 30 s) until the keeper has logged `count` lines.
  void WaitForLines(size_t count) {
    for (int i = 0; i < 3000 && Lines().size() < count; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_GE(Lines().size(), count);
  }

  kumppani::testing::LogCapture log_;
  kumppani::testing::TempDir dir_;
};

TEST_F(MemoryKeeperTest, LogsTheFiguresAtDebugLevelEachInterval) {
  std::unique_ptr<store::EventStore> store = OpenStore(dir_.Sub("db"));
  ASSERT_NE(store, nullptr);
  {
    MemoryKeeper keeper(*store, std::chrono::milliseconds(10));
    WaitForLines(3);
  }
  const std::vector<std::string> lines = Lines();
  for (const std::string& line : lines) EXPECT_THAT(line, StartsWith("debug memory: RSS "));
  // Stopped with the keeper: no line after it is gone.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Lines().size(), lines.size());
}

TEST_F(MemoryKeeperTest, StaysSilentAboveDebugLevel) {
  spdlog::default_logger()->set_level(spdlog::level::info);
  std::unique_ptr<store::EventStore> store = OpenStore(dir_.Sub("db"));
  ASSERT_NE(store, nullptr);
  {
    MemoryKeeper keeper(*store, std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(Lines().empty());
}

// 64 MiB of 1 KiB blocks, every 64th kept: the freed memory lies between
// blocks still in use, where glibc does not give it back by itself. After
// one round of the keeper most of it is back with the kernel.
TEST_F(MemoryKeeperTest, GivesFreedHeapPagesBackToTheKernel) {
  if (kSanitizedAllocator) GTEST_SKIP() << "ASan's allocator does its own releasing";
  std::unique_ptr<store::EventStore> store = OpenStore(dir_.Sub("db"));
  ASSERT_NE(store, nullptr);
  constexpr size_t kBlocks = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks(kBlocks);
  for (auto& block : blocks) {
    block = std::make_unique<char[]>(1024);
    block[0] = 1;
    block[1023] = 1;
  }
  for (size_t i = 0; i < kBlocks; ++i) {
    if (i % 64 != 0) blocks[i].reset();
  }
  const uint64_t fragmented = MeasureMemory(nullptr).resident;
  {
    MemoryKeeper keeper(*store, std::chrono::milliseconds(10));
    WaitForLines(1);
  }
  const uint64_t released = MeasureMemory(nullptr).resident;
  EXPECT_LE(released + 32 * kMiB, fragmented)
      << "RSS " << fragmented / kMiB << " MiB before the keeper ran, " << released / kMiB
      << " MiB after";
}

}  // namespace
}  // namespace kumppani::kumppanid
