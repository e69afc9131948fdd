// The registry projection set.
#include "ledger/projections/registry/registry_projections.h"

#include "ledger/projections/registry/bodies_projection.h"
#include "ledger/projections/registry/calls_projection.h"
#include "ledger/projections/registry/meetings_projection.h"
#include "ledger/projections/registry/organisations_projection.h"
#include "ledger/projections/registry/persons_projection.h"

namespace kumppani::projections {

std::vector<std::unique_ptr<Projection>> RegistryProjections() {
  std::vector<std::unique_ptr<Projection>> projections;
  projections.push_back(registry::MakeOrganisationsProjection());
  projections.push_back(registry::MakePersonsProjection());
  projections.push_back(registry::MakeBodiesProjection());
  projections.push_back(registry::MakeCallsProjection());
  projections.push_back(registry::MakeMeetingsProjection());
  return projections;
}

}  // namespace kumppani::projections
