// Queries of the "bodies" read model: GetBody and Roster.
#include "ledger/projections/registry/body_queries.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "ledger/projections/registry/body_as_of.h"
#include "ledger/projections/registry/effective_dates.h"
#include "ledger/projections/registry/person_queries.h"
#include "ledger/projections/registry/query_support.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::projections {
namespace {

using registry::BodyMainAsOf;

constexpr std::string_view kIdField = "body_id";

absl::StatusOr<v1::BodyView> ReadBody(const RowView& bodies, std::string_view body_id,
                                      const std::optional<v1::Date>& as_of) {
  if (absl::Status s = registry::CheckId(body_id, "body", kIdField); !s.ok()) return s;
  if (absl::Status s = registry::CheckAsOf(as_of); !s.ok()) return s;
  v1::BodyView row;
  if (absl::Status s = registry::ReadMainRow(bodies, body_id, kIdField, "body", &row); !s.ok()) {
    return s;
  }
  return BodyMainAsOf(row, as_of);
}

}  // namespace

absl::StatusOr<v1::BodyView> GetBody(const RowView& bodies, std::string_view body_id,
                                     const std::optional<v1::Date>& as_of) {
  absl::StatusOr<v1::BodyView> body = ReadBody(bodies, body_id, as_of);
  if (!body.ok() || body->status() == v1::BODY_STATUS_NOT_YET_ESTABLISHED) return body;

  std::vector<v1::MandateVersion> mandates;
  if (absl::Status s = registry::ScanMessages(bodies, body_id, registry::kMandateRows, &mandates);
      !s.ok()) {
    return s;
  }
  for (v1::MandateVersion& mandate : mandates) {  // rows are in (day, log) order
    if (!registry::StartedBy(mandate.effective_on(), as_of)) continue;
    *body->mutable_mandate() = mandate.mandate();
    *body->add_mandate_history() = std::move(mandate);
  }

  std::vector<v1::BodyContinuation> continuations;
  if (absl::Status s =
          registry::ScanMessages(bodies, body_id, registry::kContinuationRows, &continuations);
      !s.ok()) {
    return s;
  }
  for (v1::BodyContinuation& continuation : continuations) {
    if (registry::StartedBy(continuation.effective_on(), as_of)) {
      *body->add_continuations() = std::move(continuation);
    }
  }

  std::vector<v1::SeatView> seats;
  if (absl::Status s = registry::ScanMessages(bodies, body_id, registry::kSeatRows, &seats);
      !s.ok()) {
    return s;
  }
  for (v1::SeatView& seat : seats) {
    if (registry::SeatInForce(seat, as_of)) seat.clear_removed_on();
    *body->add_seats() = std::move(seat);
  }
  return body;
}

absl::StatusOr<v1::BodyRoster> Roster(const RowView& bodies, const RowView& persons,
                                      std::string_view body_id,
                                      const std::optional<v1::Date>& as_of) {
  absl::StatusOr<v1::BodyView> body = ReadBody(bodies, body_id, as_of);
  if (!body.ok()) return body.status();
  v1::BodyRoster roster;
  roster.set_body_id(body->body_id());
  if (as_of.has_value()) *roster.mutable_as_of() = *as_of;
  roster.set_status(body->status());
  roster.set_convener_organisation_id(body->convener_organisation_id());
  if (body->status() != v1::BODY_STATUS_ACTIVE) return roster;

  std::vector<v1::SeatView> seats;
  if (absl::Status s = registry::ScanMessages(bodies, body_id, registry::kSeatRows, &seats);
      !s.ok()) {
    return s;
  }
  std::vector<v1::MembershipView> memberships;
  if (absl::Status s =
          registry::ScanMessages(bodies, body_id, registry::kMembershipRows, &memberships);
      !s.ok()) {
    return s;
  }
  // Holders per seat, by term start then membership id.
  std::stable_sort(memberships.begin(), memberships.end(),
                   [](const v1::MembershipView& a, const v1::MembershipView& b) {
                     return registry::Compare(a.term().start(), b.term().start()) < 0;
                   });
  std::map<std::string, std::vector<const v1::MembershipView*>> holders;
  for (const v1::MembershipView& membership : memberships) {
    if (registry::MembershipInForce(membership, as_of)) {
      holders[membership.seat_id()].push_back(&membership);
    }
  }
  for (v1::SeatView& seat : seats) {
    if (!registry::SeatInForce(seat, as_of)) continue;
    seat.clear_removed_on();
    v1::RosterSeat* roster_seat = roster.add_seats();
    for (const v1::MembershipView* membership : holders[seat.seat_id()]) {
      v1::MembershipView* holder = roster_seat->add_holders();
      *holder = registry::MembershipAsOf(*membership, as_of);
      absl::StatusOr<bool> erased = IsErased(persons, holder->person_id());
      if (!erased.ok()) return erased.status();
      holder->set_person_erased(*erased);
    }
    roster_seat->set_vacant(roster_seat->holders().empty());
    if (roster_seat->vacant()) roster.set_vacancies(roster.vacancies() + 1);
    *roster_seat->mutable_seat() = std::move(seat);
  }
  return roster;
}

}  // namespace kumppani::projections
