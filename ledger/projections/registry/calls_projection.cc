// The calls fold: a call opens, receives applications and nominations, and
// closes.
#include "ledger/projections/registry/calls_projection.h"

#include "kumppani/v1/registry_views.pb.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::projections::registry {
namespace {

class CallsProjection final : public Projection {
 public:
  std::string_view name() const override { return kCalls; }
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override {
    return stream_id.substr(0, kCallPrefix.size()) == kCallPrefix;
  }

  void Apply(const AppliedEvent& applied, AggregateRows& rows) override {
    const v1::Event& event = applied.event;
    switch (event.payload_case()) {
      case v1::Event::kMembershipCallOpened: {
        const v1::MembershipCallOpened& opened = event.membership_call_opened();
        if (rows.Get(kMainRow).has_value()) return;  // opened once
        v1::CallView row;
        row.set_call_id(rows.stream_id());
        row.set_body_id(opened.body_id());
        *row.mutable_opens_on() = opened.opens_on();
        *row.mutable_closes_on() = opened.closes_on();
        *row.mutable_channels() = opened.channels();
        if (opened.has_criteria()) *row.mutable_criteria() = opened.criteria();
        row.set_seats_offered(opened.seats_offered());
        PutMessage(rows, kMainRow, row);
        rows.AddIndex(CallByBodyIndex(opened.body_id(), opened.opens_on()));
        break;
      }
      case v1::Event::kMembershipCallClosed: {
        const v1::MembershipCallClosed& closed = event.membership_call_closed();
        v1::CallView row;
        if (!GetMessage(rows, kMainRow, &row) || row.closed()) return;
        row.set_closed(true);
        *row.mutable_closed_on() = closed.closed_on();
        row.set_applications_received(closed.applications_received());
        PutMessage(rows, kMainRow, row);
        break;
      }
      case v1::Event::kMembershipApplied: {
        const v1::MembershipApplied& applied_for = event.membership_applied();
        if (!rows.Get(kMainRow).has_value()) return;
        v1::CallEntry entry;
        entry.set_entry_id(applied_for.application_id());
        entry.set_kind(v1::CALL_ENTRY_KIND_APPLICATION);
        entry.set_person_id(applied_for.person_id());
        entry.set_organisation_id(applied_for.organisation_id());
        *entry.mutable_entered_on() = applied_for.applied_on();
        PutMessage(rows, CallEntryRow(entry.entry_id()), entry);
        break;
      }
      case v1::Event::kMemberNominated: {
        const v1::MemberNominated& nominated = event.member_nominated();
        if (!rows.Get(kMainRow).has_value()) return;
        v1::CallEntry entry;
        entry.set_entry_id(nominated.nomination_id());
        entry.set_kind(v1::CALL_ENTRY_KIND_NOMINATION);
        entry.set_person_id(nominated.person_id());
        entry.set_organisation_id(nominated.nominating_organisation_id());
        entry.set_seat_id(nominated.seat_id());
        *entry.mutable_entered_on() = nominated.nominated_on();
        PutMessage(rows, CallEntryRow(entry.entry_id()), entry);
        break;
      }
      default:
        break;
    }
  }
};

}  // namespace

std::unique_ptr<Projection> MakeCallsProjection() { return std::make_unique<CallsProjection>(); }

}  // namespace kumppani::projections::registry
