// AuditQueries: request → read models → audit query → response (see
// audit_operations.h).
#include "api/audit_operations.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "api/audit_redaction.h"
#include "api/query_arguments.h"
#include "api/read_point.h"
#include "ledger/audit/coverage.h"
#include "ledger/audit/influence_trail.h"
#include "ledger/audit/organisation_footprint.h"
#include "ledger/audit/outstanding_duties.h"
#include "ledger/audit/registry_parent_of.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/participation/view_set.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::api {
namespace {

using projections::ParticipationViews;
using projections::RowView;

// The participation views at `position` with the registry views the
// body → organisation join reads, all at the same position.
struct ScopeViews {
  ParticipationViews participation;
  RowView bodies;
  RowView organisations;
};

absl::StatusOr<ScopeViews> ScopeViewsAt(const projections::ProjectionEngine& engine,
                                        Position position) {
  KUMPPANI_ASSIGN_OR_RETURN(ParticipationViews participation,
                            ParticipationViews::At(engine, position));
  KUMPPANI_ASSIGN_OR_RETURN(RowView bodies, engine.View(projections::registry::kBodies, position));
  KUMPPANI_ASSIGN_OR_RETURN(RowView organisations,
                            engine.View(projections::registry::kOrganisations, position));
  return ScopeViews{std::move(participation), std::move(bodies), std::move(organisations)};
}

// GetCoverageStatisticsRequest.period: both days required, end not before
// start.
absl::Status CheckPeriod(const v1::DateRange& period) {
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateDateRange(period, "period"));
  return domain::ValidateDate(period.end(), "period.end", /*required=*/true);
}

// The name a duties listing's page tokens carry: a token is valid only with
// the scope and as_of it was made for.
std::string DutiesListName(const v1::ListOutstandingDutiesRequest& request,
                           const std::optional<v1::Date>& as_of) {
  return absl::StrCat("outstanding_duties?region=", request.region_organisation_id(),
                      "&bodies=", absl::StrJoin(request.body_ids(), ","),
                      "&as_of=", as_of.has_value() ? domain::FormatDate(*as_of) : "");
}

// The entries a page of duties starts after: the page cursor's last key is
// the number of entries (of both lists together) already returned.
absl::StatusOr<size_t> DutiesOffset(const projections::PageCursor& cursor) {
  if (cursor.last_key.empty()) return 0;
  size_t offset = 0;
  if (!absl::SimpleAtoi(cursor.last_key, &offset)) {
    return absl::InvalidArgumentError("page_token: is not a token of this listing");
  }
  return offset;
}

// Moves entries [offset, offset + page_size) of the two lists together
// into `page`; true when entries remain after them.
bool TakeDutiesPage(v1::OutstandingDuties& duties, size_t offset, size_t page_size,
                    v1::ListOutstandingDutiesResponse& page) {
  const size_t unassessed = duties.unassessed_submissions_size();
  const size_t total = unassessed + duties.uninformed_inputs_size();
  const size_t end = std::min(total, offset + page_size);
  for (size_t i = offset; i < end; ++i) {
    if (i < unassessed) {
      *page.add_unassessed_submissions() = std::move(*duties.mutable_unassessed_submissions(i));
    } else {
      *page.add_uninformed_inputs() =
          std::move(*duties.mutable_uninformed_inputs(static_cast<int>(i - unassessed)));
    }
  }
  return end < total;
}

}  // namespace

absl::Status AuditQueries::GetInfluenceTrail(const Principal& principal,
                                             const v1::GetInfluenceTrailRequest& request,
                                             v1::GetInfluenceTrailResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.decision_id(), "decision", "decision_id"));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(Position position, ResolveReadPoint(store_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(ParticipationViews views, ParticipationViews::At(engine_, position));
  v1::InfluenceTrail& trail = *response.mutable_trail();
  KUMPPANI_RETURN_IF_ERROR(NamingField(
      audit::InfluenceTrail(views, request.decision_id(), as_of, trail), "decision_id"));
  if (!MaySeeSubmitters(principal)) response.set_personal_data_redacted(RedactSubmitters(trail));
  response.set_read_position(position.value());
  return absl::OkStatus();
}

absl::Status AuditQueries::GetOrganisationFootprint(
    const Principal& principal, const v1::GetOrganisationFootprintRequest& request,
    v1::GetOrganisationFootprintResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.organisation_id(), "org", "organisation_id"));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(Position position, ResolveReadPoint(store_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(
      v1::OrganisationFootprint footprint,
      NamingField(audit::OrganisationFootprint(engine_, request.organisation_id(), as_of, position),
                  "organisation_id"));
  if (!MaySeeSubmitters(principal)) {
    response.set_personal_data_redacted(RedactSubmitters(footprint));
  }
  *response.mutable_footprint() = std::move(footprint);
  response.set_read_position(position.value());
  return absl::OkStatus();
}

absl::Status AuditQueries::GetCoverageStatistics(
    const v1::GetCoverageStatisticsRequest& request,
    v1::GetCoverageStatisticsResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(request.region_organisation_id(), "org",
                                                       "region_organisation_id"));
  KUMPPANI_RETURN_IF_ERROR(CheckPeriod(request.period()));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(Position position, ResolveReadPoint(store_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(ScopeViews views, ScopeViewsAt(engine_, position));
  KUMPPANI_RETURN_IF_ERROR(audit::CheckOrganisationExists(
      views.organisations, request.region_organisation_id(), "region_organisation_id"));
  audit::RegistryParentOf parents(views.bodies, views.organisations,
                                  request.region_organisation_id());
  audit::CoverageRequest coverage{request.region_organisation_id(), request.period().start(),
                                  request.period().end(), as_of};
  KUMPPANI_ASSIGN_OR_RETURN(
      *response.mutable_statistics(),
      audit::CoverageStatistics(views.participation, coverage, parents.AsFunction()));
  KUMPPANI_RETURN_IF_ERROR(parents.status());
  response.set_read_position(position.value());
  return absl::OkStatus();
}

absl::Status AuditQueries::ListOutstandingDuties(
    const Principal& principal, const v1::ListOutstandingDutiesRequest& request,
    v1::ListOutstandingDutiesResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(
      request.region_organisation_id(), "org", "region_organisation_id", /*required=*/false));
  for (int i = 0; i < request.body_ids_size(); ++i) {
    KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(request.body_ids(i), "body",
                                                         absl::StrCat("body_ids[", i, "]")));
  }
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(projections::PageRequest page,
                            DecodePageRequest(request.page_size(), request.page_token()));
  KUMPPANI_ASSIGN_OR_RETURN(
      std::optional<Position> known_at,
      ListingReadPoint(store_, KnownAtOf(request), !request.page_token().empty()));
  KUMPPANI_ASSIGN_OR_RETURN(Position head, ResolveReadPoint(store_, nullptr));
  const std::string list_name = DutiesListName(request, as_of);
  KUMPPANI_ASSIGN_OR_RETURN(
      projections::PageCursor cursor,
      projections::DecodePageToken(list_name, page.page_token, known_at.value_or(head)));
  KUMPPANI_ASSIGN_OR_RETURN(size_t offset, DutiesOffset(cursor));

  KUMPPANI_ASSIGN_OR_RETURN(ScopeViews views, ScopeViewsAt(engine_, cursor.known_at));
  if (!request.region_organisation_id().empty()) {
    KUMPPANI_RETURN_IF_ERROR(audit::CheckOrganisationExists(
        views.organisations, request.region_organisation_id(), "region_organisation_id"));
  }
  audit::RegistryParentOf parents(views.bodies, views.organisations,
                                  request.region_organisation_id());
  audit::DutiesRequest scope;
  scope.region_organisation_id = request.region_organisation_id();
  scope.body_ids.assign(request.body_ids().begin(), request.body_ids().end());
  scope.as_of = as_of;
  KUMPPANI_ASSIGN_OR_RETURN(
      v1::OutstandingDuties duties,
      audit::OutstandingDuties(views.participation, scope, parents.AsFunction()));
  KUMPPANI_RETURN_IF_ERROR(parents.status());

  const size_t page_size = projections::EffectivePageSize(page.page_size);
  if (TakeDutiesPage(duties, offset, page_size, response)) {
    const size_t next = offset + page_size;
    response.set_next_page_token(projections::EncodePageToken(
        list_name, projections::PageCursor{cursor.known_at, std::to_string(next)}));
  }
  if (as_of.has_value()) *response.mutable_as_of() = *as_of;
  response.set_read_position(cursor.known_at.value());
  if (!MaySeeSubmitters(principal)) {
    response.set_personal_data_redacted(RedactSubmitters(response));
  }
  return absl::OkStatus();
}

}  // namespace kumppani::api
