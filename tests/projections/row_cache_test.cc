// RowCache, the newest value of each row a table writer touched: values are
// kept byte for byte whether they shrink, grow in place or move; names are
// kept in order and apart per stream; a stream's rows survive the cache
// growing by thousands of streams; rows larger than a block, and rows in a
// pool's blocks, work the same; Clear forgets everything.
#include "ledger/projections/row_cache.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/projections/block_pool.h"

namespace kumppani::projections {
namespace {

std::vector<std::string> NamesOf(const RowCache& cache, std::string_view stream) {
  std::vector<std::string> names;
  const RowCache::Stream* rows = cache.FindRows(stream);
  if (rows != nullptr) rows->ForEachName([&](std::string_view name) { names.emplace_back(name); });
  return names;
}

TEST(RowCacheTest, KeepsTheLastValueOfEachRowWhetherItShrinksGrowsOrMoves) {
  RowCache cache;
  RowCache::Stream& rows = cache.Rows("org-1");
  cache.Set(rows, "", "v12345678");
  EXPECT_EQ(rows.Find(""), "v12345678");
  cache.Set(rows, "", "v1");  // shrinks in place
  EXPECT_EQ(rows.Find(""), "v1");
  cache.Set(rows, "", "v1234567890");  // grows within the room left
  EXPECT_EQ(rows.Find(""), "v1234567890");
  const std::string long_value = "v" + std::string(5000, 'q');
  cache.Set(rows, "", long_value);  // moves
  EXPECT_EQ(rows.Find(""), long_value);
  cache.Set(rows, "", "");
  EXPECT_EQ(rows.Find(""), "");
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(rows.Find("other"), std::nullopt);
}

TEST(RowCacheTest, KeepsNamesInOrderAndStreamsApart) {
  RowCache cache;
  RowCache::Stream& a = cache.Rows("a");
  for (std::string name : {"m", "", "\x01z", "b", "mm"}) cache.Set(a, name, "v" + name);
  RowCache::Stream& b = cache.Rows("b");
  cache.Set(b, "b", "x");
  EXPECT_EQ(NamesOf(cache, "a"), (std::vector<std::string>{"", "\x01z", "b", "m", "mm"}));
  EXPECT_EQ(NamesOf(cache, "b"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(NamesOf(cache, "c"), std::vector<std::string>{});
  EXPECT_EQ(cache.FindRows("c"), nullptr);
  EXPECT_EQ(a.Find("b"), "vb");
  EXPECT_EQ(b.Find("b"), "x");
  EXPECT_EQ(&cache.Rows("a"), &a);
  EXPECT_EQ(a.id(), "a");
  EXPECT_EQ(cache.size(), 6u);
}

TEST(RowCacheTest, RowsStayPutAsTheCacheGrows) {
  RowCache cache;
  RowCache::Stream& first = cache.Rows("stream-0");
  cache.Set(first, "", "v0");
  for (int i = 1; i < 20000; ++i) {
    const std::string id = "stream-" + std::to_string(i);
    cache.Set(cache.Rows(id), "", "v" + std::to_string(i));
  }
  EXPECT_EQ(first.Find(""), "v0");
  EXPECT_EQ(first.id(), "stream-0");
  EXPECT_EQ(cache.Rows("stream-19999").Find(""), "v19999");
  EXPECT_EQ(cache.size(), 20000u);
}

TEST(RowCacheTest, ValuesLargerThanABlockAndPoolBlocksWorkTheSame) {
  BlockPool pool(kHugePageBytes, 2);
  RowCache cache(&pool);
  RowCache::Stream& rows = cache.Rows("s");
  const std::string huge(3 * kHugePageBytes, 'h');
  cache.Set(rows, "huge", huge);
  for (int i = 0; i < 50000; ++i)
    cache.Set(rows, std::to_string(i), std::string(100, 'a' + i % 26));
  EXPECT_EQ(rows.Find("huge"), huge);
  EXPECT_EQ(rows.Find("49999"), std::string(100, 'a' + 49999 % 26));
  EXPECT_EQ(cache.size(), 50001u);
}

TEST(RowCacheTest, ClearForgetsEveryRow) {
  RowCache cache;
  cache.Set(cache.Rows("s"), "", "v");
  cache.Clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.FindRows("s"), nullptr);
  RowCache::Stream& again = cache.Rows("s");
  EXPECT_EQ(again.Find(""), std::nullopt);
  cache.Set(again, "", "w");
  EXPECT_EQ(again.Find(""), "w");
}

}  // namespace
}  // namespace kumppani::projections
