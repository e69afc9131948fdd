// Meeting rules.
#include "ledger/domain/meeting.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"

namespace kumppani::domain {

absl::StatusOr<Events> Decide(const MeetingState& state, const v1::RecordMeeting& c,
                              References& refs, const RuleContext& ctx) {
  constexpr absl::string_view kP = "record_meeting";
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.meeting_id(), "meeting", Field(kP, "meeting_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.held_on(), Field(kP, "held_on"), true));
  KUMPPANI_RETURN_IF_ERROR(NotInFuture(c.held_on(), Field(kP, "held_on"), ctx));
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(c.place(), Field(kP, "place"), false, 500));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.title(), Field(kP, "title"), true));
  if (c.body_id().empty() && c.convener_organisation_ids().empty()) {
    return Invalid(Field(kP, "body_id"),
                   "is required unless convener_organisation_ids names the conveners");
  }
  if (c.participant_count() < 0) {
    return Invalid(Field(kP, "participant_count"),
                   absl::StrCat("must not be negative, got ", c.participant_count()));
  }
  std::set<std::string> sections;
  for (int i = 0; i < c.agenda_size(); ++i) {
    const v1::AgendaItem& item = c.agenda(i);
    std::string field = absl::StrCat(kP, ".agenda[", i, "]");
    KUMPPANI_RETURN_IF_ERROR(ValidatePlain(item.section(), Field(field, "section"), false, 50));
    KUMPPANI_RETURN_IF_ERROR(ValidateText(item.title(), Field(field, "title"), true));
    if (!item.section().empty() && !sections.insert(item.section()).second) {
      return Invalid(Field(field, "section"),
                     absl::StrCat("must be unique within the meeting; \"", item.section(),
                                  "\" appears earlier"));
    }
  }
  if (state.exists) return AlreadyExists(Field(kP, "meeting_id"), "meeting", c.meeting_id());
  if (!c.body_id().empty()) {
    KUMPPANI_ASSIGN_OR_RETURN(BodyState body, refs.Body(c.body_id(), Field(kP, "body_id"), false));
    KUMPPANI_RETURN_IF_ERROR(NotBefore(c.held_on(), body.established.established_on(),
                                       Field(kP, "held_on"), "the body's establishment"));
    if (body.dissolved && !Before(c.held_on(), body.dissolved_on)) {
      return Precondition(absl::StrCat(Field(kP, "held_on"),
                                       ": a dissolved body holds no meetings; \"", c.body_id(),
                                       "\" is dissolved since ", FormatDate(body.dissolved_on),
                                       ", got ", FormatDate(c.held_on())));
    }
  }
  for (int i = 0; i < c.convener_organisation_ids_size(); ++i) {
    KUMPPANI_RETURN_IF_ERROR(refs.Organisation(c.convener_organisation_ids(i),
                                               absl::StrCat(kP, ".convener_organisation_ids[", i, "]"),
                                               false)
                                 .status());
  }
  for (int i = 0; i < c.attendance_size(); ++i) {
    const v1::Attendance& a = c.attendance(i);
    std::string field = absl::StrCat(kP, ".attendance[", i, "]");
    if (a.person_id().empty() && a.organisation_id().empty()) {
      return Invalid(field, "must name a person_id or an organisation_id");
    }
    if (!a.person_id().empty()) {
      // Attendance of an erased person may be backfilled: existence suffices.
      KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(a.person_id(), "person", Field(field, "person_id")));
      KUMPPANI_ASSIGN_OR_RETURN(PersonState person, refs.Load<PersonState>(a.person_id()));
      if (!person.exists) return NotFound(Field(field, "person_id"), "person", a.person_id());
    }
    if (!a.organisation_id().empty()) {
      KUMPPANI_RETURN_IF_ERROR(
          refs.Organisation(a.organisation_id(), Field(field, "organisation_id"), false).status());
    }
  }
  v1::Event event;
  v1::MeetingHeld* e = event.mutable_meeting_held();
  e->set_meeting_id(c.meeting_id());
  e->set_body_id(c.body_id());
  *e->mutable_convener_organisation_ids() = c.convener_organisation_ids();
  *e->mutable_held_on() = c.held_on();
  e->set_place(c.place());
  *e->mutable_title() = c.title();
  *e->mutable_agenda() = c.agenda();
  *e->mutable_attendance() = c.attendance();
  e->set_participant_count(c.participant_count());
  return Events{event};
}

absl::StatusOr<Events> Decide(const MeetingState& state, const v1::ApproveMinutes& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "approve_minutes";
  std::string field = Field(kP, "meeting_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.meeting_id(), "meeting", field));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.approved_on(), Field(kP, "approved_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDocument(c.minutes(), c.has_minutes(), Field(kP, "minutes"), true));
  if (!state.exists) return NotFound(field, "meeting", c.meeting_id());
  if (state.minutes_approved) {
    return Precondition(absl::StrCat(field, ": minutes are approved once; those of \"",
                                     c.meeting_id(), "\" were approved on ",
                                     FormatDate(state.minutes_approved_on)));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.approved_on(), state.held.held_on(),
                                     Field(kP, "approved_on"), "the meeting"));
  v1::Event event;
  v1::MinutesApproved* e = event.mutable_minutes_approved();
  e->set_meeting_id(c.meeting_id());
  *e->mutable_approved_on() = c.approved_on();
  *e->mutable_minutes() = c.minutes();
  return Events{event};
}

}  // namespace kumppani::domain
