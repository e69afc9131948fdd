// Per-subject keys in the `keys` column family. A value is one state byte
// ('K' key present, 'X' destroyed) followed by the key bytes when present.
#include "ledger/store/rocks_key_vault.h"

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/rocks_status.h"

namespace kumppani::store {
namespace {

constexpr char kPresent = 'K';
constexpr char kDestroyed = 'X';
constexpr size_t kMaxSubjectBytes = 128;

absl::Status ValidateSubject(const std::string& subject) {
  if (subject.empty() || subject.size() > kMaxSubjectBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("subject: must be 1..128 bytes, got ", subject.size()));
  }
  return absl::OkStatus();
}

}  // namespace

RocksKeyVault::RocksKeyVault(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* keys,
                             std::vector<rocksdb::ColumnFamilyHandle*> all_families)
    : db_(db), keys_(keys), all_families_(std::move(all_families)) {}

absl::StatusOr<KeyLookup> RocksKeyVault::GetKey(const std::string& subject) const {
  KUMPPANI_RETURN_IF_ERROR(ValidateSubject(subject));
  std::string value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), keys_, subject, &value);
  KeyLookup lookup;
  if (status.IsNotFound()) return lookup;
  KUMPPANI_RETURN_IF_ERROR(FromRocks(status, "reading a key"));
  if (value.empty() || (value[0] != kPresent && value[0] != kDestroyed)) {
    return absl::DataLossError(absl::StrCat("keys: malformed entry for ", subject));
  }
  if (value[0] == kDestroyed) {
    lookup.state = KeyState::kDestroyed;
  } else {
    lookup.state = KeyState::kPresent;
    lookup.key = value.substr(1);
  }
  return lookup;
}

absl::Status RocksKeyVault::PutKey(const std::string& subject, const std::string& key) {
  if (key.empty()) return absl::InvalidArgumentError("key: must not be empty");
  std::lock_guard<std::mutex> lock(write_mu_);
  KUMPPANI_ASSIGN_OR_RETURN(KeyLookup existing, GetKey(subject));
  if (existing.state == KeyState::kDestroyed) {
    return absl::FailedPreconditionError(
        absl::StrCat("subject \"", subject, "\": key was destroyed (erased); it cannot be set again"));
  }
  if (existing.state == KeyState::kPresent) {
    if (existing.key == key) return absl::OkStatus();
    return absl::AlreadyExistsError(absl::StrCat("subject \"", subject, "\": already has another key"));
  }
  rocksdb::WriteOptions sync;
  sync.sync = true;
  return FromRocks(db_->Put(sync, keys_, subject, std::string(1, kPresent) + key), "storing a key");
}

absl::Status RocksKeyVault::DestroyKey(const std::string& subject) {
  std::lock_guard<std::mutex> lock(write_mu_);
  KUMPPANI_ASSIGN_OR_RETURN(KeyLookup existing, GetKey(subject));
  if (existing.state == KeyState::kAbsent) {
    return absl::NotFoundError(absl::StrCat("subject \"", subject, "\": has no key"));
  }
  if (existing.state == KeyState::kPresent) {
    rocksdb::WriteOptions sync;
    sync.sync = true;
    KUMPPANI_RETURN_IF_ERROR(FromRocks(
        db_->Put(sync, keys_, subject, std::string(1, kDestroyed)), "destroying a key"));
  }
  // Flush every family: a WAL file is deleted only when no family still needs
  // it, and the key's Put may share WAL files with events.
  rocksdb::FlushOptions flush;
  flush.wait = true;
  KUMPPANI_RETURN_IF_ERROR(FromRocks(db_->Flush(flush, all_families_), "flushing after erasure"));
  KUMPPANI_RETURN_IF_ERROR(FromRocks(db_->FlushWAL(/*sync=*/true), "syncing the WAL"));
  // Rewrite the keys family so no live SST file holds the old value.
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  return FromRocks(db_->CompactRange(compact, keys_, nullptr, nullptr), "compacting the keys");
}

}  // namespace kumppani::store
