// Rules of membership: calls for members (stream call-…: opened, closed,
// applications, nominations) and memberships of a body (the body's stream:
// appointed, resigned, dismissed, term ended). Seats and memberships share
// the body's stream so that a seat is filled at most once even under
// concurrent appointments.
#ifndef KUMPPANI_LEDGER_DOMAIN_MEMBERSHIP_H_
#define KUMPPANI_LEDGER_DOMAIN_MEMBERSHIP_H_

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/references.h"
#include "ledger/domain/rule_context.h"
#include "ledger/domain/states.h"

namespace kumppani::domain {

absl::StatusOr<Events> Decide(const CallState& state, const v1::OpenMembershipCall& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const CallState& state, const v1::CloseMembershipCall& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const CallState& state, const v1::ApplyForMembership& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const CallState& state, const v1::NominateMember& c,
                              References& refs, const RuleContext& ctx);

absl::StatusOr<Events> Decide(const BodyState& state, const v1::AppointMember& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const BodyState& state, const v1::ResignMember& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const BodyState& state, const v1::DismissMember& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const BodyState& state, const v1::EndTerm& c, References& refs,
                              const RuleContext& ctx);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_MEMBERSHIP_H_
