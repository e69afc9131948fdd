// Reads files of domain commands for `record --file` and `import`: NDJSON (one
// kumppani.v1.Command in protobuf JSON per line; blank lines and lines
// starting with '#' are skipped) or one JSON array of commands. Every error
// names the file and the line, and nothing is returned unless the whole file
// parses, so a bad file sends nothing.
#ifndef KUMPPANI_TOOLS_KUMPPANI_COMMAND_FILE_H_
#define KUMPPANI_TOOLS_KUMPPANI_COMMAND_FILE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "kumppani/v1/commands.pb.h"

namespace kumppani::cli {

struct FileCommand {
  int line = 0;  // 1-based line where the command starts
  v1::Command command;
};

// Parses `text` (named `source` in errors). INVALID_ARGUMENT, naming
// "source:line", for text that is not commands, or a command without a
// command set.
absl::StatusOr<std::vector<FileCommand>> ParseCommandFile(absl::string_view text,
                                                          absl::string_view source);

// Reads and parses a file; "-" reads standard input.
absl::StatusOr<std::vector<FileCommand>> ReadCommandFile(const std::string& path);

// The request id an import gives a command that has none: "import-" + the
// first 16 bytes (hex) of SHA-256 over the command's deterministic bytes, then
// "-" + `ordinal`. The same file imported again yields the same ids, so the
// server recognises every command already recorded as a retry.
std::string DerivedRequestId(const v1::Command& command, int ordinal);

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_COMMAND_FILE_H_
