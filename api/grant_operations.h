// The GrantService's calls as plain functions, without gRPC: decode and
// check a request, resolve its known_at, call the grants read models' query
// and fill the response with the position read. The handlers in
// grant_service.cc authorize, call one of these and map the status.
//
// Errors: INVALID_ARGUMENT naming the request field and the rule (ids,
// "filter.<field>", dates, group_by, page size and token, known_at);
// NOT_FOUND naming the id; OUT_OF_RANGE when a sum overflows; the read
// models' errors (UNAVAILABLE while a projection is being built, DATA_LOSS)
// unchanged.
//
// Thread safety: const methods may be called concurrently; the store and
// the engine must outlive the object.
#ifndef KUMPPANI_API_GRANT_OPERATIONS_H_
#define KUMPPANI_API_GRANT_OPERATIONS_H_

#include "absl/status/status.h"
#include "kumppani/v1/grant_service.pb.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

class GrantQueries {
 public:
  GrantQueries(const store::EventStore& store, const projections::ProjectionEngine& engine)
      : store_(store), engine_(engine) {}

  absl::Status GetGrantProgramme(const v1::GetGrantProgrammeRequest& request,
                                 v1::GetGrantProgrammeResponse& response) const;
  absl::Status ListGrantProgrammes(const v1::ListGrantProgrammesRequest& request,
                                   v1::ListGrantProgrammesResponse& response) const;
  absl::Status GetGrant(const v1::GetGrantRequest& request, v1::GetGrantResponse& response) const;
  absl::Status ListGrants(const v1::ListGrantsRequest& request,
                          v1::ListGrantsResponse& response) const;
  absl::Status GetGrantTotals(const v1::GetGrantTotalsRequest& request,
                              v1::GrantTotals& response) const;

 private:
  // Constant after construction.
  const store::EventStore& store_;
  const projections::ProjectionEngine& engine_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_GRANT_OPERATIONS_H_
