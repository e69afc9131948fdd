// The server-side Merkle tree against the published RFC 6962 vectors and
// against a naive reference written straight from RFC 9162 section 2.1
// (recursive MTH, PATH and SUBPROOF): every root, inclusion proof and
// consistency proof of every tree up to 64 leaves, each also checked with the
// independent verifiers of ledger/audit. Plus the in-memory frontier the
// store appends through, errors, and the O(log n) bound on node reads.
#include "ledger/store/merkle_tree.h"

#include <bit>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/store/merkle_frontier.h"
#include "tests/testing/merkle_vectors.h"
#include "tests/testing/naive_merkle.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::NaiveTree;
using ::testing::HasSubstr;

constexpr uint64_t kMaxExhaustive = 64;

int Width(uint64_t n) { return static_cast<int>(std::bit_width(n)); }

Hash FromHex(const std::string& hex) { return *HashFromHex(hex, "test vector"); }

std::vector<Hash> FromHex(const std::vector<std::string>& hex) {
  std::vector<Hash> out;
  for (const std::string& h : hex) out.push_back(FromHex(h));
  return out;
}

// Stored nodes in a map: what the storage layer does with RocksDB.
class MapReader : public MerkleNodeReader {
 public:
  uint64_t Size() const override { return size_; }
  absl::StatusOr<Hash> Node(uint32_t level, uint64_t index) const override {
    auto it = nodes_.find({level, index});
    if (it == nodes_.end()) {
      return absl::NotFoundError(absl::StrCat("no node ", level, "/", index));
    }
    return it->second;
  }
  // Stores an append's nodes, checking that none is stored twice.
  void Store(const std::vector<MerkleNode>& nodes) {
    for (const MerkleNode& node : nodes) {
      ASSERT_TRUE(nodes_.emplace(std::make_pair(node.level, node.index), node.hash).second)
          << "node " << node.level << "/" << node.index << " stored twice";
      if (node.level == 0) size_ = std::max(size_, node.index + 1);
    }
  }
  const std::map<std::pair<uint32_t, uint64_t>, Hash>& nodes() const { return nodes_; }

 private:
  uint64_t size_ = 0;
  std::map<std::pair<uint32_t, uint64_t>, Hash> nodes_;
};

// A view of a reader that counts reads and fails any read of a node not
// wholly inside the first `limit` leaves.
class BoundedReader : public MerkleNodeReader {
 public:
  BoundedReader(const MerkleNodeReader* base, uint64_t limit) : base_(base), limit_(limit) {}
  uint64_t Size() const override { return base_->Size(); }
  absl::StatusOr<Hash> Node(uint32_t level, uint64_t index) const override {
    ++reads_;
    if (level > kMaxMerkleLevel || index + 1 > (limit_ >> level)) {
      return absl::InternalError(absl::StrCat("read outside the tree: ", level, "/", index));
    }
    return base_->Node(level, index);
  }
  int reads() const { return reads_; }

 private:
  const MerkleNodeReader* base_;
  uint64_t limit_;
  mutable int reads_ = 0;
};

// A tree of any size without storing it: node (level, index) is a made-up
// hash of its coordinates. For read-count bounds on huge trees.
class SyntheticReader : public MerkleNodeReader {
 public:
  explicit SyntheticReader(uint64_t size) : size_(size) {}
  uint64_t Size() const override { return size_; }
  absl::StatusOr<Hash> Node(uint32_t level, uint64_t index) const override {
    ++reads_;
    if (level > kMaxMerkleLevel || index + 1 > (size_ >> level)) {
      return absl::InternalError(absl::StrCat("read outside the tree: ", level, "/", index));
    }
    return Sha256(absl::StrCat(level, "/", index));
  }
  int reads() const { return reads_; }

 private:
  uint64_t size_;
  mutable int reads_ = 0;
};

std::vector<std::string> ExhaustiveInputs() {
  std::vector<std::string> inputs = testing::MerkleLeafInputs();
  while (inputs.size() < kMaxExhaustive) inputs.push_back(absl::StrCat("event ", inputs.size()));
  return inputs;
}

std::vector<Hash> LeafHashes(const std::vector<std::string>& inputs, size_t begin, size_t end) {
  std::vector<Hash> out;
  for (size_t i = begin; i < end; ++i) out.push_back(LeafHash(inputs[i]));
  return out;
}

// Builds a stored tree by appending `inputs` in batches of the given sizes.
MapReader BuildInBatches(const std::vector<std::string>& inputs,
                         const std::vector<size_t>& batch_sizes) {
  MapReader stored;
  size_t next = 0;
  for (size_t batch : batch_sizes) {
    auto nodes = NodesForAppend(stored.Size(), LeafHashes(inputs, next, next + batch), stored);
    EXPECT_TRUE(nodes.ok()) << nodes.status();
    if (!nodes.ok()) break;
    stored.Store(*nodes);
    next += batch;
  }
  return stored;
}

MapReader BuildOneByOne(const std::vector<std::string>& inputs) {
  return BuildInBatches(inputs, std::vector<size_t>(inputs.size(), 1));
}

TEST(MerkleHashTest, KnownAnswers) {
  // From transparency-dev/merkle rfc6962/rfc6962_test.go.
  EXPECT_EQ(HashToHex(EmptyRootHash()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HashToHex(LeafHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(HashToHex(LeafHash("L123456")),
            "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
  // Interior nodes: SHA-256(0x01 || left || right), order-sensitive.
  const Hash a = Sha256("a");
  const Hash b = Sha256("b");
  EXPECT_EQ(NodeHash(a, b),
            Sha256(std::string(1, '\x01') + std::string(HashBytes(a)) + std::string(HashBytes(b))));
  EXPECT_NE(NodeHash(a, b), NodeHash(b, a));
}

TEST(MerkleTreeTest, PublishedVectorsRootsAndNodes) {
  const std::vector<std::string> inputs = testing::MerkleLeafInputs();
  const std::vector<std::string> roots = testing::MerkleRootsHex();
  const std::vector<std::vector<std::string>> nodes = testing::MerkleNodesHex();
  MapReader stored = BuildOneByOne(inputs);
  ASSERT_EQ(stored.Size(), 8u);
  for (uint64_t size = 0; size <= 8; ++size) {
    auto root = RootHash(size, stored);
    ASSERT_TRUE(root.ok()) << root.status();
    EXPECT_EQ(HashToHex(*root), roots[size]) << "size " << size;
  }
  size_t count = 0;
  for (uint32_t level = 0; level < nodes.size(); ++level) {
    for (uint64_t index = 0; index < nodes[level].size(); ++index) {
      EXPECT_EQ(HashToHex(*stored.Node(level, index)), nodes[level][index])
          << level << "/" << index;
      ++count;
    }
  }
  EXPECT_EQ(stored.nodes().size(), count);  // no other node was stored
}

TEST(MerkleTreeTest, PublishedVectorsProofs) {
  const std::vector<std::string> roots = testing::MerkleRootsHex();
  MapReader stored = BuildInBatches(testing::MerkleLeafInputs(), {3, 1, 4});
  for (const auto& v : testing::MerkleInclusionVectors()) {
    auto proof = InclusionProof(v.leaf_index, v.tree_size, stored);
    ASSERT_TRUE(proof.ok()) << proof.status();
    EXPECT_EQ(*proof, FromHex(v.proof_hex)) << v.leaf_index << " in " << v.tree_size;
    EXPECT_TRUE(audit::VerifyInclusion(v.leaf_index, v.tree_size,
                                       *stored.Node(0, v.leaf_index), *proof,
                                       FromHex(roots[v.tree_size]))
                    .ok());
  }
  for (const auto& v : testing::MerkleConsistencyVectors()) {
    auto proof = ConsistencyProof(v.old_size, v.new_size, stored);
    ASSERT_TRUE(proof.ok()) << proof.status();
    EXPECT_EQ(*proof, FromHex(v.proof_hex)) << v.old_size << " to " << v.new_size;
    EXPECT_TRUE(audit::VerifyConsistency(v.old_size, v.new_size, FromHex(roots[v.old_size]),
                                         FromHex(roots[v.new_size]), *proof)
                    .ok());
  }
}

TEST(MerkleTreeTest, AppendStoresExactlyThePerfectSubtrees) {
  const std::vector<std::string> inputs = ExhaustiveInputs();
  const NaiveTree naive(inputs);
  for (uint64_t n = 0; n <= kMaxExhaustive; ++n) {
    MapReader stored = BuildOneByOne({inputs.begin(), inputs.begin() + n});
    size_t expected_count = 0;
    for (uint32_t level = 0; (uint64_t{1} << level) <= n; ++level) {
      for (uint64_t index = 0; (index + 1) << level <= n; ++index) {
        auto node = stored.Node(level, index);
        ASSERT_TRUE(node.ok()) << node.status() << " at size " << n;
        EXPECT_EQ(*node, naive.Mth(index << level, (index + 1) << level));
        ++expected_count;
      }
    }
    EXPECT_EQ(stored.nodes().size(), expected_count) << "size " << n;
  }
}

TEST(MerkleTreeTest, BatchShapeDoesNotMatter) {
  const std::vector<std::string> inputs = ExhaustiveInputs();
  const MapReader reference = BuildOneByOne(inputs);
  std::mt19937_64 rng(9162);
  std::vector<std::vector<size_t>> shapes = {{kMaxExhaustive}, {1, 63}, {63, 1}, {32, 32},
                                             {7, 9, 16, 31, 1}};
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<size_t> shape;
    size_t left = kMaxExhaustive;
    while (left > 0) {
      size_t batch = std::min<size_t>(left, 1 + rng() % 12);
      shape.push_back(batch);
      left -= batch;
    }
    shapes.push_back(shape);
  }
  for (const auto& shape : shapes) {
    EXPECT_EQ(BuildInBatches(inputs, shape).nodes(), reference.nodes());
  }
}

// The in-memory frontier, appended to in random batch shapes, emits exactly
// the nodes of appending one by one against stored nodes, and after every
// batch holds exactly the stored subtree roots of the size's decomposition.
TEST(MerkleFrontierTest, AppendsLikeStoredNodesWithoutReadingThem) {
  const std::vector<std::string> inputs = ExhaustiveInputs();
  const MapReader reference = BuildOneByOne(inputs);
  std::mt19937_64 rng(6962);
  for (int trial = 0; trial < 30; ++trial) {
    MapReader stored;
    MerkleFrontier frontier;
    size_t next = 0;
    while (next < inputs.size()) {
      const size_t batch = std::min<size_t>(inputs.size() - next, 1 + rng() % 9);
      auto nodes = frontier.Append(LeafHashes(inputs, next, next + batch));
      ASSERT_TRUE(nodes.ok()) << nodes.status();
      stored.Store(*nodes);
      next += batch;
      ASSERT_EQ(frontier.Size(), next);
      for (uint32_t level = 0; level < 7; ++level) {
        const uint64_t index = (next >> level) - 1;
        if (((next >> level) & 1) != 0) {
          EXPECT_EQ(*frontier.Node(level, index), *reference.Node(level, index));
        } else if ((next >> level) > 0) {
          EXPECT_EQ(frontier.Node(level, index).status().code(),
                    absl::StatusCode::kFailedPrecondition);
        }
      }
      EXPECT_EQ(*RootHash(next, frontier), *RootHash(next, reference));
    }
    EXPECT_EQ(stored.nodes(), reference.nodes());
  }
}

TEST(MerkleFrontierTest, LoadReadsOneNodePerSetBitAndContinues) {
  const std::vector<std::string> inputs = ExhaustiveInputs();
  const MapReader reference = BuildOneByOne(inputs);
  for (uint64_t size : {0u, 1u, 7u, 22u, 63u}) {
    const MapReader prefix = BuildOneByOne({inputs.begin(), inputs.begin() + size});
    BoundedReader counted(&prefix, size);
    auto frontier = MerkleFrontier::Load(size, counted);
    ASSERT_TRUE(frontier.ok()) << frontier.status();
    EXPECT_EQ(counted.reads(), std::popcount(size)) << "size " << size;
    EXPECT_EQ(frontier->Size(), size);
    // Appending the rest yields the rest of the reference's nodes.
    MapReader rest = prefix;
    auto nodes = frontier->Append(LeafHashes(inputs, size, inputs.size()));
    ASSERT_TRUE(nodes.ok()) << nodes.status();
    rest.Store(*nodes);
    EXPECT_EQ(rest.nodes(), reference.nodes()) << "size " << size;
  }
}

TEST(MerkleFrontierTest, Errors) {
  const MapReader three = BuildOneByOne({"a", "b", "c"});
  EXPECT_EQ(MerkleFrontier::Load(4, three).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MerkleFrontier::Load(1, MapReader()).status().code(),
            absl::StatusCode::kInvalidArgument);
  // A reader's error is passed on: this one fails every read.
  const BoundedReader failing(&three, 0);
  EXPECT_EQ(MerkleFrontier::Load(3, failing).status().code(), absl::StatusCode::kInternal);
  auto frontier = MerkleFrontier::Load(3, three);
  ASSERT_TRUE(frontier.ok());
  // Nodes off the right edge are not held: level 0 index 0, level 1 index 0.
  EXPECT_EQ(frontier->Node(0, 0).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(frontier->Node(0, 0).status().message()),
              HasSubstr("does not hold node (level 0, index 0)"));
  EXPECT_EQ(*frontier->Node(1, 0), *three.Node(1, 0));
  EXPECT_EQ(*frontier->Node(0, 2), *three.Node(0, 2));
  // Appending nothing changes nothing.
  auto none = frontier->Append({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(frontier->Size(), 3u);
}

// Every root, inclusion proof and consistency proof of every tree of up to 64
// leaves equals the naive RFC recursion and verifies with ledger/audit.
TEST(MerkleTreeTest, ExhaustiveAgainstNaiveReference) {
  const std::vector<std::string> inputs = ExhaustiveInputs();
  const NaiveTree naive(inputs);
  const MapReader stored = BuildOneByOne(inputs);
  std::vector<Hash> roots(kMaxExhaustive + 1);
  for (uint64_t n = 0; n <= kMaxExhaustive; ++n) {
    BoundedReader reader(&stored, n);
    auto root = RootHash(n, reader);
    ASSERT_TRUE(root.ok()) << root.status() << " size " << n;
    EXPECT_EQ(*root, naive.Mth(0, n)) << "size " << n;
    EXPECT_EQ(reader.reads(), std::popcount(n));
    roots[n] = *root;
  }
  for (uint64_t n = 1; n <= kMaxExhaustive; ++n) {
    for (uint64_t i = 0; i < n; ++i) {
      BoundedReader reader(&stored, n);
      auto proof = InclusionProof(i, n, reader);
      ASSERT_TRUE(proof.ok()) << proof.status();
      std::vector<bool> left;
      EXPECT_EQ(*proof, naive.Path(i, 0, n, &left)) << i << " in " << n;
      EXPECT_LE(reader.reads(), 2 * Width(n)) << i << " in " << n;
      absl::Status verified = audit::VerifyInclusion(i, n, naive.Leaf(i), *proof, roots[n]);
      EXPECT_TRUE(verified.ok()) << verified << " " << i << " in " << n;
    }
    for (uint64_t m = 1; m <= n; ++m) {
      BoundedReader reader(&stored, n);
      auto proof = ConsistencyProof(m, n, reader);
      ASSERT_TRUE(proof.ok()) << proof.status();
      std::vector<bool> both;
      const std::vector<Hash> expected = m == n ? std::vector<Hash>{}
                                                : naive.Subproof(m, 0, n, true, &both);
      EXPECT_EQ(*proof, expected) << m << " to " << n;
      EXPECT_LE(reader.reads(), 2 * Width(n) + 1) << m << " to " << n;
      absl::Status verified = audit::VerifyConsistency(m, n, roots[m], roots[n], *proof);
      EXPECT_TRUE(verified.ok()) << verified << " " << m << " to " << n;
    }
  }
}

TEST(MerkleTreeTest, Errors) {
  MapReader stored = BuildOneByOne({"a", "b", "c", "d", "e"});
  auto too_big = RootHash(6, stored);
  EXPECT_EQ(too_big.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(too_big.status().message(), "tree_size: 6 exceeds the tree's size 5");

  auto index = InclusionProof(5, 5, stored);
  EXPECT_EQ(index.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(index.status().message(), "leaf_index: 5 must be less than tree_size 5");
  EXPECT_EQ(InclusionProof(0, 0, stored).status().message(),
            "leaf_index: 0 must be less than tree_size 0");
  EXPECT_EQ(InclusionProof(0, 6, stored).status().message(),
            "tree_size: 6 exceeds the tree's size 5");

  auto zero = ConsistencyProof(0, 3, stored);
  EXPECT_EQ(zero.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(zero.status().message(), HasSubstr("old_size: must be at least 1"));
  auto backwards = ConsistencyProof(4, 3, stored);
  EXPECT_EQ(backwards.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(backwards.status().message(), "old_size: 4 must not exceed new_size 3");
  EXPECT_EQ(ConsistencyProof(1, 6, stored).status().message(),
            "new_size: 6 exceeds the tree's size 5");
  EXPECT_TRUE(ConsistencyProof(5, 5, stored)->empty());

  auto stale = NodesForAppend(4, {LeafHash("x")}, stored);
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(stale.status().message(), "old_size: 4 but the tree holds 5 leaves");
  EXPECT_TRUE(NodesForAppend(5, {}, stored)->empty());

  SyntheticReader full(std::numeric_limits<uint64_t>::max());
  auto overflow = NodesForAppend(full.Size(), {LeafHash("x")}, full);
  EXPECT_EQ(overflow.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(MerkleTreeTest, ReaderErrorsPropagate) {
  MapReader stored = BuildOneByOne({"a", "b", "c"});
  BoundedReader broken(&stored, 2);  // pretends leaf 2's node is unreadable
  EXPECT_EQ(RootHash(3, broken).status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(InclusionProof(0, 3, broken).status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(ConsistencyProof(1, 3, broken).status().code(), absl::StatusCode::kInternal);
}

TEST(MerkleTreeTest, NodeReadsAreLogarithmicInHugeTrees) {
  for (uint64_t size : {uint64_t{1} << 40, (uint64_t{1} << 40) - 1, uint64_t{1000000007},
                        (uint64_t{1} << 63) + 12345, std::numeric_limits<uint64_t>::max()}) {
    const int width = Width(size);
    {
      SyntheticReader reader(size);
      ASSERT_TRUE(RootHash(size, reader).ok());
      EXPECT_EQ(reader.reads(), std::popcount(size));
    }
    for (uint64_t index : {uint64_t{0}, size / 3, size / 2, size - 2, size - 1}) {
      SyntheticReader reader(size);
      auto proof = InclusionProof(index, size, reader);
      ASSERT_TRUE(proof.ok()) << proof.status();
      EXPECT_LE(reader.reads(), 2 * width) << index << " in " << size;
      EXPECT_LE(proof->size(), static_cast<size_t>(width));
    }
    for (uint64_t old_size : {uint64_t{1}, size / 3, size / 2 + 1, size - 1}) {
      SyntheticReader reader(size);
      auto proof = ConsistencyProof(old_size, size, reader);
      ASSERT_TRUE(proof.ok()) << proof.status();
      EXPECT_LE(reader.reads(), 2 * width + 1) << old_size << " to " << size;
      EXPECT_LE(proof->size(), static_cast<size_t>(width + 1));
    }
  }
}

TEST(MerkleTreeTest, AppendReadsOneNodePerLevel) {
  // One leaf completing a perfect tree of 2^40 leaves: 40 left neighbours
  // read, the leaf and 40 new interior nodes up to the root.
  SyntheticReader stored((uint64_t{1} << 40) - 1);
  auto nodes = NodesForAppend(stored.Size(), {LeafHash("x")}, stored);
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  EXPECT_EQ(stored.reads(), 40);
  ASSERT_EQ(nodes->size(), 41u);
  EXPECT_EQ(nodes->back().level, 40u);
  EXPECT_EQ(nodes->back().index, 0u);

  // 1000 leaves appended to a big tree: at most one read per level.
  SyntheticReader big(uint64_t{123456789});
  auto batch = NodesForAppend(big.Size(), std::vector<Hash>(1000, LeafHash("y")), big);
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_LE(big.reads(), Width(123456789 + 1000));
}

}  // namespace
}  // namespace kumppani::store
