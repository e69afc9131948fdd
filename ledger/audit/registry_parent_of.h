// The body → organisation join that CoverageStatistics and OutstandingDuties
// take from their caller (projections::ParentOf), built from the registry's
// "bodies" and "organisations" read models, and the check that a region
// names a registered organisation. The participation folds may not read the
// registry, so the audit queries' callers join the two here, at the same
// log position as the participation views.
//
// Thread safety: a RegistryParentOf caches what it read and is used by one
// query on one thread.
#ifndef KUMPPANI_LEDGER_AUDIT_REGISTRY_PARENT_OF_H_
#define KUMPPANI_LEDGER_AUDIT_REGISTRY_PARENT_OF_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "ledger/projections/participation/body_scope.h"
#include "ledger/projections/row_view.h"

namespace kumppani::audit {

// OK when `organisation_id` is a well-formed "org-…" id registered in
// `organisations`; INVALID_ARGUMENT "<field>: ..." for a malformed id,
// NOT_FOUND "<field>: organisation \"<id>\" does not exist" otherwise.
absl::Status CheckOrganisationExists(const projections::RowView& organisations,
                                     std::string_view organisation_id, std::string_view field);

class RegistryParentOf {
 public:
  // The most organisation levels followed upwards from a body's parent.
  static constexpr int kMaxDepth = 16;

  // `bodies` and `organisations`: the registry views, at the position the
  // query reads. `region_organisation_id` may be empty (no region).
  RegistryParentOf(projections::RowView bodies, projections::RowView organisations,
                   std::string region_organisation_id);

  // The organisation `body_id` counts for: the region when the body's
  // parent organisation is the region or one of its sub-organisations
  // (parent_organisation_id, transitively, up to kMaxDepth levels);
  // otherwise the body's parent organisation. nullopt for an unknown body,
  // or when a read failed (see status()).
  std::optional<std::string> ParentOf(std::string_view body_id);

  // The join as the audit queries take it. It refers to this object, which
  // must outlive the query.
  projections::ParentOf AsFunction() {
    return [this](std::string_view body_id) { return ParentOf(body_id); };
  }

  // The first read error met (ParentOf cannot return one): check it after
  // the query; OK when there was none.
  const absl::Status& status() const { return status_; }

 private:
  // The parent organisation of `organisation_id`; "" when none or unknown.
  std::string OrganisationParent(const std::string& organisation_id);

  const projections::RowView bodies_;
  const projections::RowView organisations_;
  const std::string region_;
  std::map<std::string, std::optional<std::string>, std::less<>> bodies_cache_;
  std::map<std::string, std::string> organisations_cache_;
  absl::Status status_;
};

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_REGISTRY_PARENT_OF_H_
