// Resolving a query's known_at — "as the ledger knew it then" — given as a
// log position or as a recorded time, to the position views are taken at.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_KNOWN_AT_H_
#define KUMPPANI_LEDGER_PROJECTIONS_KNOWN_AT_H_

#include <optional>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "ledger/common/ids.h"
#include "ledger/store/event_store.h"

namespace kumppani::projections {

struct KnownAt {
  // The last event known (inclusive).
  std::optional<Position> position;
  // Everything recorded at or before this time.
  std::optional<google::protobuf::Timestamp> time;
};

// The position to read at: the head when neither is given; the given
// position; or the last event recorded at or before the given time
// (Position(0) when none was). INVALID_ARGUMENT when both are given or the
// position is beyond the head.
absl::StatusOr<Position> ResolveKnownAt(const store::EventStore& store, const KnownAt& known_at);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_KNOWN_AT_H_
