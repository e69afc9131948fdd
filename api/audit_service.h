// kumppani.v1.AuditService (proto/kumppani/v1/audit_service.proto): the
// audit queries of ledger/audit over gRPC — influence trails of decisions,
// organisation footprints, coverage statistics of a region, outstanding
// duties. Each handler authenticates, checks the role, and calls one method
// of AuditQueries (audit_operations.h), which decodes the request, reads
// every view at one log position, runs the query, redacts for the caller
// and sets read_position.
//
// Roles (api/permissions.h): every RPC is Action::kReadPublic, open to every
// role. Submitters' person ids (private persons' submissions are personal
// data) reach only roles with Action::kReadPersonalData (admin, recorder,
// auditor); for ngo and public tokens they are cleared and the response's
// personal_data_redacted is set (audit_redaction.h).
//
// Lifetime: the store, engine and authenticator must outlive the service;
// destroy it after the server has finished every call.
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_API_AUDIT_SERVICE_H_
#define KUMPPANI_API_AUDIT_SERVICE_H_

#include "api/arena_messages.h"
#include "api/audit_operations.h"
#include "api/authenticator.h"
#include "kumppani/v1/audit_service.grpc.pb.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

class AuditService final : public v1::AuditService::CallbackService {
 public:
  AuditService(const store::EventStore& store, const projections::ProjectionEngine& engine,
               const Authenticator& authenticator)
      : queries_(store, engine), authenticator_(authenticator) {
    SetMessageAllocatorFor_GetInfluenceTrail(&trail_messages_);
  }
  ~AuditService() override = default;
  AuditService(const AuditService&) = delete;
  AuditService& operator=(const AuditService&) = delete;

  grpc::ServerUnaryReactor* GetInfluenceTrail(grpc::CallbackServerContext* context,
                                              const v1::GetInfluenceTrailRequest* request,
                                              v1::GetInfluenceTrailResponse* response) override;
  grpc::ServerUnaryReactor* GetOrganisationFootprint(
      grpc::CallbackServerContext* context, const v1::GetOrganisationFootprintRequest* request,
      v1::GetOrganisationFootprintResponse* response) override;
  grpc::ServerUnaryReactor* GetCoverageStatistics(
      grpc::CallbackServerContext* context, const v1::GetCoverageStatisticsRequest* request,
      v1::GetCoverageStatisticsResponse* response) override;
  grpc::ServerUnaryReactor* ListOutstandingDuties(
      grpc::CallbackServerContext* context, const v1::ListOutstandingDutiesRequest* request,
      v1::ListOutstandingDutiesResponse* response) override;

 private:
  // Constant after construction.
  const AuditQueries queries_;
  const Authenticator& authenticator_;
  // The trail is built in its response (AuditQueries::GetInfluenceTrail).
  ArenaMessages<v1::GetInfluenceTrailRequest, v1::GetInfluenceTrailResponse> trail_messages_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_AUDIT_SERVICE_H_
