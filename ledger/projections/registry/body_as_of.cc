// Deriving a body's status, convener, seats and memberships on a date.
#include "ledger/projections/registry/body_as_of.h"

#include "ledger/domain/dates.h"
#include "ledger/projections/registry/effective_dates.h"

namespace kumppani::projections::registry {

v1::BodyView BodyMainAsOf(const v1::BodyView& row, const std::optional<v1::Date>& as_of) {
  v1::BodyView view = row;
  view.clear_as_of();
  view.clear_convener_organisation_id();
  view.clear_convener_history();
  if (as_of.has_value()) *view.mutable_as_of() = *as_of;
  for (const v1::ConvenerPeriod& period : row.convener_history()) {
    if (!StartedBy(period.effective_on(), as_of)) continue;
    *view.add_convener_history() = period;
    view.set_convener_organisation_id(period.organisation_id());
  }
  bool dissolved = !NotCeasedBy(row.dissolved_on(), as_of);
  if (!dissolved) {
    view.clear_dissolved_on();
    view.clear_dissolving_decision_id();
    view.clear_dissolution_reason();
  }
  if (as_of.has_value() && Compare(*as_of, row.established_on()) < 0) {
    view.set_status(v1::BODY_STATUS_NOT_YET_ESTABLISHED);
  } else if (dissolved) {
    view.set_status(v1::BODY_STATUS_DISSOLVED);
  } else {
    view.set_status(v1::BODY_STATUS_ACTIVE);
  }
  return view;
}

bool SeatInForce(const v1::SeatView& seat, const std::optional<v1::Date>& as_of) {
  return NotCeasedBy(seat.removed_on(), as_of);
}

bool MembershipInForce(const v1::MembershipView& membership, const std::optional<v1::Date>& as_of) {
  if (!as_of.has_value()) return membership.end() == v1::MEMBERSHIP_END_UNSPECIFIED;
  if (!domain::IsSet(membership.term().start()) || Compare(membership.term().start(), *as_of) > 0) {
    return false;
  }
  return NotEndedBy(membership.term().end(), as_of) &&
         (membership.end() == v1::MEMBERSHIP_END_UNSPECIFIED ||
          NotEndedBy(membership.ended_on(), as_of));
}

v1::MembershipView MembershipAsOf(const v1::MembershipView& membership,
                                  const std::optional<v1::Date>& as_of) {
  v1::MembershipView view = membership;
  if (as_of.has_value() && membership.end() != v1::MEMBERSHIP_END_UNSPECIFIED &&
      Compare(membership.ended_on(), *as_of) > 0) {
    view.clear_end();
    view.clear_ended_on();
    view.clear_ending_decision_id();
    view.clear_end_reason();
  }
  return view;
}

}  // namespace kumppani::projections::registry
