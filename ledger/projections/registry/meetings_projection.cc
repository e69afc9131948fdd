// The meetings fold: a meeting is held, its minutes may be approved.
#include "ledger/projections/registry/meetings_projection.h"

#include "kumppani/v1/registry_views.pb.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::projections::registry {
namespace {

class MeetingsProjection final : public Projection {
 public:
  std::string_view name() const override { return kMeetings; }
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override {
    return stream_id.substr(0, kMeetingPrefix.size()) == kMeetingPrefix;
  }

  void Apply(const AppliedEvent& applied, AggregateRows& rows) override {
    const v1::Event& event = applied.event;
    if (event.has_meeting_held()) {
      const v1::MeetingHeld& held = event.meeting_held();
      if (rows.Get(kMainRow).has_value()) return;  // held once
      v1::MeetingView row;
      row.set_meeting_id(rows.stream_id());
      row.set_body_id(held.body_id());
      *row.mutable_convener_organisation_ids() = held.convener_organisation_ids();
      *row.mutable_held_on() = held.held_on();
      row.set_place(held.place());
      if (held.has_title()) *row.mutable_title() = held.title();
      *row.mutable_agenda() = held.agenda();
      *row.mutable_attendance() = held.attendance();
      row.set_participant_count(held.participant_count());
      row.set_attendance_count(held.participant_count() > 0 ? held.participant_count()
                                                            : held.attendance_size());
      PutMessage(rows, kMainRow, row);
      rows.AddIndex(MeetingIndex(kMeetingByDatePrefix, held.held_on()));
      if (!held.body_id().empty()) {
        rows.AddIndex(MeetingIndex(MeetingByBodyPrefix(held.body_id()), held.held_on()));
      }
    } else if (event.has_minutes_approved()) {
      const v1::MinutesApproved& approved = event.minutes_approved();
      if (!rows.Get(kMainRow).has_value() || rows.Get(kMinutesRow).has_value()) return;
      v1::MinutesApproval approval;
      *approval.mutable_approved_on() = approved.approved_on();
      if (approved.has_minutes()) *approval.mutable_minutes() = approved.minutes();
      PutMessage(rows, kMinutesRow, approval);
    }
  }
};

}  // namespace

std::unique_ptr<Projection> MakeMeetingsProjection() {
  return std::make_unique<MeetingsProjection>();
}

}  // namespace kumppani::projections::registry
