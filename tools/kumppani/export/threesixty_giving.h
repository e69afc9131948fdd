// 360Giving JSON (https://standard.threesixtygiving.org/) from the grants
// views: one grant per awarded grant, with the amounts applied for, awarded
// and disbursed (euro cents as exact euro numbers), the award date, the
// planned dates (the usage period as awarded), the recipient and funder
// with org-id.guide identifiers, the programme, and one disbursement
// transaction per instalment. Applications not (or not yet) awarded, and
// rejected ones, are left out. Grants name organisations only: no personal
// data.
//
// The package is {"grants", "version", "title", "description",
// "identifier", "issued", "modified", "publisher", "kumppani"}: issued and
// modified (and each grant's dateModified) are the recorded time of the
// read position, so the same position always gives the same bytes. Pure
// and deterministic; docs/exports.md maps every field.
#ifndef KUMPPANI_TOOLS_KUMPPANI_EXPORT_THREESIXTY_GIVING_H_
#define KUMPPANI_TOOLS_KUMPPANI_EXPORT_THREESIXTY_GIVING_H_

#include <string>
#include <vector>

#include "kumppani/v1/grants_views.pb.h"
#include "kumppani/v1/registry_views.pb.h"
#include "tools/kumppani/export/export_common.h"
#include "tools/kumppani/export/json.h"

namespace kumppani::exports {

// The grants of an export and what they refer to, read at one position.
struct GrantsInput {
  // The grants (ListGrants / GetGrant views), in the order to export.
  std::vector<kumppani::v1::GrantView> grants;
  // The programmes the grants belong to.
  std::vector<kumppani::v1::GrantProgrammeView> programmes;
  // The recipients and funders.
  std::vector<kumppani::v1::OrganisationView> organisations;
  // The command line that made the export, without the read point's flags
  // (stated in the package so that it can be rebuilt).
  std::string command = "kumppani export 360giving";
};

// True when the grant was awarded (on the view's date).
bool IsAwarded(const kumppani::v1::GrantView& grant);

// One grant in 360Giving form; `organisations` and `programmes` are looked
// up by id (a missing one gives its id as the name).
Json ThreeSixtyGivingGrant(const kumppani::v1::GrantView& grant, const GrantsInput& input,
                           const ReadPoint& point);

// The 360Giving package of the awarded grants.
Json ThreeSixtyGivingPackage(const GrantsInput& input, const ReadPoint& point);

}  // namespace kumppani::exports

#endif  // KUMPPANI_TOOLS_KUMPPANI_EXPORT_THREESIXTY_GIVING_H_
