// The AuditService's privacy rule, the same as the ParticipationService's
// (participation_redaction.h): a submission by a private person is personal
// data, so for callers whose role may not read personal data (ngo and public
// tokens) the submitter person's id is cleared wherever the audit answers
// name a submission's submitter. The audit answers carry no submission text.
// Submissions by organisations and members of bodies (pseudonymous, as in
// the RegistryService) are left as they are.
//
// Thread safety: pure functions.
#ifndef KUMPPANI_API_AUDIT_REDACTION_H_
#define KUMPPANI_API_AUDIT_REDACTION_H_

#include "api/principal.h"
#include "kumppani/v1/audit_service.pb.h"

namespace kumppani::api {

// True when `principal` may see submitters' person ids
// (Action::kReadPersonalData).
bool MaySeeSubmitters(const Principal& principal);

// Each clears the submitter person's id of every submission in the answer
// (and UninformedInput.submitter_person_id); true when it cleared one.
bool RedactSubmitters(v1::InfluenceTrail& trail);
bool RedactSubmitters(v1::OrganisationFootprint& footprint);
bool RedactSubmitters(v1::ListOutstandingDutiesResponse& duties);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_AUDIT_REDACTION_H_
