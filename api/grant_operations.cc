// GrantQueries: request → read models → response (see grant_operations.h).
#include "api/grant_operations.h"

#include <optional>
#include <utility>

#include "api/query_arguments.h"
#include "api/read_point.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/validation.h"
#include "ledger/projections/grants/grant_programme_queries.h"
#include "ledger/projections/grants/grant_queries.h"
#include "ledger/projections/grants/grant_rows.h"
#include "ledger/projections/grants/grant_totals_queries.h"

namespace kumppani::api {
namespace {

using projections::RowView;
using projections::grants::kGrantsProjection;
using projections::grants::kProgrammesProjection;

}  // namespace

absl::Status GrantQueries::GetGrantProgramme(const v1::GetGrantProgrammeRequest& request,
                                             v1::GetGrantProgrammeResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(
      domain::ValidateAggregateId(request.programme_id(), "programme", "programme_id"));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(Position position, ResolveReadPoint(store_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(RowView programmes, engine_.View(kProgrammesProjection, position));
  KUMPPANI_ASSIGN_OR_RETURN(
      *response.mutable_programme(),
      projections::GetGrantProgramme(programmes, request.programme_id(), as_of));
  response.set_read_position(programmes.position().value());
  return absl::OkStatus();
}

absl::Status GrantQueries::ListGrantProgrammes(const v1::ListGrantProgrammesRequest& request,
                                               v1::ListGrantProgrammesResponse& response) const {
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(projections::PageRequest page,
                            DecodePageRequest(request.page_size(), request.page_token()));
  KUMPPANI_ASSIGN_OR_RETURN(
      std::optional<Position> known_at,
      ListingReadPoint(store_, KnownAtOf(request), !request.page_token().empty()));
  KUMPPANI_ASSIGN_OR_RETURN(
      response, projections::ListGrantProgrammes(engine_, request.filter(), as_of, page, known_at));
  return absl::OkStatus();
}

absl::Status GrantQueries::GetGrant(const v1::GetGrantRequest& request,
                                    v1::GetGrantResponse& response) const {
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(request.grant_id(), "grant", "grant_id"));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(Position position, ResolveReadPoint(store_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(RowView grants, engine_.View(kGrantsProjection, position));
  KUMPPANI_ASSIGN_OR_RETURN(*response.mutable_grant(),
                            projections::GetGrant(grants, request.grant_id(), as_of));
  response.set_read_position(grants.position().value());
  return absl::OkStatus();
}

absl::Status GrantQueries::ListGrants(const v1::ListGrantsRequest& request,
                                      v1::ListGrantsResponse& response) const {
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(projections::PageRequest page,
                            DecodePageRequest(request.page_size(), request.page_token()));
  KUMPPANI_ASSIGN_OR_RETURN(
      std::optional<Position> known_at,
      ListingReadPoint(store_, KnownAtOf(request), !request.page_token().empty()));
  KUMPPANI_ASSIGN_OR_RETURN(
      response, projections::ListGrants(engine_, request.filter(), as_of, page, known_at));
  return absl::OkStatus();
}

absl::Status GrantQueries::GetGrantTotals(const v1::GetGrantTotalsRequest& request,
                                          v1::GrantTotals& response) const {
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::Date> as_of, AsOfOf(request));
  KUMPPANI_ASSIGN_OR_RETURN(Position position, ResolveReadPoint(store_, KnownAtOf(request)));
  KUMPPANI_ASSIGN_OR_RETURN(RowView grants, engine_.View(kGrantsProjection, position));
  KUMPPANI_ASSIGN_OR_RETURN(RowView programmes, engine_.View(kProgrammesProjection, position));
  KUMPPANI_ASSIGN_OR_RETURN(
      response,
      projections::GrantTotals(grants, programmes, request.group_by(), request.filter(), as_of));
  return absl::OkStatus();
}

}  // namespace kumppani::api
