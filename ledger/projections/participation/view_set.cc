// ParticipationViews::At.
#include "ledger/projections/participation/view_set.h"

#include "ledger/projections/participation/participation_keys.h"

namespace kumppani::projections {

absl::StatusOr<ParticipationViews> ParticipationViews::At(const ProjectionEngine& engine,
                                                          std::optional<Position> known_at) {
  absl::StatusOr<RowView> consultations = engine.View(participation::kConsultations, known_at);
  if (!consultations.ok()) return consultations.status();
  Position position = consultations->position();
  absl::StatusOr<RowView> submissions = engine.View(participation::kSubmissions, position);
  if (!submissions.ok()) return submissions.status();
  absl::StatusOr<RowView> proposals = engine.View(participation::kProposals, position);
  if (!proposals.ok()) return proposals.status();
  absl::StatusOr<RowView> decisions = engine.View(participation::kDecisions, position);
  if (!decisions.ok()) return decisions.status();
  return ParticipationViews{*std::move(consultations), *std::move(submissions),
                            *std::move(proposals), *std::move(decisions)};
}

}  // namespace kumppani::projections
