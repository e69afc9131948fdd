// ParticipationViews: the four participation projections' views pinned at
// one position, for queries that join them (a consultation with its
// submissions, a decision with the proposals it cites, the audit queries).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_VIEW_SET_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_VIEW_SET_H_

#include <optional>

#include "absl/status/statusor.h"
#include "ledger/common/ids.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

struct ParticipationViews {
  RowView consultations;
  RowView submissions;
  RowView proposals;
  RowView decisions;

  // Views of all four at `known_at`; by default at the head as the first view
  // sees it, so that the four agree even while appends go on. Errors as
  // ProjectionEngine::View.
  static absl::StatusOr<ParticipationViews> At(const ProjectionEngine& engine,
                                               std::optional<Position> known_at = std::nullopt);
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_VIEW_SET_H_
