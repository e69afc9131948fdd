// RocksDB event store: opening and recovery, group commit, reads.
#include "ledger/store/rocks_event_store.h"

#include <cstring>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/append_validation.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocks_index_writer.h"
#include "ledger/store/rocks_info_log.h"
#include "ledger/store/rocks_log_head.h"
#include "ledger/store/rocks_status.h"
#include "ledger/store/rocks_tree_reader.h"
#include "ledger/store/tree_migration.h"
#include "ledger/store/tree_segments.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/cache.h"
#include "rocksdb/convenience.h"
#include "rocksdb/memtablerep.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"
#include "spdlog/spdlog.h"

namespace kumppani::store {
namespace {

constexpr char kFormatKey[] = "format";
// Format 2 stores the Merkle tree as one segment row per group
// (tree_segments.h); format 1 stored one row per node and is migrated.
constexpr char kFormatValue[] = "kumppani-log-2";
constexpr char kFormat1Value[] = "kumppani-log-1";

// Keys of the streams family start with the stream id and a '\0'; that
// prefix names the stream, so the memtable keeps one insert hint per stream.
class StreamPrefix final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "kumppani.StreamPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    const char* end = static_cast<const char*>(std::memchr(key.data(), '\0', key.size()));
    return rocksdb::Slice(key.data(), static_cast<size_t>(end - key.data()) + 1);
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return std::memchr(key.data(), '\0', key.size()) != nullptr;
  }
};

// Every family's tables share one block cache (StoreOptions::
// block_cache_bytes); RocksDB would otherwise give each family a cache of
// its own. Index and filter blocks stay outside it, with their table
// readers (StoreStats::table_readers_bytes): in the cache they were evicted
// by data blocks, and durable appends with the tree fell from 27.8k to
// 8.9k events/s at 64 appenders on a 750k-event log (store_append_bench,
// 15 rounds). `bloom` adds whole-key Bloom filters.
std::shared_ptr<rocksdb::TableFactory> Tables(const std::shared_ptr<rocksdb::Cache>& cache,
                                              bool bloom) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  if (bloom) table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  return std::shared_ptr<rocksdb::TableFactory>(rocksdb::NewBlockBasedTableFactory(table));
}

rocksdb::ColumnFamilyOptions PlainFamilyOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options;
  options.table_factory = Tables(cache, false);
  return options;
}

// Positions only grow: one insert hint makes each memtable insert O(1).
rocksdb::ColumnFamilyOptions EventsFamilyOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options = PlainFamilyOptions(cache);
  options.memtable_insert_with_hint_prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(0));
  return options;
}

// Versions only grow within a stream: one insert hint per stream.
rocksdb::ColumnFamilyOptions StreamsFamilyOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options;
  options.memtable_insert_with_hint_prefix_extractor = std::make_shared<StreamPrefix>();
  options.table_factory = Tables(cache, true);
  return options;
}

// Event ids are random and only ever looked up whole: a hashed memtable and
// whole-key Bloom filters.
rocksdb::ColumnFamilyOptions EventIdsFamilyOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options;
  options.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(EventId::kSize));
  options.memtable_factory.reset(rocksdb::NewHashSkipListRepFactory(1 << 20));
  options.table_factory = Tables(cache, true);
  options.memtable_whole_key_filtering = true;
  options.memtable_prefix_bloom_size_ratio = 0.05;
  return options;
}

// Segment keys (the tree size before each group) only grow: one insert hint,
// and no Bloom filter, since nodes are found by seeking to the row before.
rocksdb::ColumnFamilyOptions TreeFamilyOptions(const std::shared_ptr<rocksdb::Cache>& cache) {
  return EventsFamilyOptions(cache);
}

// Queries read projection blocks at random, most of them from outside the
// block cache: LZ4 decompresses them faster than RocksDB's default Snappy,
// at the same size (155 MB at 1M events either way). Influence trails at
// 1M events took 10-15% less time (projection_bench, 2026-12-07).
rocksdb::ColumnFamilyOptions ProjectionsFamilyOptions(
    const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options = PlainFamilyOptions(cache);
  options.compression = rocksdb::kLZ4Compression;
  return options;
}

rocksdb::DBOptions MakeDbOptions(const StoreOptions& store_options) {
  rocksdb::DBOptions options;
  options.db_write_buffer_size = store_options.memtable_budget_bytes;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  // RocksDB's info log goes to spdlog: no LOG file in the data directory,
  // whose writes could fail (and assert) when the disk is full.
  options.info_log = NewRocksInfoLog();
  options.max_background_jobs = 2;
  // One thread writes (the commit thread): memtable inserts need no
  // concurrency control, which also lets the hints and hashed memtable work.
  options.allow_concurrent_memtable_write = false;
  return options;
}

// Marks a new store with the current format, migrates a format-1 store, and
// refuses any other. `handles` are in Open's family order.
absl::Status CheckFormat(const std::string& path, rocksdb::DB* db,
                         const std::vector<rocksdb::ColumnFamilyHandle*>& handles) {
  rocksdb::ColumnFamilyHandle* const meta = handles[4];
  rocksdb::WriteOptions sync;
  sync.sync = true;
  auto mark_current = [&] {
    return FromRocks(db->Put(sync, meta, kFormatKey, kFormatValue), "writing the store format");
  };
  std::string format;
  rocksdb::Status status = db->Get(rocksdb::ReadOptions(), meta, kFormatKey, &format);
  if (status.IsNotFound()) return mark_current();
  KUMPPANI_RETURN_IF_ERROR(FromRocks(status, "reading the store format"));
  if (format == kFormatValue) return absl::OkStatus();
  if (format != kFormat1Value) {
    return absl::FailedPreconditionError(absl::StrCat(
        "path: ", path, " holds format \"", format, "\", expected \"", kFormatValue, "\""));
  }
  KUMPPANI_ASSIGN_OR_RETURN(uint64_t head, ReadLogHead(db, handles[1]));
  KUMPPANI_RETURN_IF_ERROR(MigrateTreeFromFormat1(db, handles[6], head, mark_current));
  spdlog::info("event store {}: Merkle tree of {} events migrated from {} to {}", path, head,
               kFormat1Value, kFormatValue);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<EventStore>> EventStore::Open(const StoreOptions& options) {
  KUMPPANI_ASSIGN_OR_RETURN(std::unique_ptr<RocksEventStore> store, RocksEventStore::Open(options));
  return std::unique_ptr<EventStore>(std::move(store));
}

absl::StatusOr<std::unique_ptr<RocksEventStore>> RocksEventStore::Open(
    const StoreOptions& options) {
  if (options.path.empty()) return absl::InvalidArgumentError("path: must not be empty");
  if (options.clock == nullptr) return absl::InvalidArgumentError("clock: must not be null");
  const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, PlainFamilyOptions(cache)},
      {kEventsFamily, EventsFamilyOptions(cache)},
      {kStreamsFamily, StreamsFamilyOptions(cache)},
      {kEventIdsFamily, EventIdsFamilyOptions(cache)},
      {kMetaFamily, PlainFamilyOptions(cache)},
      {kKeysFamily, PlainFamilyOptions(cache)},
      {kTreeFamily, TreeFamilyOptions(cache)},
      {kCheckpointsFamily, PlainFamilyOptions(cache)},
      {kProjectionsFamily, ProjectionsFamilyOptions(cache)},
  };
  // RocksDB's own LOG file used to create the directory before the open; with
  // the info log in spdlog, a new store's directory would be missing when the
  // open summarises it (an ERROR line). A failure here shows in the open.
  std::error_code ignored;
  std::filesystem::create_directories(options.path, ignored);
  RemoveBulkLoadLeftovers(options.path);
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status =
      rocksdb::DB::Open(MakeDbOptions(options), options.path, families, &handles, &raw);
  if (!status.ok()) {
    return FromRocks(status, absl::StrCat("opening the event store in ", options.path));
  }
  std::unique_ptr<rocksdb::DB> db(raw);

  absl::Status format = CheckFormat(options.path, db.get(), handles);
  if (!format.ok()) {
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
    return format;
  }
  std::unique_ptr<RocksEventStore> store(
      new RocksEventStore(options, std::move(db), std::move(handles)));
  KUMPPANI_RETURN_IF_ERROR(store->RecoverHead());
  KUMPPANI_RETURN_IF_ERROR(store->OpenIndexer());
  RocksEventStore* self = store.get();
  store->sync_stage_ = std::make_unique<SyncStage>(
      [self](std::vector<WrittenGroup>& groups) { self->SyncGroups(groups); });
  store->append_queue_ = std::make_unique<BatchingQueue<PendingAppend>>(
      "kumppani-commit", options.max_group_events,
      [](const PendingAppend& pending) { return pending.request.events.size(); },
      [self](std::vector<PendingAppend>& appends) { self->WriteGroup(appends); });
  return store;
}

RocksEventStore::RocksEventStore(const StoreOptions& options, std::unique_ptr<rocksdb::DB> db,
                                 std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : options_(options),
      db_(std::move(db)),
      handles_(std::move(handles)),
      events_(handles_[1]),
      streams_(handles_[2]),
      event_ids_(handles_[3]),
      tree_(handles_[6]),
      checkpoints_(handles_[7]),
      projections_(handles_[8]),
      key_vault_(db_.get(), handles_[5], handles_) {}

RocksEventStore::~RocksEventStore() {
  if (append_queue_) append_queue_->Shutdown();  // writes every queued append
  if (sync_stage_) sync_stage_->Shutdown();      // then syncs and answers them
  for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close().PermitUncheckedError();
}

absl::Status RocksEventStore::RecoverHead() {
  KUMPPANI_ASSIGN_OR_RETURN(const uint64_t head, ReadLogHead(db_.get(), events_));
  int64_t last_recorded = 0;
  if (head > 0) {
    KUMPPANI_ASSIGN_OR_RETURN(EventEnvelope last, GetEvent(head));
    last_recorded = last.recorded_at().seconds() * 1'000'000 + last.recorded_at().nanos() / 1000;
  }
  if (!options_.merkle_tree && head > 0) {
    return absl::FailedPreconditionError(
        "merkle_tree: a store holding events must keep its Merkle tree (false is for fresh "
        "benchmark stores only)");
  }
  head_.store(head, std::memory_order_release);
  tree_size_written_ = head;  // tree nodes are written in the same batch as events
  if (options_.merkle_tree) {
    KUMPPANI_ASSIGN_OR_RETURN(tree_frontier_,
                              MerkleFrontier::Load(head, RocksTreeReader(db_.get(), tree_, head)));
  }
  const WrittenLog& log = *this;
  planner_ = std::make_unique<AppendPlanner>(log, *options_.clock, Position(head), last_recorded);
  return absl::OkStatus();
}

absl::Status RocksEventStore::OpenIndexer() {
  if (options_.indexer == nullptr) return absl::OkStatus();
  RocksIndexWriter writer(*this, db_.get(), projections_, tree_size_written_);
  KUMPPANI_RETURN_IF_ERROR(options_.indexer->Open(writer));
  return WriteIndex(writer.batch());
}

void RocksEventStore::Fail(const absl::Status& cause) {
  absl::Status failure;
  {
    std::lock_guard<std::mutex> lock(failure_mu_);
    if (failed_.load()) return;
    std::string message = absl::StrCat(
        "the event store stopped accepting appends after a failed disk write (", cause.message(),
        "); appends whose outcome was not reported may or may not be on disk: retry them with "
        "the same event ids after the store is reopened");
    failure_ = cause.code() == absl::StatusCode::kResourceExhausted ||
                       cause.code() == absl::StatusCode::kDataLoss
                   ? absl::Status(cause.code(), message)
                   : absl::UnavailableError(message);
    failed_.store(true);
    failure = failure_;
  }
  spdlog::error("{}; free space or fix the disk, then restart the server",
                failure.ToString());
  if (options_.on_failure) options_.on_failure(failure);
}

absl::Status RocksEventStore::failure() const {
  std::lock_guard<std::mutex> lock(failure_mu_);
  return failure_;
}

void RocksEventStore::AppendAsync(AppendRequest request, AppendCallback done) {
  absl::Status valid = ValidateAppendRequest(options_, request);
  if (!valid.ok()) {
    done(valid);
    return;
  }
  if (failed_.load()) {
    done(failure());
    return;
  }
  in_flight_.fetch_add(1, std::memory_order_acq_rel);
  PendingAppend pending{std::move(request), std::move(done)};
  if (!append_queue_->Push(pending)) {
    Answer(pending.done, absl::UnavailableError("the event store is closing"));
  }
}

void RocksEventStore::Answer(AppendCallback& done, absl::StatusOr<AppendResult> result) {
  in_flight_.fetch_sub(1, std::memory_order_acq_rel);
  done(std::move(result));
}

void RocksEventStore::WriteGroup(std::vector<PendingAppend>& appends) {
  std::lock_guard<std::mutex> lock(commit_mu_);
  WrittenGroup group;
  group.results.reserve(appends.size());
  group.callbacks.reserve(appends.size());
  if (failed_.load()) {
    for (PendingAppend& pending : appends) Answer(pending.done, failure());
    return;
  }
  sync_stage_->BeginWrite();
  planner_->BeginGroup();
  for (PendingAppend& pending : appends) {
    group.results.push_back(planner_->Plan(pending.request));
    group.callbacks.push_back(std::move(pending.done));
  }
  group.last_position = WritePlannedGroup(group.results);
  // Even a group that wrote nothing goes through the sync stage: a retry
  // answered from an earlier, not yet synced group must wait for that sync.
  sync_stage_->EndWrite(std::move(group));
}

uint64_t RocksEventStore::WritePlannedGroup(std::vector<absl::StatusOr<AppendResult>>& results) {
  const std::vector<PlannedEvent>& planned = planner_->group_events();
  if (planned.empty()) {
    planner_->CommitGroup();
    return 0;
  }
  absl::Status written = WritePlanned(planned);
  if (!written.ok()) {
    planner_->AbortGroup();
    Fail(written);
    for (auto& result : results) {
      if (result.ok()) result = failure();
    }
    return 0;
  }
  const uint64_t last_position = planned.back().envelope.position();
  tree_size_written_ = last_position;
  write_batches_.fetch_add(1, std::memory_order_relaxed);
  events_written_.fetch_add(planned.size(), std::memory_order_relaxed);
  planner_->CommitGroup();
  return last_position;
}

absl::Status RocksEventStore::WritePlanned(const std::vector<PlannedEvent>& planned) {
  rocksdb::WriteBatch batch;
  for (const PlannedEvent& event : planned) {
    std::string position_key = EncodeBigEndian64(event.envelope.position());
    batch.Put(events_, position_key, event.bytes);
    batch.Put(streams_, StreamKey(event.envelope.stream_id(), event.envelope.stream_version()),
              position_key);
    batch.Put(event_ids_, event.id.bytes(), position_key);
  }
  MerkleFrontier frontier = tree_frontier_;
  if (options_.merkle_tree) KUMPPANI_RETURN_IF_ERROR(AddTreeNodes(planned, frontier, batch));
  if (options_.indexer != nullptr) {
    std::vector<const EventEnvelope*> events;
    events.reserve(planned.size());
    for (const PlannedEvent& event : planned) events.push_back(&event.envelope);
    RocksIndexWriter writer(*this, db_.get(), projections_, tree_size_written_);
    KUMPPANI_RETURN_IF_ERROR(options_.indexer->IndexGroup(events, writer));
    AddIndexBatch(writer.batch(), projections_, batch);
  }
  // Unsynced: the sync thread makes it durable before anyone is answered.
  KUMPPANI_RETURN_IF_ERROR(
      FromRocks(db_->Write(rocksdb::WriteOptions(), &batch), "writing appended events"));
  tree_frontier_ = frontier;
  return absl::OkStatus();
}

absl::Status RocksEventStore::AddTreeNodes(const std::vector<PlannedEvent>& planned,
                                           MerkleFrontier& frontier, rocksdb::WriteBatch& batch) {
  std::vector<Hash> leaves;
  leaves.reserve(planned.size());
  for (const PlannedEvent& event : planned) leaves.push_back(store::LeafHash(event.bytes));
  // The frontier holds every older node the new ones close over: no reads.
  const uint64_t begin = frontier.Size();
  KUMPPANI_ASSIGN_OR_RETURN(std::vector<MerkleNode> nodes, frontier.Append(leaves));
  batch.Put(tree_, TreeSegmentKey(begin), EncodeTreeSegment(frontier.Size(), nodes));
  return absl::OkStatus();
}

void RocksEventStore::SyncGroups(std::vector<WrittenGroup>& groups) {
  uint64_t last_position = 0;
  for (const WrittenGroup& group : groups)
    last_position = std::max(last_position, group.last_position);
  absl::Status synced = failed_.load() ? failure() : absl::OkStatus();
  if (synced.ok() && options_.sync && last_position > 0) synced = SyncLog();
  if (synced.ok()) AdvanceHead(last_position);
  for (WrittenGroup& group : groups) {
    for (size_t i = 0; i < group.callbacks.size(); ++i) {
      if (synced.ok() && group.results[i].ok()) appends_.fetch_add(1, std::memory_order_relaxed);
      if (synced.ok() || !group.results[i].ok()) {
        Answer(group.callbacks[i], std::move(group.results[i]));
      } else {
        Answer(group.callbacks[i], synced);
      }
    }
  }
}

absl::Status RocksEventStore::SyncLog() {
  absl::Status synced = FromRocks(db_->SyncWAL(), "syncing the write-ahead log");
  syncs_.fetch_add(1, std::memory_order_relaxed);
  if (synced.ok()) return synced;
  Fail(synced);
  return failure();
}

void RocksEventStore::AdvanceHead(uint64_t position) {
  // A lone appender's sync and the sync thread's may finish in either order;
  // the head only moves forward, and listeners see it move in order.
  std::lock_guard<std::mutex> lock(listeners_mu_);
  if (position <= head_.load(std::memory_order_relaxed)) return;
  head_.store(position, std::memory_order_release);
  for (auto& [id, listener] : listeners_) listener(Position(position));
}

absl::StatusOr<EventEnvelope> RocksEventStore::ParseEvent(std::string_view bytes,
                                                          uint64_t position) const {
  EventEnvelope event;
  KUMPPANI_RETURN_IF_ERROR(ParseEventInto(bytes, position, event));
  return event;
}

absl::Status RocksEventStore::ParseEventInto(std::string_view bytes, uint64_t position,
                                             EventEnvelope& event) const {
  if (!event.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
      event.position() != position) {
    return absl::DataLossError(absl::StrCat("events: stored event at position ", position,
                                            " does not parse as an envelope of that position"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Position>> RocksEventStore::FindEventId(const EventId& id) const {
  rocksdb::PinnableSlice value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), event_ids_, id.bytes(), &value);
  if (status.IsNotFound()) return std::optional<Position>();
  KUMPPANI_RETURN_IF_ERROR(FromRocks(status, "looking up an event id"));
  std::optional<uint64_t> position = DecodeBigEndian64(value.ToStringView());
  if (!position) return absl::DataLossError("event_ids: malformed position value");
  return std::optional<Position>(Position(*position));
}

absl::StatusOr<EventEnvelope> RocksEventStore::GetEvent(uint64_t position) const {
  rocksdb::PinnableSlice value;
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), events_, EncodeBigEndian64(position), &value);
  if (status.IsNotFound()) {
    return absl::DataLossError(
        absl::StrCat("events: position ", position, " is below the head but missing"));
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(status, "reading an event"));
  return ParseEvent(value.ToStringView(), position);
}

absl::StatusOr<EventEnvelope> RocksEventStore::ReadEvent(Position position) const {
  if (position.value() == 0 || position.value() > head_.load(std::memory_order_acquire)) {
    return absl::NotFoundError(absl::StrCat("position: no event at position ", position.value(),
                                            " (head is ", HeadPosition().value(), ")"));
  }
  return GetEvent(position.value());
}

absl::StatusOr<EventEnvelope> RocksEventStore::ReadWrittenEvent(Position position) const {
  return GetEvent(position.value());
}

absl::StatusOr<std::vector<EventEnvelope>> RocksEventStore::ReadAll(Position from,
                                                                    size_t limit) const {
  return ReadAllThrough(from, limit, head_.load(std::memory_order_acquire));
}

absl::Status RocksEventStore::ReadAllInto(Position from, size_t limit,
                                          std::vector<EventEnvelope>& events) const {
  return ReadAllThroughInto(from, limit, head_.load(std::memory_order_acquire), events);
}

absl::StatusOr<std::vector<EventEnvelope>> RocksEventStore::ReadAllThrough(Position from,
                                                                           size_t limit,
                                                                           uint64_t head) const {
  std::vector<EventEnvelope> events;
  KUMPPANI_RETURN_IF_ERROR(ReadAllThroughInto(from, limit, head, events));
  return events;
}

absl::Status RocksEventStore::ReadAllThroughInto(Position from, size_t limit, uint64_t head,
                                                 std::vector<EventEnvelope>& events) const {
  uint64_t start = std::max<uint64_t>(from.value(), 1);
  if (start > head || limit == 0) {
    events.clear();
    return absl::OkStatus();
  }
  const size_t wanted = static_cast<size_t>(std::min<uint64_t>(limit, head - start + 1));
  if (events.size() < wanted) events.resize(wanted);
  rocksdb::ReadOptions read_options;
  std::string upper = EncodeBigEndian64(head + 1);
  rocksdb::Slice upper_slice(upper);
  read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, events_));
  uint64_t expected = start;
  size_t read = 0;
  for (it->Seek(EncodeBigEndian64(start)); it->Valid() && read < wanted; it->Next()) {
    std::optional<uint64_t> position = DecodeBigEndian64(it->key().ToStringView());
    if (!position || *position != expected) {
      return absl::DataLossError(absl::StrCat("events: gap in the log at position ", expected));
    }
    KUMPPANI_RETURN_IF_ERROR(ParseEventInto(it->value().ToStringView(), expected, events[read]));
    ++read;
    ++expected;
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "reading the log"));
  if (read < wanted) {
    return absl::DataLossError(absl::StrCat("events: gap in the log at position ", expected));
  }
  events.resize(read);  // drops the messages of a longer earlier read
  return absl::OkStatus();
}

absl::StatusOr<std::vector<EventEnvelope>> RocksEventStore::ReadStream(const std::string& stream_id,
                                                                       StreamVersion from,
                                                                       Direction direction,
                                                                       size_t limit) const {
  KUMPPANI_RETURN_IF_ERROR(ValidateStreamId(stream_id, "stream_id"));
  return ReadStreamThrough(stream_id, from, direction, limit,
                           head_.load(std::memory_order_acquire));
}

absl::StatusOr<std::vector<EventEnvelope>> RocksEventStore::ReadStreamThrough(
    const std::string& stream_id, StreamVersion from, Direction direction, size_t limit,
    uint64_t head) const {
  const std::string prefix = StreamKeyPrefix(stream_id);
  std::vector<std::string> keys;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams_));
  auto collect = [&]() -> bool {
    if (!it->Valid() || !it->key().starts_with(prefix) || keys.size() >= limit) return false;
    std::optional<uint64_t> position = DecodeBigEndian64(it->value().ToStringView());
    if (position && *position <= head) keys.push_back(EncodeBigEndian64(*position));
    return true;
  };
  if (direction == Direction::kForward) {
    for (it->Seek(StreamKey(stream_id, std::max<uint64_t>(from.value(), 1))); collect();
         it->Next()) {
    }
  } else {
    for (it->SeekForPrev(StreamKey(stream_id, from.value())); collect(); it->Prev()) {
    }
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "reading a stream"));

  std::vector<rocksdb::Slice> key_slices(keys.begin(), keys.end());
  std::vector<rocksdb::ColumnFamilyHandle*> families(keys.size(), events_);
  std::vector<std::string> values;
  std::vector<rocksdb::Status> statuses =
      db_->MultiGet(rocksdb::ReadOptions(), families, key_slices, &values);
  std::vector<EventEnvelope> events;
  events.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    uint64_t position = *DecodeBigEndian64(keys[i]);
    KUMPPANI_RETURN_IF_ERROR(FromRocks(
        statuses[i], absl::StrCat("reading the event at position ", position, " of ", stream_id)));
    KUMPPANI_ASSIGN_OR_RETURN(EventEnvelope event, ParseEvent(values[i], position));
    events.push_back(std::move(event));
  }
  return events;
}

KeyVault& RocksEventStore::keys() { return key_vault_; }

absl::StatusOr<Hash> RocksEventStore::RootHash(uint64_t tree_size) const {
  RocksTreeReader reader(db_.get(), tree_, head_.load(std::memory_order_acquire));
  return store::RootHash(tree_size, reader);
}

absl::StatusOr<Hash> RocksEventStore::LeafHash(Position position) const {
  const uint64_t head = head_.load(std::memory_order_acquire);
  if (position.value() == 0 || position.value() > head) {
    return absl::NotFoundError(
        absl::StrCat("position: no event at position ", position.value(), " (head is ", head, ")"));
  }
  return RocksTreeReader(db_.get(), tree_, head).Node(0, position.value() - 1);
}

absl::StatusOr<std::vector<Hash>> RocksEventStore::LeafHashes(Position from, size_t count) const {
  if (from.value() == 0) return absl::InvalidArgumentError("from: must be at least 1");
  const uint64_t head = head_.load(std::memory_order_acquire);
  if (from.value() > head) return std::vector<Hash>();
  const uint64_t end = std::min<uint64_t>(head, from.value() - 1 + count);  // last leaf + 1
  return RocksTreeReader(db_.get(), tree_, head).Leaves(from.value() - 1, end);
}

absl::StatusOr<std::vector<Hash>> RocksEventStore::InclusionProof(Position position,
                                                                  uint64_t tree_size) const {
  if (position.value() == 0) return absl::InvalidArgumentError("position: must be at least 1");
  RocksTreeReader reader(db_.get(), tree_, head_.load(std::memory_order_acquire));
  return store::InclusionProof(position.value() - 1, tree_size, reader);
}

absl::StatusOr<std::vector<Hash>> RocksEventStore::ConsistencyProof(uint64_t old_size,
                                                                    uint64_t new_size) const {
  RocksTreeReader reader(db_.get(), tree_, head_.load(std::memory_order_acquire));
  return store::ConsistencyProof(old_size, new_size, reader);
}

absl::Status RocksEventStore::PutCheckpoint(const StoredCheckpoint& checkpoint) {
  if (checkpoint.tree_size > HeadPosition().value()) {
    return absl::InvalidArgumentError(absl::StrCat("tree_size: ", checkpoint.tree_size,
                                                   " is beyond the head ", HeadPosition().value()));
  }
  if (checkpoint.note.empty()) return absl::InvalidArgumentError("note: must not be empty");
  std::lock_guard<std::mutex> lock(checkpoint_mu_);
  auto existing = CheckpointAt(checkpoint.tree_size);
  if (existing.ok()) {
    if (existing->note == checkpoint.note) return absl::OkStatus();
    return absl::AlreadyExistsError(absl::StrCat("tree_size: a different checkpoint of size ",
                                                 checkpoint.tree_size, " is stored"));
  }
  if (existing.status().code() != absl::StatusCode::kNotFound) return existing.status();
  rocksdb::WriteOptions sync;
  sync.sync = true;
  return FromRocks(
      db_->Put(sync, checkpoints_, EncodeBigEndian64(checkpoint.tree_size), checkpoint.note),
      "storing a checkpoint");
}

absl::StatusOr<StoredCheckpoint> RocksEventStore::LatestCheckpoint() const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), checkpoints_));
  it->SeekToLast();
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "reading checkpoints"));
  if (!it->Valid()) return absl::NotFoundError("checkpoint: none has been made yet");
  std::optional<uint64_t> size = DecodeBigEndian64(it->key().ToStringView());
  if (!size) return absl::DataLossError("checkpoints: malformed key");
  return StoredCheckpoint{*size, it->value().ToString()};
}

absl::StatusOr<StoredCheckpoint> RocksEventStore::CheckpointAt(uint64_t tree_size) const {
  std::string note;
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), checkpoints_, EncodeBigEndian64(tree_size), &note);
  if (status.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat("tree_size: no checkpoint of size ", tree_size));
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(status, "reading a checkpoint"));
  return StoredCheckpoint{tree_size, std::move(note)};
}

StoreStats RocksEventStore::Stats() const {
  StoreStats stats;
  stats.appends = appends_.load(std::memory_order_relaxed);
  stats.events = events_written_.load(std::memory_order_relaxed);
  stats.write_batches = write_batches_.load(std::memory_order_relaxed);
  stats.syncs = syncs_.load(std::memory_order_relaxed);
  uint64_t memtables = 0;
  if (db_->GetAggregatedIntProperty(rocksdb::DB::Properties::kCurSizeAllMemTables, &memtables)) {
    stats.memtable_bytes = memtables;
  }
  // One cache serves every family: any family's figure is the whole cache's.
  uint64_t cached = 0;
  if (db_->GetIntProperty(rocksdb::DB::Properties::kBlockCacheUsage, &cached)) {
    stats.block_cache_bytes = cached;
  }
  uint64_t readers = 0;
  if (db_->GetAggregatedIntProperty(rocksdb::DB::Properties::kEstimateTableReadersMem, &readers)) {
    stats.table_readers_bytes = readers;
  }
  return stats;
}

Position RocksEventStore::HeadPosition() const {
  return Position(head_.load(std::memory_order_acquire));
}

absl::StatusOr<StreamVersion> RocksEventStore::CurrentVersion(const std::string& stream_id) const {
  KUMPPANI_RETURN_IF_ERROR(ValidateStreamId(stream_id, "stream_id"));
  return VersionAtOrBelow(stream_id, head_.load(std::memory_order_acquire));
}

absl::StatusOr<StreamVersion> RocksEventStore::WrittenVersion(const std::string& stream_id) const {
  return VersionAtOrBelow(stream_id, UINT64_MAX);
}

absl::StatusOr<StreamVersion> RocksEventStore::VersionAtOrBelow(const std::string& stream_id,
                                                                uint64_t head) const {
  const std::string prefix = StreamKeyPrefix(stream_id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams_));
  for (it->SeekForPrev(StreamKey(stream_id, UINT64_MAX));
       it->Valid() && it->key().starts_with(prefix); it->Prev()) {
    std::optional<uint64_t> position = DecodeBigEndian64(it->value().ToStringView());
    if (!position)
      return absl::DataLossError(absl::StrCat("streams: malformed entry of ", stream_id));
    if (*position > head) continue;  // written but not yet acknowledged
    std::optional<uint64_t> version =
        DecodeBigEndian64(it->key().ToStringView().substr(prefix.size()));
    if (!version) return absl::DataLossError(absl::StrCat("streams: malformed key of ", stream_id));
    return StreamVersion(*version);
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "reading a stream's version"));
  return StreamVersion(0);
}

}  // namespace kumppani::store

namespace kumppani::store {

uint64_t RocksEventStore::AddHeadListener(HeadListener listener) {
  std::lock_guard<std::mutex> lock(listeners_mu_);
  uint64_t id = next_listener_id_++;
  listeners_.emplace(id, std::move(listener));
  return id;
}

void RocksEventStore::RemoveHeadListener(uint64_t id) {
  std::lock_guard<std::mutex> lock(listeners_mu_);
  listeners_.erase(id);
}

absl::StatusOr<Position> RocksEventStore::PositionAtTime(
    const google::protobuf::Timestamp& time) const {
  // recorded_at never decreases: binary search for the last position <= time.
  uint64_t low = 0;  // invariant: position `low` is <= time (0 stands for "none")
  uint64_t high = head_.load(std::memory_order_acquire);
  while (low < high) {
    uint64_t mid = low + (high - low + 1) / 2;
    KUMPPANI_ASSIGN_OR_RETURN(EventEnvelope event, GetEvent(mid));
    const google::protobuf::Timestamp& at = event.recorded_at();
    bool not_after = at.seconds() < time.seconds() ||
                     (at.seconds() == time.seconds() && at.nanos() <= time.nanos());
    if (not_after) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return Position(low);
}

std::unique_ptr<KvCursor> RocksEventStore::NewIndexCursor() const {
  return std::make_unique<RocksKvCursor>(db_.get(), projections_);
}

std::unique_ptr<KvCursor> RocksEventStore::NewIndexCursor(std::string upper_bound) const {
  return std::make_unique<RocksKvCursor>(db_.get(), projections_, std::move(upper_bound));
}

absl::Status RocksEventStore::WriteIndex(const IndexBatch& batch) {
  if (batch.empty()) return absl::OkStatus();
  rocksdb::WriteBatch write(IndexBatchBytes(batch));
  AddIndexBatch(batch, projections_, write);
  rocksdb::WriteOptions options;
  options.disableWAL = batch.skip_write_ahead_log;
  return FromRocks(db_->Write(options, &write), "writing projection rows");
}

absl::Status RocksEventStore::DropIndexRange(std::string_view begin, std::string_view end) {
  IndexBatch drop;
  drop.deleted_ranges.emplace_back(begin, end);
  KUMPPANI_RETURN_IF_ERROR(WriteIndex(drop));
  // The files are dead already (the range deletion hides their rows);
  // open iterators keep reading the files they started with.
  const rocksdb::Slice begin_slice(begin.data(), begin.size());
  const rocksdb::Slice end_slice(end.data(), end.size());
  return FromRocks(rocksdb::DeleteFilesInRange(db_.get(), projections_, &begin_slice, &end_slice,
                                               /*include_end=*/false),
                   "dropping a range of the projection family");
}

absl::Status RocksEventStore::CompactIndex(std::string_view begin, std::string_view end) {
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  const rocksdb::Slice begin_slice(begin.data(), begin.size());
  const rocksdb::Slice end_slice(end.data(), end.size());
  return FromRocks(
      db_->CompactRange(options, projections_, &begin_slice, end.empty() ? nullptr : &end_slice),
      "compacting the projection family");
}

absl::Status RocksEventStore::FlushIndex() {
  rocksdb::FlushOptions options;
  options.wait = true;
  return FromRocks(db_->Flush(options, projections_), "flushing projection rows");
}

absl::Status RocksEventStore::RunWithCommitsPaused(
    const std::function<absl::Status(IndexWriter&)>& work) {
  std::lock_guard<std::mutex> lock(commit_mu_);
  if (failed_.load()) return failure();
  RocksIndexWriter writer(*this, db_.get(), projections_, tree_size_written_);
  KUMPPANI_RETURN_IF_ERROR(work(writer));
  return WriteIndex(writer.batch());
}

}  // namespace kumppani::store
