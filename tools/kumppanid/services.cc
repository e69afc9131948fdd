// The list of services kumppanid registers; each API area adds its own here.
#include "tools/kumppanid/services.h"

#include <memory>
#include <utility>

#include "api/command_service.h"
#include "api/ledger_service.h"
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
  const projections::ProjectionEngine& engine = context.ledger.engine();
  add(std::make_unique<api::CommandService>(store, engine, context.clock, context.authenticator));
  // Query services: unary calls only, nothing to stop at shutdown.
  services.services.push_back(
      std::make_unique<api::RegistryService>(store, engine, context.authenticator));
  return services;
}

}  // namespace kumppani::kumppanid
