// Redacting private persons' submissions (see participation_redaction.h).
#include "api/participation_redaction.h"

#include "api/permissions.h"

namespace kumppani::api {

bool MayReadPersonalData(const Principal& principal) {
  return Allows(principal.role, Action::kReadPersonalData);
}

bool RedactSubmitter(v1::SubmissionSummary& submission) {
  if (submission.submitter_person_id().empty()) return false;
  submission.clear_submitter_person_id();
  return true;
}

bool RedactSubmission(v1::SubmissionView& submission) {
  if (!RedactSubmitter(*submission.mutable_summary())) return false;
  submission.clear_text();
  submission.clear_document();
  return true;
}

bool RedactSubmissions(v1::ConsultationView& consultation) {
  bool redacted = false;
  for (v1::SubmissionSummary& submission : *consultation.mutable_submissions()) {
    redacted = RedactSubmitter(submission) || redacted;
  }
  return redacted;
}

}  // namespace kumppani::api
