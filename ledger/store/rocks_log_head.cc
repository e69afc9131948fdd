// The log head from the events family (see rocks_log_head.h).
#include "ledger/store/rocks_log_head.h"

#include <memory>
#include <optional>

#include "ledger/common/status_macros.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocks_status.h"

namespace kumppani::store {

absl::StatusOr<uint64_t> ReadLogHead(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* events) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), events));
  it->SeekToLast();
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "finding the log head"));
  if (!it->Valid()) return 0;
  std::optional<uint64_t> position = DecodeBigEndian64(it->key().ToStringView());
  if (!position) return absl::DataLossError("events: malformed key at the log head");
  return *position;
}

}  // namespace kumppani::store
