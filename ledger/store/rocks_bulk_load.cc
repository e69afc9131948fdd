// Bulk loading of projection rows: sorted streams of rows become table
// files, which RocksDB ingests into the projection family atomically. A
// rebuild writes its fresh tables this way instead of through the memtable,
// which spares it the memtable inserts, the flushes and every compaction of
// the new rows (they are written once, already sorted, at the bottom).
//
// The files are written in <store>/bulk-load/ and moved into the store by
// the ingestion; a crash in between leaves them behind, and the next Open
// removes the directory (RemoveBulkLoadLeftovers).
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/rocks_event_store.h"
#include "ledger/store/rocks_status.h"
#include "rocksdb/sst_file_writer.h"

namespace kumppani::store {
namespace {

std::string BulkLoadDirectory(const std::string& store_path) {
  return (std::filesystem::path(store_path) / "bulk-load").string();
}

// One set of rows written to one file.
struct BulkFile {
  std::string path;
  SortedRows* rows;
  absl::Status status;
  bool empty = true;
  std::string smallest, largest;  // keys, when not empty
};

void WriteFile(const rocksdb::Options& options, rocksdb::ColumnFamilyHandle* family,
               BulkFile& file) {
  // The family's own options: the file has its compression, block size and
  // filters, as if compaction had written it.
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, family);
  file.status = FromRocks(writer.Open(file.path), "bulk load: opening a table file");
  std::string_view key, value;
  while (file.status.ok() && file.rows->Next(key, value)) {
    if (!file.empty && key <= std::string_view(file.largest)) {
      file.status = absl::InvalidArgumentError(
          "bulk load: row_sets: keys must strictly increase; a key repeats or goes back");
      break;
    }
    if (file.empty) file.smallest.assign(key);
    file.largest.assign(key);
    file.empty = false;
    file.status = FromRocks(writer.Put(rocksdb::Slice(key.data(), key.size()),
                                       rocksdb::Slice(value.data(), value.size())),
                            "bulk load: writing a table file");
  }
  if (file.status.ok() && !file.empty) {
    file.status = FromRocks(writer.Finish(), "bulk load: finishing a table file");
  }
}

}  // namespace

void RemoveBulkLoadLeftovers(const std::string& store_path) {
  std::error_code ignored;  // nothing there, or it goes at the next open
  std::filesystem::remove_all(BulkLoadDirectory(store_path), ignored);
}

absl::Status RocksEventStore::BulkLoadIndex(const std::vector<SortedRows*>& row_sets) {
  if (row_sets.empty()) return absl::OkStatus();
  const std::string directory = BulkLoadDirectory(options_.path);
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("bulk load: creating ", directory, ": ", error.message()));
  }
  std::vector<BulkFile> files(row_sets.size());
  for (size_t i = 0; i < files.size(); ++i) {
    files[i].rows = row_sets[i];
    files[i].path =
        (std::filesystem::path(directory) / absl::StrCat(bulk_files_.fetch_add(1), ".sst"))
            .string();
  }
  const rocksdb::Options options = db_->GetOptions(projections_);
  std::atomic<size_t> next_file{0};
  auto write_files = [&] {
    for (size_t i = next_file++; i < files.size(); i = next_file++) {
      WriteFile(options, projections_, files[i]);
    }
  };
  const size_t helpers =
      std::min<size_t>(files.size(), std::max(1u, std::thread::hardware_concurrency())) - 1;
  std::vector<std::thread> threads;
  for (size_t i = 0; i < helpers; ++i) threads.emplace_back(write_files);
  write_files();
  for (std::thread& thread : threads) thread.join();

  absl::Status loaded = absl::OkStatus();
  std::vector<const BulkFile*> written;
  for (const BulkFile& file : files) {
    loaded.Update(file.status);
    if (!file.empty) written.push_back(&file);
  }
  std::sort(written.begin(), written.end(),
            [](const BulkFile* a, const BulkFile* b) { return a->smallest < b->smallest; });
  for (size_t i = 1; loaded.ok() && i < written.size(); ++i) {
    if (written[i]->smallest <= written[i - 1]->largest) {
      loaded = absl::InvalidArgumentError("bulk load: row_sets: two sets' key ranges overlap");
    }
  }
  if (loaded.ok() && !written.empty()) {
    std::vector<std::string> paths;
    for (const BulkFile* file : written) paths.push_back(file->path);
    rocksdb::IngestExternalFileOptions ingest;
    ingest.move_files = true;           // a hard link, not a copy
    ingest.write_global_seqno = false;  // the sequence number lives in the manifest
    // Should the ranges have rows in a memtable, they are flushed first, so
    // that the files land above them.
    ingest.allow_blocking_flush = true;
    loaded = FromRocks(db_->IngestExternalFile(projections_, paths, ingest),
                       "bulk load: adding table files to the projection family");
  }
  for (const BulkFile& file : files) {
    std::filesystem::remove(file.path, error);  // after a move, only a link is left
  }
  return loaded;
}

}  // namespace kumppani::store
