// An event store with the projection engine attached, opened and closed in
// the right order: the engine must exist before the store opens (the store
// calls it on open and for every group) and the store must close (finishing
// queued appends, which the engine indexes) before the engine goes.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PROJECTED_STORE_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PROJECTED_STORE_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/projections/projection.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::projections {

class ProjectedStore {
 public:
  // Opens the store in options.path with `projections` attached (options.indexer
  // is set here). Projections that are new or changed start building in the
  // background; engine().WaitUntilReady() waits for them.
  static absl::StatusOr<std::unique_ptr<ProjectedStore>> Open(
      store::StoreOptions options, std::vector<std::unique_ptr<Projection>> projections);
  ~ProjectedStore();

  store::EventStore& store() { return *store_; }
  ProjectionEngine& engine() { return *engine_; }

 private:
  ProjectedStore() = default;
  std::unique_ptr<ProjectionEngine> engine_;
  std::unique_ptr<store::EventStore> store_;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PROJECTED_STORE_H_
