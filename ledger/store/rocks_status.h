// The one conversion from rocksdb::Status to absl::Status.
#ifndef KUMPPANI_LEDGER_STORE_ROCKS_STATUS_H_
#define KUMPPANI_LEDGER_STORE_ROCKS_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/status.h"

namespace kumppani::store {

// Maps RocksDB's status to a canonical code: corruption -> DATA_LOSS, no space
// -> RESOURCE_EXHAUSTED, busy/timeouts -> UNAVAILABLE, not found -> NOT_FOUND,
// the rest -> INTERNAL. `context` says what the store was doing.
absl::Status FromRocks(const rocksdb::Status& status, absl::string_view context);

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_ROCKS_STATUS_H_
