// RFC 9162 tree math over stored perfect-subtree nodes. The RFC defines MTH,
// PATH and SUBPROOF recursively over arbitrary ranges; every range that
// recursion visits starts at a multiple of its own size rounded up to a power
// of two, so its hash is the right-to-left fold of the few stored perfect
// subtrees of its size's binary decomposition (SubtreeHash below).
#include "ledger/store/merkle_tree.h"

#include <algorithm>
#include <bit>
#include <iterator>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "ledger/common/status_macros.h"

namespace kumppani::store {
namespace {

// The largest power of two strictly less than n; n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

// MTH(D[begin : begin + size]) for size >= 1, where `begin` is a multiple of
// std::bit_ceil(size) (true of every range the RFC's recursions visit). The
// range is the perfect subtrees for the set bits of `size`, largest first;
// the RFC's recursion folds them from the right.
absl::StatusOr<Hash> SubtreeHash(uint64_t begin, uint64_t size, const MerkleNodeReader& reader) {
  uint64_t end = begin + size;
  uint64_t rest = size;
  Hash acc{};
  bool have = false;
  while (rest != 0) {
    uint32_t level = static_cast<uint32_t>(std::countr_zero(rest));
    end -= uint64_t{1} << level;
    KUMPPANI_ASSIGN_OR_RETURN(Hash node, reader.Node(level, end >> level));
    acc = have ? NodeHash(node, acc) : node;
    have = true;
    rest &= rest - 1;
  }
  return acc;
}

absl::Status CheckTreeSize(uint64_t tree_size, absl::string_view field,
                           const MerkleNodeReader& reader) {
  if (tree_size > reader.Size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", tree_size, " exceeds the tree's size ", reader.Size()));
  }
  return absl::OkStatus();
}

}  // namespace

Hash LeafHash(std::string_view canonical_bytes) {
  return Sha256Hasher().UpdateByte(0x00).Update(canonical_bytes).Finish();
}

Hash NodeHash(const Hash& left, const Hash& right) {
  return Sha256Hasher().UpdateByte(0x01).Update(left).Update(right).Finish();
}

Hash EmptyRootHash() { return Sha256(std::string_view()); }

absl::StatusOr<std::vector<MerkleNode>> NodesForAppend(uint64_t old_size,
                                                       const std::vector<Hash>& new_leaf_hashes,
                                                       const MerkleNodeReader& stored) {
  if (old_size != stored.Size()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "old_size: ", old_size, " but the tree holds ", stored.Size(), " leaves"));
  }
  std::vector<MerkleNode> out;
  if (new_leaf_hashes.empty()) return out;
  if (new_leaf_hashes.size() > std::numeric_limits<uint64_t>::max() - old_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "new_leaf_hashes: ", new_leaf_hashes.size(), " leaves overflow a tree of ", old_size));
  }
  // Level by level, `current` holds the new nodes [lo, hi) of `level`.
  std::vector<Hash> current = new_leaf_hashes;
  uint64_t lo = old_size;
  uint64_t hi = old_size + current.size();
  out.reserve(2 * current.size() + kMaxMerkleLevel);
  for (size_t i = 0; i < current.size(); ++i) out.push_back({0, lo + i, current[i]});
  for (uint32_t level = 0;; ++level) {
    // Parent p is new when its right child 2p + 1 is in [lo, hi).
    const uint64_t parent_lo = lo / 2;
    const uint64_t parent_hi = hi / 2;
    if (parent_lo >= parent_hi) break;
    std::vector<Hash> parents;
    parents.reserve(parent_hi - parent_lo);
    for (uint64_t p = parent_lo; p < parent_hi; ++p) {
      const uint64_t left_index = 2 * p;
      Hash left;
      if (left_index >= lo) {
        left = current[left_index - lo];
      } else {
        // Only the first parent of a level can close over an older node.
        KUMPPANI_ASSIGN_OR_RETURN(left, stored.Node(level, left_index));
      }
      const Hash hash = NodeHash(left, current[left_index + 1 - lo]);
      parents.push_back(hash);
      out.push_back({level + 1, p, hash});
    }
    current = std::move(parents);
    lo = parent_lo;
    hi = parent_hi;
  }
  return out;
}

absl::StatusOr<Hash> RootHash(uint64_t tree_size, const MerkleNodeReader& reader) {
  KUMPPANI_RETURN_IF_ERROR(CheckTreeSize(tree_size, "tree_size", reader));
  if (tree_size == 0) return EmptyRootHash();
  return SubtreeHash(0, tree_size, reader);
}

absl::StatusOr<std::vector<Hash>> InclusionProof(uint64_t leaf_index, uint64_t tree_size,
                                                 const MerkleNodeReader& reader) {
  KUMPPANI_RETURN_IF_ERROR(CheckTreeSize(tree_size, "tree_size", reader));
  if (leaf_index >= tree_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "leaf_index: ", leaf_index, " must be less than tree_size ", tree_size));
  }
  // PATH(m, D[begin : begin + n]), unrolled from the root down; the RFC lists
  // the siblings from the leaf up, so the result is reversed at the end.
  std::vector<Hash> path;
  uint64_t begin = 0;
  uint64_t n = tree_size;
  uint64_t m = leaf_index;
  while (n > 1) {
    const uint64_t k = SplitPoint(n);
    if (m < k) {
      KUMPPANI_ASSIGN_OR_RETURN(Hash right, SubtreeHash(begin + k, n - k, reader));
      path.push_back(right);
      n = k;
    } else {
      KUMPPANI_ASSIGN_OR_RETURN(Hash left, SubtreeHash(begin, k, reader));
      path.push_back(left);
      begin += k;
      m -= k;
      n -= k;
    }
  }
  std::reverse(path.begin(), path.end());
  return path;
}

absl::StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size,
                                                   const MerkleNodeReader& reader) {
  KUMPPANI_RETURN_IF_ERROR(CheckTreeSize(new_size, "new_size", reader));
  if (old_size == 0) {
    return absl::InvalidArgumentError(
        "old_size: must be at least 1; every tree extends the empty tree, there is no proof");
  }
  if (old_size > new_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "old_size: ", old_size, " must not exceed new_size ", new_size));
  }
  // SUBPROOF(m, D[begin : begin + n], complete), unrolled from the root down.
  // Each step appends its commitment after the inner subproof, so the
  // commitments come out in reverse; the terminal MTH(D[begin : begin + m])
  // of an incomplete subtree comes first.
  std::vector<Hash> commitments;
  uint64_t begin = 0;
  uint64_t n = new_size;
  uint64_t m = old_size;
  bool complete = true;
  while (m != n) {
    const uint64_t k = SplitPoint(n);
    if (m <= k) {
      KUMPPANI_ASSIGN_OR_RETURN(Hash right, SubtreeHash(begin + k, n - k, reader));
      commitments.push_back(right);
      n = k;
    } else {
      KUMPPANI_ASSIGN_OR_RETURN(Hash left, SubtreeHash(begin, k, reader));
      commitments.push_back(left);
      begin += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  std::vector<Hash> proof;
  proof.reserve(commitments.size() + 1);
  if (!complete) {
    KUMPPANI_ASSIGN_OR_RETURN(Hash old_subtree, SubtreeHash(begin, m, reader));
    proof.push_back(old_subtree);
  }
  proof.insert(proof.end(), commitments.rbegin(), commitments.rend());
  return proof;
}

}  // namespace kumppani::store
