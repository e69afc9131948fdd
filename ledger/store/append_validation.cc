// Syntax and limit checks for append requests.
#include "ledger/store/append_validation.h"

#include <unordered_set>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"

namespace kumppani::store {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return IsLower(c) || (c >= 'A' && c <= 'Z'); }

absl::Status Invalid(absl::string_view field, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", rule));
}

absl::Status ValidateOptionalUuid(const std::string& bytes, absl::string_view field) {
  if (bytes.empty()) return absl::OkStatus();
  return EventId::FromBytes(bytes, field).status();
}

absl::Status ValidateEvent(const StoreOptions& options, const std::string& stream_id,
                           EventEnvelope& event, const std::string& prefix,
                           std::unordered_set<std::string>& seen_ids) {
  if (event.position() != 0) {
    return Invalid(absl::StrCat(prefix, ".position"), "is assigned by the ledger and must be 0");
  }
  if (event.stream_version() != 0) {
    return Invalid(absl::StrCat(prefix, ".stream_version"),
                   "is assigned by the ledger and must be 0");
  }
  if (event.has_recorded_at()) {
    return Invalid(absl::StrCat(prefix, ".recorded_at"),
                   "is assigned by the ledger and must be unset");
  }
  if (!event.stream_id().empty() && event.stream_id() != stream_id) {
    return Invalid(absl::StrCat(prefix, ".stream_id"),
                   absl::StrCat("must be empty or equal the request's stream \"", stream_id,
                                "\", got \"", event.stream_id(), "\""));
  }
  event.set_stream_id(stream_id);
  if (!event.event_id().empty()) {
    KUMPPANI_RETURN_IF_ERROR(
        EventId::FromBytes(event.event_id(), absl::StrCat(prefix, ".event_id")).status());
    if (!seen_ids.insert(event.event_id()).second) {
      return Invalid(absl::StrCat(prefix, ".event_id"),
                     "appears more than once in the same append");
    }
  }
  KUMPPANI_RETURN_IF_ERROR(ValidateEventType(event.event_type(), absl::StrCat(prefix, ".event_type")));
  KUMPPANI_RETURN_IF_ERROR(ValidateOptionalUuid(event.metadata().correlation_id(),
                                                absl::StrCat(prefix, ".metadata.correlation_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateOptionalUuid(event.metadata().causation_id(),
                                                absl::StrCat(prefix, ".metadata.causation_id")));
  if (event.has_effective_at()) {
    KUMPPANI_RETURN_IF_ERROR(
        ValidateTimestamp(event.effective_at(), absl::StrCat(prefix, ".effective_at")));
  }
  size_t size = event.ByteSizeLong();
  if (size > options.max_event_bytes) {
    return Invalid(prefix, absl::StrCat("serialized size ", size, " bytes exceeds the limit of ",
                                        options.max_event_bytes, " bytes"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateStreamId(std::string_view stream_id, absl::string_view field) {
  static constexpr absl::string_view kRule =
      "must be a lower-case category, '-', then 1+ of [A-Za-z0-9._:~-] "
      "(e.g. \"org-0155628-9\"), at most 128 bytes";
  if (stream_id.empty() || stream_id.size() > kMaxStreamIdBytes) {
    return Invalid(field, absl::StrCat(kRule, "; got ", stream_id.size(), " bytes"));
  }
  size_t i = 0;
  if (!IsLower(stream_id[0])) return Invalid(field, kRule);
  while (i < stream_id.size() && (IsLower(stream_id[i]) || IsDigit(stream_id[i]) ||
                                  stream_id[i] == '_')) {
    ++i;
  }
  if (i == stream_id.size() || stream_id[i] != '-' || i + 1 == stream_id.size()) {
    return Invalid(field, kRule);
  }
  for (++i; i < stream_id.size(); ++i) {
    char c = stream_id[i];
    if (!(IsAlpha(c) || IsDigit(c) || c == '.' || c == '_' || c == ':' || c == '~' ||
          c == '-')) {
      return Invalid(field, kRule);
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateEventType(std::string_view event_type, absl::string_view field) {
  static constexpr absl::string_view kRule =
      "must match [A-Za-z][A-Za-z0-9_.]* and be at most 128 bytes";
  if (event_type.empty() || event_type.size() > kMaxEventTypeBytes || !IsAlpha(event_type[0])) {
    return Invalid(field, kRule);
  }
  for (char c : event_type) {
    if (!(IsAlpha(c) || IsDigit(c) || c == '_' || c == '.')) return Invalid(field, kRule);
  }
  return absl::OkStatus();
}

absl::Status ValidateTimestamp(const google::protobuf::Timestamp& time, absl::string_view field) {
  if (time.nanos() < 0 || time.nanos() >= 1'000'000'000) {
    return Invalid(absl::StrCat(field, ".nanos"), "must be in [0, 999999999]");
  }
  // google.protobuf.Timestamp's range: beyond it the time could never be
  // rendered as JSON (export, grpcurl, the kumppani client).
  constexpr int64_t kMinTimestampSeconds = -62'135'596'800;  // 0001-01-01T00:00:00Z
  constexpr int64_t kMaxTimestampSeconds = 253'402'300'799;  // 9999-12-31T23:59:59Z
  if (time.seconds() < kMinTimestampSeconds || time.seconds() > kMaxTimestampSeconds) {
    return Invalid(absl::StrCat(field, ".seconds"),
                   absl::StrCat("must be within 0001-01-01..9999-12-31 (", kMinTimestampSeconds,
                                "..", kMaxTimestampSeconds, "), got ", time.seconds()));
  }
  return absl::OkStatus();
}

absl::Status ValidateAppendRequest(const StoreOptions& options, AppendRequest& request) {
  KUMPPANI_RETURN_IF_ERROR(ValidateStreamId(request.stream_id, "stream_id"));
  if (request.events.empty()) return Invalid("events", "must contain at least 1 event");
  if (request.events.size() > options.max_events_per_append) {
    return Invalid("events", absl::StrCat("holds ", request.events.size(),
                                          " events; at most ", options.max_events_per_append,
                                          " are allowed in one append"));
  }
  std::unordered_set<std::string> seen_ids;
  size_t total = 0;
  for (size_t i = 0; i < request.events.size(); ++i) {
    KUMPPANI_RETURN_IF_ERROR(ValidateEvent(options, request.stream_id, request.events[i],
                                           absl::StrCat("events[", i, "]"), seen_ids));
    total += request.events[i].ByteSizeLong();
  }
  if (total > options.max_append_bytes) {
    return Invalid("events", absl::StrCat("total serialized size ", total,
                                          " bytes exceeds the limit of ",
                                          options.max_append_bytes, " bytes per append"));
  }
  bool any_with_id = !request.events.front().event_id().empty();
  for (const EventEnvelope& event : request.events) {
    if (event.event_id().empty() == any_with_id) {
      return Invalid("events[].event_id",
                     "must be given for all events of an append or for none");
    }
  }
  return absl::OkStatus();
}

}  // namespace kumppani::store
