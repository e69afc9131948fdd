// Rules of the meeting aggregate (stream meeting-…): a meeting held by a
// body (or an open event convened by organisations), and the approval of its
// minutes.
#ifndef KUMPPANI_LEDGER_DOMAIN_MEETING_H_
#define KUMPPANI_LEDGER_DOMAIN_MEETING_H_

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/references.h"
#include "ledger/domain/rule_context.h"
#include "ledger/domain/states.h"

namespace kumppani::domain {

absl::StatusOr<Events> Decide(const MeetingState& state, const v1::RecordMeeting& c,
                              References& refs, const RuleContext& ctx);
absl::StatusOr<Events> Decide(const MeetingState& state, const v1::ApproveMinutes& c,
                              References& refs, const RuleContext& ctx);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_MEETING_H_
