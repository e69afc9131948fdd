// Body lifecycle and seat rules.
#include "ledger/domain/body.h"

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"

namespace kumppani::domain {

absl::Status RequireOpenBody(const BodyState& state, const std::string& body_id,
                             absl::string_view prefix) {
  std::string field = Field(prefix, "body_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(body_id, "body", field));
  if (!state.exists) return NotFound(field, "body", body_id);
  if (state.dissolved) {
    return Precondition(absl::StrCat(field, ": must not be a dissolved body; \"", body_id,
                                     "\" is dissolved since ", FormatDate(state.dissolved_on)));
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::EstablishBody& c, References& refs,
                              const RuleContext&) {
  constexpr absl::string_view kP = "establish_body";
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.body_id(), "body", Field(kP, "body_id")));
  if (c.kind() == v1::BODY_KIND_UNSPECIFIED) return Invalid(Field(kP, "kind"), "is required");
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.name(), Field(kP, "name"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.mandate(), Field(kP, "mandate"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.established_on(), Field(kP, "established_on"), true));
  if (state.exists) return AlreadyExists(Field(kP, "body_id"), "body", c.body_id());
  KUMPPANI_RETURN_IF_ERROR(
      refs.Organisation(c.parent_organisation_id(), Field(kP, "parent_organisation_id"), true)
          .status());
  std::string convener =
      c.convener_organisation_id().empty() ? c.parent_organisation_id() : c.convener_organisation_id();
  if (!c.convener_organisation_id().empty()) {
    KUMPPANI_RETURN_IF_ERROR(
        refs.Organisation(convener, Field(kP, "convener_organisation_id"), true).status());
  }
  KUMPPANI_RETURN_IF_ERROR(
      refs.OptionalDecision(c.establishing_decision_id(), Field(kP, "establishing_decision_id")));
  v1::Event event;
  v1::BodyEstablished* e = event.mutable_body_established();
  e->set_body_id(c.body_id());
  e->set_kind(c.kind());
  *e->mutable_name() = c.name();
  e->set_parent_organisation_id(c.parent_organisation_id());
  e->set_convener_organisation_id(convener);
  *e->mutable_mandate() = c.mandate();
  *e->mutable_established_on() = c.established_on();
  e->set_establishing_decision_id(c.establishing_decision_id());
  return Events{event};
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::ChangeConvener& c, References& refs,
                              const RuleContext&) {
  constexpr absl::string_view kP = "change_convener";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.effective_on(), Field(kP, "effective_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), false));
  KUMPPANI_RETURN_IF_ERROR(RequireOpenBody(state, c.body_id(), kP));
  std::string field = Field(kP, "convener_organisation_id");
  if (c.convener_organisation_id() == state.convener_organisation_id) {
    return Precondition(absl::StrCat(field, ": must differ from the current convener \"",
                                     state.convener_organisation_id, "\""));
  }
  KUMPPANI_RETURN_IF_ERROR(refs.Organisation(c.convener_organisation_id(), field, true).status());
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.effective_on(), state.established.established_on(),
                                     Field(kP, "effective_on"), "the body's establishment"));
  v1::Event event;
  v1::BodyConvenerChanged* e = event.mutable_body_convener_changed();
  e->set_body_id(c.body_id());
  e->set_convener_organisation_id(c.convener_organisation_id());
  e->set_previous_convener_organisation_id(state.convener_organisation_id);
  *e->mutable_effective_on() = c.effective_on();
  if (c.has_reason()) *e->mutable_reason() = c.reason();
  return Events{event};
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::AmendMandate& c, References& refs,
                              const RuleContext&) {
  constexpr absl::string_view kP = "amend_mandate";
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.mandate(), Field(kP, "mandate"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.effective_on(), Field(kP, "effective_on"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireOpenBody(state, c.body_id(), kP));
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.effective_on(), state.established.established_on(),
                                     Field(kP, "effective_on"), "the body's establishment"));
  KUMPPANI_RETURN_IF_ERROR(refs.OptionalDecision(c.decision_id(), Field(kP, "decision_id")));
  v1::Event event;
  v1::BodyMandateAmended* e = event.mutable_body_mandate_amended();
  e->set_body_id(c.body_id());
  *e->mutable_mandate() = c.mandate();
  *e->mutable_effective_on() = c.effective_on();
  e->set_decision_id(c.decision_id());
  return Events{event};
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::DissolveBody& c, References& refs,
                              const RuleContext&) {
  constexpr absl::string_view kP = "dissolve_body";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.effective_on(), Field(kP, "effective_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), false));
  KUMPPANI_RETURN_IF_ERROR(RequireOpenBody(state, c.body_id(), kP));
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.effective_on(), state.established.established_on(),
                                     Field(kP, "effective_on"), "the body's establishment"));
  KUMPPANI_RETURN_IF_ERROR(refs.OptionalDecision(c.decision_id(), Field(kP, "decision_id")));
  Events events;
  for (const auto& [id, membership] : state.memberships) {
    if (!membership.active) continue;
    v1::Event ended;
    v1::MemberTermEnded* e = ended.mutable_member_term_ended();
    e->set_body_id(c.body_id());
    e->set_membership_id(id);
    *e->mutable_effective_on() = c.effective_on();
    events.push_back(std::move(ended));
  }
  v1::Event event;
  v1::BodyDissolved* e = event.mutable_body_dissolved();
  e->set_body_id(c.body_id());
  *e->mutable_effective_on() = c.effective_on();
  e->set_decision_id(c.decision_id());
  if (c.has_reason()) *e->mutable_reason() = c.reason();
  events.push_back(std::move(event));
  return events;
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::ContinueBody& c, References& refs,
                              const RuleContext&) {
  constexpr absl::string_view kP = "continue_body";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.effective_on(), Field(kP, "effective_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireOpenBody(state, c.body_id(), kP));
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.effective_on(), state.established.established_on(),
                                     Field(kP, "effective_on"), "the body's establishment"));
  if (!c.meeting_id().empty()) {
    KUMPPANI_ASSIGN_OR_RETURN(MeetingState meeting,
                              refs.Meeting(c.meeting_id(), Field(kP, "meeting_id")));
    if (meeting.held.body_id() != c.body_id()) {
      return Precondition(absl::StrCat(Field(kP, "meeting_id"), ": must be a meeting of \"",
                                       c.body_id(), "\"; \"", c.meeting_id(),
                                       "\" is a meeting of \"", meeting.held.body_id(), "\""));
    }
  }
  v1::Event event;
  v1::BodyContinued* e = event.mutable_body_continued();
  e->set_body_id(c.body_id());
  *e->mutable_effective_on() = c.effective_on();
  e->set_meeting_id(c.meeting_id());
  *e->mutable_reason() = c.reason();
  return Events{event};
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::AddSeat& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "add_seat";
  KUMPPANI_RETURN_IF_ERROR(ValidateLocalId(c.seat_id(), Field(kP, "seat_id")));
  if (c.post() == v1::POST_KIND_UNSPECIFIED) return Invalid(Field(kP, "post"), "is required");
  bool theme = c.post() == v1::POST_KIND_THEME_SEAT;
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.theme(), Field(kP, "theme"), theme));
  if (!theme && HasText(c.theme())) {
    return Invalid(Field(kP, "theme"), "is only for POST_KIND_THEME_SEAT");
  }
  bool deputy = c.post() == v1::POST_KIND_DEPUTY;
  if (deputy && c.deputy_of_seat_id().empty()) {
    return Invalid(Field(kP, "deputy_of_seat_id"), "is required for POST_KIND_DEPUTY");
  }
  if (!deputy && !c.deputy_of_seat_id().empty()) {
    return Invalid(Field(kP, "deputy_of_seat_id"), "is only for POST_KIND_DEPUTY");
  }
  KUMPPANI_RETURN_IF_ERROR(RequireOpenBody(state, c.body_id(), kP));
  if (state.seats.contains(c.seat_id())) {
    return AlreadyExists(Field(kP, "seat_id"), absl::StrCat("seat of \"", c.body_id(), "\""),
                         c.seat_id());
  }
  if (deputy) {
    auto principal = state.seats.find(c.deputy_of_seat_id());
    if (principal == state.seats.end()) {
      return NotFound(Field(kP, "deputy_of_seat_id"), absl::StrCat("seat of \"", c.body_id(), "\""),
                      c.deputy_of_seat_id());
    }
    if (principal->second.post == v1::POST_KIND_DEPUTY) {
      return Precondition(absl::StrCat(Field(kP, "deputy_of_seat_id"),
                                       ": must not be a deputy seat itself; \"",
                                       c.deputy_of_seat_id(), "\" is a deputy seat"));
    }
  }
  v1::Event event;
  v1::SeatAdded* e = event.mutable_seat_added();
  e->set_body_id(c.body_id());
  e->set_seat_id(c.seat_id());
  e->set_post(c.post());
  if (theme) *e->mutable_theme() = c.theme();
  e->set_deputy_of_seat_id(c.deputy_of_seat_id());
  return Events{event};
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::RemoveSeat& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "remove_seat";
  KUMPPANI_RETURN_IF_ERROR(ValidateLocalId(c.seat_id(), Field(kP, "seat_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.effective_on(), Field(kP, "effective_on"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireOpenBody(state, c.body_id(), kP));
  std::string field = Field(kP, "seat_id");
  if (!state.seats.contains(c.seat_id())) {
    return NotFound(field, absl::StrCat("seat of \"", c.body_id(), "\""), c.seat_id());
  }
  if (const Membership* holder = state.HolderOf(c.seat_id()); holder != nullptr) {
    return Precondition(absl::StrCat(field, ": only a vacant seat can be removed; \"", c.seat_id(),
                                     "\" is held by ", holder->appointed.person_id(),
                                     " (membership \"", holder->appointed.membership_id(), "\")"));
  }
  for (const auto& [id, seat] : state.seats) {
    if (seat.deputy_of_seat_id == c.seat_id()) {
      return Precondition(absl::StrCat(field, ": a seat with a deputy seat cannot be removed; \"",
                                       id, "\" is its deputy seat"));
    }
  }
  v1::Event event;
  v1::SeatRemoved* e = event.mutable_seat_removed();
  e->set_body_id(c.body_id());
  e->set_seat_id(c.seat_id());
  *e->mutable_effective_on() = c.effective_on();
  return Events{event};
}

}  // namespace kumppani::domain
