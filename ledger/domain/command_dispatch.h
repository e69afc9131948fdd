// Routes a command to its rule: folds the target stream into the state type
// the command works on and calls the matching Decide overload. Pure apart
// from the reads `refs` makes.
#ifndef KUMPPANI_LEDGER_DOMAIN_COMMAND_DISPATCH_H_
#define KUMPPANI_LEDGER_DOMAIN_COMMAND_DISPATCH_H_

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/references.h"
#include "ledger/domain/rule_context.h"
#include "ledger/domain/stream_reader.h"

namespace kumppani::domain {

// The events `command` yields on `target` (its aggregate's stream as read),
// or the rule it breaks. INVALID_ARGUMENT when no command is set.
absl::StatusOr<Events> DecideCommand(const v1::Command& command, const LoadedStream& target,
                                     References& refs, const RuleContext& ctx);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_COMMAND_DISPATCH_H_
