// Rules of the body aggregate's lifecycle and seats (stream body-…):
// establishment, convener and mandate changes, dissolution and continuation,
// seats added and removed. Memberships live in the same stream; their rules
// are in membership.h.
#ifndef KUMPPANI_LEDGER_DOMAIN_BODY_H_
#define KUMPPANI_LEDGER_DOMAIN_BODY_H_

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/references.h"
#include "ledger/domain/rule_context.h"
#include "ledger/domain/states.h"

namespace kumppani::domain {

absl::StatusOr<Events> Decide(const BodyState& state, const v1::EstablishBody& c, References& refs,
                              const RuleContext& ctx);
absl::StatusOr<Events> Decide(const BodyState& state, const v1::ChangeConvener& c, References& refs,
                              const RuleContext& ctx);
absl::StatusOr<Events> Decide(const BodyState& state, const v1::AmendMandate& c, References& refs,
                              const RuleContext& ctx);
// Yields MemberTermEnded for every active membership, then BodyDissolved.
absl::StatusOr<Events> Decide(const BodyState& state, const v1::DissolveBody& c, References& refs,
                              const RuleContext& ctx);
absl::StatusOr<Events> Decide(const BodyState& state, const v1::ContinueBody& c, References& refs,
                              const RuleContext& ctx);
absl::StatusOr<Events> Decide(const BodyState& state, const v1::AddSeat& c, References& refs,
                              const RuleContext& ctx);
absl::StatusOr<Events> Decide(const BodyState& state, const v1::RemoveSeat& c, References& refs,
                              const RuleContext& ctx);

// The shared check of commands on an existing body: the id is valid, the
// body exists (NOT_FOUND) and is not dissolved (FAILED_PRECONDITION).
absl::Status RequireOpenBody(const BodyState& state, const std::string& body_id,
                             absl::string_view prefix);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_BODY_H_
