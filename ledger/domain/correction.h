// Rules of corrections and retractions: an event is never edited; a later
// EventCorrected (carrying the corrected event in full) or EventRetracted in
// the same stream supersedes it. Readers fold the effective events (see
// stream_reader.h).
//
// Checked: the target exists in the stream, is a domain event (not itself a
// correction or retraction) and is not retracted; a replacement has the
// target's type and aggregate id; a stream's first (creating) event cannot be
// retracted, only corrected. The replacement's content is checked for shape
// (it parses as the target's type), not re-run through the rules of the
// command that made the original.
#ifndef KUMPPANI_LEDGER_DOMAIN_CORRECTION_H_
#define KUMPPANI_LEDGER_DOMAIN_CORRECTION_H_

#include "absl/status/statusor.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/rule_context.h"
#include "ledger/domain/stream_reader.h"

namespace kumppani::domain {

absl::StatusOr<Events> DecideCorrection(const LoadedStream& stream, const v1::CorrectEvent& c,
                                        const RuleContext& ctx);
absl::StatusOr<Events> DecideRetraction(const LoadedStream& stream, const v1::RetractEvent& c,
                                        const RuleContext& ctx);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_CORRECTION_H_
