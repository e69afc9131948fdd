// AuditService handlers: authenticate → check the role → run the query →
// finish with the mapped status.
#include "api/audit_service.h"

#include "api/permissions.h"
#include "api/unary_call.h"

namespace kumppani::api {
namespace {

constexpr char kGetInfluenceTrail[] = "/kumppani.v1.AuditService/GetInfluenceTrail";
constexpr char kGetOrganisationFootprint[] = "/kumppani.v1.AuditService/GetOrganisationFootprint";
constexpr char kGetCoverageStatistics[] = "/kumppani.v1.AuditService/GetCoverageStatistics";
constexpr char kListOutstandingDuties[] = "/kumppani.v1.AuditService/ListOutstandingDuties";

}  // namespace

grpc::ServerUnaryReactor* AuditService::GetInfluenceTrail(
    grpc::CallbackServerContext* context, const v1::GetInfluenceTrailRequest* request,
    v1::GetInfluenceTrailResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kGetInfluenceTrail,
                    [&](const Principal& principal) {
                      return queries_.GetInfluenceTrail(principal, *request, *response);
                    });
}

grpc::ServerUnaryReactor* AuditService::GetOrganisationFootprint(
    grpc::CallbackServerContext* context, const v1::GetOrganisationFootprintRequest* request,
    v1::GetOrganisationFootprintResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kGetOrganisationFootprint,
                    [&](const Principal& principal) {
                      return queries_.GetOrganisationFootprint(principal, *request, *response);
                    });
}

grpc::ServerUnaryReactor* AuditService::GetCoverageStatistics(
    grpc::CallbackServerContext* context, const v1::GetCoverageStatisticsRequest* request,
    v1::GetCoverageStatisticsResponse* response) {
  return ServeUnary(
      context, authenticator_, Action::kReadPublic, kGetCoverageStatistics,
      [&](const Principal&) { return queries_.GetCoverageStatistics(*request, *response); });
}

grpc::ServerUnaryReactor* AuditService::ListOutstandingDuties(
    grpc::CallbackServerContext* context, const v1::ListOutstandingDutiesRequest* request,
    v1::ListOutstandingDutiesResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kListOutstandingDuties,
                    [&](const Principal& principal) {
                      return queries_.ListOutstandingDuties(principal, *request, *response);
                    });
}

}  // namespace kumppani::api
