// kumppanid's configuration: defaults, an optional TOML file, and flags that
// override it. One name per setting: the flag is "--<name>", the file key is
// "<name>", e.g.
//
//   # kumppanid.toml
//   data-dir = "/var/lib/kumppani"
//   listen = "0.0.0.0:50051"
//   tokens-file = "tokens"          # relative paths: to this file's directory
//   tls-cert = "server.crt"
//   tls-key = "server.key"
//   log-format = "json"
//   max-message-bytes = 20971520
//
// Unknown keys, wrong types and bad values are errors naming the setting (and
// the file and line); nothing is silently ignored.
#ifndef KUMPPANI_TOOLS_KUMPPANID_CONFIG_H_
#define KUMPPANI_TOOLS_KUMPPANID_CONFIG_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "api/server_options.h"

namespace kumppani::kumppanid {

enum class LogFormat { kText, kJson };

struct Config {
  // The ledger's directory; created if missing. Default: ./kumppani-data.
  std::string data_dir = "./kumppani-data";
  // Listen address, TLS, tokens, limits (see api/server_options.h).
  api::ServerOptions server;
  // trace, debug, info, warn, error, critical or off. Default: info.
  std::string log_level = "info";
  // text: human-readable lines; json: one JSON object per line. Default: text.
  LogFormat log_format = LogFormat::kText;
  // The Ed25519 key that signs checkpoints; created (mode 0600) when missing.
  // Empty: <data_dir>/checkpoint.key.
  std::string checkpoint_key;
  // The log's name in every checkpoint and its verifier key. Default:
  // kumppani.local/log.
  std::string checkpoint_origin = "kumppani.local/log";
  // How often a checkpoint is signed when the log has grown. Default: 60 s.
  absl::Duration checkpoint_interval = absl::Seconds(60);
  // The store's memory: memtables together, and the shared block cache
  // (store::StoreOptions). Defaults: 64 MiB and 32 MiB.
  size_t memtable_budget_bytes = size_t{64} << 20;
  size_t block_cache_bytes = size_t{32} << 20;
};

enum class SettingKind { kText, kPath, kInteger };

struct SettingInfo {
  const char* name;  // flag "--<name>", file key "<name>"
  SettingKind kind;
  const char* help;
};

// Every setting, in the order --help lists them.
const std::vector<SettingInfo>& Settings();

// Sets one setting from its text form (a flag's value). INVALID_ARGUMENT
// naming "--<name>" for an unknown name or a bad value.
absl::Status ApplyFlag(Config& config, absl::string_view name, absl::string_view value);

// Applies a TOML file's settings. NOT_FOUND when it does not exist;
// INVALID_ARGUMENT naming the file (and line) for a syntax error, a key that
// is not a setting, a value of the wrong type or a bad value. Relative paths
// in the file are taken relative to the file's directory.
absl::Status ApplyConfigFile(const std::string& path, Config& config);

// The defaults, then `config_file` (if any), then `flags` (name, value) in
// order.
absl::StatusOr<Config> LoadConfig(const std::optional<std::string>& config_file,
                                  const std::vector<std::pair<std::string, std::string>>& flags);

}  // namespace kumppani::kumppanid

#endif  // KUMPPANI_TOOLS_KUMPPANID_CONFIG_H_
