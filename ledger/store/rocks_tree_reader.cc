// Reads Merkle nodes from the tree column family.
#include "ledger/store/rocks_tree_reader.h"

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocks_status.h"

namespace kumppani::store {

absl::StatusOr<Hash> RocksTreeReader::Node(uint32_t level, uint64_t index) const {
  rocksdb::PinnableSlice value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), tree_, TreeKey(level, index), &value);
  if (status.IsNotFound()) {
    return absl::DataLossError(
        absl::StrCat("tree: node (level ", level, ", index ", index, ") is missing"));
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(status, "reading a Merkle node"));
  auto hash = HashFromBytes(value.ToStringView(), "tree node");
  if (!hash.ok()) {
    return absl::DataLossError(
        absl::StrCat("tree: node (level ", level, ", index ", index, ") is malformed"));
  }
  return *hash;
}

}  // namespace kumppani::store
