// Opens a store's data directory with RocksDB directly, every column family
// with default options: for tests that damage or rewrite stored bytes, or
// write a store as an older format did. The test target links RocksDB.
#ifndef KUMPPANI_TESTS_TESTING_RAW_ROCKS_H_
#define KUMPPANI_TESTS_TESTING_RAW_ROCKS_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rocksdb/db.h"

namespace kumppani::testing {

class RawRocks {
 public:
  // The test fails, and db() is null, when the directory does not open.
  explicit RawRocks(const std::string& path) {
    if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names_).ok()) {
      ADD_FAILURE() << path << " is not a RocksDB directory";
      return;
    }
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto& name : names_) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* db = nullptr;
    rocksdb::Status status = rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles_, &db);
    if (!status.ok()) {
      ADD_FAILURE() << path << ": " << status.ToString();
      return;
    }
    db_.reset(db);
  }
  ~RawRocks() {
    for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  }
  RawRocks(const RawRocks&) = delete;
  RawRocks& operator=(const RawRocks&) = delete;

  rocksdb::DB* db() { return db_.get(); }
  // The column family called `name`; null (and the test fails) when absent.
  rocksdb::ColumnFamilyHandle* Family(const std::string& name) {
    for (size_t i = 0; i < names_.size() && i < handles_.size(); ++i) {
      if (names_[i] == name) return handles_[i];
    }
    ADD_FAILURE() << "no column family " << name;
    return nullptr;
  }

 private:
  std::vector<std::string> names_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::unique_ptr<rocksdb::DB> db_;
};

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_TESTING_RAW_ROCKS_H_
