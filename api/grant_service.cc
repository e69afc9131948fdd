// GrantService handlers: authorize → one GrantQueries call → finish with the
// mapped status.
#include "api/grant_service.h"

#include "api/permissions.h"
#include "api/unary_call.h"

namespace kumppani::api {
namespace {

constexpr char kGetGrantProgramme[] = "/kumppani.v1.GrantService/GetGrantProgramme";
constexpr char kListGrantProgrammes[] = "/kumppani.v1.GrantService/ListGrantProgrammes";
constexpr char kGetGrant[] = "/kumppani.v1.GrantService/GetGrant";
constexpr char kListGrants[] = "/kumppani.v1.GrantService/ListGrants";
constexpr char kGetGrantTotals[] = "/kumppani.v1.GrantService/GetGrantTotals";

}  // namespace

GrantService::GrantService(const store::EventStore& store,
                           const projections::ProjectionEngine& engine,
                           const Authenticator& authenticator)
    : authenticator_(authenticator), queries_(store, engine) {}

grpc::ServerUnaryReactor* GrantService::GetGrantProgramme(
    grpc::CallbackServerContext* context, const v1::GetGrantProgrammeRequest* request,
    v1::GetGrantProgrammeResponse* response) {
  return ServeUnary(
      context, authenticator_, Action::kReadPublic, kGetGrantProgramme,
      [&](const Principal&) { return queries_.GetGrantProgramme(*request, *response); });
}

grpc::ServerUnaryReactor* GrantService::ListGrantProgrammes(
    grpc::CallbackServerContext* context, const v1::ListGrantProgrammesRequest* request,
    v1::ListGrantProgrammesResponse* response) {
  return ServeUnary(
      context, authenticator_, Action::kReadPublic, kListGrantProgrammes,
      [&](const Principal&) { return queries_.ListGrantProgrammes(*request, *response); });
}

grpc::ServerUnaryReactor* GrantService::GetGrant(grpc::CallbackServerContext* context,
                                                 const v1::GetGrantRequest* request,
                                                 v1::GetGrantResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kGetGrant,
                    [&](const Principal&) { return queries_.GetGrant(*request, *response); });
}

grpc::ServerUnaryReactor* GrantService::ListGrants(grpc::CallbackServerContext* context,
                                                   const v1::ListGrantsRequest* request,
                                                   v1::ListGrantsResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kListGrants,
                    [&](const Principal&) { return queries_.ListGrants(*request, *response); });
}

grpc::ServerUnaryReactor* GrantService::GetGrantTotals(grpc::CallbackServerContext* context,
                                                       const v1::GetGrantTotalsRequest* request,
                                                       v1::GrantTotals* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kGetGrantTotals,
                    [&](const Principal&) { return queries_.GetGrantTotals(*request, *response); });
}

}  // namespace kumppani::api
