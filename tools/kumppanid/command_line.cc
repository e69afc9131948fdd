// Defines kumppanid's flags with CLI11 and collects what was given.
#include "tools/kumppanid/command_line.h"

#include <CLI/CLI.hpp>
#include <map>
#include <ostream>

#include "tools/kumppanid/config.h"

namespace kumppani::kumppanid {

ParsedCommandLine ParseCommandLine(int argc, const char* const* argv, std::ostream& out,
                                   std::ostream& err) {
  CLI::App app(
      "kumppanid: the Kumppani ledger server. Serves the gRPC API (plus grpc.health.v1 and "
      "server reflection) over the ledger in --data-dir until SIGTERM or SIGINT.\n"
      "Settings come from the defaults, then --config FILE (TOML, keys named like the flags), "
      "then the flags.",
      "kumppanid");
  app.set_version_flag("--version", "kumppanid 0.1.0");

  std::string config_file;
  CLI::Option* config_option =
      app.add_option("--config", config_file, "TOML config file (keys are the flag names)")
          ->check(CLI::ExistingFile);

  // Every setting is taken as text here; config.cc checks it (one set of
  // rules for flags and file).
  std::map<std::string, std::string> values;
  std::vector<std::pair<std::string, CLI::Option*>> setting_options;
  for (const SettingInfo& setting : Settings()) {
    std::string& target = values[setting.name];
    CLI::Option* option = app.add_option(std::string("--") + setting.name, target, setting.help);
    option->type_name(setting.kind == SettingKind::kInteger ? "INT"
                      : setting.kind == SettingKind::kPath  ? "PATH"
                                                            : "TEXT");
    setting_options.emplace_back(setting.name, option);
  }

  TokenAddCommand token;
  CLI::App* token_app = app.add_subcommand("token", "Manage bearer tokens");
  token_app->require_subcommand(1);
  CLI::App* add_app = token_app->add_subcommand(
      "add", "Make a new token, append its hash to the tokens file and print the token once");
  add_app->add_option("--tokens-file", token.tokens_file, "Tokens file (created if missing)")
      ->required();
  add_app->add_option("--role", token.role, "The token's role")
      ->required()
      ->check(CLI::IsMember({"admin", "recorder", "ngo", "auditor", "public"}));
  add_app->add_option("--organisation", token.organisation,
                      "For an ngo token: its organisation id (org-<slug>)");
  add_app
      ->add_option("--name", token.name,
                   "Unique name; events record \"token:<name>\" as their actor")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    ParsedCommandLine parsed;
    int cli_code = app.exit(e, out, err);
    parsed.exit_code = cli_code == 0 ? 0 : kExitUsage;
    return parsed;
  }

  CommandLine command_line;
  if (config_option->count() > 0) command_line.config_file = config_file;
  for (const auto& [name, option] : setting_options) {
    if (option->count() > 0) command_line.flags.emplace_back(name, values[name]);
  }
  if (add_app->parsed()) command_line.token_add = token;
  ParsedCommandLine parsed;
  parsed.command_line = std::move(command_line);
  return parsed;
}

}  // namespace kumppani::kumppanid
