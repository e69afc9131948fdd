// An organisation as in force on a date, derived from the projection's stored
// row (which keeps every name and change with its effective day).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_ORGANISATION_AS_OF_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_ORGANISATION_AS_OF_H_

#include <optional>

#include "kumppani/v1/registry_views.pb.h"

namespace kumppani::projections::registry {

// `row` limited to what was in force on `as_of`: the name then in force,
// names and changes that took effect on or before it, and the status they
// give (NOT_YET_FOUNDED before founded_on). Without an as_of, every name and
// change counts (the stored row's own derived fields). as_of is echoed.
v1::OrganisationView OrganisationAsOf(const v1::OrganisationView& row,
                                      const std::optional<v1::Date>& as_of);

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_ORGANISATION_AS_OF_H_
