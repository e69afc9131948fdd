// Queries of the "submissions" read model.
#include "ledger/projections/participation/submission_queries.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ledger/projections/participation/as_of.h"
#include "ledger/projections/participation/participation_keys.h"

namespace kumppani::projections {
namespace {

using participation::OnOrBefore;

// Makes `summary` as it stood on `as_of` (a withdrawal after it is undone);
// false when it was received after as_of.
bool MakeAsOf(v1::SubmissionSummary& summary, const std::optional<v1::Date>& as_of) {
  if (!OnOrBefore(summary.received_on(), as_of)) return false;
  if (summary.withdrawn() && !OnOrBefore(summary.withdrawn_on(), as_of)) {
    summary.set_withdrawn(false);
    summary.clear_withdrawn_on();
  }
  return true;
}

// The summary as of `as_of`; nullopt when absent or received after as_of.
// `stored` (optional) receives the row as stored, when present.
absl::StatusOr<std::optional<v1::SubmissionSummary>> Load(const RowView& submissions,
                                                          std::string_view submission_id,
                                                          const std::optional<v1::Date>& as_of,
                                                          v1::SubmissionRow* stored) {
  v1::SubmissionRow row;
  absl::StatusOr<bool> found = submissions.GetMessage(submission_id, participation::kMainRow, &row);
  if (!found.ok()) return found.status();
  if (!*found) return std::nullopt;
  if (stored != nullptr) *stored = row;
  if (!MakeAsOf(*row.mutable_summary(), as_of)) return std::nullopt;
  return std::move(*row.mutable_summary());
}

}  // namespace

absl::StatusOr<v1::SubmissionView> GetSubmission(const RowView& submissions,
                                                 std::string_view submission_id,
                                                 std::optional<v1::Date> as_of) {
  if (absl::Status valid = participation::ValidateAsOf(as_of); !valid.ok()) return valid;
  v1::SubmissionRow stored;
  absl::StatusOr<std::optional<v1::SubmissionSummary>> summary =
      Load(submissions, submission_id, as_of, &stored);
  if (!summary.ok()) return summary.status();
  if (!summary->has_value()) {
    if (!stored.has_summary()) {
      return absl::NotFoundError(
          absl::StrCat("submission \"", std::string(submission_id), "\" does not exist"));
    }
    return absl::NotFoundError(
        absl::StrCat("submission \"", std::string(submission_id), "\" was not yet received on ",
                     participation::Iso(*as_of), " (received ",
                     participation::Iso(stored.summary().received_on()), ")"));
  }
  v1::SubmissionView view;
  *view.mutable_summary() = **std::move(summary);
  v1::SubmissionContentRow content;
  absl::StatusOr<bool> found =
      submissions.GetMessage(submission_id, participation::kContentRow, &content);
  if (!found.ok()) return found.status();
  view.set_text(content.text());
  if (content.has_document()) *view.mutable_document() = content.document();
  view.set_language(content.language());
  return view;
}

absl::StatusOr<std::optional<v1::SubmissionSummary>> FindSubmission(const RowView& submissions,
                                                                    std::string_view submission_id,
                                                                    std::optional<v1::Date> as_of) {
  return Load(submissions, submission_id, as_of, nullptr);
}

absl::StatusOr<std::vector<v1::SubmissionSummary>> SubmissionsToConsultation(
    const RowView& submissions, std::string_view consultation_id, std::optional<v1::Date> as_of) {
  std::vector<v1::SubmissionSummary> result;
  v1::SubmissionSummary scratch;
  absl::Status status = VisitSubmissionsTo(submissions, consultation_id, as_of, scratch,
                                           [&](v1::SubmissionSummary& summary) {
                                             result.push_back(std::move(summary));
                                             return true;
                                           });
  if (!status.ok()) return status;
  return result;
}

absl::Status VisitSubmissionsTo(const RowView& submissions, std::string_view consultation_id,
                                std::optional<v1::Date> as_of, v1::SubmissionSummary& scratch,
                                const std::function<bool(v1::SubmissionSummary&)>& visit) {
  absl::Status status;
  // Each entry carries the submission's summary (SetIndex in the fold).
  absl::Status scan = submissions.ScanIndexEntries(
      participation::SubmissionConsultationPrefix(consultation_id), "", "",
      [&](std::string_view, std::string_view stream_id, std::string_view payload) {
        if (payload.empty() ||
            !scratch.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
          status = absl::DataLossError(
              absl::StrCat("projections: the consultation index entry of ",
                           std::string(stream_id), " carries no readable summary"));
          return false;
        }
        return !MakeAsOf(scratch, as_of) || visit(scratch);
      });
  return status.ok() ? scan : status;
}

}  // namespace kumppani::projections
