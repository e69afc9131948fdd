// The participation services' privacy rule: submissions by private persons
// are personal data (who took part, and what they said — a survey answer or
// comment), so callers whose role may not read personal data
// (Action::kReadPersonalData: ngo and public tokens) get them redacted. The
// submitter person's id is cleared wherever a submission appears, and the
// text and document of such a submission are left out; when, through which
// channel, late or withdrawn stay, since they are what public oversight of a
// consultation needs. Submissions by organisations are public statements and
// are never redacted.
//
// Thread safety: pure functions.
#ifndef KUMPPANI_API_PARTICIPATION_REDACTION_H_
#define KUMPPANI_API_PARTICIPATION_REDACTION_H_

#include "api/principal.h"
#include "kumppani/v1/participation_views.pb.h"

namespace kumppani::api {

// True when `principal` may see submitters' person ids and private persons'
// submissions in full.
bool MayReadPersonalData(const Principal& principal);

// Clears the submitter person's id. True when there was one.
bool RedactSubmitter(v1::SubmissionSummary& submission);

// For a submission by a person: clears the submitter's id, text and
// document. True when it did.
bool RedactSubmission(v1::SubmissionView& submission);

// Clears the submitter person's id of every submission of the consultation.
// True when it cleared at least one.
bool RedactSubmissions(v1::ConsultationView& consultation);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_PARTICIPATION_REDACTION_H_
