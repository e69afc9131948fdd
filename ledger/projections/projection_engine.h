// The projection engine: keeps every registered projection's rows up to date
// in the same atomic write as the events they derive from, rebuilds
// projections from position 1, and hands out views of any past position.
//
// Storage: each projection lives in a numbered table of the store's
// projection family (keys in row_keys.h). Every write is versioned by
// position, so a view at known_at = P reads the newest version <= P of each
// row: a query at any point of the log costs the same as one at the head,
// with no replay (the "snapshot interval" is one event; docs/architecture.md).
//
// Live path: the store calls IndexGroup on its commit thread for every group
// it writes; the rows go into the group's WriteBatch, so they are durable
// exactly when the events are, and never behind them after a crash.
//
// Rebuild: replays the log from position 1 into a fresh table while appends
// go on, then, with the commit thread paused for the short tail, catches up,
// switches the projection to the new table and drops the old one. A
// projection whose stored version differs from its code's version (or that
// is new) is rebuilt in the background when the engine starts; until it is
// ready, its views are UNAVAILABLE.
//
// Thread safety: View, Status and Rebuild may be called from any thread.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PROJECTION_ENGINE_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PROJECTION_ENGINE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/common/ids.h"
#include "ledger/projections/projection.h"
#include "ledger/projections/rebuild_control.h"
#include "ledger/projections/row_view.h"
#include "ledger/store/event_store.h"
#include "ledger/store/group_indexer.h"

namespace kumppani::projections {

struct ProjectionStatus {
  std::string name;
  uint32_t version = 0;
  // False while the projection is being built for the first time (or after
  // its version changed); its views are then UNAVAILABLE.
  bool ready = false;
  // The table holding its rows.
  uint32_t table = 0;
  // Position of the last event it reflects (live: the last written event).
  Position position;
  // True while a build or rebuild of it runs (a ready projection keeps
  // serving its current table meanwhile).
  bool building = false;
};

class ProjectionEngine final : public store::GroupIndexer {
 public:
  explicit ProjectionEngine(std::vector<std::unique_ptr<Projection>> projections);
  ~ProjectionEngine() override;

  // Attaches the engine to `store`, which must have been opened with
  // StoreOptions::indexer = this. Starts background rebuilds of projections
  // that are new or changed. Call once, before the first append.
  absl::Status Start(store::EventStore& store);
  // Waits for background rebuilds started by Start (tests, tools).
  absl::Status WaitUntilReady();

  // A view of `projection` at `known_at` (default: the acknowledged head).
  // INVALID_ARGUMENT for a known_at beyond the head; NOT_FOUND for an unknown
  // projection; UNAVAILABLE while it is not ready.
  absl::StatusOr<RowView> View(std::string_view projection,
                               std::optional<Position> known_at = std::nullopt) const;

  std::vector<ProjectionStatus> Status() const;

  // Rebuilds `projection` from position 1 into a fresh table and switches to
  // it, then compacts the retired table's key range. Appends go on
  // meanwhile. FAILED_PRECONDITION when a rebuild of it is already running.
  absl::Status Rebuild(std::string_view projection, const RebuildProgress& progress = {},
                       const RebuildCancelled& cancelled = {});

  // Rebuilds every projection in one pass over the log (as Rebuild).
  absl::Status RebuildAll(const RebuildProgress& progress = {},
                          const RebuildCancelled& cancelled = {});

  // Replays `projection` from position 1 into a scratch table and compares it
  // with the live table at the same position, row by row and byte by byte;
  // the scratch table is then dropped. OK when identical; DATA_LOSS naming
  // the first differing key otherwise.
  absl::Status VerifyRebuild(std::string_view projection, const RebuildProgress& progress = {});

  // Every stored version of the projection's live rows with positions <=
  // `known_at` as text lines, for tests and tools comparing projections.
  absl::StatusOr<std::string> Dump(std::string_view projection, Position known_at) const;

  // store::GroupIndexer (commit thread).
  absl::Status Open(store::IndexWriter& writer) override;
  absl::Status IndexGroup(const std::vector<const v1::EventEnvelope*>& events,
                          store::IndexWriter& writer) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PROJECTION_ENGINE_H_
