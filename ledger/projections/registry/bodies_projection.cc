// The bodies fold. Body-level events rewrite the small main row; mandates,
// continuations, seats and memberships each get rows of their own, so a
// membership change never rewrites anything but that membership's row.
#include "ledger/projections/registry/bodies_projection.h"

#include <string>
#include <vector>

#include "kumppani/v1/registry_views.pb.h"
#include "ledger/projections/registry/body_as_of.h"
#include "ledger/projections/registry/effective_dates.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::projections::registry {
namespace {

std::vector<std::string> MembershipIndexKeys(const v1::MembershipView& m) {
  std::vector<std::string> keys;
  keys.push_back(MembershipIndex(MembershipByPersonPrefix(m.person_id()), m.term().start(),
                                 m.membership_id()));
  if (!m.on_behalf_of_organisation_id().empty()) {
    keys.push_back(MembershipIndex(MembershipByOrganisationPrefix(m.on_behalf_of_organisation_id()),
                                   m.term().start(), m.membership_id()));
  }
  keys.push_back(
      MembershipIndex(MembershipByBodyPrefix(m.body_id()), m.term().start(), m.membership_id()));
  return keys;
}

class BodiesProjection final : public Projection {
 public:
  std::string_view name() const override { return kBodies; }
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override {
    return stream_id.substr(0, kBodyPrefix.size()) == kBodyPrefix;
  }

  void Apply(const AppliedEvent& applied, AggregateRows& rows) override {
    const v1::Event& event = applied.event;
    uint64_t version = applied.envelope.stream_version();
    switch (event.payload_case()) {
      case v1::Event::kBodyEstablished:
        Establish(event.body_established(), version, rows);
        break;
      case v1::Event::kBodyConvenerChanged:
      case v1::Event::kBodyDissolved:
        ChangeMain(event, rows);
        break;
      case v1::Event::kBodyMandateAmended: {
        const v1::BodyMandateAmended& amended = event.body_mandate_amended();
        if (!Exists(rows)) return;
        v1::MandateVersion mandate;
        *mandate.mutable_mandate() = amended.mandate();
        *mandate.mutable_effective_on() = amended.effective_on();
        mandate.set_decision_id(amended.decision_id());
        PutMessage(rows, MandateRow(amended.effective_on(), version), mandate);
        break;
      }
      case v1::Event::kBodyContinued: {
        const v1::BodyContinued& continued = event.body_continued();
        if (!Exists(rows)) return;
        v1::BodyContinuation continuation;
        *continuation.mutable_effective_on() = continued.effective_on();
        continuation.set_meeting_id(continued.meeting_id());
        if (continued.has_reason()) *continuation.mutable_reason() = continued.reason();
        PutMessage(rows, ContinuationRow(continued.effective_on(), version), continuation);
        break;
      }
      case v1::Event::kSeatAdded: {
        const v1::SeatAdded& added = event.seat_added();
        if (!Exists(rows)) return;
        // A removed seat's id may be added again; the seat then starts afresh.
        v1::SeatView seat;
        seat.set_seat_id(added.seat_id());
        seat.set_post(added.post());
        if (added.has_theme()) *seat.mutable_theme() = added.theme();
        seat.set_deputy_of_seat_id(added.deputy_of_seat_id());
        PutMessage(rows, SeatRow(added.seat_id()), seat);
        break;
      }
      case v1::Event::kSeatRemoved: {
        const v1::SeatRemoved& removed = event.seat_removed();
        v1::SeatView seat;
        if (!GetMessage(rows, SeatRow(removed.seat_id()), &seat)) return;
        *seat.mutable_removed_on() = removed.effective_on();
        PutMessage(rows, SeatRow(removed.seat_id()), seat);
        break;
      }
      case v1::Event::kMemberAppointed:
        Appoint(event.member_appointed(), rows);
        break;
      case v1::Event::kMemberResigned:
        End(event.member_resigned().membership_id(), v1::MEMBERSHIP_END_RESIGNED,
            event.member_resigned().effective_on(), "", nullptr, rows);
        break;
      case v1::Event::kMemberDismissed: {
        const v1::MemberDismissed& dismissed = event.member_dismissed();
        End(dismissed.membership_id(), v1::MEMBERSHIP_END_DISMISSED, dismissed.effective_on(),
            dismissed.decision_id(), dismissed.has_reason() ? &dismissed.reason() : nullptr, rows);
        break;
      }
      case v1::Event::kMemberTermEnded:
        End(event.member_term_ended().membership_id(), v1::MEMBERSHIP_END_TERM_ENDED,
            event.member_term_ended().effective_on(), "", nullptr, rows);
        break;
      default:
        break;
    }
  }

 private:
  static bool Exists(AggregateRows& rows) { return rows.Get(kMainRow).has_value(); }

  static void Establish(const v1::BodyEstablished& established, uint64_t version,
                        AggregateRows& rows) {
    if (Exists(rows)) return;  // established once; a repeat is ignored
    v1::BodyView row;
    row.set_body_id(rows.stream_id());
    row.set_kind(established.kind());
    *row.mutable_name() = established.name();
    row.set_parent_organisation_id(established.parent_organisation_id());
    *row.mutable_established_on() = established.established_on();
    row.set_establishing_decision_id(established.establishing_decision_id());
    v1::ConvenerPeriod* first = row.add_convener_history();
    first->set_organisation_id(established.convener_organisation_id().empty()
                                   ? established.parent_organisation_id()
                                   : established.convener_organisation_id());
    *first->mutable_effective_on() = established.established_on();
    PutMessage(rows, kMainRow, BodyMainAsOf(row, std::nullopt));

    v1::MandateVersion mandate;
    *mandate.mutable_mandate() = established.mandate();
    *mandate.mutable_effective_on() = established.established_on();
    mandate.set_decision_id(established.establishing_decision_id());
    PutMessage(rows, MandateRow(established.established_on(), version), mandate);
  }

  static void ChangeMain(const v1::Event& event, AggregateRows& rows) {
    v1::BodyView row;
    if (!GetMessage(rows, kMainRow, &row)) return;
    if (event.has_body_convener_changed()) {
      const v1::BodyConvenerChanged& changed = event.body_convener_changed();
      v1::ConvenerPeriod* period = InsertByDate(
          row.mutable_convener_history(), changed.effective_on(),
          [](const v1::ConvenerPeriod& p) -> const v1::Date& { return p.effective_on(); });
      period->set_organisation_id(changed.convener_organisation_id());
      *period->mutable_effective_on() = changed.effective_on();
      if (changed.has_reason()) *period->mutable_reason() = changed.reason();
    } else {
      const v1::BodyDissolved& dissolved = event.body_dissolved();
      if (row.has_dissolved_on()) return;  // dissolved once
      *row.mutable_dissolved_on() = dissolved.effective_on();
      row.set_dissolving_decision_id(dissolved.decision_id());
      if (dissolved.has_reason()) *row.mutable_dissolution_reason() = dissolved.reason();
    }
    PutMessage(rows, kMainRow, BodyMainAsOf(row, std::nullopt));
  }

  static void Appoint(const v1::MemberAppointed& appointed, AggregateRows& rows) {
    if (!Exists(rows)) return;
    std::string row_name = MembershipRow(appointed.membership_id());
    v1::MembershipView previous;
    if (GetMessage(rows, row_name, &previous)) {
      // An id appointed twice (never by the domain): the later one replaces.
      for (const std::string& key : MembershipIndexKeys(previous)) rows.RemoveIndex(key);
    }
    v1::MembershipView m;
    m.set_body_id(rows.stream_id());
    m.set_membership_id(appointed.membership_id());
    m.set_seat_id(appointed.seat_id());
    m.set_post(appointed.post());
    m.set_person_id(appointed.person_id());
    m.set_on_behalf_of_organisation_id(appointed.on_behalf_of_organisation_id());
    m.set_deputy_of_person_id(appointed.deputy_of_person_id());
    *m.mutable_term() = appointed.term();
    m.set_appointing_decision_id(appointed.appointing_decision_id());
    m.set_call_id(appointed.call_id());
    m.set_application_id(appointed.application_id());
    PutMessage(rows, row_name, m);
    for (const std::string& key : MembershipIndexKeys(m)) rows.AddIndex(key);
  }

  static void End(const std::string& membership_id, v1::MembershipEnd how, const v1::Date& on,
                  const std::string& decision_id, const v1::LocalizedText* reason,
                  AggregateRows& rows) {
    std::string row_name = MembershipRow(membership_id);
    v1::MembershipView m;
    if (!GetMessage(rows, row_name, &m) || m.end() != v1::MEMBERSHIP_END_UNSPECIFIED) return;
    m.set_end(how);
    *m.mutable_ended_on() = on;
    m.set_ending_decision_id(decision_id);
    if (reason != nullptr) *m.mutable_end_reason() = *reason;
    PutMessage(rows, row_name, m);
  }
};

}  // namespace

std::unique_ptr<Projection> MakeBodiesProjection() { return std::make_unique<BodiesProjection>(); }

}  // namespace kumppani::projections::registry
