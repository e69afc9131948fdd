// FuzzCheck and CheckRejection (fuzz_target.h).
#include "tests/fuzz/fuzz_target.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "google/protobuf/stubs/logging.h"

namespace kumppani::fuzz {
namespace {

// Protobuf logs every string field with invalid UTF-8 it parses; fuzz
// inputs hold millions of them, and the logging would be most of the work.
const bool kProtobufQuiet = [] {
  google::protobuf::SetLogHandler([](google::protobuf::LogLevel, const char*, int,
                                     const std::string&) {});
  return true;
}();

}  // namespace

void FuzzCheck(bool condition, std::string_view what, std::string_view detail) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

void CheckRejection(const absl::Status& status, std::initializer_list<absl::StatusCode> allowed,
                    std::string_view what) {
  if (status.ok()) return;
  bool expected = std::find(allowed.begin(), allowed.end(), status.code()) != allowed.end();
  FuzzCheck(expected, what, "unexpected error: " + status.ToString());
  FuzzCheck(!status.message().empty(), what, "an error without a message");
}

}  // namespace kumppani::fuzz
