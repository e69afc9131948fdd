// Finding a log's head (the position of its last event) in an open RocksDB
// database: for opening the store, migrating it, and describing a backup.
// Internal to ledger/store.
#ifndef KUMPPANI_LEDGER_STORE_ROCKS_LOG_HEAD_H_
#define KUMPPANI_LEDGER_STORE_ROCKS_LOG_HEAD_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"

namespace kumppani::store {

// 0 for an empty log. DATA_LOSS when the last key of `events` is not a
// position; the read's error when it fails.
absl::StatusOr<uint64_t> ReadLogHead(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* events);

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_ROCKS_LOG_HEAD_H_
