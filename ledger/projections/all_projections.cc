// The projection set: registry, participation and grants read models.
#include "ledger/projections/all_projections.h"

#include "ledger/projections/grants/grant_projections.h"
#include "ledger/projections/participation/participation_projections.h"
#include "ledger/projections/registry/registry_projections.h"

namespace kumppani::projections {

std::vector<std::unique_ptr<Projection>> AllProjections() {
  std::vector<std::unique_ptr<Projection>> all;
  for (auto make : {RegistryProjections, ParticipationProjections, GrantProjections}) {
    for (std::unique_ptr<Projection>& projection : make()) all.push_back(std::move(projection));
  }
  return all;
}

}  // namespace kumppani::projections
