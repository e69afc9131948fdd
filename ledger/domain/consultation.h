// Rules of consultations (stream consultation-…: opened, deadline extended,
// closed, summary published) and of the submissions to them (stream
// submission-…: received, withdrawn).
//
// Lateness: a submission is late when the Finnish civil date of its
// received_at is after the consultation's (current) deadline, or after its
// closing day when it was closed early. A late submission is accepted only
// when the consultation allows late submissions, and is then flagged late.
// Submissions received before the closing may be recorded after it
// (backfilling) and are not late.
#ifndef KUMPPANI_LEDGER_DOMAIN_CONSULTATION_H_
#define KUMPPANI_LEDGER_DOMAIN_CONSULTATION_H_

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/references.h"
#include "ledger/domain/rule_context.h"
#include "ledger/domain/states.h"

namespace kumppani::domain {

absl::StatusOr<Events> Decide(const ConsultationState& state, const v1::OpenConsultation& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const ConsultationState& state,
                              const v1::ExtendConsultationDeadline& c, References& refs,
                              const RuleContext& ctx);
absl::StatusOr<Events> Decide(const ConsultationState& state, const v1::CloseConsultation& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const ConsultationState& state,
                              const v1::PublishConsultationSummary& c, References& refs,
                              const RuleContext& ctx);

absl::StatusOr<Events> Decide(const SubmissionState& state, const v1::ReceiveSubmission& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const SubmissionState& state, const v1::WithdrawSubmission& c,
                              References& refs, const RuleContext& ctx);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_CONSULTATION_H_
