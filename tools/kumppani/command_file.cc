// Parses NDJSON and JSON-array files of domain commands (see command_file.h).
#include "tools/kumppani/command_file.h"

#include <fstream>
#include <iostream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"
#include "ledger/common/sha256.h"
#include "tools/kumppani/deterministic_bytes.h"

namespace kumppani::cli {
namespace {

absl::Status ParseOne(absl::string_view json, absl::string_view source, int line,
                      std::vector<FileCommand>& commands) {
  FileCommand parsed;
  parsed.line = line;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto status =
      google::protobuf::util::JsonStringToMessage(std::string(json), &parsed.command, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ":", line, ": not a kumppani.v1.Command in protobuf JSON: ",
                     std::string(status.message().data(), status.message().size())));
  }
  if (parsed.command.command_case() == v1::Command::COMMAND_NOT_SET) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ":", line, ": command: must be set (e.g. \"register_organisation\")"));
  }
  commands.push_back(std::move(parsed));
  return absl::OkStatus();
}

// Splits a JSON array into its elements' text by tracking strings and
// nesting; the protobuf parser then checks each element.
absl::Status ParseArray(absl::string_view text, absl::string_view source,
                        std::vector<FileCommand>& commands) {
  int line = 1;
  int depth = 0;
  bool in_string = false, escaped = false;
  size_t element_start = 0;
  int element_line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (depth == 1 && c == '{') {
        element_start = i;
        element_line = line;
      }
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
      if (depth < 0) break;
      if (depth == 1 && c == '}') {
        if (auto status = ParseOne(text.substr(element_start, i + 1 - element_start), source,
                                   element_line, commands);
            !status.ok()) {
          return status;
        }
      }
      if (depth == 0) {
        if (!absl::StripAsciiWhitespace(text.substr(i + 1)).empty()) {
          return absl::InvalidArgumentError(
              absl::StrCat(source, ":", line, ": text after the end of the JSON array"));
        }
        return absl::OkStatus();
      }
    } else if (depth == 1 && c != ',' && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line, ": the array may hold only command objects"));
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat(source, ":", line, ": the JSON array is not closed"));
}

}  // namespace

absl::StatusOr<std::vector<FileCommand>> ParseCommandFile(absl::string_view text,
                                                          absl::string_view source) {
  std::vector<FileCommand> commands;
  absl::string_view body = absl::StripLeadingAsciiWhitespace(text);
  if (!body.empty() && body[0] == '[') {
    int skipped_lines = 1;
    for (char c : text.substr(0, text.size() - body.size())) skipped_lines += c == '\n';
    if (auto status = ParseArray(body, source, commands); !status.ok()) return status;
    for (FileCommand& command : commands) command.line += skipped_lines - 1;
    return commands;
  }
  int number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == absl::string_view::npos) end = text.size();
    ++number;
    absl::string_view trimmed = absl::StripAsciiWhitespace(text.substr(start, end - start));
    if (!trimmed.empty() && trimmed[0] != '#') {
      if (auto status = ParseOne(trimmed, source, number, commands); !status.ok()) return status;
    }
    start = end + 1;
  }
  return commands;
}

absl::StatusOr<std::vector<FileCommand>> ReadCommandFile(const std::string& path) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::InvalidArgumentError(absl::StrCat(path, ": cannot be opened"));
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return ParseCommandFile(text, path == "-" ? "<stdin>" : path);
}

std::string DerivedRequestId(const v1::Command& command, int ordinal) {
  v1::Command without_note = command;
  without_note.clear_note();
  std::string hex = HashToHex(Sha256(DeterministicBytes(without_note)));
  return absl::StrCat("import-", hex.substr(0, 32), "-", ordinal);
}

}  // namespace kumppani::cli
