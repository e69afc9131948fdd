// Checks an append request against the store's syntax rules and limits before
// it is queued. Pure: looks at the request only, never at stored state.
#ifndef KUMPPANI_LEDGER_STORE_APPEND_VALIDATION_H_
#define KUMPPANI_LEDGER_STORE_APPEND_VALIDATION_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"
#include "ledger/store/event_store.h"
#include "ledger/store/store_options.h"

namespace kumppani::store {

inline constexpr size_t kMaxStreamIdBytes = 128;
inline constexpr size_t kMaxEventTypeBytes = 128;

// OK when `stream_id` is a lower-case category ([a-z][a-z0-9_]*), a '-', then
// one or more of [A-Za-z0-9._:~-], at most 128 bytes in all, e.g.
// "org-0155628-9" or "decision-phhva:2022-08:112". INVALID_ARGUMENT naming
// `field` otherwise.
absl::Status ValidateStreamId(std::string_view stream_id, absl::string_view field);

// OK when `event_type` matches [A-Za-z][A-Za-z0-9_.]* and is at most 128 bytes.
absl::Status ValidateEventType(std::string_view event_type, absl::string_view field);

// OK when `time` is a valid google.protobuf.Timestamp: nanos in
// [0, 999999999] and seconds within 0001-01-01..9999-12-31 (beyond it a time
// cannot be written as JSON). INVALID_ARGUMENT naming `field`.nanos or
// `field`.seconds otherwise.
absl::Status ValidateTimestamp(const google::protobuf::Timestamp& time, absl::string_view field);

// Validates the whole request: stream id, number of events, each event's
// fields (server-assigned fields unset, ids well formed and distinct) and the
// size limits. Fills in each event's stream_id. INVALID_ARGUMENT naming the
// first offending field, e.g. "events[2].event_id: ...".
absl::Status ValidateAppendRequest(const StoreOptions& options, AppendRequest& request);

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_APPEND_VALIDATION_H_
