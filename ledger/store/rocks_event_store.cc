// RocksDB event store: opening and recovery, group commit, reads.
#include "ledger/store/rocks_event_store.h"

#include <future>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/store/append_validation.h"
#include "ledger/store/keys.h"
#include "ledger/store/rocks_status.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"

namespace kumppani::store {
namespace {

constexpr char kFormatKey[] = "format";
constexpr char kFormatValue[] = "kumppani-log-1";

rocksdb::ColumnFamilyOptions PointLookupFamilyOptions() {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  options.memtable_whole_key_filtering = true;
  options.memtable_prefix_bloom_size_ratio = 0.02;
  return options;
}

rocksdb::DBOptions MakeDbOptions() {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.keep_log_file_num = 4;
  options.max_background_jobs = 2;
  return options;
}

}  // namespace

absl::StatusOr<std::unique_ptr<EventStore>> EventStore::Open(const StoreOptions& options) {
  KUMPPANI_ASSIGN_OR_RETURN(std::unique_ptr<RocksEventStore> store,
                            RocksEventStore::Open(options));
  return std::unique_ptr<EventStore>(std::move(store));
}

absl::StatusOr<std::unique_ptr<RocksEventStore>> RocksEventStore::Open(
    const StoreOptions& options) {
  if (options.path.empty()) return absl::InvalidArgumentError("path: must not be empty");
  if (options.clock == nullptr) return absl::InvalidArgumentError("clock: must not be null");
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {kEventsFamily, rocksdb::ColumnFamilyOptions()},
      {kStreamsFamily, PointLookupFamilyOptions()},
      {kEventIdsFamily, PointLookupFamilyOptions()},
      {kMetaFamily, rocksdb::ColumnFamilyOptions()},
      {kKeysFamily, rocksdb::ColumnFamilyOptions()},
  };
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(MakeDbOptions(), options.path, families, &handles, &raw);
  if (!status.ok()) {
    return FromRocks(status, absl::StrCat("opening the event store in ", options.path));
  }
  std::unique_ptr<rocksdb::DB> db(raw);

  std::string format;
  status = db->Get(rocksdb::ReadOptions(), handles[4], kFormatKey, &format);
  if (status.IsNotFound()) {
    rocksdb::WriteOptions sync;
    sync.sync = true;
    status = db->Put(sync, handles[4], kFormatKey, kFormatValue);
    format = kFormatValue;
  }
  if (!status.ok() || format != kFormatValue) {
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
    if (!status.ok()) return FromRocks(status, "reading the store format");
    return absl::FailedPreconditionError(absl::StrCat(
        "path: ", options.path, " holds format \"", format, "\", expected \"", kFormatValue, "\""));
  }
  std::unique_ptr<RocksEventStore> store(
      new RocksEventStore(options, std::move(db), std::move(handles)));
  KUMPPANI_RETURN_IF_ERROR(store->ResetPlanner());
  store->queue_ = std::make_unique<CommitQueue>(
      options.max_group_events,
      [raw_store = store.get()](std::vector<PendingAppend>& group) {
        raw_store->CommitGroup(group);
      });
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
      key_vault_(db_.get(), handles_[5], handles_) {}

RocksEventStore::~RocksEventStore() {
  if (queue_) queue_->Shutdown();
  for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close().PermitUncheckedError();
}

absl::Status RocksEventStore::ResetPlanner() {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), events_));
  it->SeekToLast();
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "finding the log head"));
  uint64_t head = 0;
  int64_t last_recorded = 0;
  if (it->Valid()) {
    std::optional<uint64_t> position = DecodeBigEndian64(it->key().ToStringView());
    if (!position) return absl::DataLossError("events: malformed key at the log head");
    KUMPPANI_ASSIGN_OR_RETURN(EventEnvelope last, ParseEvent(it->value().ToStringView(), *position));
    head = *position;
    last_recorded = last.recorded_at().seconds() * 1'000'000 + last.recorded_at().nanos() / 1000;
  }
  head_.store(head, std::memory_order_release);
  const CommittedLog& log = *this;
  planner_ = std::make_unique<AppendPlanner>(log, *options_.clock, Position(head), last_recorded);
  return absl::OkStatus();
}

void RocksEventStore::AppendAsync(AppendRequest request, AppendCallback done) {
  absl::Status valid = ValidateAppendRequest(options_, request);
  if (!valid.ok()) {
    done(valid);
    return;
  }
  PendingAppend pending{std::move(request), std::move(done)};
  if (!queue_->Push(pending)) {
    pending.done(absl::UnavailableError("the event store is closing"));
  }
}

void RocksEventStore::CommitGroup(std::vector<PendingAppend>& group) {
  std::vector<absl::StatusOr<AppendResult>> results;
  results.reserve(group.size());
  planner_->BeginGroup();
  for (PendingAppend& pending : group) results.push_back(planner_->Plan(pending.request));

  const std::vector<PlannedEvent>& planned = planner_->group_events();
  if (!planned.empty()) {
    rocksdb::WriteBatch batch;
    std::string position_key;
    for (const PlannedEvent& event : planned) {
      position_key = EncodeBigEndian64(event.envelope.position());
      batch.Put(events_, position_key, event.bytes);
      batch.Put(streams_, StreamKey(event.envelope.stream_id(), event.envelope.stream_version()),
                position_key);
      batch.Put(event_ids_, event.id.bytes(), position_key);
    }
    rocksdb::WriteOptions write_options;
    write_options.sync = options_.sync;
    absl::Status written = FromRocks(db_->Write(write_options, &batch), "writing appended events");
    if (written.ok()) {
      planner_->CommitGroup();
      head_.store(planner_->head().value(), std::memory_order_release);
    } else {
      // The outcome on disk is unknown (a retry with the same event ids is
      // safe); recover the planner from what the database now holds.
      planner_->AbortGroup();
      absl::Status reset = ResetPlanner();
      if (!reset.ok()) written = reset;
      for (size_t i = 0; i < results.size(); ++i) {
        if (results[i].ok() && !results[i]->replayed) results[i] = written;
      }
    }
  } else {
    planner_->CommitGroup();
  }
  for (size_t i = 0; i < group.size(); ++i) group[i].done(std::move(results[i]));
}

absl::StatusOr<EventEnvelope> RocksEventStore::ParseEvent(std::string_view bytes,
                                                          uint64_t position) const {
  EventEnvelope event;
  if (!event.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
      event.position() != position) {
    return absl::DataLossError(absl::StrCat("events: stored event at position ", position,
                                            " does not parse as an envelope of that position"));
  }
  return event;
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

absl::StatusOr<EventEnvelope> RocksEventStore::ReadEvent(Position position) const {
  if (position.value() == 0 || position.value() > head_.load(std::memory_order_acquire)) {
    return absl::NotFoundError(absl::StrCat("position: no event at position ", position.value(),
                                            " (head is ", HeadPosition().value(), ")"));
  }
  rocksdb::PinnableSlice value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), events_,
                                    EncodeBigEndian64(position.value()), &value);
  if (status.IsNotFound()) {
    return absl::DataLossError(
        absl::StrCat("events: position ", position.value(), " is below the head but missing"));
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(status, "reading an event"));
  return ParseEvent(value.ToStringView(), position.value());
}

absl::StatusOr<std::vector<EventEnvelope>> RocksEventStore::ReadAll(Position from,
                                                                    size_t limit) const {
  const uint64_t head = head_.load(std::memory_order_acquire);
  std::vector<EventEnvelope> events;
  uint64_t start = std::max<uint64_t>(from.value(), 1);
  if (start > head || limit == 0) return events;
  events.reserve(std::min<uint64_t>(limit, head - start + 1));
  rocksdb::ReadOptions read_options;
  std::string upper = EncodeBigEndian64(head + 1);
  rocksdb::Slice upper_slice(upper);
  read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, events_));
  uint64_t expected = start;
  for (it->Seek(EncodeBigEndian64(start)); it->Valid() && events.size() < limit; it->Next()) {
    std::optional<uint64_t> position = DecodeBigEndian64(it->key().ToStringView());
    if (!position || *position != expected) {
      return absl::DataLossError(absl::StrCat("events: gap in the log at position ", expected));
    }
    KUMPPANI_ASSIGN_OR_RETURN(EventEnvelope event, ParseEvent(it->value().ToStringView(), expected));
    events.push_back(std::move(event));
    ++expected;
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "reading the log"));
  if (events.size() < limit && expected <= head) {
    return absl::DataLossError(absl::StrCat("events: gap in the log at position ", expected));
  }
  return events;
}

absl::StatusOr<std::vector<EventEnvelope>> RocksEventStore::ReadStream(
    const std::string& stream_id, StreamVersion from, Direction direction, size_t limit) const {
  KUMPPANI_RETURN_IF_ERROR(ValidateStreamId(stream_id, "stream_id"));
  const uint64_t head = head_.load(std::memory_order_acquire);
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
    for (it->Seek(StreamKey(stream_id, std::max<uint64_t>(from.value(), 1))); collect(); it->Next()) {
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
    KUMPPANI_RETURN_IF_ERROR(FromRocks(statuses[i], absl::StrCat("reading the event at position ",
                                                                 position, " of ", stream_id)));
    KUMPPANI_ASSIGN_OR_RETURN(EventEnvelope event, ParseEvent(values[i], position));
    events.push_back(std::move(event));
  }
  return events;
}

KeyVault& RocksEventStore::keys() { return key_vault_; }

Position RocksEventStore::HeadPosition() const {
  return Position(head_.load(std::memory_order_acquire));
}

absl::StatusOr<StreamVersion> RocksEventStore::CurrentVersion(const std::string& stream_id) const {
  KUMPPANI_RETURN_IF_ERROR(ValidateStreamId(stream_id, "stream_id"));
  const uint64_t head = head_.load(std::memory_order_acquire);
  const std::string prefix = StreamKeyPrefix(stream_id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams_));
  for (it->SeekForPrev(StreamKey(stream_id, UINT64_MAX)); it->Valid() && it->key().starts_with(prefix);
       it->Prev()) {
    std::optional<uint64_t> position = DecodeBigEndian64(it->value().ToStringView());
    if (!position) return absl::DataLossError(absl::StrCat("streams: malformed entry of ", stream_id));
    if (*position > head) continue;  // being committed right now; not yet acknowledged
    std::optional<uint64_t> version =
        DecodeBigEndian64(it->key().ToStringView().substr(prefix.size()));
    if (!version) return absl::DataLossError(absl::StrCat("streams: malformed key of ", stream_id));
    return StreamVersion(*version);
  }
  KUMPPANI_RETURN_IF_ERROR(FromRocks(it->status(), "reading a stream's version"));
  return StreamVersion(0);
}

}  // namespace kumppani::store
