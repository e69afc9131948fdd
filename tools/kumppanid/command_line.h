// kumppanid's command line (CLI11): the serve flags (one per config setting,
// plus --config) and the `token add` subcommand.
#ifndef KUMPPANI_TOOLS_KUMPPANID_COMMAND_LINE_H_
#define KUMPPANI_TOOLS_KUMPPANID_COMMAND_LINE_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kumppani::kumppanid {

// `kumppanid token add --tokens-file F --role R [--organisation ORG] --name N`
struct TokenAddCommand {
  std::string tokens_file;
  std::string role;
  std::string organisation;  // empty unless given
  std::string name;
};

struct CommandLine {
  std::optional<std::string> config_file;
  // The settings given as flags: (name without "--", value), in the order of
  // Settings(). Applied over the config file by LoadConfig.
  std::vector<std::pair<std::string, std::string>> flags;
  // Set when the `token add` subcommand was given.
  std::optional<TokenAddCommand> token_add;
};

// Exit status for a bad command line, a bad config and a server that could not
// start (data directory, port, TLS files, tokens file).
inline constexpr int kExitUsage = 2;

struct ParsedCommandLine {
  // Empty when the process should exit now with `exit_code`: after --help or
  // --version (0, printed to `out`) or a bad command line (kExitUsage,
  // CLI11's message printed to `err`).
  std::optional<CommandLine> command_line;
  int exit_code = 0;
};

ParsedCommandLine ParseCommandLine(int argc, const char* const* argv, std::ostream& out,
                                   std::ostream& err);

}  // namespace kumppani::kumppanid

#endif  // KUMPPANI_TOOLS_KUMPPANID_COMMAND_LINE_H_
