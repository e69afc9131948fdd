// The list of services kumppanid registers; each API area adds its own here.
#include "tools/kumppanid/services.h"

#include <memory>
#include <utility>

#include "api/ledger_service.h"

namespace kumppani::kumppanid {

absl::StatusOr<api::ServiceSet> MakeServices(const ServiceContext& context) {
  api::ServiceSet services;
  auto ledger = std::make_unique<api::LedgerService>(context.ledger.store(), context.authenticator);
  api::LedgerService* ledger_service = ledger.get();
  services.services.push_back(std::move(ledger));
  services.on_shutdown.push_back([ledger_service] { ledger_service->Shutdown(); });
  return services;
}

}  // namespace kumppani::kumppanid
