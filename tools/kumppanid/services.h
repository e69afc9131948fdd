// The Kumppani services kumppanid serves, made over the opened ledger. The
// server adds grpc.health.v1.Health and server reflection itself.
#ifndef KUMPPANI_TOOLS_KUMPPANID_SERVICES_H_
#define KUMPPANI_TOOLS_KUMPPANID_SERVICES_H_

#include <string>

#include "absl/status/statusor.h"
#include "api/authenticator.h"
#include "api/server.h"
#include "ledger/audit/checkpointer.h"
#include "ledger/common/clock.h"
#include "ledger/projections/projected_store.h"
#include "tools/kumppanid/config.h"

namespace kumppani::kumppanid {

// What services are made from. Everything here outlives the server.
struct ServiceContext {
  projections::ProjectedStore& ledger;
  const api::Authenticator& authenticator;
  const Config& config;
  // Signs checkpoints (periodically; kumppanid owns it) with the key in
  // checkpoint_key_file.
  audit::Checkpointer& checkpointer;
  std::string checkpoint_key_file;
  // The server's clock (recorded_at, command validation).
  const Clock& clock;
};

// Every service, ready to register. An error stops kumppanid from starting.
absl::StatusOr<api::ServiceSet> MakeServices(const ServiceContext& context);

}  // namespace kumppani::kumppanid

#endif  // KUMPPANI_TOOLS_KUMPPANID_SERVICES_H_
