// absl::Status → grpc::Status, one explicit switch; hides INTERNAL detail.
#include "api/status_mapping.h"

#include <openssl/rand.h>

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "ledger/common/hex.h"
#include "spdlog/spdlog.h"

namespace kumppani::api {
namespace {

// 8 random bytes in hex: unique enough to find one log line among many, and
// unguessable so that ids reveal nothing about the server's history.
std::string NewIncidentId() {
  uint8_t bytes[8] = {};
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // Still unique per process run in practice; the id only finds a log line.
    static std::atomic<uint64_t> counter{0};
    return absl::StrCat("local-", counter.fetch_add(1));
  }
  std::string id;
  for (uint8_t byte : bytes) AppendHexByte(byte, id);
  return id;
}

grpc::Status Hidden(const absl::Status& status) {
  std::string incident = NewIncidentId();
  spdlog::error("incident {}: {}", incident, status.ToString());
  return grpc::Status(grpc::StatusCode::INTERNAL,
                      absl::StrCat("internal error; incident ", incident, " is in the server log"));
}

// A status message travels in an HTTP/2 trailer, percent-encoded, and gRPC
// clients refuse trailers over 8 KiB by default: a longer message (a rule
// echoing a megabyte-long id) would reach the client as "received initial
// metadata size exceeds limit" instead of its code. The field and rule come
// first in every message, so cutting the end keeps them.
constexpr size_t kMaxMessageBytes = 1024;

std::string Shortened(absl::string_view message) {
  if (message.size() <= kMaxMessageBytes) return std::string(message);
  size_t cut = kMaxMessageBytes;
  // Never in the middle of a UTF-8 sequence (continuation bytes are 10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat(message.substr(0, cut), "… (", message.size() - cut, " more bytes left out)");
}

grpc::Status Passed(grpc::StatusCode code, const absl::Status& status) {
  return grpc::Status(code, Shortened(status.message()));
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return grpc::Status::OK;
    case absl::StatusCode::kCancelled:
      return Passed(grpc::StatusCode::CANCELLED, status);
    case absl::StatusCode::kInvalidArgument:
      return Passed(grpc::StatusCode::INVALID_ARGUMENT, status);
    case absl::StatusCode::kDeadlineExceeded:
      return Passed(grpc::StatusCode::DEADLINE_EXCEEDED, status);
    case absl::StatusCode::kNotFound:
      return Passed(grpc::StatusCode::NOT_FOUND, status);
    case absl::StatusCode::kAlreadyExists:
      return Passed(grpc::StatusCode::ALREADY_EXISTS, status);
    case absl::StatusCode::kPermissionDenied:
      return Passed(grpc::StatusCode::PERMISSION_DENIED, status);
    case absl::StatusCode::kResourceExhausted:
      return Passed(grpc::StatusCode::RESOURCE_EXHAUSTED, status);
    case absl::StatusCode::kFailedPrecondition:
      return Passed(grpc::StatusCode::FAILED_PRECONDITION, status);
    case absl::StatusCode::kAborted:
      return Passed(grpc::StatusCode::ABORTED, status);
    case absl::StatusCode::kOutOfRange:
      return Passed(grpc::StatusCode::OUT_OF_RANGE, status);
    case absl::StatusCode::kUnimplemented:
      return Passed(grpc::StatusCode::UNIMPLEMENTED, status);
    case absl::StatusCode::kUnavailable:
      return Passed(grpc::StatusCode::UNAVAILABLE, status);
    case absl::StatusCode::kUnauthenticated:
      return Passed(grpc::StatusCode::UNAUTHENTICATED, status);
    case absl::StatusCode::kDataLoss:
      spdlog::error("data loss reported to a client: {}", status.ToString());
      return Passed(grpc::StatusCode::DATA_LOSS, status);
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    default:
      return Hidden(status);
  }
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  int code = static_cast<int>(status.error_code());
  if (code < 0 || code > static_cast<int>(absl::StatusCode::kUnauthenticated)) {
    return absl::UnknownError(absl::StrCat("gRPC status ", code, ": ", status.error_message()));
  }
  return absl::Status(static_cast<absl::StatusCode>(code), status.error_message());
}

}  // namespace kumppani::api
