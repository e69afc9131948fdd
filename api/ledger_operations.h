// The LedgerService's calls as plain functions, without gRPC: check and
// convert a request, call the event store, fill the response. The handlers
// in ledger_service.cc authenticate, call one of these and map the status.
//
// Errors name the request field and the rule (INVALID_ARGUMENT), or come
// from the store unchanged.
//
// Thread safety: free functions; the store may be shared between threads.
#ifndef KUMPPANI_API_LEDGER_OPERATIONS_H_
#define KUMPPANI_API_LEDGER_OPERATIONS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "api/principal.h"
#include "api/subscription.h"
#include "kumppani/v1/ledger_service.pb.h"
#include "ledger/common/ids.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

struct PageLimits {
  // Events per page when the request's page_size is 0. Default: 100.
  size_t default_page_size = 100;
  // Larger page sizes are reduced to this (AIP-158). Default: 1,000.
  size_t max_page_size = 1000;
};

// The store request for an AppendEvents call: the expected version (one is
// required) and the events, each with metadata.actor set to `actor`. The
// store validates the events themselves (naming "events[i].<field>").
absl::StatusOr<store::AppendRequest> ToAppendRequest(const v1::AppendEventsRequest& request,
                                                     const std::string& actor);
void ToAppendResponse(const store::AppendResult& result, v1::AppendEventsResponse& response);

// ReadStream: NOT_FOUND when the stream has no events; PERMISSION_DENIED
// when CanSeeStream() says no (before looking at the stream).
absl::Status ReadStreamPage(const store::EventStore& store, const Principal& principal,
                            const PageLimits& limits, const v1::ReadStreamRequest& request,
                            v1::ReadStreamResponse& response);

// ReadAll: events the principal may not see are left out of the page.
absl::Status ReadAllPage(const store::EventStore& store, const Principal& principal,
                         const PageLimits& limits, const v1::ReadAllRequest& request,
                         v1::ReadAllResponse& response);

// GetEvent: the event, its canonical bytes, leaf hash and inclusion proof.
absl::Status ProveEvent(const store::EventStore& store, const v1::GetEventRequest& request,
                        v1::EventWithProof& response);

// GetLatestCheckpoint; `verifier_key` may be empty.
absl::Status LatestCheckpoint(const store::EventStore& store, const std::string& verifier_key,
                              v1::SignedCheckpoint& response);

// GetConsistencyProof.
absl::Status ProveConsistency(const store::EventStore& store,
                              const v1::GetConsistencyProofRequest& request,
                              v1::ConsistencyProof& response);

// Where a Subscribe call starts and what it delivers.
struct SubscriptionStart {
  Position after;
  SubscriptionFilter filter;
};

// OUT_OF_RANGE when after_position is beyond the head; PERMISSION_DENIED
// when a public token asks only for "person-" streams.
absl::StatusOr<SubscriptionStart> ToSubscriptionStart(const store::EventStore& store,
                                                      const Principal& principal,
                                                      const v1::SubscribeRequest& request);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_LEDGER_OPERATIONS_H_
