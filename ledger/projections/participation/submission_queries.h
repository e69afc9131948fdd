// Queries of the "submissions" read model: one submission, and the
// submissions to a consultation. `as_of` (a Finnish civil day) hides
// submissions received after it and withdrawals made after it; absent, it
// shows everything known at the view's position.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_SUBMISSION_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_SUBMISSION_QUERIES_H_

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/participation_views.pb.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The submission in full. NOT_FOUND naming the id when it does not exist, or
// was received after as_of; INVALID_ARGUMENT for a malformed as_of.
absl::StatusOr<v1::SubmissionView> GetSubmission(const RowView& submissions,
                                                 std::string_view submission_id,
                                                 std::optional<v1::Date> as_of);

// The submission's summary on as_of; nullopt when it does not exist or was
// received after as_of.
absl::StatusOr<std::optional<v1::SubmissionSummary>> FindSubmission(const RowView& submissions,
                                                                    std::string_view submission_id,
                                                                    std::optional<v1::Date> as_of);

// The submissions to `consultation_id` received by as_of, in order of
// arrival (then id), withdrawn ones included and flagged.
absl::StatusOr<std::vector<v1::SubmissionSummary>> SubmissionsToConsultation(
    const RowView& submissions, std::string_view consultation_id, std::optional<v1::Date> as_of);

// Like SubmissionsToConsultation, without the vector: each summary is
// parsed into `scratch` and handed to `visit`, which may swap it away (a
// caller building an answer on an arena passes scratch from that arena).
// Stops when `visit` returns false.
absl::Status VisitSubmissionsTo(const RowView& submissions, std::string_view consultation_id,
                                std::optional<v1::Date> as_of, v1::SubmissionSummary& scratch,
                                const std::function<bool(v1::SubmissionSummary&)>& visit);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_SUBMISSION_QUERIES_H_
