// kumppani.v1.ParticipationService (proto/kumppani/v1/participation_service
// .proto): consultations, submissions, proposals, decisions, the decision
// register and influence graphs over gRPC, with the callback API. Each
// handler authorizes the call and runs one ParticipationQueries call
// (participation_operations.h).
//
// Roles (api/permissions.h): every RPC is Action::kReadPublic. Private
// persons' submissions are redacted for roles without kReadPersonalData
// (participation_redaction.h).
//
// Lifetime: the store, engine and authenticator must outlive the service;
// destroy it after the server has finished every call.
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_API_PARTICIPATION_SERVICE_H_
#define KUMPPANI_API_PARTICIPATION_SERVICE_H_

#include "api/authenticator.h"
#include "api/participation_operations.h"
#include "kumppani/v1/participation_service.grpc.pb.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

class ParticipationService final : public v1::ParticipationService::CallbackService {
 public:
  ParticipationService(const store::EventStore& store, const projections::ProjectionEngine& engine,
                       const Authenticator& authenticator);
  ~ParticipationService() override = default;
  ParticipationService(const ParticipationService&) = delete;
  ParticipationService& operator=(const ParticipationService&) = delete;

  grpc::ServerUnaryReactor* GetConsultation(grpc::CallbackServerContext* context,
                                            const v1::GetConsultationRequest* request,
                                            v1::GetConsultationResponse* response) override;
  grpc::ServerUnaryReactor* ListConsultations(grpc::CallbackServerContext* context,
                                              const v1::ListConsultationsRequest* request,
                                              v1::ListConsultationsResponse* response) override;
  grpc::ServerUnaryReactor* GetSubmission(grpc::CallbackServerContext* context,
                                          const v1::GetSubmissionRequest* request,
                                          v1::GetSubmissionResponse* response) override;
  grpc::ServerUnaryReactor* GetProposal(grpc::CallbackServerContext* context,
                                        const v1::GetProposalRequest* request,
                                        v1::GetProposalResponse* response) override;
  grpc::ServerUnaryReactor* GetDecision(grpc::CallbackServerContext* context,
                                        const v1::GetDecisionRequest* request,
                                        v1::GetDecisionResponse* response) override;
  grpc::ServerUnaryReactor* ListDecisions(grpc::CallbackServerContext* context,
                                          const v1::ListDecisionsRequest* request,
                                          v1::ListDecisionsResponse* response) override;
  grpc::ServerUnaryReactor* GetInfluenceGraph(grpc::CallbackServerContext* context,
                                              const v1::GetInfluenceGraphRequest* request,
                                              v1::GetInfluenceGraphResponse* response) override;

 private:
  // Constant after construction.
  const Authenticator& authenticator_;
  const ParticipationQueries queries_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_PARTICIPATION_SERVICE_H_
