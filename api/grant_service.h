// kumppani.v1.GrantService (proto/kumppani/v1/grant_service.proto): grant
// programmes, grants and grant totals over gRPC, with the callback API. Each
// handler authorizes the call and runs one GrantQueries call
// (grant_operations.h).
//
// Roles (api/permissions.h): every RPC is Action::kReadPublic; the grants
// views carry no personal data (applicants and recipients are
// organisations).
//
// Lifetime: the store, engine and authenticator must outlive the service;
// destroy it after the server has finished every call.
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_API_GRANT_SERVICE_H_
#define KUMPPANI_API_GRANT_SERVICE_H_

#include "api/authenticator.h"
#include "api/grant_operations.h"
#include "kumppani/v1/grant_service.grpc.pb.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

class GrantService final : public v1::GrantService::CallbackService {
 public:
  GrantService(const store::EventStore& store, const projections::ProjectionEngine& engine,
               const Authenticator& authenticator);
  ~GrantService() override = default;
  GrantService(const GrantService&) = delete;
  GrantService& operator=(const GrantService&) = delete;

  grpc::ServerUnaryReactor* GetGrantProgramme(grpc::CallbackServerContext* context,
                                              const v1::GetGrantProgrammeRequest* request,
                                              v1::GetGrantProgrammeResponse* response) override;
  grpc::ServerUnaryReactor* ListGrantProgrammes(grpc::CallbackServerContext* context,
                                                const v1::ListGrantProgrammesRequest* request,
                                                v1::ListGrantProgrammesResponse* response) override;
  grpc::ServerUnaryReactor* GetGrant(grpc::CallbackServerContext* context,
                                     const v1::GetGrantRequest* request,
                                     v1::GetGrantResponse* response) override;
  grpc::ServerUnaryReactor* ListGrants(grpc::CallbackServerContext* context,
                                       const v1::ListGrantsRequest* request,
                                       v1::ListGrantsResponse* response) override;
  grpc::ServerUnaryReactor* GetGrantTotals(grpc::CallbackServerContext* context,
                                           const v1::GetGrantTotalsRequest* request,
                                           v1::GrantTotals* response) override;

 private:
  // Constant after construction.
  const Authenticator& authenticator_;
  const GrantQueries queries_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_GRANT_SERVICE_H_
