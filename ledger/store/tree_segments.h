// How the tree column family stores the Merkle tree: one row ("segment") per
// written group of events, holding every node that group completed.
//
//   key   = BigEndian64(begin)             begin: the tree size before the group
//   value = BigEndian64(end) || hash * N   end: the tree size after it
//
// The N hashes are NodesForAppend(begin, leaves [begin, end)) in its order:
// level by level from the leaves up, ascending index within a level. Level l
// holds the nodes [begin_l, end_l) with begin_0 = begin, end_0 = end and
// begin_{l+1} = begin_l / 2, end_{l+1} = end_l / 2, while non-empty.
//
// Node (L, i) is completed by its last leaf (i + 1) * 2^L - 1, so it lives in
// the segment whose [begin, end) holds that leaf: the row with the greatest
// key not above it. Keys only grow, so memtable inserts take one hint and
// flushed tables never overlap (nothing to rewrite in compactions), and a
// group costs one row however many nodes it adds. Pure logic; the store
// reads and writes the rows.
#ifndef KUMPPANI_LEDGER_STORE_TREE_SEGMENTS_H_
#define KUMPPANI_LEDGER_STORE_TREE_SEGMENTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/store/merkle_tree.h"

namespace kumppani::store {

// A decoded segment row: the nodes the leaves [begin, end) completed.
struct TreeSegment {
  uint64_t begin = 0;
  uint64_t end = 0;
  std::string_view hashes;  // N * 32 bytes, into the row's value

  // The node (level, index) if this segment holds it; NOT_FOUND otherwise.
  absl::StatusOr<Hash> Node(uint32_t level, uint64_t index) const;
  // The leaf hash of leaf `index`, begin <= index < end.
  Hash Leaf(uint64_t index) const;
};

// The key of the segment starting at leaf `begin`.
std::string TreeSegmentKey(uint64_t begin);
// The row for appending leaves [begin, end): `nodes` must be exactly what
// NodesForAppend returned for them.
std::string EncodeTreeSegment(uint64_t end, const std::vector<MerkleNode>& nodes);
// Parses a row; DATA_LOSS naming the row when the key or value is malformed
// (wrong lengths, end <= begin, a hash count that does not match).
absl::StatusOr<TreeSegment> DecodeTreeSegment(std::string_view key, std::string_view value);
// How many nodes appending leaves [begin, end) adds.
uint64_t TreeSegmentNodeCount(uint64_t begin, uint64_t end);
// The leaf that completes node (level, index): (index + 1) * 2^level - 1.
// Requires the node to lie inside a tree of at most 2^64 - 1 leaves.
uint64_t CompletingLeaf(uint32_t level, uint64_t index);

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_TREE_SEGMENTS_H_
