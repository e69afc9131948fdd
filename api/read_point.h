// Turning a request's known_at (kumppani.v1.KnownAt) into the log position
// the query reads at. Shared by every query service.
#ifndef KUMPPANI_API_READ_POINT_H_
#define KUMPPANI_API_READ_POINT_H_

#include <optional>

#include "absl/status/statusor.h"
#include "kumppani/v1/read_point.pb.h"
#include "ledger/common/ids.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

// The position to read at: the head when `known_at` is unset (nullptr, or
// neither field set); the given position; or the last event recorded at or
// before the given time (Position(0) when none was). INVALID_ARGUMENT
// "known_at.position: ..." beyond the head.
absl::StatusOr<Position> ResolveReadPoint(const store::EventStore& store,
                                          const v1::KnownAt* known_at);

// The position a paged listing reads at: std::nullopt (the listing's page
// token, or else the head, decides) when `known_at` is unset, else as
// ResolveReadPoint. INVALID_ARGUMENT when both a page token and known_at
// are given, since the token already pins the listing's point.
absl::StatusOr<std::optional<Position>> ListingReadPoint(const store::EventStore& store,
                                                         const v1::KnownAt* known_at,
                                                         bool has_page_token);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_READ_POINT_H_
