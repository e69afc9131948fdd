// The log's Merkle tree as RFC 9162 (Certificate Transparency v2) section 2.1
// defines it, computed over stored nodes: which nodes an append adds, the root
// at any size, and inclusion and consistency proofs. Pure logic with no
// storage of its own; the storage layer implements MerkleNodeReader.
//
// Node model: node (level L, index i) is the hash of the perfect subtree over
// leaves [i * 2^L, (i + 1) * 2^L). Level 0 holds the leaf hashes. A node is
// stored once all its leaves exist and never changes afterwards. Leaf indices
// are 0-based as in the RFC: the event at log position p is leaf p - 1.
//
// Every function here reads O(log n) nodes (plus one per new leaf for an
// append) and never reads a node outside the tree size it was given.
//
// Thread safety: the functions are as thread-safe as the reader passed in.
#ifndef KUMPPANI_LEDGER_STORE_MERKLE_TREE_H_
#define KUMPPANI_LEDGER_STORE_MERKLE_TREE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledger/common/sha256.h"

namespace kumppani::store {

// The deepest level a tree of up to 2^64 - 1 leaves can have a node on.
inline constexpr uint32_t kMaxMerkleLevel = 63;

// One stored node of the tree.
struct MerkleNode {
  uint32_t level = 0;
  uint64_t index = 0;
  Hash hash{};
  friend bool operator==(const MerkleNode&, const MerkleNode&) = default;
};

// Read access to the stored nodes of a tree. Implementations must return the
// node for every (level, index) whose leaves all lie below Size(); anything
// else is an implementation's error to report (NOT_FOUND or DATA_LOSS).
class MerkleNodeReader {
 public:
  virtual ~MerkleNodeReader() = default;
  // The number of leaves whose nodes this reader serves.
  virtual uint64_t Size() const = 0;
  virtual absl::StatusOr<Hash> Node(uint32_t level, uint64_t index) const = 0;
};

// RFC 9162 leaf hash: SHA-256(0x00 || canonical bytes).
Hash LeafHash(std::string_view canonical_bytes);
// RFC 9162 interior node hash: SHA-256(0x01 || left || right).
Hash NodeHash(const Hash& left, const Hash& right);
// The root of the empty tree: SHA-256 of the empty string.
Hash EmptyRootHash();

// The nodes to store when `new_leaf_hashes` (leaf hashes, in log order) are
// appended to a tree of `old_size` leaves whose nodes `stored` serves: the new
// leaves at level 0 and every perfect subtree they complete, ordered by level
// and then index. Reads at most one node per level (the left neighbours the
// new subtrees close over). An empty `new_leaf_hashes` yields no nodes.
//
// MerkleFrontier (merkle_frontier.h) serves every node this reads from
// memory. FAILED_PRECONDITION when `old_size` differs from
// stored.Size() (the caller's idea of the tree is stale); INVALID_ARGUMENT
// when the new size would overflow.
absl::StatusOr<std::vector<MerkleNode>> NodesForAppend(uint64_t old_size,
                                                       const std::vector<Hash>& new_leaf_hashes,
                                                       const MerkleNodeReader& stored);

// The RFC 9162 Merkle Tree Hash of the first `tree_size` leaves: EmptyRootHash()
// for 0, else the perfect subtrees of tree_size's binary decomposition combined
// right to left (popcount(tree_size) reads). INVALID_ARGUMENT when
// `tree_size` exceeds reader.Size().
absl::StatusOr<Hash> RootHash(uint64_t tree_size, const MerkleNodeReader& reader);

// The RFC 9162 section 2.1.3.1 inclusion proof PATH(leaf_index, D[tree_size]):
// sibling hashes from the leaf up to the root. Empty for a one-leaf tree.
// INVALID_ARGUMENT when leaf_index >= tree_size or tree_size > reader.Size().
absl::StatusOr<std::vector<Hash>> InclusionProof(uint64_t leaf_index, uint64_t tree_size,
                                                 const MerkleNodeReader& reader);

// The RFC 9162 section 2.1.4.1 consistency proof PROOF(old_size, D[new_size])
// that the tree of `old_size` leaves is a prefix of the one of `new_size`.
// Empty when old_size == new_size (the roots must then be equal).
// INVALID_ARGUMENT when old_size is 0 (the RFC defines no proof: every tree
// extends the empty one), old_size > new_size or new_size > reader.Size().
absl::StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size,
                                                   const MerkleNodeReader& reader);

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_MERKLE_TREE_H_
