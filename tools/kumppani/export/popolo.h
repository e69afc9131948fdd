// Popolo JSON (https://www.popoloproject.com/specs/) from the registry's
// views: organisations and cooperation bodies as Popolo organizations,
// seats as posts, memberships (person, body, represented organisation,
// post, term) and meetings as events. Persons appear only as their
// pseudonymous ids: the registry views carry no names (docs/api.md,
// "Privacy: persons are pseudonyms here"), and so neither does the export.
//
// The document is {"meta", "persons", "organizations", "posts",
// "memberships", "events"} (the layout EveryPolitician and other Popolo
// publishers use); docs/exports.md maps every field. Pure and deterministic.
#ifndef KUMPPANI_TOOLS_KUMPPANI_EXPORT_POPOLO_H_
#define KUMPPANI_TOOLS_KUMPPANI_EXPORT_POPOLO_H_

#include <string>
#include <vector>

#include "kumppani/v1/registry_views.pb.h"
#include "tools/kumppani/export/export_common.h"
#include "tools/kumppani/export/json.h"

namespace kumppani::exports {

// What a Popolo export holds, all read at one position. The converter
// exports exactly what it is given (selection by region is the gatherer's,
// see region.h), sorting organisations and bodies by id.
struct PopoloInput {
  // Organisations (GetOrganisation / ListOrganisations views).
  std::vector<kumppani::v1::OrganisationView> organisations;
  // Bodies as GetBody shows them (with seats).
  std::vector<kumppani::v1::BodyView> bodies;
  // The memberships of those bodies (ListMemberships by body).
  std::vector<kumppani::v1::MembershipView> memberships;
  // Meetings (ListMeetings).
  std::vector<kumppani::v1::MeetingView> meetings;
};

// The memberships as they stood on `as_of` (all of them when unset): those
// whose term began by then, with an end recorded after `as_of` removed
// (they had not ended yet). ListMemberships has no as_of of its own.
std::vector<kumppani::v1::MembershipView> MembershipsAsOf(
    const std::vector<kumppani::v1::MembershipView>& memberships, const kumppani::v1::Date& as_of);

// The Popolo document.
Json PopoloDocument(const PopoloInput& input, const ReadPoint& point);

// One organisation / body as a Popolo organization (for tests).
Json PopoloOrganization(const kumppani::v1::OrganisationView& organisation);
Json PopoloBodyOrganization(const kumppani::v1::BodyView& body);

}  // namespace kumppani::exports

#endif  // KUMPPANI_TOOLS_KUMPPANI_EXPORT_POPOLO_H_
