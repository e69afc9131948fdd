// The list of services kumppanid registers; each API area adds its own here.
#include "tools/kumppanid/services.h"

namespace kumppani::kumppanid {

absl::StatusOr<api::ServiceSet> MakeServices(const ServiceContext& context) {
  api::ServiceSet services;
  static_cast<void>(context);
  return services;
}

}  // namespace kumppani::kumppanid
