// Raw RocksDB scan of the events family.
#include "bench/raw_scan.h"

#include <cstdlib>
#include <memory>
#include <vector>

#include "bench/bench_util.h"
#include "ledger/store/keys.h"
#include "rocksdb/db.h"

namespace kumppani::bench {

double RawScan(const std::string& dir, uint64_t* events) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok()) std::abort();
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir, families, &handles, &raw).ok()) {
    std::abort();
  }
  rocksdb::ColumnFamilyHandle* events_family = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == store::kEventsFamily) events_family = handles[i];
  }
  Stopwatch watch;
  uint64_t count = 0;
  size_t bytes = 0;
  std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions(), events_family));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    bytes += it->value().size();
    ++count;
  }
  double rate = static_cast<double>(count) / watch.Seconds();
  it.reset();
  for (auto* handle : handles) raw->DestroyColumnFamilyHandle(handle);
  delete raw;
  *events = count;
  if (bytes == 0 && count > 0) std::abort();  // values must have been read
  return rate;
}

uint64_t FamilyBytes(const std::string& dir, const std::string& family) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok()) std::abort();
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir, families, &handles, &raw).ok()) {
    std::abort();
  }
  uint64_t bytes = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] != family) continue;
    uint64_t value = 0;
    if (raw->GetIntProperty(handles[i], "rocksdb.estimate-live-data-size", &value)) bytes += value;
    if (raw->GetIntProperty(handles[i], "rocksdb.cur-size-all-mem-tables", &value)) bytes += value;
  }
  for (auto* handle : handles) raw->DestroyColumnFamilyHandle(handle);
  delete raw;
  return bytes;
}

}  // namespace kumppani::bench
