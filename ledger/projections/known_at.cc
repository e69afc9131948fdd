// known_at resolution.
#include "ledger/projections/known_at.h"

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/append_validation.h"

namespace kumppani::projections {

absl::StatusOr<Position> ResolveKnownAt(const store::EventStore& store, const KnownAt& known_at) {
  const Position head = store.HeadPosition();
  if (known_at.position.has_value() && known_at.time.has_value()) {
    return absl::InvalidArgumentError(
        "known_at: give a position or a recorded time, not both");
  }
  if (known_at.position.has_value()) {
    if (known_at.position->value() > head.value()) {
      return absl::InvalidArgumentError(absl::StrCat("known_at: position ",
                                                     known_at.position->value(),
                                                     " is beyond the log head ", head.value()));
    }
    return *known_at.position;
  }
  if (known_at.time.has_value()) {
    KUMPPANI_RETURN_IF_ERROR(store::ValidateTimestamp(*known_at.time, "known_at.recorded_time"));
    return store.PositionAtTime(*known_at.time);
  }
  return head;
}

}  // namespace kumppani::projections
