// The participation area's projection set.
#include "ledger/projections/participation/participation_projections.h"

#include "ledger/projections/participation/consultations_projection.h"
#include "ledger/projections/participation/decisions_projection.h"
#include "ledger/projections/participation/proposals_projection.h"
#include "ledger/projections/participation/submissions_projection.h"

namespace kumppani::projections {

std::vector<std::unique_ptr<Projection>> ParticipationProjections() {
  std::vector<std::unique_ptr<Projection>> projections;
  projections.push_back(MakeConsultationsProjection());
  projections.push_back(MakeSubmissionsProjection());
  projections.push_back(MakeProposalsProjection());
  projections.push_back(MakeDecisionsProjection());
  return projections;
}

}  // namespace kumppani::projections
