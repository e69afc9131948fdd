// Upgrades the tree column family of a store written in format 1
// ("kumppani-log-1": one row per node, key = level byte || BigEndian64(index),
// value = the 32-byte hash) to format 2's segment rows (tree_segments.h).
// Internal to ledger/store; the store runs it when it opens a format-1 store.
//
// Crash-safe: segment rows (8-byte keys) are written first, from the old leaf
// rows (9-byte keys); then `commit` must durably record format 2; only then
// are the old rows deleted. Interrupted before `commit`, the store is still
// format 1 and the next open migrates again, rewriting the same segments.
// Interrupted after it, leftover old rows are skipped by the readers (they
// only read 8-byte keys) and cost only space.
#ifndef KUMPPANI_LEDGER_STORE_TREE_MIGRATION_H_
#define KUMPPANI_LEDGER_STORE_TREE_MIGRATION_H_

#include <cstdint>
#include <functional>

#include "absl/status/status.h"
#include "rocksdb/db.h"

namespace kumppani::store {

// Migrates the `leaf_count` leaves of the log (its head). DATA_LOSS when the
// format-1 leaf rows are not exactly leaves [0, leaf_count) with 32-byte
// hashes.
absl::Status MigrateTreeFromFormat1(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree,
                                    uint64_t leaf_count,
                                    const std::function<absl::Status()>& commit);

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_TREE_MIGRATION_H_
