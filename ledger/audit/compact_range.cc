// Appending to a compact range merges equal-sized neighbours, as in a binary
// counter; the Merkle Tree Hash folds the subtrees right to left.
#include "ledger/audit/compact_range.h"

namespace kumppani::audit {
namespace {

Hash Interior(const Hash& left, const Hash& right) {
  Sha256Hasher hasher;
  return hasher.UpdateByte(0x01).Update(left).Update(right).Finish();
}

}  // namespace

void CompactRange::Append(const Hash& leaf_hash) {
  ++size_;
  subtrees_.push_back({1, leaf_hash});
  while (subtrees_.size() >= 2 && subtrees_[subtrees_.size() - 2].size == subtrees_.back().size) {
    Subtree right = subtrees_.back();
    subtrees_.pop_back();
    Subtree& left = subtrees_.back();
    left.hash = Interior(left.hash, right.hash);
    left.size *= 2;
  }
}

Hash CompactRange::Root() const {
  if (subtrees_.empty()) return Sha256(std::string_view());
  Hash root = subtrees_.back().hash;
  for (size_t i = subtrees_.size() - 1; i-- > 0;) root = Interior(subtrees_[i].hash, root);
  return root;
}

}  // namespace kumppani::audit
