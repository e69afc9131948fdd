// Fuzz target: reading command files, the text users hand the client's
// `kumppani import` / `record --file` (NDJSON or a JSON array of
// kumppani.v1.Command in protobuf JSON) and the server's scenario loader
// (NDJSON). Invariants: nothing crashes; bad text is INVALID_ARGUMENT with a
// message; every parsed command has a command set, lines increase, and a
// command printed as JSON and parsed again is the same command (so what
// import records is what the file says).
#include <string>
#include <vector>

#include "google/protobuf/util/json_util.h"
#include "ledger/domain/scenario_loader.h"
#include "ledger/store/canonical_bytes.h"
#include "tests/fuzz/fuzz_target.h"
#include "tools/kumppani/command_file.h"

namespace kumppani::fuzz {
namespace {

void CheckRoundTrip(const v1::Command& command) {
  FuzzCheck(command.command_case() != v1::Command::COMMAND_NOT_SET, "a command without a command");
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  FuzzCheck(google::protobuf::util::MessageToJsonString(command, &json, options).ok(),
            "a parsed command does not print as JSON");
  absl::StatusOr<std::vector<cli::FileCommand>> again = cli::ParseCommandFile(json, "round-trip");
  FuzzCheck(again.ok() && again->size() == 1, "a printed command does not parse", json);
  FuzzCheck(store::DeterministicBytes((*again)[0].command) == store::DeterministicBytes(command),
            "a command changed through JSON", json);
}

}  // namespace
}  // namespace kumppani::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kumppani;        // NOLINT(build/namespaces)
  using namespace kumppani::fuzz;  // NOLINT(build/namespaces)
  std::string text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<cli::FileCommand>> commands = cli::ParseCommandFile(text, "fuzz");
  CheckRejection(commands.status(), {absl::StatusCode::kInvalidArgument}, "ParseCommandFile");
  if (commands.ok()) {
    int line = 0;
    for (const cli::FileCommand& c : *commands) {
      FuzzCheck(c.line >= line && c.line >= 1, "command lines do not increase");
      line = c.line;
      CheckRoundTrip(c.command);
    }
  }
  absl::StatusOr<std::vector<domain::ScenarioCommand>> scenario = domain::ParseScenario(text, "fuzz");
  CheckRejection(scenario.status(), {absl::StatusCode::kInvalidArgument}, "ParseScenario");
  return 0;
}
