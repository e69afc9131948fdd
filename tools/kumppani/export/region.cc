// Selection of an export's registry data by region.
#include "tools/kumppani/export/region.h"

#include <algorithm>

namespace kumppani::exports {

std::set<std::string> RegionOrganisationIds(
    const std::vector<kumppani::v1::OrganisationView>& organisations,
    const std::string& region_organisation_id) {
  std::set<std::string> region = {region_organisation_id};
  // Grow until no organisation's parent newly joins (parents may be listed
  // after their children).
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& organisation : organisations) {
      if (region.count(organisation.parent_organisation_id()) > 0 &&
          region.insert(organisation.organisation_id()).second) {
        grew = true;
      }
    }
  }
  return region;
}

bool BodyInRegion(const kumppani::v1::BodyView& body, const std::set<std::string>& region,
                  const std::string& region_organisation_id) {
  return region_organisation_id.empty() || region.count(body.parent_organisation_id()) > 0;
}

PopoloInput SelectPopolo(const PopoloInput& all, const std::string& region_organisation_id) {
  if (region_organisation_id.empty()) return all;
  const std::set<std::string> region =
      RegionOrganisationIds(all.organisations, region_organisation_id);
  PopoloInput selected;
  std::set<std::string> body_ids;
  std::set<std::string> named = region;
  for (const auto& body : all.bodies) {
    if (!BodyInRegion(body, region, region_organisation_id)) continue;
    selected.bodies.push_back(body);
    body_ids.insert(body.body_id());
    named.insert(body.parent_organisation_id());
    for (const auto& period : body.convener_history()) named.insert(period.organisation_id());
    if (!body.convener_organisation_id().empty()) named.insert(body.convener_organisation_id());
  }
  for (const auto& membership : all.memberships) {
    if (body_ids.count(membership.body_id()) == 0) continue;
    selected.memberships.push_back(membership);
    if (!membership.on_behalf_of_organisation_id().empty()) {
      named.insert(membership.on_behalf_of_organisation_id());
    }
  }
  for (const auto& meeting : all.meetings) {
    bool in_region = body_ids.count(meeting.body_id()) > 0;
    if (meeting.body_id().empty()) {
      for (const auto& convener : meeting.convener_organisation_ids()) {
        if (region.count(convener) > 0) in_region = true;
      }
    }
    if (!in_region) continue;
    selected.meetings.push_back(meeting);
    for (const auto& convener : meeting.convener_organisation_ids()) named.insert(convener);
  }
  for (const auto& organisation : all.organisations) {
    if (named.count(organisation.organisation_id()) > 0) {
      selected.organisations.push_back(organisation);
    }
  }
  return selected;
}

}  // namespace kumppani::exports
