// RocksDB implementation of EventStore. Internal to ledger/store: nothing
// outside this folder includes RocksDB headers.
#ifndef KUMPPANI_LEDGER_STORE_ROCKS_EVENT_STORE_H_
#define KUMPPANI_LEDGER_STORE_ROCKS_EVENT_STORE_H_

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ledger/store/append_planner.h"
#include "ledger/store/batching_queue.h"
#include "ledger/store/event_store.h"
#include "ledger/store/merkle_frontier.h"
#include "ledger/store/rocks_key_vault.h"
#include "ledger/store/sync_stage.h"
#include "rocksdb/db.h"

namespace kumppani::store {

// An append waiting to be planned and written.
struct PendingAppend {
  AppendRequest request;
  EventStore::AppendCallback done;
};

// Appends flow through two threads: the commit thread plans each group and
// writes it unsynced (so the write-ahead log holds groups in plan order); the
// sync thread (SyncStage) then syncs the log once for every group written meanwhile,
// advances the acknowledged head and answers the appenders. Planning and
// memtable work of group N+1 thus overlap the sync of group N. A blocking
// append that finds nothing else in flight skips both hand-offs: its own
// thread plans, writes and syncs it (rocks_lone_append.cc). A failed write
// or sync stops all further appends (fail-stop): what reached the disk is
// decided by recovery when the store is reopened.
// Removes what a bulk load cut short by a crash left in the store's
// directory (rocks_bulk_load.cc); called before the store opens.
void RemoveBulkLoadLeftovers(const std::string& store_path);

class RocksEventStore final : public EventStore, private WrittenLog {
 public:
  friend class RocksIndexWriter;

  static absl::StatusOr<std::unique_ptr<RocksEventStore>> Open(const StoreOptions& options);
  ~RocksEventStore() override;

  void AppendAsync(AppendRequest request, AppendCallback done) override;
  absl::StatusOr<AppendResult> Append(AppendRequest request) override;  // rocks_lone_append.cc
  absl::StatusOr<std::vector<EventEnvelope>> ReadStream(const std::string& stream_id,
                                                        StreamVersion from,
                                                        Direction direction,
                                                        size_t limit) const override;
  absl::StatusOr<std::vector<EventEnvelope>> ReadAll(Position from, size_t limit) const override;
  absl::Status ReadAllInto(Position from, size_t limit,
                           std::vector<EventEnvelope>& events) const override;
  absl::StatusOr<EventEnvelope> ReadEvent(Position position) const override;
  Position HeadPosition() const override;
  absl::StatusOr<StreamVersion> CurrentVersion(const std::string& stream_id) const override;
  KeyVault& keys() override;
  absl::StatusOr<Hash> RootHash(uint64_t tree_size) const override;
  absl::StatusOr<Hash> LeafHash(Position position) const override;
  absl::StatusOr<std::vector<Hash>> LeafHashes(Position from, size_t count) const override;
  absl::StatusOr<std::vector<Hash>> InclusionProof(Position position,
                                                   uint64_t tree_size) const override;
  absl::StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t old_size,
                                                     uint64_t new_size) const override;
  absl::Status PutCheckpoint(const StoredCheckpoint& checkpoint) override;
  absl::StatusOr<StoredCheckpoint> LatestCheckpoint() const override;
  absl::StatusOr<StoredCheckpoint> CheckpointAt(uint64_t tree_size) const override;
  StoreStats Stats() const override;
  absl::StatusOr<BackupInfo> Backup(const std::string& directory) override;  // rocks_backup.cc
  uint64_t AddHeadListener(HeadListener listener) override;
  void RemoveHeadListener(uint64_t id) override;
  absl::StatusOr<Position> PositionAtTime(const google::protobuf::Timestamp& time) const override;
  std::unique_ptr<KvCursor> NewIndexCursor() const override;
  std::unique_ptr<KvCursor> NewIndexCursor(std::string upper_bound) const override;
  absl::Status CompactIndex(std::string_view begin, std::string_view end) override;
  absl::Status WriteIndex(const IndexBatch& batch) override;
  // rocks_bulk_load.cc
  absl::Status BulkLoadIndex(const std::vector<SortedRows*>& row_sets) override;
  absl::Status DropIndexRange(std::string_view begin, std::string_view end) override;
  absl::Status FlushIndex() override;
  absl::Status RunWithCommitsPaused(const std::function<absl::Status(IndexWriter&)>& work) override;

 private:
  RocksEventStore(const StoreOptions& options, std::unique_ptr<rocksdb::DB> db,
                  std::vector<rocksdb::ColumnFamilyHandle*> handles);

  // Reads the head and its recorded_at from disk and creates the planner.
  // Construction only.
  absl::Status RecoverHead();
  // Gives the indexer (if any) its Open call. Construction only.
  absl::Status OpenIndexer();
  // Plans one group and writes it unsynced. Commit thread only.
  void WriteGroup(std::vector<PendingAppend>& appends);
  // Writes the group the planner holds, unsynced; on failure turns every
  // accepted result into the failure. Returns the group's last position, 0
  // when it wrote nothing. Commit path (commit_mu_ held).
  uint64_t WritePlannedGroup(std::vector<absl::StatusOr<AppendResult>>& results);
  // Plans, writes and syncs a lone blocking append on the caller's thread.
  absl::StatusOr<AppendResult> AppendAlone(AppendRequest& request);  // rocks_lone_append.cc
  // Answers a queued append: one fewer in flight, then `done`.
  void Answer(AppendCallback& done, absl::StatusOr<AppendResult> result);
  // Syncs the write-ahead log; a failure stops all appends (Fail) and the
  // store's failure is returned.
  absl::Status SyncLog();
  // Makes `position` the acknowledged head (if it is past it) and tells the
  // head listeners. Only after a sync that began once `position` was written.
  void AdvanceHead(uint64_t position);
  // Writes the planned events, their index entries and Merkle nodes in one
  // unsynced WriteBatch. Commit path.
  absl::Status WritePlanned(const std::vector<PlannedEvent>& planned);
  // Adds the Merkle nodes of the planned events to `batch`, moving `frontier`
  // past them. Commit path.
  absl::Status AddTreeNodes(const std::vector<PlannedEvent>& planned, MerkleFrontier& frontier,
                            rocksdb::WriteBatch& batch);
  // Syncs the log for `groups`, then acknowledges them. Sync thread only.
  void SyncGroups(std::vector<WrittenGroup>& groups);
  // Makes every later append fail with an error derived from `cause`.
  void Fail(const absl::Status& cause);
  absl::Status failure() const;

  // WrittenLog.
  absl::StatusOr<std::optional<Position>> FindEventId(const EventId& id) const override;
  absl::StatusOr<EventEnvelope> ReadWrittenEvent(Position position) const override;
  absl::StatusOr<StreamVersion> WrittenVersion(const std::string& stream_id) const override;
  // The last stream entry of `stream_id` at a position <= `max_position`.
  absl::StatusOr<StreamVersion> VersionAtOrBelow(const std::string& stream_id,
                                                 uint64_t max_position) const;
  absl::StatusOr<EventEnvelope> GetEvent(uint64_t position) const;

  // ReadAll and ReadStream bounded by `head` instead of the acknowledged head.
  absl::StatusOr<std::vector<EventEnvelope>> ReadAllThrough(Position from, size_t limit,
                                                            uint64_t head) const;
  absl::Status ReadAllThroughInto(Position from, size_t limit, uint64_t head,
                                  std::vector<EventEnvelope>& events) const;
  absl::StatusOr<std::vector<EventEnvelope>> ReadStreamThrough(const std::string& stream_id,
                                                               StreamVersion from,
                                                               Direction direction, size_t limit,
                                                               uint64_t head) const;

  absl::StatusOr<EventEnvelope> ParseEvent(std::string_view bytes, uint64_t position) const;
  // Parses into `event`, reusing its memory.
  absl::Status ParseEventInto(std::string_view bytes, uint64_t position,
                              EventEnvelope& event) const;

  // Constant after construction.
  const StoreOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; destroyed before db_
  rocksdb::ColumnFamilyHandle* events_;
  rocksdb::ColumnFamilyHandle* streams_;
  rocksdb::ColumnFamilyHandle* event_ids_;
  rocksdb::ColumnFamilyHandle* tree_;
  rocksdb::ColumnFamilyHandle* checkpoints_;
  rocksdb::ColumnFamilyHandle* projections_;
  std::mutex checkpoint_mu_;  // serialises PutCheckpoint's check-then-write
  RocksKeyVault key_vault_;

  // Last acknowledged (durable) position. Written by AdvanceHead with
  // listeners_mu_ held; read by everyone to bound reads to acknowledged events.
  std::atomic<uint64_t> head_{0};

  // Head listeners, called by AdvanceHead (the sync thread, or a lone
  // appender's thread) with listeners_mu_ held, in position order.
  std::mutex listeners_mu_;
  uint64_t next_listener_id_ = 1;                 // guarded by listeners_mu_
  std::map<uint64_t, HeadListener> listeners_;    // guarded by listeners_mu_

  // Appends submitted and not yet answered, blocking or queued. A blocking
  // append that finds none is done on its caller's thread (AppendAlone).
  std::atomic<uint64_t> in_flight_{0};

  // Names the files BulkLoadIndex writes before they are ingested.
  std::atomic<uint64_t> bulk_files_{0};

  std::atomic<uint64_t> appends_{0};
  std::atomic<uint64_t> events_written_{0};
  std::atomic<uint64_t> write_batches_{0};
  std::atomic<uint64_t> syncs_{0};

  // Set once by Fail(); then every append gets failure_.
  std::atomic<bool> failed_{false};
  mutable std::mutex failure_mu_;
  absl::Status failure_;  // guarded by failure_mu_

  // The commit path: held while a group is planned and written (by the
  // commit thread, or by a lone appender in AppendAlone), and by
  // RunWithCommitsPaused.
  std::mutex commit_mu_;
  // With commit_mu_ held (or during construction).
  std::unique_ptr<AppendPlanner> planner_;
  uint64_t tree_size_written_ = 0;  // leaves whose nodes are written
  MerkleFrontier tree_frontier_;    // the right edge of the written tree

  // Shut down explicitly in the destructor: appends first, then syncs.
  std::unique_ptr<SyncStage> sync_stage_;
  std::unique_ptr<BatchingQueue<PendingAppend>> append_queue_;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_ROCKS_EVENT_STORE_H_
