// kumppanid's log: spdlog's default logger on stderr, as text lines or JSON
// lines, with gRPC's and protobuf's own messages routed into it.
#ifndef KUMPPANI_TOOLS_KUMPPANID_LOGGING_H_
#define KUMPPANI_TOOLS_KUMPPANID_LOGGING_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "tools/kumppanid/config.h"

namespace kumppani::kumppanid {

// Replaces spdlog's default logger. Text lines look like
//   2024-05-01T12:00:00.123+03:00 info listening on 127.0.0.1:50051
// and JSON lines like
//   {"time":"2024-05-01T09:00:00.123456Z","level":"info","message":"listening on …"}
// (UTC, the message JSON-escaped). INVALID_ARGUMENT for an unknown level.
// Call once, before other threads log.
absl::Status SetUpLogging(absl::string_view level, LogFormat format);

// `text` escaped for use inside a JSON string (quotes, backslashes, control
// characters); bytes >= 0x80 pass through (UTF-8 stays UTF-8).
void AppendJsonEscaped(absl::string_view text, std::string& out);

}  // namespace kumppani::kumppanid

#endif  // KUMPPANI_TOOLS_KUMPPANID_LOGGING_H_
