// The "submissions" projection: one submission-… stream per statement,
// comment or survey response.
//
// Rows (stream submission-<id>):
//   ""          SubmissionRow: who, when, which consultation, channel, late,
//               withdrawal (with its day)
//   "content"   SubmissionContentRow: text, document, language (kept apart
//               so that a withdrawal does not rewrite the text)
// Index keys (-> the submission's stream):
//   "consultation/<consultation id>/<received_at>"  by consultation, in
//                                                   order of arrival
//   "submitter/<org id>/"                           by submitting organisation
//   "on_behalf_of/<org id>/"                        by organisation on whose
//                                                   behalf it was given
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_SUBMISSIONS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_SUBMISSIONS_PROJECTION_H_

#include <memory>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

std::unique_ptr<Projection> MakeSubmissionsProjection();

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_SUBMISSIONS_PROJECTION_H_
