// The list of services kumppanid registers; each API area adds its own here.
#include "tools/kumppanid/services.h"

#include <memory>
#include <utility>

#include "api/admin_service.h"
#include "api/audit_service.h"
#include "api/command_service.h"
#include "api/grant_service.h"
#include "api/ledger_service.h"
#include "api/participation_service.h"
#include "api/registry_service.h"

namespace kumppani::kumppanid {

absl::StatusOr<api::ServiceSet> MakeServices(const ServiceContext& context) {
  api::ServiceSet services;
  // Adds `service`, whose Shutdown() runs when the server begins to shut down.
  auto add = [&services](auto service) {
    auto* raw = service.get();
    services.services.push_back(std::move(service));
    services.on_shutdown.push_back([raw] { raw->Shutdown(); });
  };
  store::EventStore& store = context.ledger.store();
  api::LedgerServiceOptions ledger_options;
  ledger_options.verifier_key = context.checkpointer.verifier_key();
  add(std::make_unique<api::LedgerService>(store, context.authenticator, ledger_options));
  projections::ProjectionEngine& engine = context.ledger.engine();
  const api::Authenticator& authenticator = context.authenticator;
  add(std::make_unique<api::CommandService>(store, engine, context.clock, authenticator));
  api::AdminServiceOptions admin_options;
  admin_options.checkpoint_key_file = context.checkpoint_key_file;
  add(std::make_unique<api::AdminService>(store, engine, context.clock, authenticator,
                                          admin_options));
  // Query services: unary calls only, nothing to stop at shutdown.
  services.services.push_back(std::make_unique<api::RegistryService>(store, engine, authenticator));
  services.services.push_back(
      std::make_unique<api::ParticipationService>(store, engine, authenticator));
  services.services.push_back(std::make_unique<api::GrantService>(store, engine, authenticator));
  services.services.push_back(std::make_unique<api::AuditService>(store, engine, authenticator));
  return services;
}

}  // namespace kumppani::kumppanid
