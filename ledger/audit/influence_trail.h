// The influence trail of a decision: every input it considered, directly or
// through the proposals it cites, with who gave it, in which consultation
// (dates, channel), what the decision did with it (assessment and rationale,
// with dated revisions) and whether the submitter was told; and, apart, the
// submissions on the same subject the decision did not cite.
//
// Reads only the participation read models (a join at query time); safe to
// call concurrently with separate views.
#ifndef KUMPPANI_LEDGER_AUDIT_INFLUENCE_TRAIL_H_
#define KUMPPANI_LEDGER_AUDIT_INFLUENCE_TRAIL_H_

#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kumppani/v1/participation_views.pb.h"
#include "ledger/projections/participation/view_set.h"

namespace kumppani::audit {

// The trail of `decision_id` on `as_of` (absent: everything known at the
// views' position). Assessments, feedback, deadlines and withdrawals are
// those in force on as_of.
//
// Uncited submissions: the trail's consultations are the consultations it
// lists as inputs and those of the submissions it lists, plus every
// consultation sharing a subject document (same SHA-256 or URI) with one of
// them. Their submissions received on or before the decision day, not
// withdrawn by as_of, and cited neither by the decision nor by its
// proposals are listed apart, with how they relate (UncitedRelation).
//
// NOT_FOUND when the decision does not exist or was decided after as_of;
// INVALID_ARGUMENT for a malformed as_of.
absl::StatusOr<v1::InfluenceTrail> InfluenceTrail(const projections::ParticipationViews& views,
                                                  std::string_view decision_id,
                                                  std::optional<v1::Date> as_of);

// The same, built into `trail` (cleared first). A trail on a protobuf arena
// is built with its temporaries there too, and is the cheaper to make and
// drop (the API's responses are). On error `trail` holds a partial answer.
absl::Status InfluenceTrail(const projections::ParticipationViews& views,
                            std::string_view decision_id, std::optional<v1::Date> as_of,
                            v1::InfluenceTrail& trail);

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_INFLUENCE_TRAIL_H_
