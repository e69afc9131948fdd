// The right edge of the log's Merkle tree, kept in memory: the root of each
// perfect subtree in the binary decomposition of the tree's size (one per set
// bit). These are exactly the nodes an append closes over, so with the
// frontier in memory the commit thread plans tree nodes without reading the
// tree from disk. Pure logic; not thread-safe (the commit thread owns it).
#ifndef KUMPPANI_LEDGER_STORE_MERKLE_FRONTIER_H_
#define KUMPPANI_LEDGER_STORE_MERKLE_FRONTIER_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/store/merkle_tree.h"

namespace kumppani::store {

class MerkleFrontier final : public MerkleNodeReader {
 public:
  // The frontier of the empty tree.
  MerkleFrontier() = default;
  // The frontier of the first `size` leaves that `stored` serves:
  // popcount(size) reads. INVALID_ARGUMENT when size > stored.Size().
  static absl::StatusOr<MerkleFrontier> Load(uint64_t size, const MerkleNodeReader& stored);

  uint64_t Size() const override { return size_; }
  // A node of the frontier, i.e. (L, (Size() >> L) - 1) for a set bit L of
  // Size(); FAILED_PRECONDITION for any other node, which it does not hold.
  absl::StatusOr<Hash> Node(uint32_t level, uint64_t index) const override;

  // Appends `leaf_hashes`: returns the nodes to store (as NodesForAppend) and
  // moves the frontier past them. On error nothing changes.
  absl::StatusOr<std::vector<MerkleNode>> Append(const std::vector<Hash>& leaf_hashes);

 private:
  uint64_t size_ = 0;
  // roots_[L] is the node (L, (size_ >> L) - 1) when bit L of size_ is set.
  std::array<Hash, kMaxMerkleLevel + 1> roots_{};
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_MERKLE_FRONTIER_H_
