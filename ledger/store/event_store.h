// The event log: Kumppani's durable, append-only, totally ordered store of
// events, grouped into streams (one per aggregate).
//
// Guarantees:
//  - Positions are global, gap-free and start at 1. Stream versions start at 1
//    (the first event of a stream has version 1; version 0 means "no stream").
//  - An append is atomic (all of its events or none) and is acknowledged only
//    after its write is synced to disk. Concurrent appends share one sync
//    (group commit); each append's expected-version check is still exact and
//    appends are applied in the order they were accepted.
//  - Event ids are unique for ever. Re-sending an append whose events all
//    exist with identical content returns the original result (idempotent
//    retry, also across restarts); an id reused with other content is
//    ALREADY_EXISTS.
//  - Reads never block appends and only see acknowledged events.
//
// Thread safety: all methods may be called concurrently from any thread.
#ifndef KUMPPANI_LEDGER_STORE_EVENT_STORE_H_
#define KUMPPANI_LEDGER_STORE_EVENT_STORE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "kumppani/v1/envelope.pb.h"
#include "ledger/common/ids.h"
#include "ledger/common/sha256.h"
#include "ledger/store/group_indexer.h"
#include "ledger/store/key_vault.h"
#include "ledger/store/store_options.h"

namespace kumppani::store {

using v1::EventEnvelope;

// What an append expects the stream's version to be.
class ExpectedVersion {
 public:
  enum class Kind { kAny, kNoStream, kStreamExists, kExact };

  static ExpectedVersion Any() { return ExpectedVersion(Kind::kAny, 0); }
  static ExpectedVersion NoStream() { return ExpectedVersion(Kind::kNoStream, 0); }
  static ExpectedVersion StreamExists() { return ExpectedVersion(Kind::kStreamExists, 0); }
  // The stream's current version must be exactly `version`. Exact(0) is the
  // same as NoStream().
  static ExpectedVersion Exact(StreamVersion version) {
    return ExpectedVersion(Kind::kExact, version.value());
  }

  Kind kind() const { return kind_; }
  StreamVersion version() const { return StreamVersion(version_); }
  // True when a stream at `actual` satisfies this expectation.
  bool IsSatisfiedBy(StreamVersion actual) const;
  // "any", "no stream", "stream exists" or "version N".
  std::string ToString() const;

 private:
  ExpectedVersion(Kind kind, uint64_t version) : kind_(kind), version_(version) {}
  Kind kind_;
  uint64_t version_;
};

struct AppendRequest {
  std::string stream_id;
  ExpectedVersion expected_version = ExpectedVersion::Any();
  // The events to append, in order. position, stream_version and recorded_at
  // must be unset; stream_id must be empty or equal to `stream_id`; event_id
  // may be empty (the store then makes a random one).
  std::vector<EventEnvelope> events;
};

struct AppendResult {
  Position first_position;
  Position last_position;
  // The stream's version after the append's last event.
  StreamVersion stream_version;
  // The ids of the appended events, in order (including ids the store made).
  std::vector<EventId> event_ids;
  // True when this append was an exact retry of an earlier one and nothing new
  // was written.
  bool replayed = false;
};

enum class Direction { kForward, kBackward };

// A signed checkpoint as stored: the tree size it covers and its note text
// (a C2SP tlog-checkpoint signed note, made by ledger/audit).
struct StoredCheckpoint {
  uint64_t tree_size = 0;
  std::string note;
};

// Counters since the store was opened, for monitoring and benchmarks.
struct StoreStats {
  uint64_t appends = 0;        // appends answered OK (replays included)
  uint64_t events = 0;         // events written
  uint64_t write_batches = 0;  // WriteBatches written by the commit thread
  uint64_t syncs = 0;          // syncs of the write-ahead log
  uint64_t memtable_bytes = 0; // memory held by all memtables now
  uint64_t block_cache_bytes = 0;     // memory in the block cache now
  uint64_t table_readers_bytes = 0;   // table readers' memory (index and filter blocks)
};

// What a backup (EventStore::Backup) holds.
struct BackupInfo {
  // The backup's directory, as given.
  std::string directory;
  // The backup holds the events at positions 1..position.
  Position position;
  // The size of the Merkle tree stored in the backup; always equal to
  // position (the tree covers every event).
  uint64_t tree_size = 0;
  // The root of that tree, read from the backup.
  Hash root{};
  // Total size of the backup's files. Files hard-linked to the data
  // directory share their disk blocks with it and count here all the same.
  uint64_t bytes = 0;
};

class EventStore {
 public:
  using AppendCallback = std::function<void(absl::StatusOr<AppendResult>)>;

  // Opens (creating if missing) the store in options.path. Recovers positions,
  // stream versions and idempotency state exactly as they were acknowledged.
  static absl::StatusOr<std::unique_ptr<EventStore>> Open(const StoreOptions& options);

  // Closing finishes every append already submitted, then closes the database.
  virtual ~EventStore() = default;
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Submits an append; `done` runs exactly once, on a thread of the store's
  // (or on the caller's thread for requests rejected before queueing), after
  // the write is durable or has failed, in the order the appends were
  // planned. `done` must not block for long.
  //
  // Errors: INVALID_ARGUMENT for a malformed request or one over the limits
  // (the message names the field and rule); ABORTED when the expected version
  // does not hold (names the stream, expected and actual version);
  // ALREADY_EXISTS when an event id exists with other content;
  // FAILED_PRECONDITION when the request mixes new and existing event ids;
  // UNAVAILABLE once the store is closing; errors from the disk otherwise.
  virtual void AppendAsync(AppendRequest request, AppendCallback done) = 0;

  // Blocking form of AppendAsync, with the same answers. A store may do the
  // whole append on the caller's thread when nothing else is in flight.
  virtual absl::StatusOr<AppendResult> Append(AppendRequest request);

  // Events of `stream_id` starting at `from` (inclusive) in `direction`, at
  // most `limit`. Backward from StreamVersion(UINT64_MAX) reads from the end.
  // A stream that does not exist yields an empty result.
  virtual absl::StatusOr<std::vector<EventEnvelope>> ReadStream(
      const std::string& stream_id, StreamVersion from, Direction direction,
      size_t limit) const = 0;

  // Events of the whole log from position `from` (inclusive), at most `limit`.
  virtual absl::StatusOr<std::vector<EventEnvelope>> ReadAll(Position from,
                                                             size_t limit) const = 0;
  // As ReadAll, into `events` (resized to the events read), parsing into the
  // messages it already holds so that their memory is reused: a reader that
  // calls it in a loop with the same vector allocates almost nothing. After
  // an error, `events` holds nothing to rely on.
  virtual absl::Status ReadAllInto(Position from, size_t limit,
                                   std::vector<EventEnvelope>& events) const = 0;

  // One event by position; NOT_FOUND beyond the head.
  virtual absl::StatusOr<EventEnvelope> ReadEvent(Position position) const = 0;

  // Position of the last acknowledged event; Position(0) for an empty log.
  virtual Position HeadPosition() const = 0;

  // Current version of a stream; StreamVersion(0) when it does not exist.
  virtual absl::StatusOr<StreamVersion> CurrentVersion(const std::string& stream_id) const = 0;

  // The Merkle tree over the log (RFC 9162; see docs/verification.md). The
  // event at position p is leaf p - 1; tree size n covers positions 1..n.
  // Sizes beyond HeadPosition() are INVALID_ARGUMENT; a missing or malformed
  // stored node is DATA_LOSS.
  //
  // The root hash of the first `tree_size` events.
  virtual absl::StatusOr<Hash> RootHash(uint64_t tree_size) const = 0;
  // The stored leaf hash of the event at `position`: SHA-256(0x00 || the
  // event's canonical bytes). NOT_FOUND beyond the head.
  virtual absl::StatusOr<Hash> LeafHash(Position position) const = 0;
  // The stored leaf hashes of positions from..from+count-1 (fewer at the head).
  virtual absl::StatusOr<std::vector<Hash>> LeafHashes(Position from, size_t count) const = 0;
  // Inclusion proof of the event at `position` in the tree of `tree_size`.
  virtual absl::StatusOr<std::vector<Hash>> InclusionProof(Position position,
                                                           uint64_t tree_size) const = 0;
  // Consistency proof that the tree of `old_size` is a prefix of `new_size`.
  virtual absl::StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t old_size,
                                                             uint64_t new_size) const = 0;

  // Signed checkpoints, stored beside the log by tree size. PutCheckpoint
  // syncs before returning; storing the identical note again is OK, another
  // note for a size that has one is ALREADY_EXISTS, a size beyond the head is
  // INVALID_ARGUMENT. The store does not check signatures: ledger/audit does.
  virtual absl::Status PutCheckpoint(const StoredCheckpoint& checkpoint) = 0;
  // The checkpoint of the largest tree size; NOT_FOUND when there is none.
  virtual absl::StatusOr<StoredCheckpoint> LatestCheckpoint() const = 0;
  // The checkpoint of exactly `tree_size`; NOT_FOUND when there is none.
  virtual absl::StatusOr<StoredCheckpoint> CheckpointAt(uint64_t tree_size) const = 0;

  virtual StoreStats Stats() const = 0;

  // Makes a consistent copy of the whole data directory (every column
  // family: events, indexes, tree, checkpoints, keys, projections, meta) in
  // `directory`, online: appends go on meanwhile. The backup holds a prefix
  // of the log with its tree, and the projection rows and keys as of that
  // prefix; every event in it has been acknowledged by the time Backup
  // returns. Memtables are flushed first, so rows written without the
  // write-ahead log are in it too. Files are hard-linked when `directory` is
  // on the data directory's file system (no extra disk space until the
  // store compacts them away), copied otherwise. The backup opens as a store
  // (EventStore::Open on a copy of it, or on it in place to restore).
  //
  // Errors: INVALID_ARGUMENT "directory: ..." when it is not an absolute
  // path or lies inside the data directory; ALREADY_EXISTS when it exists;
  // FAILED_PRECONDITION when its parent directory does not exist; disk
  // errors otherwise (a half-made backup is left as "<directory>.tmp").
  virtual absl::StatusOr<BackupInfo> Backup(const std::string& directory) = 0;

  // The vault of per-subject keys, stored beside the log. Lives as long as
  // the store.
  virtual KeyVault& keys() = 0;

  // Calls `listener` with the new head every time the acknowledged head
  // advances, on the store's sync thread, until the returned id is passed to
  // RemoveHeadListener. A listener must not block and must not call
  // Add/RemoveHeadListener. For subscriptions that follow the log live.
  using HeadListener = std::function<void(Position head)>;
  virtual uint64_t AddHeadListener(HeadListener listener) = 0;
  // After it returns, the listener is not running and will not be called.
  virtual void RemoveHeadListener(uint64_t id) = 0;

  // The last acknowledged position whose recorded_at is <= `time`;
  // Position(0) when the first event is later (or the log is empty).
  virtual absl::StatusOr<Position> PositionAtTime(const google::protobuf::Timestamp& time) const = 0;

  // The projection family, for ledger/projections (see group_indexer.h).
  //
  // A cursor over the family as written so far.
  virtual std::unique_ptr<KvCursor> NewIndexCursor() const = 0;
  // A cursor for a scan of keys before `upper_bound` (exclusive; empty: no
  // bound): it is not Valid at or past the bound and reads no table block
  // beyond it, which a short scan otherwise pays for in every level.
  virtual std::unique_ptr<KvCursor> NewIndexCursor(std::string upper_bound) const = 0;
  // Writes `batch` atomically, unsynced: durable with the next synced group
  // (or at a clean close). For bulk work outside the commit path, such as
  // rebuilding a projection into a table no live group writes to.
  virtual absl::Status WriteIndex(const IndexBatch& batch) = 0;
  // Writes each of `row_sets` to a new table file of the projection family
  // (several at once, on up to one thread per core) and adds the files to
  // the family in one atomic, durable step (RocksDB's external file
  // ingestion): no write-ahead log, no memtable, and a file goes to the
  // lowest level it does not overlap, so a key range nothing else writes (a
  // rebuild's fresh table) is not compacted again. The sets' key ranges must
  // not overlap one another. INVALID_ARGUMENT, with nothing added, when a
  // set's keys do not strictly increase or two sets overlap.
  virtual absl::Status BulkLoadIndex(const std::vector<SortedRows*>& row_sets) = 0;
  // Deletes [begin, end) of the projection family for good: a range
  // deletion, then the table files wholly inside the range (below level 0,
  // such as a rebuild's bulk loaded ones) are removed at once instead of
  // being compacted away. Only for a range nothing writes or reads any more
  // (a retired table whose last view is gone).
  virtual absl::Status DropIndexRange(std::string_view begin, std::string_view end) = 0;
  // Writes the projection family's memtables to disk (synced), so rows
  // written without the write-ahead log survive a crash.
  virtual absl::Status FlushIndex() = 0;
  // Compacts the keys in [begin, end) of the projection family (an empty
  // `end`: through the last key), waiting for it, so that the space of
  // deleted ranges (tables retired by rebuilds) is given back and reads no
  // longer step over them. The whole family is rewritten in a few seconds
  // per million events.
  virtual absl::Status CompactIndex(std::string_view begin, std::string_view end) = 0;
  // Runs `work` while no group is being written (appends queue meanwhile),
  // then writes its batch unsynced, ordered after every group written
  // before and before every group written after. `work` sees the events
  // written so far, acknowledged or not.
  virtual absl::Status RunWithCommitsPaused(const std::function<absl::Status(IndexWriter&)>& work) = 0;

 protected:
  EventStore() = default;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_EVENT_STORE_H_
