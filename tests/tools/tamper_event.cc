// kumppani_tamper_event: alters one stored event of a stopped kumppanid's data
// directory through RocksDB directly, as an attacker with disk access would,
// for the end-to-end test that `kumppani verify` catches it. Replaces the
// first occurrence of FROM by TO (same length) in the event's stored bytes.
//
// Usage: kumppani_tamper_event DATA_DIR POSITION FROM TO
// Exit 0 when the event was changed; 1 with a message otherwise.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "ledger/store/keys.h"
#include "rocksdb/db.h"

int main(int argc, char** argv) {
  if (argc != 5 || std::string(argv[3]).size() != std::string(argv[4]).size()) {
    std::fprintf(stderr, "usage: %s DATA_DIR POSITION FROM TO (FROM and TO of equal length)\n",
                 argv[0]);
    return 1;
  }
  const std::string path = argv[1];
  const uint64_t position = std::strtoull(argv[2], nullptr, 10);
  const std::string from = argv[3], to = argv[4];
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok()) {
    std::fprintf(stderr, "%s: not a RocksDB directory\n", path.c_str());
    return 1;
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status opened = rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles, &raw);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), opened.ToString().c_str());
    return 1;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* events = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == kumppani::store::kEventsFamily) events = handles[i];
  }
  std::string key = kumppani::store::EncodeBigEndian64(position);
  std::string value;
  int exit_code = 1;
  if (events == nullptr || !db->Get(rocksdb::ReadOptions(), events, key, &value).ok()) {
    std::fprintf(stderr, "position %llu: no such event\n",
                 static_cast<unsigned long long>(position));
  } else if (size_t at = value.find(from); at == std::string::npos) {
    std::fprintf(stderr, "position %llu: \"%s\" does not occur\n",
                 static_cast<unsigned long long>(position), from.c_str());
  } else {
    value.replace(at, from.size(), to);
    rocksdb::WriteOptions sync;
    sync.sync = true;
    if (db->Put(sync, events, key, value).ok()) exit_code = 0;
  }
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  return exit_code;
}
