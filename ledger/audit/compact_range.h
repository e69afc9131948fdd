// The compact range of a Merkle tree (RFC 9162): the roots of the perfect
// subtrees covering the leaves appended so far, largest first. It computes the
// root of a growing log in O(log n) memory, for the full-log verifiers of the
// server (log_verifier) and of the kumppani client.
//
// Not thread-safe.
#ifndef KUMPPANI_LEDGER_AUDIT_COMPACT_RANGE_H_
#define KUMPPANI_LEDGER_AUDIT_COMPACT_RANGE_H_

#include <cstdint>
#include <vector>

#include "ledger/common/sha256.h"

namespace kumppani::audit {

class CompactRange {
 public:
  // Appends the next leaf's hash (LeafHash of its canonical bytes).
  void Append(const Hash& leaf_hash);

  // The number of leaves appended.
  uint64_t size() const { return size_; }

  // The Merkle Tree Hash of the leaves appended: SHA-256 of nothing for none.
  Hash Root() const;

 private:
  struct Subtree {
    uint64_t size;
    Hash hash;
  };
  std::vector<Subtree> subtrees_;
  uint64_t size_ = 0;
};

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_COMPACT_RANGE_H_
