// Turning a call's metadata into a Principal. The server holds one
// Authenticator; handlers call it first.
#ifndef KUMPPANI_API_AUTHENTICATOR_H_
#define KUMPPANI_API_AUTHENTICATOR_H_

#include "absl/status/statusor.h"
#include "api/principal.h"
#include "grpcpp/server_context.h"

namespace kumppani::api {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // UNAUTHENTICATED (no or unknown bearer token) naming what is wrong, never
  // echoing the token.
  virtual absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context) const = 0;

  // Re-reads the credentials' source (the tokens file) so that added and
  // revoked tokens take effect without a restart; kumppanid calls it on
  // SIGHUP. Calls already authenticated are not affected. On error the
  // previous credentials stay in force. May run concurrently with
  // Authenticate. Default: nothing to reload, OK.
  virtual absl::Status Reload() { return absl::OkStatus(); }
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_AUTHENTICATOR_H_
