// BlockPool, RowBuffer and SortedRuns, the rebuild's rows in memory: the
// pool hands out distinct blocks of its size, touched ahead or fresh; rows
// keep their bytes exactly (small, large, larger than a block, from a pool,
// after a Clear); and the merge of runs hands out each key once, in order,
// with the value written last: later in its run, or in a later run.
#include "ledger/projections/sorted_runs.h"

#include <cstring>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/projections/block_pool.h"
#include "ledger/projections/row_buffer.h"

namespace kumppani::projections {
namespace {

using Rows = std::vector<std::pair<std::string, std::string>>;

RowBuffer BufferOf(const Rows& rows) {
  RowBuffer buffer;
  for (const auto& [key, value] : rows) buffer.Add(key, value);
  return buffer;
}

Rows Merged(SortedRuns& runs) {
  Rows out;
  std::string_view key, value;
  while (runs.Next(key, value)) out.emplace_back(key, value);
  return out;
}

TEST(RowBufferTest, KeepsEveryRowsBytesWhateverItsSize) {
  RowBuffer buffer;
  const std::string huge(9 << 20, 'h');  // larger than any block
  buffer.Add("k1", "v", "alue");
  buffer.Add("k2", std::string(100'000, 'x'));
  buffer.Add("k3", huge);
  for (int i = 0; i < 20'000; ++i) buffer.Add("n" + std::to_string(i), std::to_string(i * 7));
  ASSERT_EQ(buffer.size(), 20'003u);
  EXPECT_EQ(buffer.rows()[0].key(), "k1");
  EXPECT_EQ(buffer.rows()[0].value(), "value");
  EXPECT_EQ(buffer.rows()[1].value(), std::string(100'000, 'x'));
  EXPECT_EQ(buffer.rows()[2].value(), huge);
  EXPECT_EQ(buffer.rows()[20'002].key(), "n19999");
  EXPECT_EQ(buffer.rows()[20'002].value(), std::to_string(19'999 * 7));
  EXPECT_EQ(
      buffer.bytes(), 2 + 5 + 2 + 100'000 + 2 + huge.size() + [] {
        size_t bytes = 0;
        for (int i = 0; i < 20'000; ++i) {
          bytes += 1 + std::to_string(i).size() + std::to_string(i * 7).size();
        }
        return bytes;
      }() + 20'003 * sizeof(RowBuffer::Row));

  buffer.Clear();  // the memory is used again
  EXPECT_TRUE(buffer.empty());
  EXPECT_EQ(buffer.bytes(), 0u);
  buffer.Add("again", "and again");
  Rows copied;
  buffer.AppendTo(copied);
  EXPECT_EQ(copied, (Rows{{"again", "and again"}}));
}

TEST(BlockPoolTest, HandsOutDistinctWritableBlocksOfItsSize) {
  std::set<char*> blocks;
  {
    BlockPool pool(64 << 10, 2);
    EXPECT_EQ(pool.block_size(), size_t{64} << 10);
    for (int i = 0; i < 10; ++i) {  // more than it keeps ahead: some are fresh
      char* block = pool.Take();
      std::memset(block, i, pool.block_size());
      EXPECT_TRUE(blocks.insert(block).second);
    }
  }  // the blocks it still kept ready are freed with it
  for (char* block : blocks) std::free(block);
}

TEST(RowBufferTest, RowsFromAPoolAndTooLargeForItKeepTheirBytes) {
  BlockPool pool(4096, 1);
  RowBuffer buffer(&pool);
  for (int i = 0; i < 500; ++i)
    buffer.Add("key" + std::to_string(i), std::string(40, static_cast<char>('a' + i % 26)));
  buffer.Add("large", std::string(10'000, 'L'));  // larger than a pool block: from the heap
  buffer.Add("after", "small");
  ASSERT_EQ(buffer.size(), 502u);
  for (int i = 0; i < 500; ++i) {
    EXPECT_EQ(buffer.rows()[i].key(), "key" + std::to_string(i));
    EXPECT_EQ(buffer.rows()[i].value(), std::string(40, static_cast<char>('a' + i % 26)));
  }
  EXPECT_EQ(buffer.rows()[500].value(), std::string(10'000, 'L'));
  EXPECT_EQ(buffer.rows()[501].value(), "small");
}

TEST(SortedRunsTest, EachKeyOnceInOrderWithTheValueWrittenLast) {
  SortedRuns runs;
  runs.Add(BufferOf({{"c", "1"}, {"a", "1"}, {"c", "2"}, {"e", "1"}}));
  runs.Add(BufferOf({}));  // ignored
  runs.Add(BufferOf({{"b", "2"}, {"c", "3"}, {"a", "2"}, {"a", "3"}}));
  runs.Add(BufferOf({{"d", "3"}, {"c", "4"}}));
  EXPECT_EQ(Merged(runs), (Rows{{"a", "3"}, {"b", "2"}, {"c", "4"}, {"d", "3"}, {"e", "1"}}));
  std::string_view key, value;
  EXPECT_FALSE(runs.Next(key, value));  // stays at the end
}

TEST(SortedRunsTest, ClearStartsOverAndCountsNoBytes) {
  SortedRuns runs;
  EXPECT_TRUE(runs.empty());
  runs.Add(BufferOf({{"x", "1"}}));
  EXPECT_EQ(runs.bytes(), 2 + sizeof(RowBuffer::Row));
  std::string_view key, value;
  ASSERT_TRUE(runs.Next(key, value));  // a merge under way
  runs.Clear();
  EXPECT_TRUE(runs.empty());
  EXPECT_EQ(runs.bytes(), 0u);
  runs.Add(BufferOf({{"y", "2"}, {"w", "1"}}));
  EXPECT_EQ(Merged(runs), (Rows{{"w", "1"}, {"y", "2"}}));
}

}  // namespace
}  // namespace kumppani::projections
