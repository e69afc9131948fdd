// The "persons" projection (streams person-…): pseudonymous existence and
// erasure only. PersonRegistered carries nothing but ciphertext, and none of
// it is copied: the read model holds no personal data, encrypted or not.
//
// Rows: the main row, a v1::PersonView. No index entries.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_PERSONS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_PERSONS_PROJECTION_H_

#include <memory>

#include "ledger/projections/projection.h"

namespace kumppani::projections::registry {

// What PersonView.display shows for an erased person.
inline constexpr std::string_view kErasedDisplay = "erased";

std::unique_ptr<Projection> MakePersonsProjection();

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_PERSONS_PROJECTION_H_
