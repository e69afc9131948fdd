// NDJSON → commands, with line numbers in every error.
#include "ledger/domain/scenario_loader.h"

#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"

namespace kumppani::domain {

absl::StatusOr<std::vector<ScenarioCommand>> ParseScenario(absl::string_view text,
                                                           absl::string_view source) {
  std::vector<ScenarioCommand> commands;
  int number = 0;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    ScenarioCommand parsed;
    parsed.line = number;
    auto status = google::protobuf::util::JsonStringToMessage(
        std::string(trimmed.data(), trimmed.size()), &parsed.command, options);
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ":", number, ": not a kumppani.v1.Command in protobuf JSON: ",
          std::string(status.message().data(), status.message().size())));
    }
    commands.push_back(std::move(parsed));
  }
  return commands;
}

absl::StatusOr<std::vector<ScenarioCommand>> LoadScenarioFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("scenario file \"", path, "\" cannot be opened"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ParseScenario(text, path);
}

}  // namespace kumppani::domain
