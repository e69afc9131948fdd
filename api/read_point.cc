// known_at → read position, through the projections' ResolveKnownAt.
#include "api/read_point.h"

#include "ledger/projections/known_at.h"

namespace kumppani::api {

absl::StatusOr<Position> ResolveReadPoint(const store::EventStore& store,
                                          const v1::KnownAt* known_at) {
  projections::KnownAt point;
  if (known_at != nullptr) {
    switch (known_at->point_case()) {
      case v1::KnownAt::kPosition:
        point.position = Position(known_at->position());
        break;
      case v1::KnownAt::kRecordedTime:
        point.time = known_at->recorded_time();
        break;
      case v1::KnownAt::POINT_NOT_SET:
        break;
    }
  }
  return projections::ResolveKnownAt(store, point);
}

absl::StatusOr<std::optional<Position>> ListingReadPoint(const store::EventStore& store,
                                                         const v1::KnownAt* known_at,
                                                         bool has_page_token) {
  if (known_at == nullptr || known_at->point_case() == v1::KnownAt::POINT_NOT_SET) {
    return std::optional<Position>();
  }
  if (has_page_token) {
    return absl::InvalidArgumentError(
        "known_at: must be unset with a page_token (the token pins the listing's point)");
  }
  absl::StatusOr<Position> position = ResolveReadPoint(store, known_at);
  if (!position.ok()) return position.status();
  return std::optional<Position>(*position);
}

}  // namespace kumppani::api
