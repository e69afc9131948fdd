// RegistryParentOf: a body's parent organisation from its main row in
// "bodies", then the organisation's parents from "organisations" until the
// region is met.
#include "ledger/audit/registry_parent_of.h"

#include <set>
#include <utility>

#include "absl/status/statusor.h"
#include "kumppani/v1/registry_views.pb.h"
#include "ledger/domain/validation.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::audit {

namespace registry = ::kumppani::projections::registry;

absl::Status CheckOrganisationExists(const projections::RowView& organisations,
                                     std::string_view organisation_id, std::string_view field) {
  absl::string_view id(organisation_id.data(), organisation_id.size());
  absl::string_view field_name(field.data(), field.size());
  if (absl::Status valid = domain::ValidateAggregateId(id, "org", field_name); !valid.ok()) {
    return valid;
  }
  absl::StatusOr<std::optional<std::string>> row =
      organisations.Get(organisation_id, registry::kMainRow);
  if (!row.ok()) return row.status();
  if (!row->has_value()) return domain::NotFound(field_name, "organisation", id);
  return absl::OkStatus();
}

RegistryParentOf::RegistryParentOf(projections::RowView bodies, projections::RowView organisations,
                                   std::string region_organisation_id)
    : bodies_(std::move(bodies)),
      organisations_(std::move(organisations)),
      region_(std::move(region_organisation_id)) {}

std::optional<std::string> RegistryParentOf::ParentOf(std::string_view body_id) {
  auto cached = bodies_cache_.find(body_id);
  if (cached != bodies_cache_.end()) return cached->second;
  std::optional<std::string> answer;
  v1::BodyView body;
  absl::StatusOr<bool> found = bodies_.GetMessage(body_id, registry::kMainRow, &body);
  if (!found.ok()) {
    if (status_.ok()) status_ = found.status();
    return std::nullopt;  // not cached: the query fails anyway
  }
  if (*found) {
    answer = body.parent_organisation_id();
    if (!region_.empty()) {
      std::set<std::string> seen;
      std::string organisation = body.parent_organisation_id();
      for (int depth = 0; depth <= kMaxDepth && !organisation.empty(); ++depth) {
        if (organisation == region_) {
          answer = region_;
          break;
        }
        if (!seen.insert(organisation).second) break;  // a cycle in the data
        organisation = OrganisationParent(organisation);
      }
    }
  }
  bodies_cache_.emplace(std::string(body_id), answer);
  return answer;
}

std::string RegistryParentOf::OrganisationParent(const std::string& organisation_id) {
  auto cached = organisations_cache_.find(organisation_id);
  if (cached != organisations_cache_.end()) return cached->second;
  v1::OrganisationView organisation;
  absl::StatusOr<bool> found =
      organisations_.GetMessage(organisation_id, registry::kMainRow, &organisation);
  if (!found.ok()) {
    if (status_.ok()) status_ = found.status();
    return "";
  }
  std::string parent = *found ? organisation.parent_organisation_id() : "";
  organisations_cache_.emplace(organisation_id, parent);
  return parent;
}

}  // namespace kumppani::audit
