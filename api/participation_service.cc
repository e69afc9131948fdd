// ParticipationService handlers: authorize → one ParticipationQueries call →
// finish with the mapped status.
#include "api/participation_service.h"

#include "api/permissions.h"
#include "api/unary_call.h"

namespace kumppani::api {
namespace {

constexpr char kGetConsultation[] = "/kumppani.v1.ParticipationService/GetConsultation";
constexpr char kListConsultations[] = "/kumppani.v1.ParticipationService/ListConsultations";
constexpr char kGetSubmission[] = "/kumppani.v1.ParticipationService/GetSubmission";
constexpr char kGetProposal[] = "/kumppani.v1.ParticipationService/GetProposal";
constexpr char kGetDecision[] = "/kumppani.v1.ParticipationService/GetDecision";
constexpr char kListDecisions[] = "/kumppani.v1.ParticipationService/ListDecisions";
constexpr char kGetInfluenceGraph[] = "/kumppani.v1.ParticipationService/GetInfluenceGraph";

}  // namespace

ParticipationService::ParticipationService(const store::EventStore& store,
                                           const projections::ProjectionEngine& engine,
                                           const Authenticator& authenticator)
    : authenticator_(authenticator), queries_(store, engine) {}

grpc::ServerUnaryReactor* ParticipationService::GetConsultation(
    grpc::CallbackServerContext* context, const v1::GetConsultationRequest* request,
    v1::GetConsultationResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kGetConsultation,
                    [&](const Principal& principal) {
                      return queries_.GetConsultation(principal, *request, *response);
                    });
}

grpc::ServerUnaryReactor* ParticipationService::ListConsultations(
    grpc::CallbackServerContext* context, const v1::ListConsultationsRequest* request,
    v1::ListConsultationsResponse* response) {
  return ServeUnary(
      context, authenticator_, Action::kReadPublic, kListConsultations,
      [&](const Principal&) { return queries_.ListConsultations(*request, *response); });
}

grpc::ServerUnaryReactor* ParticipationService::GetSubmission(
    grpc::CallbackServerContext* context, const v1::GetSubmissionRequest* request,
    v1::GetSubmissionResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kGetSubmission,
                    [&](const Principal& principal) {
                      return queries_.GetSubmission(principal, *request, *response);
                    });
}

grpc::ServerUnaryReactor* ParticipationService::GetProposal(grpc::CallbackServerContext* context,
                                                            const v1::GetProposalRequest* request,
                                                            v1::GetProposalResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kGetProposal,
                    [&](const Principal&) { return queries_.GetProposal(*request, *response); });
}

grpc::ServerUnaryReactor* ParticipationService::GetDecision(grpc::CallbackServerContext* context,
                                                            const v1::GetDecisionRequest* request,
                                                            v1::GetDecisionResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kGetDecision,
                    [&](const Principal&) { return queries_.GetDecision(*request, *response); });
}

grpc::ServerUnaryReactor* ParticipationService::ListDecisions(
    grpc::CallbackServerContext* context, const v1::ListDecisionsRequest* request,
    v1::ListDecisionsResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kListDecisions,
                    [&](const Principal&) { return queries_.ListDecisions(*request, *response); });
}

grpc::ServerUnaryReactor* ParticipationService::GetInfluenceGraph(
    grpc::CallbackServerContext* context, const v1::GetInfluenceGraphRequest* request,
    v1::GetInfluenceGraphResponse* response) {
  return ServeUnary(
      context, authenticator_, Action::kReadPublic, kGetInfluenceGraph,
      [&](const Principal&) { return queries_.GetInfluenceGraph(*request, *response); });
}

}  // namespace kumppani::api
