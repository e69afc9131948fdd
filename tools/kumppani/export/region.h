// Which part of the registry an export limited to a region covers. A
// region's organisations are the region and every organisation whose parent
// is one of them (transitively, by parent_organisation_id); its bodies are
// those whose parent organisation is one of them (the rule AuditService
// uses, docs/api.md). Pure functions; no region ("") selects everything.
#ifndef KUMPPANI_TOOLS_KUMPPANI_EXPORT_REGION_H_
#define KUMPPANI_TOOLS_KUMPPANI_EXPORT_REGION_H_

#include <set>
#include <string>
#include <vector>

#include "kumppani/v1/registry_views.pb.h"
#include "tools/kumppani/export/popolo.h"

namespace kumppani::exports {

// The region and its sub-organisations, transitively.
std::set<std::string> RegionOrganisationIds(
    const std::vector<kumppani::v1::OrganisationView>& organisations,
    const std::string& region_organisation_id);

// True when `region_organisation_id` is "" or the body's parent is in
// `region`.
bool BodyInRegion(const kumppani::v1::BodyView& body, const std::set<std::string>& region,
                  const std::string& region_organisation_id);

// The part of `all` that a Popolo export of the region holds: the region's
// bodies, their memberships, the meetings of those bodies and the open
// events convened by the region's organisations, and the organisations that
// any of these name (the region's own, the bodies' parents and conveners,
// the represented organisations, the events' conveners), in id order.
PopoloInput SelectPopolo(const PopoloInput& all, const std::string& region_organisation_id);

}  // namespace kumppani::exports

#endif  // KUMPPANI_TOOLS_KUMPPANI_EXPORT_REGION_H_
