// Every absl code maps to its gRPC code; INTERNAL/UNKNOWN hide their detail
// and log it once under the incident id they return.
#include "api/status_mapping.h"

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spdlog/sinks/ostream_sink.h"
#include "spdlog/spdlog.h"

namespace kumppani::api {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

// Routes spdlog's default logger into a string for the test's lifetime.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(text_);
    auto logger = std::make_shared<spdlog::logger>("captured", sink);
    logger->set_pattern("%l %v");
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() const { return text_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream text_;
};

int Count(const std::string& text, const std::string& needle) {
  int count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

struct Row {
  absl::StatusCode from;
  grpc::StatusCode to;
};

TEST(StatusMappingTest, EveryCanonicalCodeKeepsItsCodeAndMessage) {
  const std::vector<Row> table = {
      {absl::StatusCode::kCancelled, grpc::StatusCode::CANCELLED},
      {absl::StatusCode::kInvalidArgument, grpc::StatusCode::INVALID_ARGUMENT},
      {absl::StatusCode::kDeadlineExceeded, grpc::StatusCode::DEADLINE_EXCEEDED},
      {absl::StatusCode::kNotFound, grpc::StatusCode::NOT_FOUND},
      {absl::StatusCode::kAlreadyExists, grpc::StatusCode::ALREADY_EXISTS},
      {absl::StatusCode::kPermissionDenied, grpc::StatusCode::PERMISSION_DENIED},
      {absl::StatusCode::kResourceExhausted, grpc::StatusCode::RESOURCE_EXHAUSTED},
      {absl::StatusCode::kFailedPrecondition, grpc::StatusCode::FAILED_PRECONDITION},
      {absl::StatusCode::kAborted, grpc::StatusCode::ABORTED},
      {absl::StatusCode::kOutOfRange, grpc::StatusCode::OUT_OF_RANGE},
      {absl::StatusCode::kUnimplemented, grpc::StatusCode::UNIMPLEMENTED},
      {absl::StatusCode::kUnavailable, grpc::StatusCode::UNAVAILABLE},
      {absl::StatusCode::kDataLoss, grpc::StatusCode::DATA_LOSS},
      {absl::StatusCode::kUnauthenticated, grpc::StatusCode::UNAUTHENTICATED},
  };
  CapturedLog log;
  for (const Row& row : table) {
    absl::Status status(row.from, "stream decision-x: expected version 3, actual 4");
    grpc::Status mapped = ToGrpcStatus(status);
    EXPECT_EQ(mapped.error_code(), row.to) << status;
    EXPECT_EQ(mapped.error_message(), "stream decision-x: expected version 3, actual 4");
    // And back, as a C++ client sees it.
    EXPECT_EQ(FromGrpcStatus(mapped), status);
  }
  // Only DATA_LOSS is worth an operator's attention among these.
  EXPECT_EQ(Count(log.text(), "error "), 1) << log.text();
  EXPECT_THAT(log.text(), HasSubstr("data loss"));
}

TEST(StatusMappingTest, OkIsOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(StatusMappingTest, InternalAndUnknownHideTheirDetailAndLogItOnce) {
  for (absl::StatusCode code : {absl::StatusCode::kInternal, absl::StatusCode::kUnknown,
                                static_cast<absl::StatusCode>(42)}) {
    CapturedLog log;
    absl::Status status(code, "rocksdb: Corruption in /srv/secret/path sst 000123");
    grpc::Status mapped = ToGrpcStatus(status);
    EXPECT_EQ(mapped.error_code(), grpc::StatusCode::INTERNAL);
    EXPECT_THAT(mapped.error_message(), Not(HasSubstr("rocksdb")));
    EXPECT_THAT(mapped.error_message(),
                MatchesRegex("internal error; incident [0-9a-f]{16} is in the server log"));
    std::string incident = mapped.error_message().substr(25, 16);
    EXPECT_EQ(Count(log.text(), "/srv/secret/path"), 1) << log.text();
    EXPECT_THAT(log.text(), HasSubstr(incident));
    EXPECT_THAT(log.text(), HasSubstr("error incident"));
  }
}

// A rule echoing a megabyte-long id made a message that gRPC clients refuse
// as trailing metadata (found by tests/reliability/hostile_input_test.py).
TEST(StatusMappingTest, LongMessagesAreCutKeepingFieldRuleAndUtf8) {
  const std::string rule = "organisation_id: must be \"org-<slug>\", got \"";
  grpc::Status kept = ToGrpcStatus(absl::InvalidArgumentError(std::string(1024, 'x')));
  EXPECT_EQ(kept.error_message(), std::string(1024, 'x'));

  grpc::Status cut =
      ToGrpcStatus(absl::InvalidArgumentError(rule + std::string(1'000'000, 'x') + "\""));
  EXPECT_EQ(cut.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(cut.error_message().substr(0, rule.size()), rule);
  EXPECT_EQ(cut.error_message(),
            absl::StrCat(rule, std::string(1024 - rule.size(), 'x'), "… (",
                         1'000'001 - (1024 - rule.size()), " more bytes left out)"));

  // 'ä' is two bytes: an odd cut would split one.
  std::string finnish = "x";
  for (int i = 0; i < 1000; ++i) finnish += "ä";
  grpc::Status utf8 = ToGrpcStatus(absl::NotFoundError(finnish));
  EXPECT_EQ(utf8.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(utf8.error_message(),
            absl::StrCat("x", finnish.substr(1, 1022), "… (978 more bytes left out)"));
}

TEST(StatusMappingTest, IncidentIdsDiffer) {
  CapturedLog log;
  grpc::Status first = ToGrpcStatus(absl::InternalError("a"));
  grpc::Status second = ToGrpcStatus(absl::InternalError("a"));
  EXPECT_NE(first.error_message(), second.error_message());
}

}  // namespace
}  // namespace kumppani::api
