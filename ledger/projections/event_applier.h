// Applying one stored event to projection tables: decoding it, giving it to
// the projections that want its stream and, for a correction or retraction,
// forgetting the stream's rows and applying its effective events again. The
// same code serves the live path and rebuilds, which is what makes them
// produce identical tables.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_EVENT_APPLIER_H_
#define KUMPPANI_LEDGER_PROJECTIONS_EVENT_APPLIER_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/envelope.pb.h"
#include "ledger/projections/projection.h"
#include "ledger/projections/table_writer.h"

namespace kumppani::projections {

struct ApplyTarget {
  Projection* projection;
  TableWriter* writer;
};

// Every event of `stream_id` with a position <= `through`, in order.
using StreamSource = std::function<absl::StatusOr<std::vector<v1::EventEnvelope>>(
    const std::string& stream_id, uint64_t through)>;

// Applies `envelope` to each target that wants its stream. Events that are
// not domain events, or do not decode, are skipped (a projection is a fold
// of the domain's events; anything else is not its business), and so is a
// correction whose stream cannot be rebuilt. Errors are read failures only.
absl::Status ApplyEvent(const v1::EventEnvelope& envelope, const std::vector<ApplyTarget>& targets,
                        const StreamSource& streams);

// ApplyEvent's second half, for a caller that decoded the envelope's domain
// event itself (domain::DecodeEvent), e.g. on another thread.
absl::Status ApplyDecodedEvent(const v1::EventEnvelope& envelope, const v1::Event& event,
                               const std::vector<ApplyTarget>& targets,
                               const StreamSource& streams);

// True when some target wants events of `stream_id` (only those are worth
// decoding).
bool AnyTargetWants(const std::vector<ApplyTarget>& targets, std::string_view stream_id);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_EVENT_APPLIER_H_
