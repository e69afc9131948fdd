// The tree family's row format (see tree_segments.h).
#include "ledger/store/tree_segments.h"

#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "ledger/store/keys.h"

namespace kumppani::store {
namespace {

constexpr size_t kHashBytes = sizeof(Hash);

}  // namespace

uint64_t TreeSegmentNodeCount(uint64_t begin, uint64_t end) {
  uint64_t count = 0;
  while (begin < end) {
    count += end - begin;
    begin /= 2;
    end /= 2;
  }
  return count;
}

uint64_t CompletingLeaf(uint32_t level, uint64_t index) { return ((index + 1) << level) - 1; }

std::string TreeSegmentKey(uint64_t begin) { return EncodeBigEndian64(begin); }

std::string EncodeTreeSegment(uint64_t end, const std::vector<MerkleNode>& nodes) {
  std::string value;
  value.reserve(8 + kHashBytes * nodes.size());
  AppendBigEndian64(end, &value);
  for (const MerkleNode& node : nodes) {
    value.append(reinterpret_cast<const char*>(node.hash.data()), kHashBytes);
  }
  return value;
}

absl::StatusOr<TreeSegment> DecodeTreeSegment(std::string_view key, std::string_view value) {
  std::optional<uint64_t> begin = DecodeBigEndian64(key);
  std::optional<uint64_t> end =
      value.size() >= 8 ? DecodeBigEndian64(value.substr(0, 8)) : std::nullopt;
  // Every leaf takes at least one hash: bounds end - begin before counting.
  if (!begin || !end || *end <= *begin || *end - *begin > value.size() / kHashBytes ||
      value.size() - 8 != kHashBytes * TreeSegmentNodeCount(*begin, *end)) {
    return absl::DataLossError(absl::StrCat("tree: the segment row ",
                                            begin ? absl::StrCat("at leaf ", *begin) : "",
                                            " is malformed (", key.size(), "-byte key, ",
                                            value.size(), "-byte value)"));
  }
  return TreeSegment{*begin, *end, value.substr(8)};
}

absl::StatusOr<Hash> TreeSegment::Node(uint32_t level, uint64_t index) const {
  uint64_t offset = 0;
  uint64_t lo = begin;
  uint64_t hi = end;
  for (uint32_t l = 0; l < level && lo < hi; ++l) {
    offset += hi - lo;
    lo /= 2;
    hi /= 2;
  }
  if (index < lo || index >= hi) {
    return absl::NotFoundError(absl::StrCat("tree: node (level ", level, ", index ", index,
                                            ") is not in the segment of leaves [", begin, ", ",
                                            end, ")"));
  }
  Hash hash;
  std::memcpy(hash.data(), hashes.data() + kHashBytes * (offset + index - lo), kHashBytes);
  return hash;
}

Hash TreeSegment::Leaf(uint64_t index) const {
  Hash hash;
  std::memcpy(hash.data(), hashes.data() + kHashBytes * (index - begin), kHashBytes);
  return hash;
}

}  // namespace kumppani::store
