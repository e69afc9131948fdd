// spdlog set-up: text or JSON-lines format, and gRPC's and protobuf's logs
// routed through it.
#include "tools/kumppanid/logging.h"

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/stubs/logging.h"
#include "grpc/support/log.h"
#include "spdlog/pattern_formatter.h"
#include "spdlog/sinks/stdout_sinks.h"
#include "spdlog/spdlog.h"

namespace kumppani::kumppanid {
namespace {

// "%*" in the JSON pattern: the message, JSON-escaped.
class JsonMessageFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string escaped;
    AppendJsonEscaped(absl::string_view(msg.payload.data(), msg.payload.size()), escaped);
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

void LogFromGrpc(gpr_log_func_args* args) {
  spdlog::level::level_enum level = spdlog::level::info;
  if (args->severity == GPR_LOG_SEVERITY_ERROR) level = spdlog::level::err;
  if (args->severity == GPR_LOG_SEVERITY_DEBUG) level = spdlog::level::debug;
  spdlog::log(level, "grpc: {} ({}:{})", args->message, args->file, args->line);
}

// Without this, protobuf writes its own lines to stderr, which break the
// JSON-lines format. It logs a request's string field that is not UTF-8 at
// ERROR while parsing it; that call is answered INVALID_ARGUMENT
// (api/request_parse_interceptor.h) like any other client mistake, so it is
// logged at debug level: no client may fill the log with errors.
void LogFromProtobuf(google::protobuf::LogLevel severity, const char* file, int line,
                     const std::string& message) {
  spdlog::level::level_enum level = spdlog::level::info;
  if (severity == google::protobuf::LOGLEVEL_WARNING) level = spdlog::level::warn;
  if (severity == google::protobuf::LOGLEVEL_ERROR) level = spdlog::level::err;
  if (severity == google::protobuf::LOGLEVEL_FATAL) level = spdlog::level::critical;
  if (absl::StrContains(message, "when parsing a protocol buffer")) level = spdlog::level::debug;
  spdlog::log(level, "protobuf: {} ({}:{})", message, file, line);
}

}  // namespace

void AppendJsonEscaped(absl::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
}

absl::Status SetUpLogging(absl::string_view level, LogFormat format) {
  spdlog::level::level_enum parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off") {
    return absl::InvalidArgumentError(absl::StrCat("log level: unknown level \"", level, "\""));
  }
  auto logger = std::make_shared<spdlog::logger>("kumppanid",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (format == LogFormat::kJson) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonMessageFlag>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","message":"%*"})");
    logger->set_formatter(std::move(formatter));
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  }
  logger->set_level(parsed);
  // Warnings and errors reach the log (and its disk) before a crash would
  // lose them.
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
  gpr_set_log_function(&LogFromGrpc);
  google::protobuf::SetLogHandler(&LogFromProtobuf);
  return absl::OkStatus();
}

}  // namespace kumppani::kumppanid
