// BodyScope: membership of bodies in an audit query's scope, with parent_of
// answers cached per body.
#include "ledger/projections/participation/body_scope.h"

#include <utility>

namespace kumppani::projections {

BodyScope::BodyScope(std::string region_organisation_id, std::vector<std::string> body_ids,
                     ParentOf parent_of)
    : region_(std::move(region_organisation_id)),
      bodies_(body_ids.begin(), body_ids.end()),
      parent_of_(std::move(parent_of)) {}

bool BodyScope::ContainsBody(std::string_view body_id) {
  if (region_.empty() && bodies_.empty()) return true;
  if (bodies_.contains(body_id)) return true;
  if (region_.empty() || body_id.empty() || !parent_of_) return false;
  auto it = cache_.find(body_id);
  if (it == cache_.end()) {
    std::optional<std::string> parent = parent_of_(body_id);
    it = cache_.emplace(std::string(body_id), parent.has_value() && *parent == region_).first;
  }
  return it->second;
}

bool BodyScope::ContainsConsultation(const v1::ConsultationOpened& opened) {
  if (region_.empty() && bodies_.empty()) return true;
  if (!region_.empty() && opened.organiser_organisation_id() == region_) return true;
  return !opened.body_id().empty() && ContainsBody(opened.body_id());
}

}  // namespace kumppani::projections
