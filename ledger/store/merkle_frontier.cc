// The in-memory right edge of the Merkle tree (see merkle_frontier.h).
#include "ledger/store/merkle_frontier.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"

namespace kumppani::store {
namespace {

bool BitSet(uint64_t size, uint32_t level) { return level < 64 && ((size >> level) & 1) != 0; }

}  // namespace

absl::StatusOr<MerkleFrontier> MerkleFrontier::Load(uint64_t size, const MerkleNodeReader& stored) {
  if (size > stored.Size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("size: ", size, " but the tree holds ", stored.Size(), " leaves"));
  }
  MerkleFrontier frontier;
  frontier.size_ = size;
  for (uint32_t level = 0; level <= kMaxMerkleLevel; ++level) {
    if (!BitSet(size, level)) continue;
    KUMPPANI_ASSIGN_OR_RETURN(frontier.roots_[level], stored.Node(level, (size >> level) - 1));
  }
  return frontier;
}

absl::StatusOr<Hash> MerkleFrontier::Node(uint32_t level, uint64_t index) const {
  if (BitSet(size_, level) && index == (size_ >> level) - 1) return roots_[level];
  return absl::FailedPreconditionError(absl::StrCat("the frontier of a tree of ", size_,
                                                    " leaves does not hold node (level ", level,
                                                    ", index ", index, ")"));
}

absl::StatusOr<std::vector<MerkleNode>> MerkleFrontier::Append(
    const std::vector<Hash>& leaf_hashes) {
  KUMPPANI_ASSIGN_OR_RETURN(std::vector<MerkleNode> nodes,
                            NodesForAppend(size_, leaf_hashes, *this));
  const uint64_t new_size = size_ + leaf_hashes.size();
  // A frontier node of the new size is either new or was already one of the
  // old size (its leaves all lie below the old size); only new ones change.
  for (const MerkleNode& node : nodes) {
    if (BitSet(new_size, node.level) && node.index == (new_size >> node.level) - 1) {
      roots_[node.level] = node.hash;
    }
  }
  size_ = new_size;
  return nodes;
}

}  // namespace kumppani::store
