// Grant programme and grant rules.
#include "ledger/domain/grant.h"

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"

namespace kumppani::domain {
namespace {

const char* StageName(GrantState::Stage stage) {
  switch (stage) {
    case GrantState::Stage::kApplied: return "applied for, not decided";
    case GrantState::Stage::kAwarded: return "awarded";
    case GrantState::Stage::kRejected: return "rejected";
  }
  return "unknown";
}

absl::Status RequireGrant(const GrantState& state, const std::string& id, absl::string_view prefix) {
  std::string field = Field(prefix, "grant_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(id, "grant", field));
  if (!state.exists) return NotFound(field, "grant", id);
  return absl::OkStatus();
}

absl::Status RequireStage(const GrantState& state, const std::string& id, GrantState::Stage stage,
                          absl::string_view prefix, absl::string_view rule) {
  KUMPPANI_RETURN_IF_ERROR(RequireGrant(state, id, prefix));
  if (state.stage != stage) {
    return Precondition(absl::StrCat(Field(prefix, "grant_id"), ": ", rule, "; grant \"", id,
                                     "\" is ", StageName(state.stage)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Events> Decide(const ProgrammeState& state, const v1::OpenGrantProgramme& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "open_grant_programme";
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.programme_id(), "programme", Field(kP, "programme_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.title(), Field(kP, "title"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidatePositiveCents(c.budget_cents(), Field(kP, "budget_cents")));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.rules(), Field(kP, "rules"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.opens_on(), Field(kP, "opens_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.application_deadline(), Field(kP, "application_deadline"), true));
  if (Before(c.application_deadline(), c.opens_on())) {
    return Invalid(Field(kP, "application_deadline"),
                   absl::StrCat("must not be before opens_on (", FormatDate(c.opens_on()), "), got ",
                                FormatDate(c.application_deadline())));
  }
  if (state.exists) return AlreadyExists(Field(kP, "programme_id"), "grant programme", c.programme_id());
  KUMPPANI_RETURN_IF_ERROR(
      refs.Organisation(c.funder_organisation_id(), Field(kP, "funder_organisation_id"), true).status());
  v1::Event event;
  v1::GrantProgrammeOpened* e = event.mutable_grant_programme_opened();
  e->set_programme_id(c.programme_id());
  e->set_funder_organisation_id(c.funder_organisation_id());
  *e->mutable_title() = c.title();
  e->set_budget_cents(c.budget_cents());
  *e->mutable_rules() = c.rules();
  *e->mutable_opens_on() = c.opens_on();
  *e->mutable_application_deadline() = c.application_deadline();
  return Events{event};
}

absl::StatusOr<Events> Decide(const GrantState& state, const v1::ApplyForGrant& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "apply_for_grant";
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.grant_id(), "grant", Field(kP, "grant_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidatePositiveCents(c.amount_applied_cents(), Field(kP, "amount_applied_cents")));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.purpose(), Field(kP, "purpose"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.applied_on(), Field(kP, "applied_on"), true));
  if (state.exists) return AlreadyExists(Field(kP, "grant_id"), "grant", c.grant_id());
  KUMPPANI_ASSIGN_OR_RETURN(ProgrammeState programme,
                            refs.Programme(c.programme_id(), Field(kP, "programme_id")));
  const v1::GrantProgrammeOpened& p = programme.opened;
  if (Before(c.applied_on(), p.opens_on()) || After(c.applied_on(), p.application_deadline())) {
    return Precondition(absl::StrCat(Field(kP, "applied_on"),
                                     ": must be within the programme's application period (",
                                     FormatDate(p.opens_on()), "..",
                                     FormatDate(p.application_deadline()), "), got ",
                                     FormatDate(c.applied_on())));
  }
  if (c.amount_applied_cents() > p.budget_cents()) {
    return Precondition(absl::StrCat(Field(kP, "amount_applied_cents"),
                                     ": must not exceed the programme's budget (",
                                     FormatCents(p.budget_cents()), "), got ",
                                     FormatCents(c.amount_applied_cents())));
  }
  KUMPPANI_RETURN_IF_ERROR(refs.Organisation(c.applicant_organisation_id(),
                                             Field(kP, "applicant_organisation_id"), true)
                               .status());
  v1::Event event;
  v1::GrantApplied* e = event.mutable_grant_applied();
  e->set_grant_id(c.grant_id());
  e->set_programme_id(c.programme_id());
  e->set_applicant_organisation_id(c.applicant_organisation_id());
  e->set_amount_applied_cents(c.amount_applied_cents());
  *e->mutable_purpose() = c.purpose();
  *e->mutable_applied_on() = c.applied_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const GrantState& state, const v1::AwardGrant& c, References& refs,
                              const RuleContext&) {
  constexpr absl::string_view kP = "award_grant";
  KUMPPANI_RETURN_IF_ERROR(ValidatePositiveCents(c.amount_cents(), Field(kP, "amount_cents")));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.conditions(), Field(kP, "conditions"), false));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.awarded_on(), Field(kP, "awarded_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDateRange(c.usage_period(), Field(kP, "usage_period")));
  if (!IsSet(c.usage_period().end())) return Invalid(Field(kP, "usage_period.end"), "is required");
  KUMPPANI_RETURN_IF_ERROR(RequireStage(state, c.grant_id(), GrantState::Stage::kApplied, kP,
                                        "only an undecided application can be awarded"));
  if (c.amount_cents() > state.applied.amount_applied_cents()) {
    return Precondition(absl::StrCat(Field(kP, "amount_cents"),
                                     ": an award must not exceed the amount applied for (",
                                     FormatCents(state.applied.amount_applied_cents()), "), got ",
                                     FormatCents(c.amount_cents())));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.awarded_on(), state.applied.applied_on(),
                                     Field(kP, "awarded_on"), "the application"));
  KUMPPANI_RETURN_IF_ERROR(refs.OptionalDecision(c.decision_id(), Field(kP, "decision_id")));
  v1::Event event;
  v1::GrantAwarded* e = event.mutable_grant_awarded();
  e->set_grant_id(c.grant_id());
  e->set_amount_cents(c.amount_cents());
  if (c.has_conditions()) *e->mutable_conditions() = c.conditions();
  e->set_decision_id(c.decision_id());
  *e->mutable_awarded_on() = c.awarded_on();
  *e->mutable_usage_period() = c.usage_period();
  return Events{event};
}

absl::StatusOr<Events> Decide(const GrantState& state, const v1::RejectGrant& c, References& refs,
                              const RuleContext&) {
  constexpr absl::string_view kP = "reject_grant";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.rejected_on(), Field(kP, "rejected_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), false));
  KUMPPANI_RETURN_IF_ERROR(RequireStage(state, c.grant_id(), GrantState::Stage::kApplied, kP,
                                        "only an undecided application can be rejected"));
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.rejected_on(), state.applied.applied_on(),
                                     Field(kP, "rejected_on"), "the application"));
  KUMPPANI_RETURN_IF_ERROR(refs.OptionalDecision(c.decision_id(), Field(kP, "decision_id")));
  v1::Event event;
  v1::GrantRejected* e = event.mutable_grant_rejected();
  e->set_grant_id(c.grant_id());
  e->set_decision_id(c.decision_id());
  *e->mutable_rejected_on() = c.rejected_on();
  if (c.has_reason()) *e->mutable_reason() = c.reason();
  return Events{event};
}

absl::StatusOr<Events> Decide(const GrantState& state, const v1::PayGrant& c, References&,
                              const RuleContext& ctx) {
  constexpr absl::string_view kP = "pay_grant";
  KUMPPANI_RETURN_IF_ERROR(ValidatePositiveCents(c.amount_cents(), Field(kP, "amount_cents")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.paid_on(), Field(kP, "paid_on"), true));
  KUMPPANI_RETURN_IF_ERROR(NotInFuture(c.paid_on(), Field(kP, "paid_on"), ctx));
  KUMPPANI_RETURN_IF_ERROR(RequireStage(state, c.grant_id(), GrantState::Stage::kAwarded, kP,
                                        "only an awarded grant can be paid"));
  int64_t award = state.awarded.amount_cents();
  if (c.amount_cents() > award - state.paid_cents) {
    return Precondition(absl::StrCat(Field(kP, "amount_cents"),
                                     ": payments must not exceed the award; awarded ",
                                     FormatCents(award), ", paid so far ",
                                     FormatCents(state.paid_cents), ", this payment ",
                                     FormatCents(c.amount_cents())));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.paid_on(), state.awarded.awarded_on(), Field(kP, "paid_on"),
                                     "the award"));
  v1::Event event;
  v1::GrantPaid* e = event.mutable_grant_paid();
  e->set_grant_id(c.grant_id());
  e->set_instalment(state.instalments + 1);
  e->set_amount_cents(c.amount_cents());
  *e->mutable_paid_on() = c.paid_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const GrantState& state, const v1::ExtendGrantUsagePeriod& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "extend_grant_usage_period";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.usage_ends_on(), Field(kP, "usage_ends_on"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireStage(state, c.grant_id(), GrantState::Stage::kAwarded, kP,
                                        "only an awarded grant has a usage period"));
  if (!After(c.usage_ends_on(), state.usage_ends_on)) {
    return Precondition(absl::StrCat(Field(kP, "usage_ends_on"),
                                     ": an extension must end later than the current usage period (",
                                     FormatDate(state.usage_ends_on), "), got ",
                                     FormatDate(c.usage_ends_on())));
  }
  KUMPPANI_RETURN_IF_ERROR(refs.OptionalDecision(c.decision_id(), Field(kP, "decision_id")));
  v1::Event event;
  v1::GrantUsagePeriodExtended* e = event.mutable_grant_usage_period_extended();
  e->set_grant_id(c.grant_id());
  *e->mutable_usage_ends_on() = c.usage_ends_on();
  *e->mutable_previous_usage_ends_on() = state.usage_ends_on;
  e->set_decision_id(c.decision_id());
  return Events{event};
}

absl::StatusOr<Events> Decide(const GrantState& state, const v1::SubmitGrantReport& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "submit_grant_report";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.submitted_on(), Field(kP, "submitted_on"), true));
  if (c.used_cents() < 0) {
    return Invalid(Field(kP, "used_cents"), absl::StrCat("must not be negative, got ", c.used_cents()));
  }
  KUMPPANI_RETURN_IF_ERROR(ValidateDocument(c.report(), c.has_report(), Field(kP, "report"), false));
  KUMPPANI_RETURN_IF_ERROR(RequireStage(state, c.grant_id(), GrantState::Stage::kAwarded, kP,
                                        "only an awarded grant is reported on"));
  if (state.report_accepted) {
    return Precondition(absl::StrCat(Field(kP, "grant_id"), ": the report of grant \"", c.grant_id(),
                                     "\" is already accepted"));
  }
  if (c.used_cents() > state.paid_cents) {
    return Precondition(absl::StrCat(Field(kP, "used_cents"),
                                     ": must not exceed the amount paid (",
                                     FormatCents(state.paid_cents), "), got ",
                                     FormatCents(c.used_cents())));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.submitted_on(), state.awarded.awarded_on(),
                                     Field(kP, "submitted_on"), "the award"));
  v1::Event event;
  v1::GrantReportSubmitted* e = event.mutable_grant_report_submitted();
  e->set_grant_id(c.grant_id());
  *e->mutable_submitted_on() = c.submitted_on();
  e->set_used_cents(c.used_cents());
  if (c.has_report()) *e->mutable_report() = c.report();
  return Events{event};
}

absl::StatusOr<Events> Decide(const GrantState& state, const v1::AcceptGrantReport& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "accept_grant_report";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.accepted_on(), Field(kP, "accepted_on"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireGrant(state, c.grant_id(), kP));
  if (!state.report_submitted || state.report_accepted) {
    return Precondition(absl::StrCat(Field(kP, "grant_id"),
                                     ": only a submitted, unaccepted report can be accepted; grant \"",
                                     c.grant_id(), "\" has ",
                                     state.report_accepted ? "an accepted report" : "no report"));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.accepted_on(), state.report_submitted_on,
                                     Field(kP, "accepted_on"), "the report"));
  v1::Event event;
  v1::GrantReportAccepted* e = event.mutable_grant_report_accepted();
  e->set_grant_id(c.grant_id());
  *e->mutable_accepted_on() = c.accepted_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const GrantState& state, const v1::ReturnUnusedGrant& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "return_unused_grant";
  KUMPPANI_RETURN_IF_ERROR(ValidatePositiveCents(c.amount_cents(), Field(kP, "amount_cents")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.returned_on(), Field(kP, "returned_on"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireStage(state, c.grant_id(), GrantState::Stage::kAwarded, kP,
                                        "only an awarded grant's money can be returned"));
  if (c.amount_cents() > state.outstanding_cents()) {
    return Precondition(absl::StrCat(Field(kP, "amount_cents"),
                                     ": a return must not exceed what was paid and not yet returned "
                                     "or reclaimed (", FormatCents(state.outstanding_cents()),
                                     "), got ", FormatCents(c.amount_cents())));
  }
  v1::Event event;
  v1::GrantUnusedReturned* e = event.mutable_grant_unused_returned();
  e->set_grant_id(c.grant_id());
  e->set_amount_cents(c.amount_cents());
  *e->mutable_returned_on() = c.returned_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const GrantState& state, const v1::ReclaimGrant& c, References& refs,
                              const RuleContext&) {
  constexpr absl::string_view kP = "reclaim_grant";
  KUMPPANI_RETURN_IF_ERROR(ValidatePositiveCents(c.amount_cents(), Field(kP, "amount_cents")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.reclaimed_on(), Field(kP, "reclaimed_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireStage(state, c.grant_id(), GrantState::Stage::kAwarded, kP,
                                        "only an awarded grant's money can be reclaimed"));
  if (c.amount_cents() > state.outstanding_cents()) {
    return Precondition(absl::StrCat(Field(kP, "amount_cents"),
                                     ": a reclaim must not exceed what was paid and not yet returned "
                                     "or reclaimed (", FormatCents(state.outstanding_cents()),
                                     "), got ", FormatCents(c.amount_cents())));
  }
  KUMPPANI_RETURN_IF_ERROR(refs.OptionalDecision(c.decision_id(), Field(kP, "decision_id")));
  v1::Event event;
  v1::GrantReclaimed* e = event.mutable_grant_reclaimed();
  e->set_grant_id(c.grant_id());
  e->set_amount_cents(c.amount_cents());
  e->set_decision_id(c.decision_id());
  *e->mutable_reclaimed_on() = c.reclaimed_on();
  *e->mutable_reason() = c.reason();
  return Events{event};
}

}  // namespace kumppani::domain
