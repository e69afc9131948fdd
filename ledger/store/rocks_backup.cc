// RocksEventStore::Backup: an online, consistent copy of the data directory
// made with a RocksDB checkpoint, then opened read-only to report what it
// holds.
//
// Why a checkpoint is consistent: RocksDB flushes every column family's
// memtable, stops deleting files, and hard-links (or copies) the live SST
// files together with the MANIFEST and the live write-ahead log files. A
// write that missed the flush is in a copied log file, so opening the backup
// replays it: every WriteBatch (an appended group with its tree nodes and
// projection rows, a key) is in the backup whole or not at all. Rows written
// without the log (projection rebuilds) are made durable by that flush or by
// the rebuild's own flush before its tables are switched in a logged batch.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/keys.h"
#include "ledger/store/merkle_tree.h"
#include "ledger/store/rocks_event_store.h"
#include "ledger/store/rocks_info_log.h"
#include "ledger/store/rocks_log_head.h"
#include "ledger/store/rocks_status.h"
#include "ledger/store/rocks_tree_reader.h"
#include "rocksdb/utilities/checkpoint.h"

namespace kumppani::store {
namespace {

namespace fs = std::filesystem;

// `directory` without trailing separators, after checking the rules of
// Backup's contract against the data directory `data_dir`.
absl::StatusOr<fs::path> CheckBackupDirectory(const std::string& directory,
                                              const std::string& data_dir) {
  fs::path path = fs::path(directory).lexically_normal();
  if (directory.empty() || !path.is_absolute()) {
    return absl::InvalidArgumentError(
        absl::StrCat("directory: must be an absolute path on the server, got \"", directory, "\""));
  }
  if (!path.has_filename()) path = path.parent_path();  // "/a/b/" -> "/a/b"
  if (path == path.root_path()) {
    return absl::InvalidArgumentError("directory: must not be the root directory");
  }
  std::error_code error;
  if (fs::exists(fs::symlink_status(path, error))) {
    return absl::AlreadyExistsError(absl::StrCat(
        "directory: \"", path.string(), "\" already exists; a backup goes to a new directory"));
  }
  if (!fs::is_directory(path.parent_path(), error)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "directory: the parent directory \"", path.parent_path().string(), "\" does not exist"));
  }
  // Compare real locations, so that symbolic links cannot hide the data
  // directory on either side.
  fs::path data = fs::weakly_canonical(data_dir, error);
  fs::path target = fs::weakly_canonical(path, error);
  auto [data_end, target_end] =
      std::mismatch(data.begin(), data.end(), target.begin(), target.end());
  if (!data.empty() && data_end == data.end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "directory: \"", path.string(), "\" is inside the data directory \"", data.string(), "\""));
  }
  return path;
}

// The total size of the regular files under `directory`.
absl::StatusOr<uint64_t> DirectoryBytes(const fs::path& directory) {
  std::error_code error;
  uint64_t bytes = 0;
  for (fs::recursive_directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error)) bytes += it->file_size(error);
    if (error) break;
  }
  if (error) {
    return absl::InternalError(
        absl::StrCat("measuring the backup in ", directory.string(), ": ", error.message()));
  }
  return bytes;
}

// Opens the backup read-only (replaying its copied log in memory, writing
// nothing) and reads its head and tree root.
absl::Status ReadBackupHead(const fs::path& directory, BackupInfo& info) {
  rocksdb::DBOptions options;
  options.info_log = NewRocksInfoLog();
  std::vector<std::string> names;
  KUMPPANI_RETURN_IF_ERROR(
      FromRocks(rocksdb::DB::ListColumnFamilies(options, directory.string(), &names),
                "listing the backup's column families"));
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  KUMPPANI_RETURN_IF_ERROR(
      FromRocks(rocksdb::DB::OpenForReadOnly(options, directory.string(), families, &handles, &raw),
                "opening the backup"));
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* tree = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == kEventsFamily) events = handles[i];
    if (names[i] == kTreeFamily) tree = handles[i];
  }
  absl::Status status = absl::OkStatus();
  if (events == nullptr || tree == nullptr) {
    status = absl::DataLossError("backup: the events or tree column family is missing");
  } else {
    absl::StatusOr<uint64_t> read_head = ReadLogHead(db.get(), events);
    status = read_head.status();
    if (status.ok()) {
      const uint64_t head = *read_head;
      info.position = Position(head);
      info.tree_size = head;
      absl::StatusOr<Hash> root = RootHash(head, RocksTreeReader(db.get(), tree, head));
      if (root.ok())
        info.root = *root;
      else
        status = root.status();
    }
  }
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  db->Close().PermitUncheckedError();
  return status;
}

}  // namespace

absl::StatusOr<BackupInfo> RocksEventStore::Backup(const std::string& directory) {
  KUMPPANI_ASSIGN_OR_RETURN(fs::path path, CheckBackupDirectory(directory, options_.path));
  rocksdb::Checkpoint* raw = nullptr;
  KUMPPANI_RETURN_IF_ERROR(
      FromRocks(rocksdb::Checkpoint::Create(db_.get(), &raw), "preparing a backup"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // log_size_for_flush 0: always flush first (see the file comment).
  KUMPPANI_RETURN_IF_ERROR(
      FromRocks(checkpoint->CreateCheckpoint(path.string(), /*log_size_for_flush=*/0),
                absl::StrCat("making a backup in ", path.string())));

  BackupInfo info;
  info.directory = directory;
  KUMPPANI_RETURN_IF_ERROR(ReadBackupHead(path, info));
  KUMPPANI_ASSIGN_OR_RETURN(info.bytes, DirectoryBytes(path));
  // The backup may hold a group written but not yet synced: wait until the
  // sync thread has acknowledged it (a sync takes milliseconds), so that a
  // backup never holds an event whose append could still fail.
  while (head_.load(std::memory_order_acquire) < info.position.value()) {
    if (failed_.load()) return failure();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return info;
}

}  // namespace kumppani::store
