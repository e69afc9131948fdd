// kumppanid's configuration: defaults, the TOML file, flags over the file,
// and bad values named precisely.
#include "tools/kumppanid/config.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"
#include "tools/kumppanid/command_line.h"

namespace kumppani::kumppanid {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

struct Parsed {
  ParsedCommandLine result;
  std::string out;
  std::string err;
};

Parsed Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "kumppanid");
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  Parsed parsed{ParseCommandLine(static_cast<int>(argv.size()), argv.data(), out, err), "", ""};
  parsed.out = out.str();
  parsed.err = err.str();
  return parsed;
}

absl::StatusOr<Config> Load(std::vector<std::string> args) {
  Parsed parsed = Parse(std::move(args));
  if (!parsed.result.command_line) return absl::InvalidArgumentError(parsed.err);
  return LoadConfig(parsed.result.command_line->config_file, parsed.result.command_line->flags);
}

TEST(ConfigTest, Defaults) {
  absl::StatusOr<Config> config = Load({});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->data_dir, "./kumppani-data");
  EXPECT_EQ(config->server.listen_address, "127.0.0.1:50051");
  EXPECT_EQ(config->server.tokens_file, "");
  EXPECT_EQ(config->server.tls_cert_file, "");
  EXPECT_EQ(config->log_level, "info");
  EXPECT_EQ(config->log_format, LogFormat::kText);
  EXPECT_EQ(config->server.max_message_bytes, 20 << 20);
  EXPECT_EQ(config->checkpoint_key, "");
  EXPECT_EQ(config->checkpoint_origin, "kumppani.local/log");
  EXPECT_EQ(config->checkpoint_interval, absl::Seconds(60));
  EXPECT_EQ(config->memtable_budget_bytes, size_t{64} << 20);
  EXPECT_EQ(config->block_cache_bytes, size_t{32} << 20);
}

TEST(ConfigTest, EveryFlag) {
  absl::StatusOr<Config> config = Load({"--data-dir",
                                        "/srv/k",
                                        "--listen",
                                        "0.0.0.0:7000",
                                        "--tls-cert",
                                        "c.pem",
                                        "--tls-key",
                                        "k.pem",
                                        "--tls-client-ca",
                                        "ca.pem",
                                        "--tokens-file",
                                        "/etc/k/tokens",
                                        "--log-level",
                                        "debug",
                                        "--log-format",
                                        "json",
                                        "--max-message-bytes",
                                        "65536",
                                        "--keepalive-time-seconds",
                                        "30",
                                        "--keepalive-timeout-seconds",
                                        "5",
                                        "--shutdown-grace-seconds",
                                        "0",
                                        "--checkpoint-key",
                                        "/etc/k/checkpoint.key",
                                        "--checkpoint-origin",
                                        "kumppani.ph.fi/ledger",
                                        "--checkpoint-interval-seconds",
                                        "300",
                                        "--memtable-budget-mib",
                                        "16",
                                        "--block-cache-mib",
                                        "8"});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->data_dir, "/srv/k");
  EXPECT_EQ(config->server.listen_address, "0.0.0.0:7000");
  EXPECT_EQ(config->server.tls_cert_file, "c.pem");
  EXPECT_EQ(config->server.tls_key_file, "k.pem");
  EXPECT_EQ(config->server.tls_client_ca_file, "ca.pem");
  EXPECT_EQ(config->server.tokens_file, "/etc/k/tokens");
  EXPECT_EQ(config->log_level, "debug");
  EXPECT_EQ(config->log_format, LogFormat::kJson);
  EXPECT_EQ(config->server.max_message_bytes, 65536);
  EXPECT_EQ(config->server.keepalive_time, absl::Seconds(30));
  EXPECT_EQ(config->server.keepalive_timeout, absl::Seconds(5));
  EXPECT_EQ(config->server.shutdown_grace, absl::ZeroDuration());
  EXPECT_EQ(config->checkpoint_key, "/etc/k/checkpoint.key");
  EXPECT_EQ(config->checkpoint_origin, "kumppani.ph.fi/ledger");
  EXPECT_EQ(config->checkpoint_interval, absl::Seconds(300));
  EXPECT_EQ(config->memtable_budget_bytes, size_t{16} << 20);
  EXPECT_EQ(config->block_cache_bytes, size_t{8} << 20);
}

TEST(ConfigTest, FileThenFlagsOverride) {
  testing::TempDir dir;
  std::string file = dir.Sub("kumppanid.toml");
  WriteFile(file,
            "# a comment\n"
            "data-dir = \"/var/lib/kumppani\"\n"
            "listen = \"0.0.0.0:50051\"\n"
            "tokens-file = \"tokens\"\n"
            "tls-cert = \"/etc/ssl/k.crt\"\n"
            "log-format = \"json\"\n"
            "max-message-bytes = 1048576\n");
  absl::StatusOr<Config> from_file = Load({"--config", file});
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  EXPECT_EQ(from_file->data_dir, "/var/lib/kumppani");
  EXPECT_EQ(from_file->server.listen_address, "0.0.0.0:50051");
  // Relative paths in the file are relative to the file.
  EXPECT_EQ(from_file->server.tokens_file, dir.Sub("tokens"));
  EXPECT_EQ(from_file->server.tls_cert_file, "/etc/ssl/k.crt");
  EXPECT_EQ(from_file->log_format, LogFormat::kJson);
  EXPECT_EQ(from_file->server.max_message_bytes, 1048576);
  EXPECT_EQ(from_file->log_level, "info");

  absl::StatusOr<Config> overridden =
      Load({"--listen", "127.0.0.1:0", "--config", file, "--log-format", "text", "--tokens-file",
            "relative/tokens"});
  ASSERT_TRUE(overridden.ok()) << overridden.status();
  EXPECT_EQ(overridden->server.listen_address, "127.0.0.1:0");
  EXPECT_EQ(overridden->log_format, LogFormat::kText);
  // Flags' relative paths stay relative to the working directory.
  EXPECT_EQ(overridden->server.tokens_file, "relative/tokens");
  EXPECT_EQ(overridden->data_dir, "/var/lib/kumppani");
  EXPECT_EQ(overridden->server.max_message_bytes, 1048576);
}

struct BadFile {
  std::string text;
  std::string expected;
};

TEST(ConfigTest, BadFilesNameFileLineAndSetting) {
  testing::TempDir dir;
  std::string file = dir.Sub("k.toml");
  const std::vector<BadFile> cases = {
      {"listen = \"127.0.0.1:1\"\nlisten-address = \"x\"\n",
       "line 2: listen-address: is not a setting (settings: data-dir, listen,"},
      {"\n\nmax-message-bytes = \"big\"\n", "line 3: max-message-bytes: must be an integer"},
      {"max-message-bytes = 1.5\n", "line 1: max-message-bytes: must be an integer"},
      {"max-message-bytes = 10\n", "line 1: max-message-bytes: must be 1024..2147483647 bytes"},
      {"listen = 50051\n", "line 1: listen: must be a string"},
      {"data-dir = \"\"\n", "line 1: data-dir: must not be empty"},
      {"log-level = \"loud\"\n",
       "log-level: must be one of trace, debug, info, warn, error, critical, off, got \"loud\""},
      {"log-format = \"xml\"\n", "log-format: must be text or json, got \"xml\""},
      {"keepalive-time-seconds = 0\n", "keepalive-time-seconds: must be 1..86400 seconds"},
      {"[server]\nlisten = \"x\"\n", "line 1: server: is not a setting"},
      {"listen = \n", "config file " + file + " line 1: "},
      {"listen = \"a\"\nlisten = \"b\"\n", "config file " + file + " line 2: "},
  };
  for (const BadFile& bad : cases) {
    WriteFile(file, bad.text);
    absl::StatusOr<Config> config = Load({"--config", file});
    ASSERT_FALSE(config.ok()) << bad.text;
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument) << bad.text;
    EXPECT_THAT(std::string(config.status().message()), HasSubstr("config file " + file))
        << bad.text;
    EXPECT_THAT(std::string(config.status().message()), HasSubstr(bad.expected)) << bad.text;
  }
}

TEST(ConfigTest, MissingFileIsNotFound) {
  Config config;
  absl::Status status = ApplyConfigFile("/nonexistent/kumppanid.toml", config);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(status.message()), HasSubstr("/nonexistent/kumppanid.toml"));
}

TEST(ConfigTest, BadFlagValuesNameTheFlag) {
  absl::StatusOr<Config> not_number = Load({"--max-message-bytes", "lots"});
  EXPECT_EQ(not_number.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(not_number.status().message(), "--max-message-bytes: must be an integer, got \"lots\"");

  absl::StatusOr<Config> level = Load({"--log-level", "verbose"});
  EXPECT_THAT(std::string(level.status().message()), HasSubstr("--log-level: must be one of"));

  absl::StatusOr<Config> grace = Load({"--shutdown-grace-seconds", "-1"});
  EXPECT_THAT(std::string(grace.status().message()),
              HasSubstr("--shutdown-grace-seconds: must be 0..86400 seconds, got -1"));

  absl::StatusOr<Config> origin = Load({"--checkpoint-origin", "my log+1"});
  EXPECT_EQ(origin.status().message(),
            "--checkpoint-origin: must not contain spaces, control characters or '+', got \"my "
            "log+1\"");
  absl::StatusOr<Config> interval = Load({"--checkpoint-interval-seconds", "0"});
  EXPECT_THAT(std::string(interval.status().message()),
              HasSubstr("--checkpoint-interval-seconds: must be 1..86400 seconds, got 0"));
  absl::StatusOr<Config> budget = Load({"--memtable-budget-mib", "2"});
  EXPECT_EQ(budget.status().message(), "--memtable-budget-mib: must be 4..65536 MiB, got 2");
  absl::StatusOr<Config> cache = Load({"--block-cache-mib", "65537"});
  EXPECT_EQ(cache.status().message(), "--block-cache-mib: must be 1..65536 MiB, got 65537");
}

TEST(CommandLineTest, UnknownFlagIsUsageErrorWithCli11Message) {
  Parsed parsed = Parse({"--listen-on", "x"});
  EXPECT_FALSE(parsed.result.command_line.has_value());
  EXPECT_EQ(parsed.result.exit_code, kExitUsage);
  EXPECT_THAT(parsed.err, HasSubstr("--listen-on"));
}

TEST(CommandLineTest, MissingValueOrConfigFileIsUsageError) {
  EXPECT_EQ(Parse({"--data-dir"}).result.exit_code, kExitUsage);
  Parsed missing = Parse({"--config", "/nonexistent/k.toml"});
  EXPECT_EQ(missing.result.exit_code, kExitUsage);
  EXPECT_THAT(missing.err, HasSubstr("/nonexistent/k.toml"));
}

TEST(CommandLineTest, HelpExitsZeroListingEverySetting) {
  Parsed help = Parse({"--help"});
  EXPECT_FALSE(help.result.command_line.has_value());
  EXPECT_EQ(help.result.exit_code, 0);
  for (const SettingInfo& setting : Settings()) {
    EXPECT_THAT(help.out, HasSubstr(std::string("--") + setting.name));
  }
}

TEST(CommandLineTest, OnlyGivenFlagsAreCollected) {
  Parsed parsed = Parse({"--listen", "127.0.0.1:0"});
  ASSERT_TRUE(parsed.result.command_line.has_value());
  ASSERT_EQ(parsed.result.command_line->flags.size(), 1u);
  EXPECT_EQ(parsed.result.command_line->flags[0].first, "listen");
  EXPECT_EQ(parsed.result.command_line->flags[0].second, "127.0.0.1:0");
  EXPECT_FALSE(parsed.result.command_line->config_file.has_value());
  EXPECT_FALSE(parsed.result.command_line->token_add.has_value());
}

TEST(CommandLineTest, TokenAdd) {
  Parsed parsed = Parse({"token", "add", "--tokens-file", "/t", "--role", "ngo", "--organisation",
                         "org-x", "--name", "portal"});
  ASSERT_TRUE(parsed.result.command_line.has_value()) << parsed.err;
  ASSERT_TRUE(parsed.result.command_line->token_add.has_value());
  const TokenAddCommand& add = *parsed.result.command_line->token_add;
  EXPECT_EQ(add.tokens_file, "/t");
  EXPECT_EQ(add.role, "ngo");
  EXPECT_EQ(add.organisation, "org-x");
  EXPECT_EQ(add.name, "portal");
  EXPECT_THAT(parsed.result.command_line->flags, IsEmpty());

  Parsed bad_role = Parse({"token", "add", "--tokens-file", "/t", "--role", "root", "--name", "n"});
  EXPECT_EQ(bad_role.result.exit_code, kExitUsage);
  EXPECT_THAT(bad_role.err, HasSubstr("root"));
  EXPECT_EQ(Parse({"token", "add", "--role", "admin", "--name", "n"}).result.exit_code, kExitUsage);
  EXPECT_EQ(Parse({"token"}).result.exit_code, kExitUsage);
}

}  // namespace
}  // namespace kumppani::kumppanid
