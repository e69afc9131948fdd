// Proposal and decision rules.
#include "ledger/domain/decision.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"

namespace kumppani::domain {
namespace {

// The input exists and came to be no later than `by` (the citing record's day).
absl::Status RequireInputBefore(References& refs, const std::string& id, const v1::Date& by,
                                absl::string_view by_name, absl::string_view field) {
  KUMPPANI_ASSIGN_OR_RETURN(InputState input, refs.Input(id, field));
  if (After(input.dated, by)) {
    return Precondition(absl::StrCat(field, ": an input must not be dated after the record citing "
                                            "it; ", input.kind, " \"", id, "\" is dated ",
                                     FormatDate(input.dated), ", after ", by_name, " ",
                                     FormatDate(by)));
  }
  return absl::OkStatus();
}

absl::Status ValidateConsidered(const v1::ConsideredInput& input, absl::string_view field) {
  if (input.input_id().empty()) return Invalid(Field(field, "input_id"), "is required");
  v1::InfluenceAssessment a = input.assessment();
  if (a == v1::INFLUENCE_ASSESSMENT_UNSPECIFIED) {
    return Invalid(Field(field, "assessment"), "is required");
  }
  bool needs_rationale = a == v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED ||
                         a == v1::INFLUENCE_ASSESSMENT_NOT_ADOPTED ||
                         a == v1::INFLUENCE_ASSESSMENT_OUT_OF_SCOPE;
  if (needs_rationale && !HasText(input.rationale())) {
    return Invalid(Field(field, "rationale"),
                   absl::StrCat("is required when the assessment is ",
                                v1::InfluenceAssessment_Name(a)));
  }
  KUMPPANI_RETURN_IF_ERROR(ValidateText(input.rationale(), Field(field, "rationale"), false));
  bool adopted = a == v1::INFLUENCE_ASSESSMENT_ADOPTED || a == v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED;
  if (!adopted && !input.changed_section().empty()) {
    return Invalid(Field(field, "changed_section"),
                   absl::StrCat("is only for ADOPTED and PARTLY_ADOPTED inputs, not ",
                                v1::InfluenceAssessment_Name(a)));
  }
  return ValidatePlain(input.changed_section(), Field(field, "changed_section"), false, 200);
}

absl::Status RequireDecision(const DecisionState& state, const std::string& id,
                             absl::string_view prefix, bool must_not_be_annulled) {
  std::string field = Field(prefix, "decision_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(id, "decision", field));
  if (!state.exists) return NotFound(field, "decision", id);
  if (must_not_be_annulled && state.annulled) {
    return Precondition(absl::StrCat(field, ": must not be an annulled decision; \"", id,
                                     "\" was annulled on ", FormatDate(state.annulled_on)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Events> Decide(const ProposalState& state, const v1::MakeProposal& c,
                              References& refs, const RuleContext& ctx) {
  constexpr absl::string_view kP = "make_proposal";
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.proposal_id(), "proposal", Field(kP, "proposal_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(c.section(), Field(kP, "section"), false, 50));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.proposed_on(), Field(kP, "proposed_on"), true));
  KUMPPANI_RETURN_IF_ERROR(NotInFuture(c.proposed_on(), Field(kP, "proposed_on"), ctx));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.title(), Field(kP, "title"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.text(), Field(kP, "text"), false));
  if (c.from_body_id() == c.to_body_id()) {
    return Invalid(Field(kP, "to_body_id"), "must differ from from_body_id");
  }
  if (state.exists) return AlreadyExists(Field(kP, "proposal_id"), "proposal", c.proposal_id());
  KUMPPANI_RETURN_IF_ERROR(refs.Body(c.from_body_id(), Field(kP, "from_body_id"), true).status());
  KUMPPANI_RETURN_IF_ERROR(refs.Body(c.to_body_id(), Field(kP, "to_body_id"), true).status());
  if (!c.meeting_id().empty()) {
    KUMPPANI_ASSIGN_OR_RETURN(MeetingState meeting, refs.Meeting(c.meeting_id(), Field(kP, "meeting_id")));
    if (meeting.held.body_id() != c.from_body_id()) {
      return Precondition(absl::StrCat(Field(kP, "meeting_id"), ": must be a meeting of \"",
                                       c.from_body_id(), "\"; \"", c.meeting_id(),
                                       "\" is a meeting of \"", meeting.held.body_id(), "\""));
    }
  }
  std::set<std::string> seen;
  for (int i = 0; i < c.input_ids_size(); ++i) {
    std::string field = absl::StrCat(kP, ".input_ids[", i, "]");
    if (!seen.insert(c.input_ids(i)).second) {
      return Invalid(field, absl::StrCat("cites \"", c.input_ids(i), "\" a second time"));
    }
    KUMPPANI_RETURN_IF_ERROR(RequireInputBefore(refs, c.input_ids(i), c.proposed_on(), "proposed_on", field));
  }
  v1::Event event;
  v1::ProposalMade* e = event.mutable_proposal_made();
  e->set_proposal_id(c.proposal_id());
  e->set_from_body_id(c.from_body_id());
  e->set_to_body_id(c.to_body_id());
  e->set_meeting_id(c.meeting_id());
  e->set_section(c.section());
  *e->mutable_proposed_on() = c.proposed_on();
  *e->mutable_title() = c.title();
  if (c.has_text()) *e->mutable_text() = c.text();
  *e->mutable_input_ids() = c.input_ids();
  e->set_unanimous(c.unanimous());
  return Events{event};
}

absl::StatusOr<Events> Decide(const DecisionState& state, const v1::RecordDecision& c,
                              References& refs, const RuleContext& ctx) {
  constexpr absl::string_view kP = "record_decision";
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.decision_id(), "decision", Field(kP, "decision_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(c.section(), Field(kP, "section"), false, 50));
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(c.diary_number(), Field(kP, "diary_number"), false, 100));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.decided_on(), Field(kP, "decided_on"), true));
  KUMPPANI_RETURN_IF_ERROR(NotInFuture(c.decided_on(), Field(kP, "decided_on"), ctx));
  if (c.outcome() == v1::DECISION_OUTCOME_UNSPECIFIED) return Invalid(Field(kP, "outcome"), "is required");
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.title(), Field(kP, "title"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.text(), Field(kP, "text"), false));
  std::set<std::string> seen;
  for (int i = 0; i < c.considered_inputs_size(); ++i) {
    std::string field = absl::StrCat(kP, ".considered_inputs[", i, "]");
    KUMPPANI_RETURN_IF_ERROR(ValidateConsidered(c.considered_inputs(i), field));
    if (!seen.insert(c.considered_inputs(i).input_id()).second) {
      return Invalid(Field(field, "input_id"),
                     absl::StrCat("cites \"", c.considered_inputs(i).input_id(), "\" a second time"));
    }
  }
  if (state.exists) return AlreadyExists(Field(kP, "decision_id"), "decision", c.decision_id());
  KUMPPANI_RETURN_IF_ERROR(refs.Body(c.body_id(), Field(kP, "body_id"), true).status());
  if (!c.meeting_id().empty()) {
    KUMPPANI_ASSIGN_OR_RETURN(MeetingState meeting, refs.Meeting(c.meeting_id(), Field(kP, "meeting_id")));
    if (meeting.held.body_id() != c.body_id()) {
      return Precondition(absl::StrCat(Field(kP, "meeting_id"), ": must be a meeting of \"",
                                       c.body_id(), "\"; \"", c.meeting_id(),
                                       "\" is a meeting of \"", meeting.held.body_id(), "\""));
    }
    if (CompareDates(meeting.held.held_on(), c.decided_on()) != 0) {
      return Precondition(absl::StrCat(Field(kP, "decided_on"), ": must be the day of meeting \"",
                                       c.meeting_id(), "\" (", FormatDate(meeting.held.held_on()),
                                       "), got ", FormatDate(c.decided_on())));
    }
  }
  for (int i = 0; i < c.considered_inputs_size(); ++i) {
    std::string field = absl::StrCat(kP, ".considered_inputs[", i, "].input_id");
    KUMPPANI_RETURN_IF_ERROR(RequireInputBefore(refs, c.considered_inputs(i).input_id(),
                                                c.decided_on(), "decided_on", field));
  }
  v1::Event event;
  v1::DecisionRecorded* e = event.mutable_decision_recorded();
  e->set_decision_id(c.decision_id());
  e->set_body_id(c.body_id());
  e->set_meeting_id(c.meeting_id());
  e->set_section(c.section());
  e->set_diary_number(c.diary_number());
  *e->mutable_decided_on() = c.decided_on();
  e->set_outcome(c.outcome());
  *e->mutable_title() = c.title();
  if (c.has_text()) *e->mutable_text() = c.text();
  *e->mutable_considered_inputs() = c.considered_inputs();
  return Events{event};
}

absl::StatusOr<Events> Decide(const DecisionState& state, const v1::ReviseAssessment& c,
                              References&, const RuleContext&) {
  constexpr absl::string_view kP = "revise_assessment";
  KUMPPANI_RETURN_IF_ERROR(ValidateConsidered(c.considered_input(), Field(kP, "considered_input")));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.revised_on(), Field(kP, "revised_on"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireDecision(state, c.decision_id(), kP, true));
  const std::string& input_id = c.considered_input().input_id();
  if (!state.inputs.contains(input_id)) {
    return Precondition(absl::StrCat(Field(kP, "considered_input.input_id"),
                                     ": only a considered input can be reassessed; decision \"",
                                     c.decision_id(), "\" did not consider \"", input_id, "\""));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.revised_on(), state.recorded.decided_on(),
                                     Field(kP, "revised_on"), "the decision"));
  v1::Event event;
  v1::InfluenceAssessmentRevised* e = event.mutable_influence_assessment_revised();
  e->set_decision_id(c.decision_id());
  *e->mutable_considered_input() = c.considered_input();
  *e->mutable_revised_on() = c.revised_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const DecisionState& state, const v1::SendFeedback& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "send_feedback";
  if (c.input_id().empty()) return Invalid(Field(kP, "input_id"), "is required");
  if (c.channel() == v1::CHANNEL_UNSPECIFIED) return Invalid(Field(kP, "channel"), "is required");
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.sent_on(), Field(kP, "sent_on"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireDecision(state, c.decision_id(), kP, false));
  if (!state.inputs.contains(c.input_id())) {
    return Precondition(absl::StrCat(Field(kP, "input_id"),
                                     ": feedback concerns a considered input; decision \"",
                                     c.decision_id(), "\" did not consider \"", c.input_id(), "\""));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.sent_on(), state.recorded.decided_on(), Field(kP, "sent_on"),
                                     "the decision"));
  v1::Event event;
  v1::FeedbackSent* e = event.mutable_feedback_sent();
  e->set_decision_id(c.decision_id());
  e->set_input_id(c.input_id());
  e->set_channel(c.channel());
  *e->mutable_sent_on() = c.sent_on();
  return Events{event};
}

absl::StatusOr<Events> Decide(const DecisionState& state, const v1::AppealDecision& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "appeal_decision";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.appealed_on(), Field(kP, "appealed_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(c.appealed_to(), Field(kP, "appealed_to"), true, 300));
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(c.case_reference(), Field(kP, "case_reference"), false, 100));
  KUMPPANI_RETURN_IF_ERROR(RequireDecision(state, c.decision_id(), kP, true));
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.appealed_on(), state.recorded.decided_on(),
                                     Field(kP, "appealed_on"), "the decision"));
  if (!c.appellant_organisation_id().empty()) {
    KUMPPANI_RETURN_IF_ERROR(refs.Organisation(c.appellant_organisation_id(),
                                               Field(kP, "appellant_organisation_id"), false)
                                 .status());
  }
  v1::Event event;
  v1::DecisionAppealed* e = event.mutable_decision_appealed();
  e->set_decision_id(c.decision_id());
  *e->mutable_appealed_on() = c.appealed_on();
  e->set_appellant_organisation_id(c.appellant_organisation_id());
  e->set_appealed_to(c.appealed_to());
  e->set_case_reference(c.case_reference());
  return Events{event};
}

absl::StatusOr<Events> Decide(const DecisionState& state, const v1::AnnulDecision& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "annul_decision";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.annulled_on(), Field(kP, "annulled_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(c.annulled_by(), Field(kP, "annulled_by"), true, 300));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireDecision(state, c.decision_id(), kP, true));
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.annulled_on(), state.recorded.decided_on(),
                                     Field(kP, "annulled_on"), "the decision"));
  v1::Event event;
  v1::DecisionAnnulled* e = event.mutable_decision_annulled();
  e->set_decision_id(c.decision_id());
  *e->mutable_annulled_on() = c.annulled_on();
  e->set_annulled_by(c.annulled_by());
  *e->mutable_reason() = c.reason();
  return Events{event};
}

absl::StatusOr<Events> Decide(const DecisionState& state, const v1::CorrectDecision& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "correct_decision";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.corrected_on(), Field(kP, "corrected_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.text(), Field(kP, "text"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), true));
  KUMPPANI_RETURN_IF_ERROR(RequireDecision(state, c.decision_id(), kP, true));
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.corrected_on(), state.recorded.decided_on(),
                                     Field(kP, "corrected_on"), "the decision"));
  v1::Event event;
  v1::DecisionCorrected* e = event.mutable_decision_corrected();
  e->set_decision_id(c.decision_id());
  *e->mutable_corrected_on() = c.corrected_on();
  *e->mutable_text() = c.text();
  *e->mutable_reason() = c.reason();
  return Events{event};
}

}  // namespace kumppani::domain
