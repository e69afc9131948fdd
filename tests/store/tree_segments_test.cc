// The tree family's segment rows: node counts, every node of trees built in
// random group shapes found in the right row at the right place (against the
// naive RFC 9162 recursion), and malformed rows refused as DATA_LOSS.
#include "ledger/store/tree_segments.h"

#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/keys.h"
#include "ledger/store/merkle_frontier.h"
#include "tests/testing/naive_merkle.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::NaiveTree;
using ::testing::HasSubstr;

constexpr uint64_t kLeaves = 70;

std::vector<std::string> Inputs() {
  std::vector<std::string> inputs;
  for (uint64_t i = 0; i < kLeaves; ++i) inputs.push_back(absl::StrCat("event ", i));
  return inputs;
}

// The nodes whose last leaf lies in [begin, end), counted one by one.
uint64_t BruteForceCount(uint64_t begin, uint64_t end) {
  uint64_t count = 0;
  for (uint32_t level = 0; (uint64_t{1} << level) <= end; ++level) {
    for (uint64_t index = 0; ((index + 1) << level) <= end; ++index) {
      const uint64_t leaf = CompletingLeaf(level, index);
      if (leaf >= begin && leaf < end) ++count;
    }
  }
  return count;
}

TEST(TreeSegmentsTest, NodeCountIsEveryNodeCompletedByTheSegmentsLeaves) {
  for (uint64_t begin = 0; begin < 40; ++begin) {
    for (uint64_t end = begin; end <= 70; ++end) {
      ASSERT_EQ(TreeSegmentNodeCount(begin, end), BruteForceCount(begin, end))
          << "[" << begin << ", " << end << ")";
    }
  }
  EXPECT_EQ(CompletingLeaf(0, 9), 9u);
  EXPECT_EQ(CompletingLeaf(3, 2), 23u);
}

TEST(TreeSegmentsTest, EveryNodeIsInTheRowHoldingItsLastLeaf) {
  const std::vector<std::string> inputs = Inputs();
  const NaiveTree naive(inputs);
  std::mt19937_64 rng(1);
  for (int trial = 0; trial < 40; ++trial) {
    std::map<uint64_t, std::pair<std::string, std::string>> rows;  // begin -> key, value
    MerkleFrontier frontier;
    while (frontier.Size() < kLeaves) {
      const uint64_t begin = frontier.Size();
      const uint64_t end = std::min<uint64_t>(kLeaves, begin + 1 + rng() % (trial % 2 ? 3 : 17));
      std::vector<Hash> leaves;
      for (uint64_t i = begin; i < end; ++i) leaves.push_back(LeafHash(inputs[i]));
      auto nodes = frontier.Append(leaves);
      ASSERT_TRUE(nodes.ok()) << nodes.status();
      rows[begin] = {TreeSegmentKey(begin), EncodeTreeSegment(end, *nodes)};
      EXPECT_EQ(rows[begin].first, EncodeBigEndian64(begin));
    }
    for (uint32_t level = 0; (uint64_t{1} << level) <= kLeaves; ++level) {
      for (uint64_t index = 0; ((index + 1) << level) <= kLeaves; ++index) {
        auto row = std::prev(rows.upper_bound(CompletingLeaf(level, index)));
        auto segment = DecodeTreeSegment(row->second.first, row->second.second);
        ASSERT_TRUE(segment.ok()) << segment.status();
        auto node = segment->Node(level, index);
        ASSERT_TRUE(node.ok()) << node.status();
        EXPECT_EQ(*node, naive.Mth(index << level, (index + 1) << level))
            << "node (" << level << ", " << index << ")";
        if (level == 0) {
          EXPECT_EQ(segment->Leaf(index), naive.Mth(index, index + 1));
        }
      }
    }
  }
}

TEST(TreeSegmentsTest, NodesOutsideTheSegmentAreNotFound) {
  const std::vector<std::string> inputs = Inputs();
  auto frontier = MerkleFrontier();
  ASSERT_TRUE(frontier.Append({LeafHash(inputs[0]), LeafHash(inputs[1])}).ok());
  auto nodes = frontier.Append({LeafHash(inputs[2]), LeafHash(inputs[3])});  // leaves 2, 3
  ASSERT_TRUE(nodes.ok());
  const std::string value = EncodeTreeSegment(4, *nodes);
  auto segment = DecodeTreeSegment(TreeSegmentKey(2), value);
  ASSERT_TRUE(segment.ok()) << segment.status();
  EXPECT_EQ(segment->begin, 2u);
  EXPECT_EQ(segment->end, 4u);
  EXPECT_TRUE(segment->Node(0, 3).ok());
  EXPECT_TRUE(segment->Node(1, 1).ok());
  EXPECT_TRUE(segment->Node(2, 0).ok());
  EXPECT_EQ(segment->Node(0, 1).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(segment->Node(1, 0).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(segment->Node(3, 0).status().code(), absl::StatusCode::kNotFound);
}

TEST(TreeSegmentsTest, MalformedRowsAreDataLoss) {
  const std::string one_leaf = EncodeTreeSegment(1, {{0, 0, LeafHash("a")}});
  ASSERT_TRUE(DecodeTreeSegment(TreeSegmentKey(0), one_leaf).ok());
  struct Case {
    std::string key, value, expect;
  };
  const std::vector<Case> cases = {
      {"short", one_leaf, "-byte key"},
      {TreeSegmentKey(0), "1234567", "7-byte value"},
      {TreeSegmentKey(0), one_leaf.substr(0, 39), "at leaf 0"},
      {TreeSegmentKey(0), one_leaf + std::string(32, 'x'), "72-byte value"},
      {TreeSegmentKey(1), one_leaf, "at leaf 1"},                      // end <= begin
      {TreeSegmentKey(0), EncodeBigEndian64(~uint64_t{0}) + std::string(32, 'x'), "malformed"},
  };
  for (const Case& c : cases) {
    auto segment = DecodeTreeSegment(c.key, c.value);
    EXPECT_EQ(segment.status().code(), absl::StatusCode::kDataLoss) << c.expect;
    EXPECT_THAT(std::string(segment.status().message()), HasSubstr(c.expect));
  }
}

}  // namespace
}  // namespace kumppani::store
