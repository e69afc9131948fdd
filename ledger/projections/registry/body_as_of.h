// A body, its seats and its memberships as in force on a date, derived from
// the "bodies" projection's stored rows.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODY_AS_OF_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODY_AS_OF_H_

#include <optional>

#include "kumppani/v1/registry_views.pb.h"

namespace kumppani::projections::registry {

// The main row limited to `as_of`: status (NOT_YET_ESTABLISHED before the
// establishment day, DISSOLVED from the dissolution day), the convener then
// in force and the convener periods begun by then; dissolution fields only
// when dissolved by then. Without an as_of, everything recorded counts.
// as_of is echoed.
v1::BodyView BodyMainAsOf(const v1::BodyView& row, const std::optional<v1::Date>& as_of);

// True when the seat exists on `as_of`: not removed on or before it (without
// an as_of: not removed at all). SeatAdded has no date, so a seat counts from
// the body's establishment.
bool SeatInForce(const v1::SeatView& seat, const std::optional<v1::Date>& as_of);

// True when the membership holds its seat on `as_of`: the term has started,
// and neither the term's end nor a recorded end (resignation, dismissal,
// end of term) is before it. Without an as_of: no end has been recorded.
bool MembershipInForce(const v1::MembershipView& membership, const std::optional<v1::Date>& as_of);

// `membership` without an end recorded after `as_of` (as it stood then).
v1::MembershipView MembershipAsOf(const v1::MembershipView& membership,
                                  const std::optional<v1::Date>& as_of);

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODY_AS_OF_H_
