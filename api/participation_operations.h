// The ParticipationService's calls as plain functions, without gRPC: decode
// and check a request, resolve its known_at, call the participation read
// models' query, redact for the caller's role (participation_redaction.h)
// and fill the response with the position read. The handlers in
// participation_service.cc authorize, call one of these and map the status.
//
// Errors: INVALID_ARGUMENT naming the request field and the rule (ids,
// dates, page size and token, known_at); NOT_FOUND naming the id; the read
// models' errors (UNAVAILABLE while a projection is being built, DATA_LOSS)
// unchanged.
//
// Thread safety: const methods may be called concurrently; the store and
// the engine must outlive the object.
#ifndef KUMPPANI_API_PARTICIPATION_OPERATIONS_H_
#define KUMPPANI_API_PARTICIPATION_OPERATIONS_H_

#include "absl/status/status.h"
#include "api/principal.h"
#include "kumppani/v1/participation_service.pb.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

class ParticipationQueries {
 public:
  ParticipationQueries(const store::EventStore& store, const projections::ProjectionEngine& engine)
      : store_(store), engine_(engine) {}

  absl::Status GetConsultation(const Principal& principal,
                               const v1::GetConsultationRequest& request,
                               v1::GetConsultationResponse& response) const;
  absl::Status ListConsultations(const v1::ListConsultationsRequest& request,
                                 v1::ListConsultationsResponse& response) const;
  absl::Status GetSubmission(const Principal& principal, const v1::GetSubmissionRequest& request,
                             v1::GetSubmissionResponse& response) const;
  absl::Status GetProposal(const v1::GetProposalRequest& request,
                           v1::GetProposalResponse& response) const;
  absl::Status GetDecision(const v1::GetDecisionRequest& request,
                           v1::GetDecisionResponse& response) const;
  absl::Status ListDecisions(const v1::ListDecisionsRequest& request,
                             v1::ListDecisionsResponse& response) const;
  absl::Status GetInfluenceGraph(const v1::GetInfluenceGraphRequest& request,
                                 v1::GetInfluenceGraphResponse& response) const;

 private:
  // Constant after construction.
  const store::EventStore& store_;
  const projections::ProjectionEngine& engine_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_PARTICIPATION_OPERATIONS_H_
