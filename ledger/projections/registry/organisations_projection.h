// The "organisations" projection (streams org-…).
//
// Rows: the main row, a v1::OrganisationView with every name (dated by
// OrganisationRenamed.effective_on) and every merger, dissolution and
// succession, its derived fields as after all of them.
// Index entries (-> the organisation's stream): KindIndex(kind); one
// IdentifierIndex per identifier; PredecessorIndex(X) when the organisation
// merged into X or was succeeded by X.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_ORGANISATIONS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_ORGANISATIONS_PROJECTION_H_

#include <memory>

#include "ledger/projections/projection.h"

namespace kumppani::projections::registry {

std::unique_ptr<Projection> MakeOrganisationsProjection();

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_ORGANISATIONS_PROJECTION_H_
