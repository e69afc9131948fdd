// RocksDB's info log, forwarded to spdlog instead of a LOG file in the data
// directory: a full disk can then never fail (and, in RocksDB builds with
// assertions, abort on) an info-log write at open or close.
#ifndef KUMPPANI_LEDGER_STORE_ROCKS_INFO_LOG_H_
#define KUMPPANI_LEDGER_STORE_ROCKS_INFO_LOG_H_

#include <cstdarg>
#include <memory>

#include "rocksdb/env.h"

namespace kumppani::store {

// Writes each RocksDB info-log line to spdlog's default logger (looked up at
// every line, so a logger set up later is used): DEBUG, INFO and header lines
// at debug, WARN at warn, ERROR, FATAL at error. Lines spdlog would drop are
// not formatted. Thread-safe as spdlog's default logger is.
class RocksInfoLog : public rocksdb::Logger {
 public:
  RocksInfoLog() : rocksdb::Logger(rocksdb::InfoLogLevel::DEBUG_LEVEL) {}

  void LogHeader(const char* format, va_list ap) override;
  void Logv(const char* format, va_list ap) override;
  void Logv(rocksdb::InfoLogLevel level, const char* format, va_list ap) override;
};

// A logger for rocksdb::DBOptions::info_log.
std::shared_ptr<rocksdb::Logger> NewRocksInfoLog();

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_ROCKS_INFO_LOG_H_
