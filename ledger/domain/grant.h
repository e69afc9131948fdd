// Rules of grant programmes (stream programme-…) and grants (stream
// grant-…): applied → awarded or rejected; an awarded grant is paid in
// instalments, its usage period extended, reported on, and money returned or
// reclaimed. Amounts are euro cents. Invariants: paid in all never exceeds
// the award; returned plus reclaimed never exceeds what was paid.
#ifndef KUMPPANI_LEDGER_DOMAIN_GRANT_H_
#define KUMPPANI_LEDGER_DOMAIN_GRANT_H_

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/references.h"
#include "ledger/domain/rule_context.h"
#include "ledger/domain/states.h"

namespace kumppani::domain {

absl::StatusOr<Events> Decide(const ProgrammeState& state, const v1::OpenGrantProgramme& c,
                              References& refs, const RuleContext& ctx);

absl::StatusOr<Events> Decide(const GrantState& state, const v1::ApplyForGrant& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const GrantState& state, const v1::AwardGrant& c, References& refs,
                              const RuleContext& ctx);
absl::StatusOr<Events> Decide(const GrantState& state, const v1::RejectGrant& c, References& refs,
                              const RuleContext& ctx);
absl::StatusOr<Events> Decide(const GrantState& state, const v1::PayGrant& c, References& refs,
                              const RuleContext& ctx);
absl::StatusOr<Events> Decide(const GrantState& state, const v1::ExtendGrantUsagePeriod& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const GrantState& state, const v1::SubmitGrantReport& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const GrantState& state, const v1::AcceptGrantReport& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const GrantState& state, const v1::ReturnUnusedGrant& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const GrantState& state, const v1::ReclaimGrant& c,
                              References& refs, const RuleContext& ctx);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_GRANT_H_
