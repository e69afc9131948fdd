// The one mapping between absl::Status (what the ledger returns) and
// grpc::Status (what clients see). Every handler finishes with ToGrpcStatus;
// clients written in C++ turn replies back with FromGrpcStatus.
//
// Codes carry the meaning and pass through unchanged (absl's canonical codes
// are gRPC's): INVALID_ARGUMENT malformed input, FAILED_PRECONDITION a domain
// rule, ABORTED an expected-version conflict, ALREADY_EXISTS, NOT_FOUND,
// UNAUTHENTICATED, PERMISSION_DENIED, RESOURCE_EXHAUSTED a limit, UNAVAILABLE
// while shutting down, DATA_LOSS corruption, OUT_OF_RANGE, CANCELLED,
// DEADLINE_EXCEEDED, UNIMPLEMENTED. Their messages reach the client as they
// are: they name the field and the rule, never a secret. A message over
// 1,024 bytes (one echoing a huge value) is cut there, at a UTF-8 boundary,
// with "… (N more bytes left out)", so that it fits in what gRPC clients
// accept as trailing metadata.
//
// INTERNAL and UNKNOWN (and any code outside the canonical set, which is
// treated as UNKNOWN) are bugs or environment failures whose detail may reveal
// internals: the detail is logged once, at error level, under a random
// incident id, and the client gets only
// "internal error; incident <id> is in the server log". DATA_LOSS is also
// logged at error level (an operator must know) and returned with its message.
//
// Thread safety: the functions may be called concurrently from any thread.
#ifndef KUMPPANI_API_STATUS_MAPPING_H_
#define KUMPPANI_API_STATUS_MAPPING_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace kumppani::api {

// The status to finish a call with. OK maps to grpc::Status::OK.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients: the same code and message. Error details (the
// binary trailer) are not carried.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_STATUS_MAPPING_H_
