// The RFC 9162 proof verifiers: the published vectors verify, and every
// tampering with a proof of any tree up to 64 leaves is rejected (a changed
// hash, a wrong index, a wrong size, truncated or extended proofs, wrong
// roots). Proofs come from the naive RFC reference, not from ledger/store.
#include "ledger/audit/proof_verify.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/merkle_vectors.h"
#include "tests/testing/naive_merkle.h"

namespace kumppani::audit {
namespace {

using ::kumppani::testing::NaiveTree;
using ::testing::HasSubstr;

constexpr uint64_t kMaxExhaustive = 64;

Hash FromHex(const std::string& hex) { return *HashFromHex(hex, "test vector"); }

std::vector<Hash> FromHex(const std::vector<std::string>& hex) {
  std::vector<Hash> out;
  for (const std::string& h : hex) out.push_back(FromHex(h));
  return out;
}

Hash Flip(Hash h, size_t byte = 0, uint8_t bit = 0x08) {
  h[byte] ^= bit;
  return h;
}

// Enough inputs for the wrong sizes tried (up to twice the largest tree + 7).
std::vector<std::string> Inputs() {
  std::vector<std::string> inputs = testing::MerkleLeafInputs();
  while (inputs.size() < 2 * kMaxExhaustive + 8) {
    inputs.push_back(absl::StrCat("event ", inputs.size()));
  }
  return inputs;
}

TEST(ProofVerifyTest, LeafHashKnownAnswer) {
  // transparency-dev/merkle rfc6962/rfc6962_test.go.
  EXPECT_EQ(HashToHex(LeafHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(HashToHex(LeafHash("L123456")),
            "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
}

TEST(ProofVerifyTest, PublishedInclusionVectors) {
  const auto inputs = testing::MerkleLeafInputs();
  const auto roots = testing::MerkleRootsHex();
  for (const auto& v : testing::MerkleInclusionVectors()) {
    const Hash leaf = LeafHash(inputs[v.leaf_index]);
    const std::vector<Hash> proof = FromHex(v.proof_hex);
    const Hash root = FromHex(roots[v.tree_size]);
    absl::Status ok = VerifyInclusion(v.leaf_index, v.tree_size, leaf, proof, root);
    EXPECT_TRUE(ok.ok()) << ok << " leaf " << v.leaf_index << " in " << v.tree_size;
    // The probes of transparency-dev/merkle's corruptInclusionProof.
    EXPECT_FALSE(VerifyInclusion(v.leaf_index + 1, v.tree_size, leaf, proof, root).ok());
    EXPECT_FALSE(VerifyInclusion(v.leaf_index ^ 2, v.tree_size, leaf, proof, root).ok());
    EXPECT_FALSE(VerifyInclusion(v.leaf_index, v.tree_size * 2, leaf, proof, root).ok());
    EXPECT_FALSE(VerifyInclusion(v.leaf_index, v.tree_size / 2, leaf, proof, root).ok());
    EXPECT_FALSE(VerifyInclusion(v.leaf_index, v.tree_size, Sha256("WrongLeaf"), proof, root).ok());
    EXPECT_FALSE(VerifyInclusion(v.leaf_index, v.tree_size, leaf, proof, Sha256("")).ok());
    std::vector<Hash> longer = proof;
    longer.push_back(root);
    EXPECT_FALSE(VerifyInclusion(v.leaf_index, v.tree_size, leaf, longer, root).ok());
    longer.insert(longer.begin(), root);
    longer.pop_back();
    EXPECT_FALSE(VerifyInclusion(v.leaf_index, v.tree_size, leaf, longer, root).ok());
  }
}

TEST(ProofVerifyTest, PublishedConsistencyVectors) {
  const auto roots = testing::MerkleRootsHex();
  for (const auto& v : testing::MerkleConsistencyVectors()) {
    const std::vector<Hash> proof = FromHex(v.proof_hex);
    const Hash old_root = FromHex(roots[v.old_size]);
    const Hash new_root = FromHex(roots[v.new_size]);
    absl::Status ok = VerifyConsistency(v.old_size, v.new_size, old_root, new_root, proof);
    EXPECT_TRUE(ok.ok()) << ok << " " << v.old_size << " to " << v.new_size;
    if (proof.empty()) continue;
    EXPECT_FALSE(VerifyConsistency(v.old_size, v.new_size, new_root, old_root, proof).ok());
    EXPECT_FALSE(VerifyConsistency(v.old_size, v.new_size, old_root, new_root, {}).ok());
    EXPECT_FALSE(VerifyConsistency(v.old_size + 1, v.new_size, old_root, new_root, proof).ok());
    EXPECT_FALSE(VerifyConsistency(v.old_size, v.new_size * 2, old_root, new_root, proof).ok());
  }
}

TEST(ProofVerifyTest, InclusionRejectsMalformedInput) {
  const Hash h = Sha256("x");
  absl::Status past_end = VerifyInclusion(3, 3, h, {}, h);
  EXPECT_EQ(past_end.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(past_end.message(), "leaf_index: 3 must be less than tree_size 3");
  EXPECT_EQ(VerifyInclusion(0, 0, h, {}, h).code(), absl::StatusCode::kInvalidArgument);

  absl::Status too_long = VerifyInclusion(0, 1, h, {h}, h);
  EXPECT_EQ(too_long.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(too_long.message(),
            "proof: has 1 hashes, but an inclusion proof for leaf_index 0 in a tree of size 1 "
            "has 0");

  // A one-leaf tree: the root is the leaf hash and the proof is empty.
  EXPECT_TRUE(VerifyInclusion(0, 1, h, {}, h).ok());
  absl::Status other = VerifyInclusion(0, 1, h, {}, Sha256("y"));
  EXPECT_EQ(other.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(other.message(), HasSubstr("inclusion proof does not verify"));
}

TEST(ProofVerifyTest, ConsistencyRejectsMalformedInput) {
  const Hash a = Sha256("a");
  const Hash b = Sha256("b");
  absl::Status zero = VerifyConsistency(0, 5, Sha256(""), a, {});
  EXPECT_EQ(zero.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(zero.message(), HasSubstr("old_size: must be at least 1"));
  absl::Status backwards = VerifyConsistency(5, 4, a, b, {a});
  EXPECT_EQ(backwards.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(backwards.message(), "old_size: 5 must not exceed new_size 4");

  EXPECT_TRUE(VerifyConsistency(7, 7, a, a, {}).ok());
  absl::Status differ = VerifyConsistency(7, 7, a, b, {});
  EXPECT_EQ(differ.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(differ.message(), HasSubstr("trees of equal size 7 have different roots"));
  absl::Status nonempty = VerifyConsistency(7, 7, a, a, {a});
  EXPECT_EQ(nonempty.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(nonempty.message(), "proof: has 1 hashes, but a proof between equal sizes is empty");

  absl::Status empty = VerifyConsistency(3, 5, a, b, {});
  EXPECT_EQ(empty.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(empty.message(), HasSubstr("a consistency proof from size 3 to size 5 has"));
}

// Every inclusion proof of every tree up to 64 leaves verifies, and every
// tampering with it is rejected.
TEST(ProofVerifyTest, ExhaustiveInclusionTampering) {
  const NaiveTree naive(Inputs());
  int checked = 0;
  for (uint64_t n = 1; n <= kMaxExhaustive; ++n) {
    const Hash root = naive.Mth(0, n);
    for (uint64_t i = 0; i < n; ++i) {
      std::vector<bool> shape;
      const std::vector<Hash> proof = naive.Path(i, 0, n, &shape);
      const Hash leaf = naive.Leaf(i);
      const std::string where = absl::StrCat("leaf ", i, " in ", n);
      ASSERT_TRUE(VerifyInclusion(i, n, leaf, proof, root).ok()) << where;

      // One changed bit in any proof hash, the leaf or the root.
      for (size_t e = 0; e < proof.size(); ++e) {
        std::vector<Hash> bad = proof;
        bad[e] = Flip(bad[e], e % 32);
        EXPECT_EQ(VerifyInclusion(i, n, leaf, bad, root).code(),
                  absl::StatusCode::kFailedPrecondition)
            << where << " element " << e;
      }
      EXPECT_EQ(VerifyInclusion(i, n, Flip(leaf), proof, root).code(),
                absl::StatusCode::kFailedPrecondition) << where;
      EXPECT_EQ(VerifyInclusion(i, n, leaf, proof, Flip(root, 31)).code(),
                absl::StatusCode::kFailedPrecondition) << where;

      // Any other index.
      for (uint64_t j = 0; j < n; ++j) {
        if (j == i) continue;
        EXPECT_FALSE(VerifyInclusion(j, n, leaf, proof, root).ok()) << where << " as " << j;
      }
      // A wrong size: never verifies against that size's true root, and with
      // this root only when the proof for that size has exactly the same
      // shape (see TreeSizeIsBoundByTheCheckpointNotTheRoot).
      for (uint64_t s : {n - 1, n + 1, 2 * n, n / 2, n + 7}) {
        if (s <= i || s == n) continue;
        EXPECT_FALSE(VerifyInclusion(i, s, leaf, proof, naive.Mth(0, s)).ok())
            << where << " as size " << s;
        std::vector<bool> other_shape;
        naive.Path(i, 0, s, &other_shape);
        if (other_shape == shape) continue;
        EXPECT_FALSE(VerifyInclusion(i, s, leaf, proof, root).ok()) << where << " as size " << s;
      }
      // Truncated, extended at either end.
      if (!proof.empty()) {
        std::vector<Hash> truncated(proof.begin(), proof.end() - 1);
        EXPECT_EQ(VerifyInclusion(i, n, leaf, truncated, root).code(),
                  absl::StatusCode::kInvalidArgument) << where;
      }
      std::vector<Hash> extended = proof;
      extended.push_back(root);
      EXPECT_EQ(VerifyInclusion(i, n, leaf, extended, root).code(),
                absl::StatusCode::kInvalidArgument) << where;
      extended = proof;
      extended.insert(extended.begin(), Hash{});
      EXPECT_EQ(VerifyInclusion(i, n, leaf, extended, root).code(),
                absl::StatusCode::kInvalidArgument) << where;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 2080);  // 1 + 2 + ... + 64
}

// Every consistency proof between trees up to 64 leaves verifies, and every
// tampering with it is rejected.
TEST(ProofVerifyTest, ExhaustiveConsistencyTampering) {
  const NaiveTree naive(Inputs());
  int checked = 0;
  for (uint64_t n = 1; n <= kMaxExhaustive; ++n) {
    const Hash new_root = naive.Mth(0, n);
    for (uint64_t m = 1; m <= n; ++m) {
      const Hash old_root = naive.Mth(0, m);
      std::vector<bool> shape;
      const std::vector<Hash> proof = naive.Proof(m, n, &shape);
      const std::string where = absl::StrCat(m, " to ", n);
      ASSERT_TRUE(VerifyConsistency(m, n, old_root, new_root, proof).ok()) << where;
      ++checked;
      if (m == n) continue;

      for (size_t e = 0; e < proof.size(); ++e) {
        std::vector<Hash> bad = proof;
        bad[e] = Flip(bad[e], e % 32, 0x10);
        EXPECT_EQ(VerifyConsistency(m, n, old_root, new_root, bad).code(),
                  absl::StatusCode::kFailedPrecondition)
            << where << " element " << e;
      }
      EXPECT_EQ(VerifyConsistency(m, n, Flip(old_root), new_root, proof).code(),
                absl::StatusCode::kFailedPrecondition) << where;
      EXPECT_EQ(VerifyConsistency(m, n, old_root, Flip(new_root), proof).code(),
                absl::StatusCode::kFailedPrecondition) << where;
      EXPECT_FALSE(VerifyConsistency(m, n, new_root, old_root, proof).ok()) << where;

      // Wrong sizes: never verify against those sizes' true roots, and with
      // these roots only when the proof for them has exactly the same shape.
      const bool seeded = proof.size() == shape.size();
      for (auto [m2, n2] : std::vector<std::pair<uint64_t, uint64_t>>{
               {m - 1, n}, {m + 1, n}, {m, n + 1}, {m, n - 1}, {m, 2 * n}, {m ^ 2, n}}) {
        if (m2 == 0 || m2 > n2 || (m2 == m && n2 == n)) continue;
        EXPECT_FALSE(
            VerifyConsistency(m2, n2, naive.Mth(0, m2), naive.Mth(0, n2), proof).ok())
            << where << " as " << m2 << " to " << n2;
        std::vector<bool> other_shape;
        const std::vector<Hash> other = naive.Proof(m2, n2, &other_shape);
        if (other_shape == shape && (other.size() == other_shape.size()) == seeded) continue;
        EXPECT_FALSE(VerifyConsistency(m2, n2, old_root, new_root, proof).ok())
            << where << " as " << m2 << " to " << n2;
      }
      std::vector<Hash> truncated(proof.begin(), proof.end() - 1);
      EXPECT_EQ(VerifyConsistency(m, n, old_root, new_root, truncated).code(),
                absl::StatusCode::kInvalidArgument) << where;
      for (const Hash& extra : {old_root, new_root, proof[0]}) {
        std::vector<Hash> extended = proof;
        extended.push_back(extra);
        EXPECT_EQ(VerifyConsistency(m, n, old_root, new_root, extended).code(),
                  absl::StatusCode::kInvalidArgument) << where;
        extended = proof;
        extended.insert(extended.begin(), extra);
        EXPECT_EQ(VerifyConsistency(m, n, old_root, new_root, extended).code(),
                  absl::StatusCode::kInvalidArgument) << where;
      }
    }
  }
  EXPECT_EQ(checked, 2080);
}

// RFC 9162 roots do not commit to the tree size: a proof for leaf 0 of a
// 3-leaf tree also "verifies" for a claimed size of 4, because both sizes
// combine the proof the same way. This is why a verifier must take the tree
// size and the root from the same signed checkpoint (docs/verification.md).
TEST(ProofVerifyTest, TreeSizeIsBoundByTheCheckpointNotTheRoot) {
  const NaiveTree naive(Inputs());
  std::vector<bool> shape;
  const std::vector<Hash> proof = naive.Path(0, 0, 3, &shape);
  EXPECT_TRUE(VerifyInclusion(0, 3, naive.Leaf(0), proof, naive.Mth(0, 3)).ok());
  EXPECT_TRUE(VerifyInclusion(0, 4, naive.Leaf(0), proof, naive.Mth(0, 3)).ok());
  // With the true root of size 4 it fails, as it must.
  EXPECT_FALSE(VerifyInclusion(0, 4, naive.Leaf(0), proof, naive.Mth(0, 4)).ok());
}

}  // namespace
}  // namespace kumppani::audit
