// The grants area's projection set (see grant_projections.h).
#include "ledger/projections/grants/grant_projections.h"

#include "ledger/projections/grants/grant_programmes_projection.h"
#include "ledger/projections/grants/grants_projection.h"

namespace kumppani::projections {

std::vector<std::unique_ptr<Projection>> GrantProjections() {
  std::vector<std::unique_ptr<Projection>> projections;
  projections.push_back(std::make_unique<GrantProgrammesProjection>());
  projections.push_back(std::make_unique<GrantsProjection>());
  return projections;
}

}  // namespace kumppani::projections
