// Owner lookups for command scoping, through the participation and grants
// queries.
#include "api/read_model_owners.h"

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/projections/grants/grant_queries.h"
#include "ledger/projections/participation/submission_queries.h"

namespace kumppani::api {
namespace {

absl::Status Missing(absl::string_view field, absl::string_view kind, absl::string_view id) {
  return absl::NotFoundError(absl::StrCat(field, ": ", kind, " \"", id, "\" does not exist"));
}

}  // namespace

absl::StatusOr<std::string> ReadModelOwners::SubmissionOrganisation(absl::string_view submission_id,
                                                                    absl::string_view field) const {
  KUMPPANI_ASSIGN_OR_RETURN(projections::RowView view, engine_.View("submissions"));
  KUMPPANI_ASSIGN_OR_RETURN(
      std::optional<v1::SubmissionSummary> summary,
      projections::FindSubmission(
          view, std::string_view(submission_id.data(), submission_id.size()), std::nullopt));
  if (!summary.has_value()) return Missing(field, "submission", submission_id);
  return summary->submitter_organisation_id();
}

absl::StatusOr<std::string> ReadModelOwners::GrantApplicant(absl::string_view grant_id,
                                                            absl::string_view field) const {
  KUMPPANI_ASSIGN_OR_RETURN(projections::RowView view, engine_.View("grants"));
  absl::StatusOr<v1::GrantView> grant =
      projections::GetGrant(view, std::string_view(grant_id.data(), grant_id.size()));
  if (absl::IsNotFound(grant.status())) return Missing(field, "grant", grant_id);
  if (!grant.ok()) return grant.status();
  return grant->applicant_organisation_id();
}

}  // namespace kumppani::api
