// The key vault: per-subject secret keys (e.g. a person's data-encryption
// key) kept outside the event log, in their own column family, so that a key
// can be destroyed and purged from disk while the events stay immutable.
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_LEDGER_STORE_KEY_VAULT_H_
#define KUMPPANI_LEDGER_STORE_KEY_VAULT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace kumppani::store {

enum class KeyState { kAbsent, kPresent, kDestroyed };

struct KeyLookup {
  KeyState state = KeyState::kAbsent;
  std::string key;  // set only when state == kPresent
};

class KeyVault {
 public:
  virtual ~KeyVault() = default;

  // Stores `key` for `subject` and syncs it to disk before returning.
  // Storing the identical key again is OK (idempotent); another key for a
  // subject that has one is ALREADY_EXISTS; a destroyed subject's key can
  // never be stored again: FAILED_PRECONDITION. `subject` is 1..128 bytes.
  virtual absl::Status PutKey(const std::string& subject, const std::string& key) = 0;

  // The subject's key and whether it exists or was destroyed.
  virtual absl::StatusOr<KeyLookup> GetKey(const std::string& subject) const = 0;

  // Destroys the subject's key and purges it from the data directory: the key
  // is replaced by a tombstone, every column family is flushed (so no live WAL
  // file holds the key any more and RocksDB deletes the old ones) and the keys
  // family is compacted (so no live SST file holds it). OK if already
  // destroyed; NOT_FOUND if the subject never had a key. Copies made before
  // (backups, checkpoints) are not touched; see docs/operations.md.
  virtual absl::Status DestroyKey(const std::string& subject) = 0;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_KEY_VAULT_H_
