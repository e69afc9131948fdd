// Rules of proposals (stream proposal-…) and decisions (stream decision-…):
// what an input may be, how a decision assesses the inputs it considered,
// revisions of assessments, feedback to submitters, appeals, annulments and
// corrections of a decision's text.
#ifndef KUMPPANI_LEDGER_DOMAIN_DECISION_H_
#define KUMPPANI_LEDGER_DOMAIN_DECISION_H_

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/references.h"
#include "ledger/domain/rule_context.h"
#include "ledger/domain/states.h"

namespace kumppani::domain {

absl::StatusOr<Events> Decide(const ProposalState& state, const v1::MakeProposal& c,
                              References& refs, const RuleContext& ctx);

absl::StatusOr<Events> Decide(const DecisionState& state, const v1::RecordDecision& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const DecisionState& state, const v1::ReviseAssessment& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const DecisionState& state, const v1::SendFeedback& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const DecisionState& state, const v1::AppealDecision& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const DecisionState& state, const v1::AnnulDecision& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const DecisionState& state, const v1::CorrectDecision& c,
                              References& refs, const RuleContext& ctx);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_DECISION_H_
