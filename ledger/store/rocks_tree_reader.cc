// Reads Merkle nodes and leaf hashes from the tree column family's segment
// rows (tree_segments.h).
#include "ledger/store/rocks_tree_reader.h"

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/rocks_status.h"
#include "ledger/store/tree_segments.h"

namespace kumppani::store {
namespace {

constexpr size_t kSegmentKeyBytes = 8;

absl::Status MissingNode(uint32_t level, uint64_t index) {
  return absl::DataLossError(
      absl::StrCat("tree: node (level ", level, ", index ", index, ") is missing"));
}

}  // namespace

bool RocksTreeReader::SeekSegment(uint64_t leaf) const {
  if (it_ == nullptr) it_.reset(db_->NewIterator(rocksdb::ReadOptions(), tree_));
  it_->SeekForPrev(TreeSegmentKey(leaf));
  while (it_->Valid() && it_->key().size() != kSegmentKeyBytes) it_->Prev();
  return it_->Valid();
}

absl::StatusOr<Hash> RocksTreeReader::Node(uint32_t level, uint64_t index) const {
  if (level > kMaxMerkleLevel || index >= (size_ >> level)) {
    return absl::NotFoundError(absl::StrCat("tree: node (level ", level, ", index ", index,
                                            ") is outside the tree of ", size_, " leaves"));
  }
  const uint64_t leaf = CompletingLeaf(level, index);
  if (leaf < last_segment_.begin || leaf >= last_segment_.end) {
    if (!SeekSegment(leaf)) {
      KUMPPANI_RETURN_IF_ERROR(FromRocks(it_->status(), "reading a Merkle node"));
      return MissingNode(level, index);
    }
    last_value_ = it_->value().ToString();
    last_segment_ = TreeSegment();
    KUMPPANI_ASSIGN_OR_RETURN(TreeSegment segment,
                              DecodeTreeSegment(it_->key().ToStringView(), last_value_));
    last_segment_ = segment;
    if (leaf >= segment.end) return MissingNode(level, index);
  }
  absl::StatusOr<Hash> node = last_segment_.Node(level, index);
  if (!node.ok()) return MissingNode(level, index);
  return *node;
}

absl::StatusOr<std::vector<Hash>> RocksTreeReader::Leaves(uint64_t begin, uint64_t end) const {
  std::vector<Hash> leaves;
  if (begin >= end) return leaves;
  leaves.reserve(end - begin);
  uint64_t next = begin;
  bool found = SeekSegment(begin);
  for (; found && next < end; it_->Next()) {
    if (!it_->Valid()) break;
    if (it_->key().size() != kSegmentKeyBytes) continue;
    absl::StatusOr<TreeSegment> segment =
        DecodeTreeSegment(it_->key().ToStringView(), it_->value().ToStringView());
    // Segments are contiguous: each begins where the previous one ended.
    if (!segment.ok() || segment->begin > next || segment->end <= next) break;
    for (; next < segment->end && next < end; ++next) leaves.push_back(segment->Leaf(next));
  }
  if (it_ != nullptr) KUMPPANI_RETURN_IF_ERROR(FromRocks(it_->status(), "reading leaf hashes"));
  if (next != end) {
    return absl::DataLossError(
        absl::StrCat("tree: leaf of position ", next + 1, " is missing or malformed"));
  }
  return leaves;
}

}  // namespace kumppani::store
