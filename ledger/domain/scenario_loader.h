// Loading commands from NDJSON: one kumppani.v1.Command per line in protobuf
// JSON (field names in snake_case or lowerCamelCase, enums by name). Blank
// lines and lines whose first non-blank character is '#' are skipped.
// Unknown fields are errors, so a typo never passes silently.
//
// Used by the demo scenario (docs/examples/demo-scenario.ndjson) and the
// command-line client's import.
#ifndef KUMPPANI_LEDGER_DOMAIN_SCENARIO_LOADER_H_
#define KUMPPANI_LEDGER_DOMAIN_SCENARIO_LOADER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "kumppani/v1/commands.pb.h"

namespace kumppani::domain {

struct ScenarioCommand {
  // 1-based line number in the source.
  int line = 0;
  v1::Command command;
};

// Parses NDJSON text. INVALID_ARGUMENT "<source>:<line>: <parser message>"
// on the first bad line; `source` names the input in messages.
absl::StatusOr<std::vector<ScenarioCommand>> ParseScenario(absl::string_view text,
                                                           absl::string_view source);

// Reads and parses a file. NOT_FOUND when it cannot be opened.
absl::StatusOr<std::vector<ScenarioCommand>> LoadScenarioFile(const std::string& path);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_SCENARIO_LOADER_H_
