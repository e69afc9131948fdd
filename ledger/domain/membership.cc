// Membership call and membership rules.
#include "ledger/domain/membership.h"

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/body.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"

namespace kumppani::domain {
namespace {

absl::Status ValidateChannels(const google::protobuf::RepeatedField<int>& channels,
                              absl::string_view field) {
  if (channels.empty()) return Invalid(field, "must name at least one channel");
  for (int i = 0; i < channels.size(); ++i) {
    if (channels[i] == v1::CHANNEL_UNSPECIFIED) {
      return Invalid(absl::StrCat(field, "[", i, "]"), "must not be CHANNEL_UNSPECIFIED");
    }
  }
  return absl::OkStatus();
}

// The call exists and is open on `on` (within opens_on..closes_on, not closed).
absl::Status RequireOpenCall(const CallState& state, const std::string& call_id,
                             const v1::Date& on, absl::string_view prefix,
                             absl::string_view date_field) {
  std::string field = Field(prefix, "call_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(call_id, "call", field));
  if (!state.exists) return NotFound(field, "membership call", call_id);
  if (state.closed) {
    return Precondition(absl::StrCat("membership call \"", call_id, "\" is closed (closed ",
                                     FormatDate(state.closed_on),
                                     "); applications and nominations need an open call"));
  }
  const v1::MembershipCallOpened& opened = state.opened;
  if (Before(on, opened.opens_on()) || After(on, opened.closes_on())) {
    return Precondition(absl::StrCat(Field(prefix, date_field), ": must be within the call's dates (",
                                     FormatDate(opened.opens_on()), "..",
                                     FormatDate(opened.closes_on()), "), got ", FormatDate(on)));
  }
  return absl::OkStatus();
}

// The membership exists and is active; returns it.
absl::StatusOr<const Membership*> ActiveMembership(const BodyState& state, const std::string& body_id,
                                                   const std::string& membership_id,
                                                   const v1::Date& effective_on,
                                                   absl::string_view prefix) {
  KUMPPANI_RETURN_IF_ERROR(ValidateLocalId(membership_id, Field(prefix, "membership_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(effective_on, Field(prefix, "effective_on"), true));
  std::string field = Field(prefix, "body_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(body_id, "body", field));
  if (!state.exists) return NotFound(field, "body", body_id);
  auto it = state.memberships.find(membership_id);
  if (it == state.memberships.end()) {
    return NotFound(Field(prefix, "membership_id"),
                    absl::StrCat("membership in \"", body_id, "\""), membership_id);
  }
  const Membership& membership = it->second;
  if (!membership.active) {
    return Precondition(absl::StrCat(Field(prefix, "membership_id"),
                                     ": must be an active membership; \"", membership_id,
                                     "\" ended on ", FormatDate(membership.ended_on), " (",
                                     membership.ended_by, ")"));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(effective_on, membership.appointed.term().start(),
                                     Field(prefix, "effective_on"), "the term's start"));
  return &membership;
}

}  // namespace

absl::StatusOr<Events> Decide(const CallState& state, const v1::OpenMembershipCall& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "open_membership_call";
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.call_id(), "call", Field(kP, "call_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.opens_on(), Field(kP, "opens_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.closes_on(), Field(kP, "closes_on"), true));
  if (Before(c.closes_on(), c.opens_on())) {
    return Invalid(Field(kP, "closes_on"), absl::StrCat("must not be before opens_on (",
                                                        FormatDate(c.opens_on()), "), got ",
                                                        FormatDate(c.closes_on())));
  }
  KUMPPANI_RETURN_IF_ERROR(ValidateChannels(c.channels(), Field(kP, "channels")));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.criteria(), Field(kP, "criteria"), true));
  if (c.seats_offered() < 0) {
    return Invalid(Field(kP, "seats_offered"), absl::StrCat("must not be negative, got ", c.seats_offered()));
  }
  if (state.exists) return AlreadyExists(Field(kP, "call_id"), "membership call", c.call_id());
  KUMPPANI_RETURN_IF_ERROR(refs.Body(c.body_id(), Field(kP, "body_id"), true).status());
  v1::Event event;
  v1::MembershipCallOpened* e = event.mutable_membership_call_opened();
  e->set_call_id(c.call_id());
  e->set_body_id(c.body_id());
  *e->mutable_opens_on() = c.opens_on();
  *e->mutable_closes_on() = c.closes_on();
  *e->mutable_channels() = c.channels();
  *e->mutable_criteria() = c.criteria();
  e->set_seats_offered(c.seats_offered());
  return Events{event};
}

absl::StatusOr<Events> Decide(const CallState& state, const v1::CloseMembershipCall& c,
                              References&, const RuleContext&) {
  constexpr absl::string_view kP = "close_membership_call";
  std::string field = Field(kP, "call_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.call_id(), "call", field));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.closed_on(), Field(kP, "closed_on"), true));
  if (!state.exists) return NotFound(field, "membership call", c.call_id());
  if (state.closed) {
    return Precondition(absl::StrCat(field, ": a call is closed once; \"", c.call_id(),
                                     "\" was closed on ", FormatDate(state.closed_on)));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.closed_on(), state.opened.opens_on(),
                                     Field(kP, "closed_on"), "the call's opening"));
  if (c.applications_received() < static_cast<int32_t>(state.entries.size())) {
    return Precondition(absl::StrCat(Field(kP, "applications_received"),
                                     ": must not be fewer than the applications and nominations "
                                     "recorded (", state.entries.size(), "), got ",
                                     c.applications_received()));
  }
  v1::Event event;
  v1::MembershipCallClosed* e = event.mutable_membership_call_closed();
  e->set_call_id(c.call_id());
  *e->mutable_closed_on() = c.closed_on();
  e->set_applications_received(c.applications_received());
  return Events{event};
}

absl::StatusOr<Events> Decide(const CallState& state, const v1::ApplyForMembership& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "apply_for_membership";
  KUMPPANI_RETURN_IF_ERROR(ValidateLocalId(c.application_id(), Field(kP, "application_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.applied_on(), Field(kP, "applied_on"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireOpenCall(state, c.call_id(), c.applied_on(), kP, "applied_on"));
  if (state.entries.contains(c.application_id())) {
    return AlreadyExists(Field(kP, "application_id"), absl::StrCat("entry of \"", c.call_id(), "\""),
                         c.application_id());
  }
  KUMPPANI_RETURN_IF_ERROR(refs.Person(c.person_id(), Field(kP, "person_id")).status());
  if (!c.organisation_id().empty()) {
    KUMPPANI_RETURN_IF_ERROR(
        refs.Organisation(c.organisation_id(), Field(kP, "organisation_id"), false).status());
  }
  v1::Event event;
  v1::MembershipApplied* e = event.mutable_membership_applied();
  e->set_call_id(c.call_id());
  e->set_application_id(c.application_id());
  e->set_person_id(c.person_id());
  e->set_organisation_id(c.organisation_id());
  *e->mutable_applied_on() = c.applied_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const CallState& state, const v1::NominateMember& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "nominate_member";
  KUMPPANI_RETURN_IF_ERROR(ValidateLocalId(c.nomination_id(), Field(kP, "nomination_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateLocalId(c.seat_id(), Field(kP, "seat_id"), false));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.nominated_on(), Field(kP, "nominated_on"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireOpenCall(state, c.call_id(), c.nominated_on(), kP, "nominated_on"));
  if (state.entries.contains(c.nomination_id())) {
    return AlreadyExists(Field(kP, "nomination_id"), absl::StrCat("entry of \"", c.call_id(), "\""),
                         c.nomination_id());
  }
  KUMPPANI_RETURN_IF_ERROR(
      refs.Organisation(c.nominating_organisation_id(), Field(kP, "nominating_organisation_id"), true)
          .status());
  KUMPPANI_RETURN_IF_ERROR(refs.Person(c.person_id(), Field(kP, "person_id")).status());
  if (!c.seat_id().empty()) {
    KUMPPANI_ASSIGN_OR_RETURN(BodyState body, refs.Body(state.opened.body_id(), Field(kP, "call_id"), true));
    if (!body.seats.contains(c.seat_id())) {
      return NotFound(Field(kP, "seat_id"), absl::StrCat("seat of \"", state.opened.body_id(), "\""),
                      c.seat_id());
    }
  }
  v1::Event event;
  v1::MemberNominated* e = event.mutable_member_nominated();
  e->set_call_id(c.call_id());
  e->set_nomination_id(c.nomination_id());
  e->set_nominating_organisation_id(c.nominating_organisation_id());
  e->set_person_id(c.person_id());
  e->set_seat_id(c.seat_id());
  *e->mutable_nominated_on() = c.nominated_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::AppointMember& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "appoint_member";
  KUMPPANI_RETURN_IF_ERROR(ValidateLocalId(c.membership_id(), Field(kP, "membership_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateLocalId(c.seat_id(), Field(kP, "seat_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDateRange(c.term(), Field(kP, "term")));
  KUMPPANI_RETURN_IF_ERROR(ValidateLocalId(c.application_id(), Field(kP, "application_id"), false));
  if (!c.application_id().empty() && c.call_id().empty()) {
    return Invalid(Field(kP, "application_id"), "requires call_id");
  }
  KUMPPANI_RETURN_IF_ERROR(RequireOpenBody(state, c.body_id(), kP));
  if (state.memberships.contains(c.membership_id())) {
    return AlreadyExists(Field(kP, "membership_id"),
                         absl::StrCat("membership in \"", c.body_id(), "\""), c.membership_id());
  }
  auto seat = state.seats.find(c.seat_id());
  if (seat == state.seats.end()) {
    return NotFound(Field(kP, "seat_id"), absl::StrCat("seat of \"", c.body_id(), "\""), c.seat_id());
  }
  if (const Membership* holder = state.HolderOf(c.seat_id()); holder != nullptr) {
    return Precondition(absl::StrCat(Field(kP, "seat_id"), ": a seat has one holder at a time; \"",
                                     c.seat_id(), "\" is filled by ", holder->appointed.person_id(),
                                     " (membership \"", holder->appointed.membership_id(),
                                     "\", term from ", FormatDate(holder->appointed.term().start()),
                                     ")"));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.term().start(), state.established.established_on(),
                                     Field(kP, "term.start"), "the body's establishment"));
  KUMPPANI_RETURN_IF_ERROR(refs.Person(c.person_id(), Field(kP, "person_id")).status());
  if (const Membership* held = state.ActiveMembershipOf(c.person_id()); held != nullptr) {
    return Precondition(absl::StrCat(Field(kP, "person_id"), ": a person holds one seat per body; \"",
                                     c.person_id(), "\" already holds seat \"",
                                     held->appointed.seat_id(), "\" (membership \"",
                                     held->appointed.membership_id(), "\")"));
  }
  bool deputy = seat->second.post == v1::POST_KIND_DEPUTY;
  if (!c.deputy_of_person_id().empty()) {
    if (!deputy) {
      return Invalid(Field(kP, "deputy_of_person_id"),
                     absl::StrCat("is only for deputy seats; seat \"", c.seat_id(), "\" is ",
                                  v1::PostKind_Name(seat->second.post)));
    }
    const Membership* principal = state.ActiveMembershipOf(c.deputy_of_person_id());
    if (principal == nullptr) {
      return Precondition(absl::StrCat(Field(kP, "deputy_of_person_id"),
                                       ": must hold an active seat in \"", c.body_id(), "\"; \"",
                                       c.deputy_of_person_id(), "\" holds none"));
    }
  }
  if (!c.on_behalf_of_organisation_id().empty()) {
    KUMPPANI_RETURN_IF_ERROR(refs.Organisation(c.on_behalf_of_organisation_id(),
                                               Field(kP, "on_behalf_of_organisation_id"), true)
                                 .status());
  }
  KUMPPANI_RETURN_IF_ERROR(
      refs.OptionalDecision(c.appointing_decision_id(), Field(kP, "appointing_decision_id")));
  if (!c.call_id().empty()) {
    KUMPPANI_ASSIGN_OR_RETURN(CallState call, refs.Call(c.call_id(), Field(kP, "call_id")));
    if (call.opened.body_id() != c.body_id()) {
      return Precondition(absl::StrCat(Field(kP, "call_id"), ": must be a call of \"", c.body_id(),
                                       "\"; \"", c.call_id(), "\" is a call of \"",
                                       call.opened.body_id(), "\""));
    }
    if (!c.application_id().empty()) {
      auto entry = call.entries.find(c.application_id());
      if (entry == call.entries.end()) {
        return NotFound(Field(kP, "application_id"),
                        absl::StrCat("application or nomination in \"", c.call_id(), "\""),
                        c.application_id());
      }
      if (entry->second != c.person_id()) {
        return Precondition(absl::StrCat(Field(kP, "application_id"), ": must be the appointee's; \"",
                                         c.application_id(), "\" is for \"", entry->second, "\""));
      }
    }
  }
  v1::Event event;
  v1::MemberAppointed* e = event.mutable_member_appointed();
  e->set_body_id(c.body_id());
  e->set_membership_id(c.membership_id());
  e->set_seat_id(c.seat_id());
  e->set_post(seat->second.post);
  e->set_person_id(c.person_id());
  e->set_on_behalf_of_organisation_id(c.on_behalf_of_organisation_id());
  e->set_deputy_of_person_id(c.deputy_of_person_id());
  *e->mutable_term() = c.term();
  e->set_appointing_decision_id(c.appointing_decision_id());
  e->set_call_id(c.call_id());
  e->set_application_id(c.application_id());
  return Events{event};
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::ResignMember& c, References&,
                              const RuleContext&) {
  KUMPPANI_RETURN_IF_ERROR(
      ActiveMembership(state, c.body_id(), c.membership_id(), c.effective_on(), "resign_member")
          .status());
  v1::Event event;
  v1::MemberResigned* e = event.mutable_member_resigned();
  e->set_body_id(c.body_id());
  e->set_membership_id(c.membership_id());
  *e->mutable_effective_on() = c.effective_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::DismissMember& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "dismiss_member";
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), false));
  KUMPPANI_RETURN_IF_ERROR(
      ActiveMembership(state, c.body_id(), c.membership_id(), c.effective_on(), kP).status());
  KUMPPANI_RETURN_IF_ERROR(refs.OptionalDecision(c.decision_id(), Field(kP, "decision_id")));
  v1::Event event;
  v1::MemberDismissed* e = event.mutable_member_dismissed();
  e->set_body_id(c.body_id());
  e->set_membership_id(c.membership_id());
  *e->mutable_effective_on() = c.effective_on();
  e->set_decision_id(c.decision_id());
  if (c.has_reason()) *e->mutable_reason() = c.reason();
  return Events{event};
}

absl::StatusOr<Events> Decide(const BodyState& state, const v1::EndTerm& c, References&,
                              const RuleContext&) {
  KUMPPANI_RETURN_IF_ERROR(
      ActiveMembership(state, c.body_id(), c.membership_id(), c.effective_on(), "end_term").status());
  v1::Event event;
  v1::MemberTermEnded* e = event.mutable_member_term_ended();
  e->set_body_id(c.body_id());
  e->set_membership_id(c.membership_id());
  *e->mutable_effective_on() = c.effective_on();
  return Events{event};
}

}  // namespace kumppani::domain
