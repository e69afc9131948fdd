// Settings from the TOML file and from flags, through one setter per setting.
#include "tools/kumppanid/config.h"

#include <toml++/toml.h>

#include <climits>
#include <exception>
#include <filesystem>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "ledger/common/status_macros.h"

namespace kumppani::kumppanid {
namespace {

constexpr const char* kLogLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};

// A setting's value, already of the setting's kind.
struct Value {
  std::string text;     // kText, kPath
  int64_t integer = 0;  // kInteger
};

const SettingInfo* FindSetting(absl::string_view name) {
  for (const SettingInfo& setting : Settings()) {
    if (name == setting.name) return &setting;
  }
  return nullptr;
}

absl::Status Bad(absl::string_view origin, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat(origin, ": ", rule));
}

absl::Status SetSeconds(absl::Duration& target, int64_t seconds, int64_t min,
                        absl::string_view origin) {
  if (seconds < min || seconds > 24 * 3600) {
    return Bad(origin, absl::StrCat("must be ", min, "..86400 seconds, got ", seconds));
  }
  target = absl::Seconds(seconds);
  return absl::OkStatus();
}

absl::Status SetMebibytes(size_t& target, int64_t mebibytes, int64_t min,
                          absl::string_view origin) {
  constexpr int64_t kMax = 64 * 1024;  // 64 GiB
  if (mebibytes < min || mebibytes > kMax) {
    return Bad(origin, absl::StrCat("must be ", min, "..", kMax, " MiB, got ", mebibytes));
  }
  target = static_cast<size_t>(mebibytes) << 20;
  return absl::OkStatus();
}

// The one place each setting is checked and stored. `origin` names where
// the value came from ("--listen", "kumppanid.toml line 3: listen").
absl::Status Set(Config& config, const SettingInfo& setting, const Value& value,
                 absl::string_view origin) {
  const std::string name = setting.name;
  api::ServerOptions& server = config.server;
  if (setting.kind != SettingKind::kInteger && value.text.empty()) {
    return Bad(origin, "must not be empty");
  }
  if (name == "data-dir") {
    config.data_dir = value.text;
  } else if (name == "listen") {
    server.listen_address = value.text;
  } else if (name == "tls-cert") {
    server.tls_cert_file = value.text;
  } else if (name == "tls-key") {
    server.tls_key_file = value.text;
  } else if (name == "tls-client-ca") {
    server.tls_client_ca_file = value.text;
  } else if (name == "tokens-file") {
    server.tokens_file = value.text;
  } else if (name == "log-level") {
    for (const char* level : kLogLevels) {
      if (value.text == level) {
        config.log_level = value.text;
        return absl::OkStatus();
      }
    }
    return Bad(origin, absl::StrCat("must be one of ", absl::StrJoin(kLogLevels, ", "), ", got \"",
                                    value.text, "\""));
  } else if (name == "log-format") {
    if (value.text == "text") {
      config.log_format = LogFormat::kText;
    } else if (value.text == "json") {
      config.log_format = LogFormat::kJson;
    } else {
      return Bad(origin, absl::StrCat("must be text or json, got \"", value.text, "\""));
    }
  } else if (name == "max-message-bytes") {
    if (value.integer < 1024 || value.integer > INT_MAX) {
      return Bad(origin, absl::StrCat("must be 1024..", INT_MAX, " bytes, got ", value.integer));
    }
    server.max_message_bytes = static_cast<int>(value.integer);
  } else if (name == "keepalive-time-seconds") {
    return SetSeconds(server.keepalive_time, value.integer, 1, origin);
  } else if (name == "keepalive-timeout-seconds") {
    return SetSeconds(server.keepalive_timeout, value.integer, 1, origin);
  } else if (name == "shutdown-grace-seconds") {
    return SetSeconds(server.shutdown_grace, value.integer, 0, origin);
  } else if (name == "checkpoint-key") {
    config.checkpoint_key = value.text;
  } else if (name == "checkpoint-origin") {
    // A signed note's key name: no spaces, no '+', printable.
    for (char c : value.text) {
      if (c == '+' || static_cast<unsigned char>(c) <= ' ') {
        return Bad(origin, absl::StrCat("must not contain spaces, control characters or '+', "
                                        "got \"",
                                        value.text, "\""));
      }
    }
    config.checkpoint_origin = value.text;
  } else if (name == "checkpoint-interval-seconds") {
    return SetSeconds(config.checkpoint_interval, value.integer, 1, origin);
  } else if (name == "memtable-budget-mib") {
    return SetMebibytes(config.memtable_budget_bytes, value.integer, 4, origin);
  } else if (name == "block-cache-mib") {
    return SetMebibytes(config.block_cache_bytes, value.integer, 1, origin);
  } else {
    return Bad(origin, "is not a setting");
  }
  return absl::OkStatus();
}

}  // namespace

const std::vector<SettingInfo>& Settings() {
  static const std::vector<SettingInfo> settings = {
      {"data-dir", SettingKind::kPath,
       "Directory of the ledger (created if missing). Default: ./kumppani-data"},
      {"listen", SettingKind::kText,
       "host:port to listen on; port 0 picks a free one. Without --tokens-file only a loopback "
       "address is allowed. Default: 127.0.0.1:50051"},
      {"tls-cert", SettingKind::kPath, "PEM certificate chain for TLS (with --tls-key)"},
      {"tls-key", SettingKind::kPath, "PEM private key for TLS (with --tls-cert)"},
      {"tls-client-ca", SettingKind::kPath,
       "PEM CA certificates: require client certificates signed by them (mutual TLS)"},
      {"tokens-file", SettingKind::kPath,
       "Bearer tokens file (hashes; see `kumppanid token add`). Without it every caller on "
       "loopback is admin"},
      {"log-level", SettingKind::kText,
       "trace, debug, info, warn, error, critical or off. Default: info"},
      {"log-format", SettingKind::kText,
       "text, or json for one JSON object per line. Default: text"},
      {"max-message-bytes", SettingKind::kInteger,
       "Largest gRPC message received or sent. Default: 20971520 (20 MiB)"},
      {"keepalive-time-seconds", SettingKind::kInteger,
       "Ping an idle connection after this long. Default: 60"},
      {"keepalive-timeout-seconds", SettingKind::kInteger,
       "Close a connection whose ping is unanswered this long. Default: 20"},
      {"shutdown-grace-seconds", SettingKind::kInteger,
       "On SIGTERM, in-flight calls get this long before they are cancelled. Default: 10"},
      {"checkpoint-key", SettingKind::kPath,
       "Ed25519 key file signing checkpoints; created with mode 0600 when missing. Default: "
       "<data-dir>/checkpoint.key"},
      {"checkpoint-origin", SettingKind::kText,
       "The log's name in its checkpoints (C2SP signed note origin). Default: kumppani.local/log"},
      {"checkpoint-interval-seconds", SettingKind::kInteger,
       "Sign a checkpoint this often when the log has grown. Default: 60"},
      {"memtable-budget-mib", SettingKind::kInteger,
       "Memory all RocksDB memtables may use together before the largest is flushed. "
       "Default: 64"},
      {"block-cache-mib", SettingKind::kInteger,
       "Memory of the block cache of data blocks shared by every table. Default: 32"},
  };
  return settings;
}

absl::Status ApplyFlag(Config& config, absl::string_view name, absl::string_view value) {
  std::string origin = absl::StrCat("--", name);
  const SettingInfo* setting = FindSetting(name);
  if (setting == nullptr) return Bad(origin, "is not a setting");
  Value parsed;
  if (setting->kind == SettingKind::kInteger) {
    if (!absl::SimpleAtoi(value, &parsed.integer)) {
      return Bad(origin, absl::StrCat("must be an integer, got \"", value, "\""));
    }
  } else {
    parsed.text = std::string(value);
  }
  return Set(config, *setting, parsed, origin);
}

absl::Status ApplyConfigFile(const std::string& path, Config& config) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return absl::NotFoundError(absl::StrCat("config file ", path, ": does not exist"));
  }
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return absl::InvalidArgumentError(absl::StrCat(
        "config file ", path, " line ", e.source().begin.line, ": ", std::string(e.description())));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("config file ", path, ": ", e.what()));
  }
  std::filesystem::path directory = std::filesystem::path(path).parent_path();
  for (const auto& [key, node] : table) {
    std::string name(key.str());
    std::string origin =
        absl::StrCat("config file ", path, " line ", node.source().begin.line, ": ", name);
    const SettingInfo* setting = FindSetting(name);
    if (setting == nullptr) {
      std::vector<std::string> names;
      for (const SettingInfo& known : Settings()) names.push_back(known.name);
      return Bad(origin,
                 absl::StrCat("is not a setting (settings: ", absl::StrJoin(names, ", "), ")"));
    }
    Value value;
    if (setting->kind == SettingKind::kInteger) {
      std::optional<int64_t> integer = node.value_exact<int64_t>();
      if (!integer) return Bad(origin, "must be an integer");
      value.integer = *integer;
    } else {
      const std::string* text = node.is_string() ? &node.as_string()->get() : nullptr;
      if (text == nullptr) return Bad(origin, "must be a string");
      value.text = *text;
      if (setting->kind == SettingKind::kPath && !value.text.empty() &&
          std::filesystem::path(value.text).is_relative()) {
        value.text = (directory / value.text).lexically_normal().string();
      }
    }
    KUMPPANI_RETURN_IF_ERROR(Set(config, *setting, value, origin));
  }
  return absl::OkStatus();
}

absl::StatusOr<Config> LoadConfig(const std::optional<std::string>& config_file,
                                  const std::vector<std::pair<std::string, std::string>>& flags) {
  Config config;
  if (config_file) KUMPPANI_RETURN_IF_ERROR(ApplyConfigFile(*config_file, config));
  for (const auto& [name, value] : flags) {
    KUMPPANI_RETURN_IF_ERROR(ApplyFlag(config, name, value));
  }
  return config;
}

}  // namespace kumppani::kumppanid
