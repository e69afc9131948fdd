// Clearing submitters' person ids from audit answers (see audit_redaction.h).
#include "api/audit_redaction.h"

#include "api/permissions.h"

namespace kumppani::api {
namespace {

bool Clear(v1::SubmissionSummary& submission) {
  if (submission.submitter_person_id().empty()) return false;
  submission.clear_submitter_person_id();
  return true;
}

}  // namespace

bool MaySeeSubmitters(const Principal& principal) {
  return Allows(principal.role, Action::kReadPersonalData);
}

bool RedactSubmitters(v1::InfluenceTrail& trail) {
  bool cleared = false;
  for (v1::TrailInput& input : *trail.mutable_inputs()) {
    if (input.has_submission()) cleared = Clear(*input.mutable_submission()) || cleared;
  }
  for (v1::UncitedSubmission& uncited : *trail.mutable_uncited_submissions()) {
    cleared = Clear(*uncited.mutable_submission()) || cleared;
  }
  return cleared;
}

bool RedactSubmitters(v1::OrganisationFootprint& footprint) {
  bool cleared = false;
  for (v1::FootprintStatement& statement : *footprint.mutable_statements()) {
    cleared = Clear(*statement.mutable_submission()) || cleared;
  }
  return cleared;
}

bool RedactSubmitters(v1::ListOutstandingDutiesResponse& duties) {
  bool cleared = false;
  for (v1::UnassessedSubmission& unassessed : *duties.mutable_unassessed_submissions()) {
    cleared = Clear(*unassessed.mutable_submission()) || cleared;
  }
  for (v1::UninformedInput& input : *duties.mutable_uninformed_inputs()) {
    if (input.submitter_person_id().empty()) continue;
    input.clear_submitter_person_id();
    cleared = true;
  }
  return cleared;
}

}  // namespace kumppani::api
