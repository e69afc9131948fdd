// ParticipationQueries: request → read models → response (see
// participation_operations.h).
#include "api/participation_operations.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "api/participation_redaction.h"
#include "api/query_arguments.h"
#include "api/read_point.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"
#include "ledger/projections/participation/consultation_queries.h"
#include "ledger/projections/participation/decision_queries.h"
#include "ledger/projections/participation/influence_graph.h"
#include "ledger/projections/participation/proposal_queries.h"
#include "ledger/projections/participation/submission_queries.h"
#include "ledger/projections/participation/view_set.h"

namespace kumppani::api {
namespace {

using projections::ParticipationViews;

// The four participation views at the request's known_at.
absl::StatusOr<ParticipationViews> ViewsAt(const store::EventStore& store,
                                           const projections::ProjectionEngine& engine,
                                           const v1::KnownAt* known_at) {
  KUMPPANI_ASSIGN_OR_RETURN(Position position, ResolveReadPoint(store, known_at));
  return ParticipationViews::At(engine, position);
}

// The read models' NOT_FOUND messages name the id ("decision \"x\" does not
// exist"); the API's also name the request field, as the grant queries do.
}  // namespace

absl::Status ParticipationQueries::GetConsultation(const Principal& principal,
                                                   const v1::GetConsultationRequest& request,
                                                   v1::GetConsultationResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.consultation_id(), "consultation", "consultation_id"));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(ParticipationViews views, ViewsAt(store_, engine_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(
      v1::ConsultationView consultation,
      NamingField(projections::GetConsultation(views.consultations, views.submissions,
                                               request.consultation_id(), as_of),
                  "consultation_id"));
  if (!MayReadPersonalData(principal)) {
    response.set_personal_data_redacted(RedactSubmissions(consultation));
  }
  *response.mutable_consultation() = std::move(consultation);
  response.set_read_position(views.consultations.position().value());
  return absl::OkStatus();
}

absl::Status ParticipationQueries::ListConsultations(
    const v1::ListConsultationsRequest& request, v1::ListConsultationsResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(request.organiser_organisation_id(), "org",
                                                       "organiser_organisation_id", false));
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.body_id(), "body", "body_id", false));
  if (!v1::ConsultationStatus_IsValid(request.status())) {
    return domain::Invalid("status", absl::StrCat("must be a ConsultationStatus, got ",
                                                  static_cast<int>(request.status())));
  }
  projections::ConsultationFilter filter;
  filter.organiser_organisation_id = request.organiser_organisation_id();
  filter.body_id = request.body_id();
  filter.status = request.status();
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(projections::PageRequest page,
                            DecodePageRequest(request.page_size(), request.page_token()));
  KUMPPANI_ASSIGN_OR_RETURN(
      std::optional<Position> known_at,
      ListingReadPoint(store_, KnownAtOf(request), !request.page_token().empty()));
  KUMPPANI_ASSIGN_OR_RETURN(response,
                            projections::ListConsultations(engine_, filter, as_of, page, known_at));
  return absl::OkStatus();
}

absl::Status ParticipationQueries::GetSubmission(const Principal& principal,
                                                 const v1::GetSubmissionRequest& request,
                                                 v1::GetSubmissionResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.submission_id(), "submission", "submission_id"));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(ParticipationViews views, ViewsAt(store_, engine_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(
      v1::SubmissionView submission,
      NamingField(projections::GetSubmission(views.submissions, request.submission_id(), as_of),
                  "submission_id"));
  if (!MayReadPersonalData(principal)) {
    response.set_personal_data_redacted(RedactSubmission(submission));
  }
  *response.mutable_submission() = std::move(submission);
  response.set_read_position(views.submissions.position().value());
  return absl::OkStatus();
}

absl::Status ParticipationQueries::GetProposal(const v1::GetProposalRequest& request,
                                               v1::GetProposalResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.proposal_id(), "proposal", "proposal_id"));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(ParticipationViews views, ViewsAt(store_, engine_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(
      *response.mutable_proposal(),
      NamingField(projections::GetProposal(views.proposals, request.proposal_id(), as_of),
                  "proposal_id"));
  response.set_read_position(views.proposals.position().value());
  return absl::OkStatus();
}

absl::Status ParticipationQueries::GetDecision(const v1::GetDecisionRequest& request,
                                               v1::GetDecisionResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.decision_id(), "decision", "decision_id"));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(ParticipationViews views, ViewsAt(store_, engine_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(
      *response.mutable_decision(),
      NamingField(projections::GetDecision(views.decisions, request.decision_id(), as_of),
                  "decision_id"));
  response.set_read_position(views.decisions.position().value());
  return absl::OkStatus();
}

absl::Status ParticipationQueries::ListDecisions(const v1::ListDecisionsRequest& request,
                                                 v1::ListDecisionsResponse& response) const {
  projections::DecisionRegisterFilter filter;
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.body_id(), "body", "body_id", false));
  filter.body_id = request.body_id();
  KUMPPANI_ASSIGN_OR_RETURN(
      filter.from,
      DecodeOptionalDate(request.has_decided_from(), request.decided_from(), "decided_from"));
  KUMPPANI_ASSIGN_OR_RETURN(
      filter.to, DecodeOptionalDate(request.has_decided_to(), request.decided_to(), "decided_to"));
  if (filter.from.has_value() && filter.to.has_value() &&
      domain::Before(*filter.to, *filter.from)) {
    return domain::Invalid("decided_to", absl::StrCat("must not be before decided_from (",
                                                      domain::FormatDate(*filter.from), "), got ",
                                                      domain::FormatDate(*filter.to)));
  }
  KUMPPANI_ASSIGN_OR_RETURN(projections::PageRequest page,
                            DecodePageRequest(request.page_size(), request.page_token()));
  KUMPPANI_ASSIGN_OR_RETURN(
      std::optional<Position> known_at,
      ListingReadPoint(store_, KnownAtOf(request), !request.page_token().empty()));
  KUMPPANI_ASSIGN_OR_RETURN(response,
                            projections::DecisionRegister(engine_, filter, page, known_at));
  return absl::OkStatus();
}

absl::Status ParticipationQueries::GetInfluenceGraph(
    const v1::GetInfluenceGraphRequest& request, v1::GetInfluenceGraphResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.decision_id(), "decision", "decision_id"));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(ParticipationViews views, ViewsAt(store_, engine_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(
      *response.mutable_graph(),
      NamingField(projections::InfluenceGraph(views, request.decision_id(), as_of), "decision_id"));
  response.set_read_position(views.decisions.position().value());
  return absl::OkStatus();
}

}  // namespace kumppani::api
