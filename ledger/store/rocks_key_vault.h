// RocksDB implementation of KeyVault over the store's `keys` column family.
// Internal to ledger/store.
#ifndef KUMPPANI_LEDGER_STORE_ROCKS_KEY_VAULT_H_
#define KUMPPANI_LEDGER_STORE_ROCKS_KEY_VAULT_H_

#include <mutex>
#include <vector>

#include "ledger/store/key_vault.h"
#include "rocksdb/db.h"

namespace kumppani::store {

class RocksKeyVault final : public KeyVault {
 public:
  // `keys` is the keys column family; `all_families` every family of `db`
  // (flushed on destruction of a key). None owned; all outlive the vault.
  RocksKeyVault(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* keys,
                std::vector<rocksdb::ColumnFamilyHandle*> all_families);

  absl::Status PutKey(const std::string& subject, const std::string& key) override;
  absl::StatusOr<KeyLookup> GetKey(const std::string& subject) const override;
  absl::Status DestroyKey(const std::string& subject) override;

 private:
  // Constant after construction.
  rocksdb::DB* const db_;
  rocksdb::ColumnFamilyHandle* const keys_;
  const std::vector<rocksdb::ColumnFamilyHandle*> all_families_;

  // Serialises read-check-write sequences of PutKey and DestroyKey.
  std::mutex write_mu_;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_ROCKS_KEY_VAULT_H_
