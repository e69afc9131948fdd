// Queries of the "consultations" read model, joined with "submissions":
// one consultation as it stood on a day, a filtered paginated list, and the
// consultations sharing a subject document.
//
// As of: `as_of` is a Finnish civil day. A consultation is NOT_YET_OPEN
// before its opening day, OPEN up to its deadline in force (deadline
// extensions take effect on the day they were recorded, see DeadlineChange),
// PAST_DEADLINE after it until closed, and CLOSED after its closing day.
// Without as_of, status reflects the events alone: CLOSED once a closing is
// recorded, else OPEN; every extension counts.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_CONSULTATION_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_CONSULTATION_QUERIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/participation_views.pb.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The consultation's stored rows.
struct ConsultationRecord {
  std::string consultation_id;
  v1::ConsultationRow row;
  // In log order.
  std::vector<v1::DeadlineChange> extensions;
  std::optional<v1::ConsultationSummaryPublished> summary;
};

// The stored rows of `consultation_id`; nullopt when it does not exist.
absl::StatusOr<std::optional<ConsultationRecord>> LoadConsultation(
    const RowView& consultations, std::string_view consultation_id);

// The consultation's summary (status, deadline, closing) on as_of.
v1::ConsultationSummary SummarizeConsultation(const ConsultationRecord& record,
                                              const std::optional<v1::Date>& as_of);

// The consultation on as_of with its submissions (from `submissions`, a
// view at the same position) and the response of its invited organisations.
// NOT_FOUND naming the id when it does not exist; INVALID_ARGUMENT for a
// malformed as_of. A consultation not yet open on as_of is returned with
// status NOT_YET_OPEN (and no submissions).
absl::StatusOr<v1::ConsultationView> GetConsultation(const RowView& consultations,
                                                     const RowView& submissions,
                                                     std::string_view consultation_id,
                                                     std::optional<v1::Date> as_of);

// Filters of ListConsultations; empty fields match everything.
struct ConsultationFilter {
  std::string organiser_organisation_id;
  std::string body_id;
  // Status on as_of; UNSPECIFIED matches any.
  v1::ConsultationStatus status = v1::CONSULTATION_STATUS_UNSPECIFIED;
};

// One page of consultations matching `filter`, in id order, read at the
// position the listing's first page was read at (the head, or `known_at`
// when given for the first page). INVALID_ARGUMENT "page_token: ..." for a
// token of another listing (filters and as_of are part of the listing),
// "as_of: ..." for a malformed date.
absl::StatusOr<v1::ListConsultationsResponse> ListConsultations(
    const ProjectionEngine& engine, const ConsultationFilter& filter, std::optional<v1::Date> as_of,
    const PageRequest& page, std::optional<Position> known_at = std::nullopt);

// Ids of the consultations whose subject document has `document`'s SHA-256
// or URI (versions of one document), in id order, without duplicates.
absl::StatusOr<std::vector<std::string>> ConsultationsSharingDocument(
    const RowView& consultations, const v1::DocumentRef& document);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_CONSULTATION_QUERIES_H_
