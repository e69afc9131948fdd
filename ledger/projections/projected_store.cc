// Opening and closing a store with its projection engine.
#include "ledger/projections/projected_store.h"

#include <utility>

#include "ledger/common/status_macros.h"

namespace kumppani::projections {

absl::StatusOr<std::unique_ptr<ProjectedStore>> ProjectedStore::Open(
    store::StoreOptions options, std::vector<std::unique_ptr<Projection>> projections) {
  std::unique_ptr<ProjectedStore> opened(new ProjectedStore());
  opened->engine_ = std::make_unique<ProjectionEngine>(std::move(projections));
  options.indexer = opened->engine_.get();
  KUMPPANI_ASSIGN_OR_RETURN(opened->store_, store::EventStore::Open(options));
  KUMPPANI_RETURN_IF_ERROR(opened->engine_->Start(*opened->store_));
  return opened;
}

ProjectedStore::~ProjectedStore() {
  if (engine_ != nullptr) engine_->WaitUntilReady().IgnoreError();
  store_.reset();
  engine_.reset();
}

}  // namespace kumppani::projections
