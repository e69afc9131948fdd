// The AuditService's calls as plain functions, without gRPC: decode and
// check a request, resolve its known_at, take the read models' views at
// that one position, join the registry where a query needs it (the
// body → organisation join of coverage and duties), run the audit query,
// redact for the caller's role (audit_redaction.h) and fill the response
// with the position read. The handlers in audit_service.cc authorize, call
// one of these and map the status.
//
// Errors: INVALID_ARGUMENT naming the request field and the rule (ids,
// dates, period, page size and token, known_at); NOT_FOUND naming the
// request field and the id; the read models' errors (UNAVAILABLE while a
// projection is being built, DATA_LOSS) unchanged.
//
// Thread safety: const methods may be called concurrently; the store and
// the engine must outlive the object.
#ifndef KUMPPANI_API_AUDIT_OPERATIONS_H_
#define KUMPPANI_API_AUDIT_OPERATIONS_H_

#include "absl/status/status.h"
#include "api/principal.h"
#include "kumppani/v1/audit_service.pb.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

class AuditQueries {
 public:
  AuditQueries(const store::EventStore& store, const projections::ProjectionEngine& engine)
      : store_(store), engine_(engine) {}

  absl::Status GetInfluenceTrail(const Principal& principal,
                                 const v1::GetInfluenceTrailRequest& request,
                                 v1::GetInfluenceTrailResponse& response) const;
  absl::Status GetOrganisationFootprint(const Principal& principal,
                                        const v1::GetOrganisationFootprintRequest& request,
                                        v1::GetOrganisationFootprintResponse& response) const;
  absl::Status GetCoverageStatistics(const v1::GetCoverageStatisticsRequest& request,
                                     v1::GetCoverageStatisticsResponse& response) const;
  // Pages over the unassessed submissions, then the uninformed inputs; each
  // page recomputes the duties at the position its token pins (a view of a
  // position never changes, so the pages fit together).
  absl::Status ListOutstandingDuties(const Principal& principal,
                                     const v1::ListOutstandingDutiesRequest& request,
                                     v1::ListOutstandingDutiesResponse& response) const;

 private:
  // Constant after construction.
  const store::EventStore& store_;
  const projections::ProjectionEngine& engine_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_AUDIT_OPERATIONS_H_
