// kumppani.v1.RegistryService (proto/kumppani/v1/registry_service.proto):
// the registry read models over gRPC — organisations and lineage, persons
// (pseudonymous), bodies, rosters, membership histories, calls, meetings.
// Each handler authenticates, decodes the request (registry_requests.h),
// calls one query of ledger/projections/registry and sets read_position to
// the log position the answer was read at.
//
// Roles (api/permissions.h): every RPC is Action::kReadPublic, open to every
// role. The views carry no personal data (persons appear by pseudonymous id
// with an erased flag; names and contact data are only in the log,
// encrypted, and this service never decrypts them), so nothing is redacted
// by role and a public token sees what an admin sees.
//
// Lifetime: the store, engine and authenticator must outlive the service;
// destroy it after the server has finished every call.
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_API_REGISTRY_SERVICE_H_
#define KUMPPANI_API_REGISTRY_SERVICE_H_

#include "absl/strings/string_view.h"
#include "api/authenticator.h"
#include "kumppani/v1/registry_service.grpc.pb.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

class RegistryService final : public v1::RegistryService::CallbackService {
 public:
  RegistryService(const store::EventStore& store, const projections::ProjectionEngine& engine,
                  const Authenticator& authenticator);
  ~RegistryService() override = default;
  RegistryService(const RegistryService&) = delete;
  RegistryService& operator=(const RegistryService&) = delete;

  grpc::ServerUnaryReactor* GetOrganisation(grpc::CallbackServerContext* context,
                                            const v1::GetOrganisationRequest* request,
                                            v1::GetOrganisationResponse* response) override;
  grpc::ServerUnaryReactor* ListOrganisations(grpc::CallbackServerContext* context,
                                              const v1::ListOrganisationsRequest* request,
                                              v1::ListOrganisationsResponse* response) override;
  grpc::ServerUnaryReactor* FindOrganisations(grpc::CallbackServerContext* context,
                                              const v1::FindOrganisationsRequest* request,
                                              v1::FindOrganisationsResponse* response) override;
  grpc::ServerUnaryReactor* GetOrganisationLineage(
      grpc::CallbackServerContext* context, const v1::GetOrganisationLineageRequest* request,
      v1::GetOrganisationLineageResponse* response) override;
  grpc::ServerUnaryReactor* GetPerson(grpc::CallbackServerContext* context,
                                      const v1::GetPersonRequest* request,
                                      v1::GetPersonResponse* response) override;
  grpc::ServerUnaryReactor* GetBody(grpc::CallbackServerContext* context,
                                    const v1::GetBodyRequest* request,
                                    v1::GetBodyResponse* response) override;
  grpc::ServerUnaryReactor* ListBodies(grpc::CallbackServerContext* context,
                                       const v1::ListBodiesRequest* request,
                                       v1::ListBodiesResponse* response) override;
  grpc::ServerUnaryReactor* GetBodyRoster(grpc::CallbackServerContext* context,
                                          const v1::GetBodyRosterRequest* request,
                                          v1::GetBodyRosterResponse* response) override;
  grpc::ServerUnaryReactor* ListMemberships(grpc::CallbackServerContext* context,
                                            const v1::ListMembershipsRequest* request,
                                            v1::ListMembershipsResponse* response) override;
  grpc::ServerUnaryReactor* GetCall(grpc::CallbackServerContext* context,
                                    const v1::GetCallRequest* request,
                                    v1::GetCallResponse* response) override;
  grpc::ServerUnaryReactor* ListCalls(grpc::CallbackServerContext* context,
                                      const v1::ListCallsRequest* request,
                                      v1::ListCallsResponse* response) override;
  grpc::ServerUnaryReactor* GetMeeting(grpc::CallbackServerContext* context,
                                       const v1::GetMeetingRequest* request,
                                       v1::GetMeetingResponse* response) override;
  grpc::ServerUnaryReactor* ListMeetings(grpc::CallbackServerContext* context,
                                         const v1::ListMeetingsRequest* request,
                                         v1::ListMeetingsResponse* response) override;

 private:
  // Authorizes the call for kReadPublic and runs `work()` (returning
  // absl::Status) under ServeUnary.
  template <typename Work>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, absl::string_view method,
                                  Work work);

  // Constant after construction.
  const store::EventStore& store_;
  const projections::ProjectionEngine& engine_;
  const Authenticator& authenticator_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_REGISTRY_SERVICE_H_
