// What every unary handler does around its work: authenticate the call,
// check the principal's role for the method, run the work, and finish with
// the mapped status. Services call ServeUnary so that each handler is one
// line of policy and one call into the ledger.
//
// Thread safety: stateless; may be called concurrently.
#ifndef KUMPPANI_API_UNARY_CALL_H_
#define KUMPPANI_API_UNARY_CALL_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/authenticator.h"
#include "api/permissions.h"
#include "api/principal.h"
#include "api/status_mapping.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"

namespace kumppani::api {

// The caller, when it is authenticated and its role may take `action`:
// UNAUTHENTICATED or PERMISSION_DENIED (naming `method`) otherwise.
inline absl::StatusOr<Principal> Authorize(const Authenticator& authenticator,
                                           const grpc::ServerContextBase& context, Action action,
                                           absl::string_view method) {
  absl::StatusOr<Principal> principal = authenticator.Authenticate(context);
  if (!principal.ok()) return principal.status();
  if (absl::Status allowed = Require(*principal, action, method); !allowed.ok()) return allowed;
  return principal;
}

// Authorizes the call for `action`, runs `work(const Principal&)` (which
// returns absl::Status and fills the response) and finishes the call with
// its status. The work runs on the calling (gRPC callback) thread.
template <typename Work>
grpc::ServerUnaryReactor* ServeUnary(grpc::CallbackServerContext* context,
                                     const Authenticator& authenticator, Action action,
                                     absl::string_view method, Work work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Principal> principal = Authorize(authenticator, *context, action, method);
  reactor->Finish(ToGrpcStatus(principal.ok() ? work(*principal) : principal.status()));
  return reactor;
}

}  // namespace kumppani::api

#endif  // KUMPPANI_API_UNARY_CALL_H_
