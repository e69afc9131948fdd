#include "ledger/store/rocks_info_log.h"

#include <cstdio>
#include <cstring>
#include <string>

#include "spdlog/spdlog.h"

namespace kumppani::store {
namespace {

spdlog::level::level_enum ToSpdlog(rocksdb::InfoLogLevel level) {
  switch (level) {
    case rocksdb::InfoLogLevel::WARN_LEVEL:
      return spdlog::level::warn;
    case rocksdb::InfoLogLevel::ERROR_LEVEL:
    case rocksdb::InfoLogLevel::FATAL_LEVEL:
      return spdlog::level::err;
    default:
      return spdlog::level::debug;
  }
}

void Forward(spdlog::level::level_enum level, const char* format, va_list ap) {
  spdlog::logger* logger = spdlog::default_logger_raw();
  if (logger == nullptr || !logger->should_log(level)) return;
  char buffer[512];
  va_list copy;
  va_copy(copy, ap);
  int length = std::vsnprintf(buffer, sizeof(buffer), format, copy);
  va_end(copy);
  if (length < 0) return;
  std::string line;
  if (static_cast<size_t>(length) < sizeof(buffer)) {
    line.assign(buffer, static_cast<size_t>(length));
  } else {
    line.resize(static_cast<size_t>(length) + 1);
    std::vsnprintf(line.data(), line.size(), format, ap);
    line.resize(static_cast<size_t>(length));
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  logger->log(level, "rocksdb: {}", line);
}

}  // namespace

void RocksInfoLog::LogHeader(const char* format, va_list ap) {
  Forward(spdlog::level::debug, format, ap);
}

void RocksInfoLog::Logv(const char* format, va_list ap) {
  Forward(spdlog::level::debug, format, ap);
}

void RocksInfoLog::Logv(rocksdb::InfoLogLevel level, const char* format, va_list ap) {
  if (level < GetInfoLogLevel()) return;
  spdlog::level::level_enum to = ToSpdlog(level);
  // Files a rebuild bulk loads (EventStore::BulkLoadIndex) carry no unique
  // id that RocksDB 7.8 records at ingestion, so it warns once per open that
  // it cannot check one: expected here, and no use to an operator.
  if (std::strstr(format, "without unique ID to verify") != nullptr) to = spdlog::level::debug;
  Forward(to, format, ap);
}

std::shared_ptr<rocksdb::Logger> NewRocksInfoLog() { return std::make_shared<RocksInfoLog>(); }

}  // namespace kumppani::store
