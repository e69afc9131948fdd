// RocksDB implementation of EventStore. Internal to ledger/store: nothing
// outside this folder includes RocksDB headers.
#ifndef KUMPPANI_LEDGER_STORE_ROCKS_EVENT_STORE_H_
#define KUMPPANI_LEDGER_STORE_ROCKS_EVENT_STORE_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "ledger/store/append_planner.h"
#include "ledger/store/commit_queue.h"
#include "ledger/store/event_store.h"
#include "ledger/store/rocks_key_vault.h"
#include "rocksdb/db.h"

namespace kumppani::store {

class RocksEventStore final : public EventStore, private CommittedLog {
 public:
  static absl::StatusOr<std::unique_ptr<RocksEventStore>> Open(const StoreOptions& options);
  ~RocksEventStore() override;

  void AppendAsync(AppendRequest request, AppendCallback done) override;
  absl::StatusOr<std::vector<EventEnvelope>> ReadStream(const std::string& stream_id,
                                                        StreamVersion from,
                                                        Direction direction,
                                                        size_t limit) const override;
  absl::StatusOr<std::vector<EventEnvelope>> ReadAll(Position from, size_t limit) const override;
  absl::StatusOr<EventEnvelope> ReadEvent(Position position) const override;
  Position HeadPosition() const override;
  absl::StatusOr<StreamVersion> CurrentVersion(const std::string& stream_id) const override;
  KeyVault& keys() override;

 private:
  RocksEventStore(const StoreOptions& options, std::unique_ptr<rocksdb::DB> db,
                  std::vector<rocksdb::ColumnFamilyHandle*> handles);

  // Reads the committed head and its recorded_at from disk and (re)creates
  // the planner from them. Commit thread or construction only.
  absl::Status ResetPlanner();
  // Writes one group with one synced WriteBatch. Commit thread only.
  void CommitGroup(std::vector<PendingAppend>& group);

  // CommittedLog.
  absl::StatusOr<std::optional<Position>> FindEventId(const EventId& id) const override;

  absl::StatusOr<EventEnvelope> ParseEvent(std::string_view bytes, uint64_t position) const;

  // Constant after construction.
  const StoreOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; destroyed before db_
  rocksdb::ColumnFamilyHandle* events_;
  rocksdb::ColumnFamilyHandle* streams_;
  rocksdb::ColumnFamilyHandle* event_ids_;
  RocksKeyVault key_vault_;

  // Last acknowledged position. Written by the commit thread after a durable
  // write; read by everyone to bound reads to acknowledged events.
  std::atomic<uint64_t> head_{0};

  // Commit thread only.
  std::unique_ptr<AppendPlanner> planner_;

  // Last member: destroyed (drained) first.
  std::unique_ptr<CommitQueue> queue_;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_ROCKS_EVENT_STORE_H_
