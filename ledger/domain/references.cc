// Reference checks: id syntax, existence and state of referenced aggregates.
#include "ledger/domain/references.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"

namespace kumppani::domain {

absl::StatusOr<OrganisationState> References::Organisation(const std::string& id,
                                                           absl::string_view field,
                                                           bool must_be_active) {
  if (absl::Status s = ValidateAggregateId(id, "org", field); !s.ok()) return s;
  absl::StatusOr<OrganisationState> state = Load<OrganisationState>(id);
  if (!state.ok()) return state.status();
  if (!state->exists) return NotFound(field, "organisation", id);
  if (must_be_active && !state->active()) {
    return Precondition(absl::StrCat(field, ": must be an active organisation; \"", id, "\" is ",
                                     state->Describe()));
  }
  return state;
}

absl::StatusOr<PersonState> References::Person(const std::string& id, absl::string_view field) {
  if (absl::Status s = ValidateAggregateId(id, "person", field); !s.ok()) return s;
  absl::StatusOr<PersonState> state = Load<PersonState>(id);
  if (!state.ok()) return state.status();
  if (!state->exists) return NotFound(field, "person", id);
  if (state->erased) {
    return Precondition(absl::StrCat(field, ": must not be an erased person; \"", id,
                                     "\" is erased"));
  }
  return state;
}

absl::StatusOr<BodyState> References::Body(const std::string& id, absl::string_view field,
                                           bool must_be_open) {
  if (absl::Status s = ValidateAggregateId(id, "body", field); !s.ok()) return s;
  absl::StatusOr<BodyState> state = Load<BodyState>(id);
  if (!state.ok()) return state.status();
  if (!state->exists) return NotFound(field, "body", id);
  if (must_be_open && state->dissolved) {
    return Precondition(absl::StrCat(field, ": must not be a dissolved body; \"", id,
                                     "\" is dissolved since ", FormatDate(state->dissolved_on)));
  }
  return state;
}

absl::Status References::OptionalDecision(const std::string& id, absl::string_view field) {
  if (id.empty()) return absl::OkStatus();
  if (absl::Status s = ValidateAggregateId(id, "decision", field); !s.ok()) return s;
  absl::StatusOr<DecisionState> state = Load<DecisionState>(id);
  if (!state.ok()) return state.status();
  if (!state->exists) return NotFound(field, "decision", id);
  return absl::OkStatus();
}

absl::StatusOr<MeetingState> References::Meeting(const std::string& id, absl::string_view field) {
  if (absl::Status s = ValidateAggregateId(id, "meeting", field); !s.ok()) return s;
  absl::StatusOr<MeetingState> state = Load<MeetingState>(id);
  if (!state.ok()) return state.status();
  if (!state->exists) return NotFound(field, "meeting", id);
  return state;
}

absl::StatusOr<CallState> References::Call(const std::string& id, absl::string_view field) {
  if (absl::Status s = ValidateAggregateId(id, "call", field); !s.ok()) return s;
  absl::StatusOr<CallState> state = Load<CallState>(id);
  if (!state.ok()) return state.status();
  if (!state->exists) return NotFound(field, "membership call", id);
  return state;
}

absl::StatusOr<ConsultationState> References::Consultation(const std::string& id,
                                                           absl::string_view field) {
  if (absl::Status s = ValidateAggregateId(id, "consultation", field); !s.ok()) return s;
  absl::StatusOr<ConsultationState> state = Load<ConsultationState>(id);
  if (!state.ok()) return state.status();
  if (!state->exists) return NotFound(field, "consultation", id);
  return state;
}

absl::StatusOr<ProgrammeState> References::Programme(const std::string& id,
                                                     absl::string_view field) {
  if (absl::Status s = ValidateAggregateId(id, "programme", field); !s.ok()) return s;
  absl::StatusOr<ProgrammeState> state = Load<ProgrammeState>(id);
  if (!state.ok()) return state.status();
  if (!state->exists) return NotFound(field, "grant programme", id);
  return state;
}

absl::StatusOr<InputState> References::Input(const std::string& id, absl::string_view field) {
  InputState input;
  auto check = [&](absl::string_view category) {
    return ValidateAggregateId(id, category, field);
  };
  if (absl::StartsWith(id, "submission-")) {
    if (absl::Status s = check("submission"); !s.ok()) return s;
    absl::StatusOr<SubmissionState> state = Load<SubmissionState>(id);
    if (!state.ok()) return state.status();
    if (!state->exists) return NotFound(field, "submission", id);
    if (state->withdrawn) {
      return Precondition(absl::StrCat(field, ": must not be a withdrawn submission; \"", id,
                                       "\" was withdrawn"));
    }
    input.kind = "submission";
    input.dated = HelsinkiDate(state->received.received_at());
  } else if (absl::StartsWith(id, "consultation-")) {
    absl::StatusOr<ConsultationState> state = Consultation(id, field);
    if (!state.ok()) return state.status();
    input.kind = "consultation";
    input.dated = state->opened.opens_on();
  } else if (absl::StartsWith(id, "proposal-")) {
    if (absl::Status s = check("proposal"); !s.ok()) return s;
    absl::StatusOr<ProposalState> state = Load<ProposalState>(id);
    if (!state.ok()) return state.status();
    if (!state->exists) return NotFound(field, "proposal", id);
    input.kind = "proposal";
    input.dated = state->made.proposed_on();
  } else if (absl::StartsWith(id, "meeting-")) {
    absl::StatusOr<MeetingState> state = Meeting(id, field);
    if (!state.ok()) return state.status();
    input.kind = "meeting";
    input.dated = state->held.held_on();
  } else if (absl::StartsWith(id, "decision-")) {
    if (absl::Status s = check("decision"); !s.ok()) return s;
    absl::StatusOr<DecisionState> state = Load<DecisionState>(id);
    if (!state.ok()) return state.status();
    if (!state->exists) return NotFound(field, "decision", id);
    input.kind = "decision";
    input.dated = state->recorded.decided_on();
  } else {
    return Invalid(field, absl::StrCat("must be the id of a submission, consultation, proposal, "
                                       "meeting or decision, got \"", id, "\""));
  }
  return input;
}

}  // namespace kumppani::domain
