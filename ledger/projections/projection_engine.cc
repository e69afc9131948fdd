// The projection engine: live indexing on the commit path, background
// (re)builds with a paused catch-up and switch, views, verification, dumps.
#include "ledger/projections/projection_engine.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/projections/event_applier.h"
#include "ledger/projections/log_replay.h"
#include "ledger/projections/row_keys.h"

namespace kumppani::projections {
namespace {

constexpr size_t kReadChunk = 1000;

std::string NextTableKey() { return TablePrefix(0) + "n"; }


absl::Status UnknownProjection(std::string_view projection) {
  return absl::NotFoundError(
      absl::StrCat("projection: no projection named \"", std::string(projection), "\""));
}

// Drops a retired table once the last view of it is gone.
class TableLease {
 public:
  TableLease(store::EventStore& store, uint32_t table) : store_(store), table_(table) {}
  ~TableLease() {
    if (!retired_.load()) return;
    // Left over tables are dropped at the next start.
    store_.DropIndexRange(TablePrefix(table_), TableEnd(table_)).IgnoreError();
  }
  void Retire() { retired_.store(true); }
  // Its table was dropped by the engine: nothing left to drop.
  void Forget() { retired_.store(false); }
  uint32_t table() const { return table_; }

 private:
  store::EventStore& store_;
  const uint32_t table_;
  std::atomic<bool> retired_{false};
};

// Calls `visit(first, last)` for each run of adjacent table ids among
// `tables` (a RebuildAll retires every table at once): a file spanning
// several of them is then deleted or rewritten once, not once per table.
template <typename Visit>
absl::Status ForEachAdjacentRun(std::vector<uint32_t> tables, Visit visit) {
  std::sort(tables.begin(), tables.end());
  for (size_t first = 0; first < tables.size();) {
    size_t last = first;
    while (last + 1 < tables.size() && tables[last + 1] == tables[last] + 1) ++last;
    KUMPPANI_RETURN_IF_ERROR(visit(tables[first], tables[last]));
    first = last + 1;
  }
  return absl::OkStatus();
}

// Events through `through` of a stream, from what is written (paused path).
StreamSource WrittenStreams(store::IndexWriter& writer) {
  return [&writer](const std::string& stream_id,
                   uint64_t through) -> absl::StatusOr<std::vector<v1::EventEnvelope>> {
    KUMPPANI_ASSIGN_OR_RETURN(std::vector<v1::EventEnvelope> events,
                              writer.ReadWrittenStream(stream_id));
    while (!events.empty() && events.back().position() > through) events.pop_back();
    return events;
  };
}

// Every version <= known_at of table's rows, one text line each, without the
// table id, so that two tables of one projection compare equal.
absl::StatusOr<std::string> DumpTable(const store::EventStore& store, uint32_t table,
                                      Position known_at) {
  std::unique_ptr<store::KvCursor> cursor = store.NewIndexCursor();
  std::string prefix = TablePrefix(table);
  std::string out;
  auto hex = [](std::string_view bytes) {
    return absl::CHexEscape(absl::string_view(bytes.data(), bytes.size()));
  };
  for (cursor->Seek(prefix); cursor->Valid() && cursor->key().starts_with(prefix); cursor->Next()) {
    std::optional<DecodedKey> key = DecodeKey(cursor->key());
    if (!key) return absl::DataLossError("projections: malformed key in the projection family");
    if (key->position > known_at.value()) continue;
    absl::StrAppend(&out, key->is_index ? "i " : "r ", hex(key->first), " ", hex(key->second),
                    " @", key->position, " ", hex(cursor->value()), "\n");
  }
  KUMPPANI_RETURN_IF_ERROR(cursor->status());
  return out;
}

absl::Status FirstDifference(std::string_view projection, std::string_view live,
                             std::string_view rebuilt) {
  size_t line_start = 0;
  size_t i = 0;
  while (i < live.size() && i < rebuilt.size() && live[i] == rebuilt[i]) {
    if (live[i] == '\n') line_start = i + 1;
    ++i;
  }
  auto line_at = [line_start](std::string_view text) {
    std::string_view rest = text.substr(std::min(line_start, text.size()));
    return std::string(rest.substr(0, rest.find('\n')));
  };
  return absl::DataLossError(absl::StrCat(
      "projection ", std::string(projection), ": the live rows differ from a rebuild; live: \"",
      line_at(live), "\", rebuilt: \"", line_at(rebuilt), "\""));
}

}  // namespace

struct ProjectionEngine::State {
  struct Entry {
    std::unique_ptr<Projection> projection;
    std::string name;
    // Guarded by mu.
    bool ready = false;
    bool building = false;
    uint32_t table = 0;
    uint64_t position = 0;  // last event reflected (ready entries)
    std::shared_ptr<TableLease> lease;
    // Decided by Open for Start: where the first build starts (0: none).
    uint64_t build_from = 0;
    uint32_t build_table = 0;
  };

  std::vector<Entry> entries;
  store::EventStore* store = nullptr;
  mutable std::mutex mu;
  uint32_t next_table = 1;  // guarded by mu
  std::vector<std::thread> builders;
  absl::Status build_status;  // guarded by mu

  Entry* Find(std::string_view name) {
    for (Entry& entry : entries) {
      if (entry.name == name) return &entry;
    }
    return nullptr;
  }

  // Allocates a table id and persists the counter.
  absl::StatusOr<uint32_t> AllocateTable() {
    uint32_t table;
    {
      std::lock_guard<std::mutex> lock(mu);
      table = next_table++;
    }
    store::IndexBatch batch;
    batch.puts.emplace_back(NextTableKey(), EncodeMeta({0, table + 1, 0}));
    KUMPPANI_RETURN_IF_ERROR(store->WriteIndex(batch));
    return table;
  }

  // One projection being built into a table.
  struct BuildTarget {
    Entry* entry;
    uint32_t table;
    bool fresh;  // the table is new (else: catching up an existing one)
  };
  // Replays the log from `from` into every target's table in one pass and
  // switches each entry to its table with commits paused for the tail, then
  // compacts the key ranges of the tables it retired.
  absl::Status Build(const std::vector<BuildTarget>& targets, uint64_t from,
                     const RebuildProgress& progress, const RebuildCancelled& cancelled = {});
  // Rebuilds `entries` from position 1 into fresh tables, in one pass.
  absl::Status RebuildEntries(const std::vector<Entry*>& chosen, const RebuildProgress& progress,
                              const RebuildCancelled& cancelled);
  // Starts a background build of `targets`.
  void StartBuild(std::vector<BuildTarget> targets, uint64_t from);
};

ProjectionEngine::ProjectionEngine(std::vector<std::unique_ptr<Projection>> projections)
    : state_(std::make_unique<State>()) {
  for (auto& projection : projections) {
    State::Entry entry;
    entry.name = std::string(projection->name());
    entry.projection = std::move(projection);
    state_->entries.push_back(std::move(entry));
  }
}

ProjectionEngine::~ProjectionEngine() { WaitUntilReady().IgnoreError(); }

absl::Status ProjectionEngine::Open(store::IndexWriter& writer) {
  std::unique_ptr<store::KvCursor> cursor = writer.NewCursor();
  std::map<std::string, ProjectionMeta, std::less<>> stored;
  std::string meta_prefix = MetaKey("");
  for (cursor->Seek(meta_prefix); cursor->Valid() && cursor->key().starts_with(meta_prefix);
       cursor->Next()) {
    std::optional<ProjectionMeta> meta = DecodeMeta(cursor->value());
    if (!meta) return absl::DataLossError("projections: malformed projection metadata");
    stored.emplace(std::string(cursor->key().substr(meta_prefix.size())), *meta);
  }
  uint32_t next_table = 1;
  cursor->Seek(NextTableKey());
  if (cursor->Valid() && cursor->key() == NextTableKey()) {
    std::optional<ProjectionMeta> counter = DecodeMeta(cursor->value());
    if (!counter) return absl::DataLossError("projections: malformed table counter");
    next_table = counter->table;
  }
  KUMPPANI_RETURN_IF_ERROR(cursor->status());

  const uint64_t written = writer.LastWritten().value();
  std::set<uint32_t> kept;
  for (State::Entry& entry : state_->entries) {
    auto meta = stored.find(entry.name);
    next_table = std::max(next_table, meta == stored.end() ? 1 : meta->second.table + 1);
    if (meta != stored.end() && meta->second.version == entry.projection->version() &&
        meta->second.position <= written) {
      entry.table = meta->second.table;
      entry.position = meta->second.position;
      kept.insert(entry.table);
      if (entry.position == written) {
        entry.ready = true;
      } else {  // the store was written without this engine: catch up
        entry.build_from = entry.position + 1;
        entry.build_table = entry.table;
      }
    } else {
      entry.build_from = 1;
      entry.build_table = next_table++;
    }
  }
  // Tables no projection uses (replaced, or a rebuild cut short) go.
  uint32_t begin = 1;
  for (uint32_t table : kept) {
    if (begin < table) {
      writer.batch().deleted_ranges.emplace_back(TablePrefix(begin), TablePrefix(table));
    }
    begin = table + 1;
  }
  if (begin < next_table) {
    writer.batch().deleted_ranges.emplace_back(TablePrefix(begin), TablePrefix(next_table));
  }
  writer.batch().puts.emplace_back(NextTableKey(), EncodeMeta({0, next_table, 0}));
  state_->next_table = next_table;
  return absl::OkStatus();
}

absl::Status ProjectionEngine::Start(store::EventStore& store) {
  State& state = *state_;
  state.store = &store;
  // One background pass per starting position (all from 1 after a version
  // change or on a new store; from the old head after a plain store run).
  std::map<uint64_t, std::vector<State::BuildTarget>> builds;
  for (State::Entry& entry : state.entries) {
    if (entry.ready) entry.lease = std::make_shared<TableLease>(store, entry.table);
    if (entry.build_from == 0) continue;
    builds[entry.build_from].push_back({&entry, entry.build_table, entry.build_from == 1});
  }
  for (auto& [from, targets] : builds) state.StartBuild(std::move(targets), from);
  return absl::OkStatus();
}

void ProjectionEngine::State::StartBuild(std::vector<BuildTarget> targets, uint64_t from) {
  {
    std::lock_guard<std::mutex> lock(mu);
    for (const BuildTarget& target : targets) target.entry->building = true;
  }
  builders.emplace_back([this, targets = std::move(targets), from] {
    absl::Status built = Build(targets, from, {});
    std::lock_guard<std::mutex> lock(mu);
    for (const BuildTarget& target : targets) target.entry->building = false;
    if (!built.ok() && build_status.ok()) build_status = built;
  });
}

absl::Status ProjectionEngine::WaitUntilReady() {
  for (std::thread& builder : state_->builders) builder.join();
  state_->builders.clear();
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->build_status;
}

absl::Status ProjectionEngine::State::Build(const std::vector<BuildTarget>& build, uint64_t from,
                                            const RebuildProgress& progress,
                                            const RebuildCancelled& cancelled) {
  std::vector<std::unique_ptr<TableWriter>> writers;
  std::vector<ApplyTarget> targets;
  for (const BuildTarget& target : build) {
    writers.push_back(std::make_unique<TableWriter>(
        target.table, [this] { return store->NewIndexCursor(); }, target.fresh));
    targets.push_back({target.entry->projection.get(), writers.back().get()});
  }
  KUMPPANI_ASSIGN_OR_RETURN(uint64_t next,
                            ReplayLog(*store, targets, from, 0, progress, cancelled));
  // The tail: events appended meanwhile, with commits paused, then switch.
  std::vector<std::shared_ptr<TableLease>> retired;
  auto switch_tables = [&](store::IndexWriter& paused) -> absl::Status {
    StreamSource streams = WrittenStreams(paused);
    while (true) {
      KUMPPANI_ASSIGN_OR_RETURN(std::vector<v1::EventEnvelope> events,
                                paused.ReadWritten(Position(next), kReadChunk));
      if (events.empty()) break;
      for (const v1::EventEnvelope& envelope : events) {
        KUMPPANI_RETURN_IF_ERROR(ApplyEvent(envelope, targets, streams));
      }
      next = events.back().position() + 1;
    }
    const uint64_t written = paused.LastWritten().value();
    for (size_t i = 0; i < build.size(); ++i) {
      KUMPPANI_RETURN_IF_ERROR(writers[i]->status());
      writers[i]->Flush(paused.batch());
      paused.batch().puts.emplace_back(
          MetaKey(build[i].entry->name),
          EncodeMeta({build[i].entry->projection->version(), build[i].table, written}));
    }
    if (progress) progress(written, written);
    std::lock_guard<std::mutex> lock(mu);
    for (const BuildTarget& target : build) {
      Entry& entry = *target.entry;
      if (entry.lease != nullptr && entry.table != target.table) {
        entry.lease->Retire();
        retired.push_back(std::move(entry.lease));
      }
      if (entry.lease == nullptr) entry.lease = std::make_shared<TableLease>(*store, target.table);
      entry.table = target.table;
      entry.position = written;
      entry.ready = true;
    }
    return absl::OkStatus();
  };
  if (absl::Status switched = store->RunWithCommitsPaused(switch_tables); !switched.ok()) {
    return switched;
  }
  // A retired table is dropped as its last view goes. The ones no view
  // reads (usually all) are dropped here, adjacent ones in one range, so
  // that a file holding only their rows is deleted whole. Compacting their
  // ranges then gives the rest of the space back and spares later reads
  // from stepping over the deleted rows.
  std::vector<uint32_t> retired_tables;
  std::vector<uint32_t> unread;
  for (const std::shared_ptr<TableLease>& lease : retired) {
    retired_tables.push_back(lease->table());
    if (lease.use_count() > 1) continue;  // a view holds it (and no one else can get it)
    lease->Forget();
    unread.push_back(lease->table());
  }
  retired.clear();
  absl::Status cleaned = ForEachAdjacentRun(unread, [&](uint32_t first, uint32_t last) {
    return store->DropIndexRange(TablePrefix(first), TableEnd(last));
  });
  if (cleaned.ok()) {
    cleaned = ForEachAdjacentRun(retired_tables, [&](uint32_t first, uint32_t last) {
      return store->CompactIndex(TablePrefix(first), TableEnd(last));
    });
  }
  if (!cleaned.ok()) {
    return absl::Status(cleaned.code(),
                        absl::StrCat("projections: rebuilt and switched, but dropping or "
                                     "compacting the retired tables failed: ",
                                     cleaned.message()));
  }
  return absl::OkStatus();
}

absl::Status ProjectionEngine::IndexGroup(const std::vector<const v1::EventEnvelope*>& events,
                                          store::IndexWriter& writer) {
  State& state = *state_;
  std::vector<State::Entry*> live;
  {
    std::lock_guard<std::mutex> lock(state.mu);
    for (State::Entry& entry : state.entries) {
      if (entry.ready) live.push_back(&entry);
    }
  }
  if (live.empty() || events.empty()) return absl::OkStatus();
  std::vector<std::unique_ptr<TableWriter>> writers;
  std::vector<ApplyTarget> targets;
  for (State::Entry* entry : live) {
    writers.push_back(std::make_unique<TableWriter>(
        entry->table, [&writer] { return writer.NewCursor(); }, false));
    targets.push_back({entry->projection.get(), writers.back().get()});
  }
  // A correction's stream: what is written, plus this group's events so far.
  StreamSource streams = [&](const std::string& stream_id,
                             uint64_t through) -> absl::StatusOr<std::vector<v1::EventEnvelope>> {
    KUMPPANI_ASSIGN_OR_RETURN(std::vector<v1::EventEnvelope> stream,
                              writer.ReadWrittenStream(stream_id));
    for (const v1::EventEnvelope* event : events) {
      if (event->position() > through) break;
      if (event->stream_id() == stream_id) stream.push_back(*event);
    }
    return stream;
  };
  for (const v1::EventEnvelope* event : events) {
    KUMPPANI_RETURN_IF_ERROR(ApplyEvent(*event, targets, streams));
  }
  const uint64_t last = events.back()->position();
  for (size_t i = 0; i < live.size(); ++i) {
    KUMPPANI_RETURN_IF_ERROR(writers[i]->status());
    writers[i]->Flush(writer.batch());
    writer.batch().puts.emplace_back(
        MetaKey(live[i]->name), EncodeMeta({live[i]->projection->version(), live[i]->table, last}));
  }
  std::lock_guard<std::mutex> lock(state.mu);
  for (State::Entry* entry : live) entry->position = last;
  return absl::OkStatus();
}

absl::StatusOr<RowView> ProjectionEngine::View(std::string_view projection,
                                               std::optional<Position> known_at) const {
  State& state = *state_;
  if (state.store == nullptr) return absl::FailedPreconditionError("projections: not started");
  const Position head = state.store->HeadPosition();
  if (known_at.has_value() && known_at->value() > head.value()) {
    return absl::InvalidArgumentError(absl::StrCat("known_at: position ", known_at->value(),
                                                   " is beyond the log head ", head.value()));
  }
  std::lock_guard<std::mutex> lock(state.mu);
  const State::Entry* entry = state.Find(projection);
  if (entry == nullptr) {
    return UnknownProjection(projection);
  }
  if (!entry->ready) {
    return absl::UnavailableError(absl::StrCat("projection ", entry->name,
                                               " is being built; try again shortly"));
  }
  return RowView(*state.store, entry->table, known_at.value_or(head), entry->lease);
}

std::vector<ProjectionStatus> ProjectionEngine::Status() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  std::vector<ProjectionStatus> out;
  for (const State::Entry& entry : state_->entries) {
    out.push_back({entry.name, entry.projection->version(), entry.ready, entry.table,
                   Position(entry.position), entry.building});
  }
  return out;
}

absl::Status ProjectionEngine::Rebuild(std::string_view projection,
                                       const RebuildProgress& progress,
                                       const RebuildCancelled& cancelled) {
  State::Entry* entry = state_->Find(projection);
  if (entry == nullptr) {
    return UnknownProjection(projection);
  }
  return state_->RebuildEntries({entry}, progress, cancelled);
}

absl::Status ProjectionEngine::RebuildAll(const RebuildProgress& progress,
                                          const RebuildCancelled& cancelled) {
  std::vector<State::Entry*> entries;
  for (State::Entry& entry : state_->entries) entries.push_back(&entry);
  return state_->RebuildEntries(entries, progress, cancelled);
}

absl::Status ProjectionEngine::State::RebuildEntries(const std::vector<Entry*>& chosen,
                                                     const RebuildProgress& progress,
                                                     const RebuildCancelled& cancelled) {
  State& state = *this;
  if (state.store == nullptr) return absl::FailedPreconditionError("projections: not started");
  {
    std::lock_guard<std::mutex> lock(state.mu);
    for (Entry* entry : chosen) {
      if (entry->building) {
        return absl::FailedPreconditionError(
            absl::StrCat("projection: ", entry->name, " is already being rebuilt"));
      }
    }
    for (Entry* entry : chosen) entry->building = true;
  }
  std::vector<BuildTarget> targets;
  absl::Status built = absl::OkStatus();
  for (Entry* entry : chosen) {
    absl::StatusOr<uint32_t> table = state.AllocateTable();
    if (!table.ok()) {
      built = table.status();
      break;
    }
    targets.push_back({entry, *table, true});
  }
  if (built.ok()) built = state.Build(targets, 1, progress, cancelled);
  if (built.code() == absl::StatusCode::kCancelled) {
    // Abandoned before the switch: nothing points at the new tables.
    for (const BuildTarget& target : targets) {
      built.Update(state.store->DropIndexRange(TablePrefix(target.table), TableEnd(target.table)));
    }
  }
  std::lock_guard<std::mutex> lock(state.mu);
  for (Entry* entry : chosen) entry->building = false;
  return built;
}

absl::StatusOr<std::string> ProjectionEngine::Dump(std::string_view projection,
                                                   Position known_at) const {
  KUMPPANI_ASSIGN_OR_RETURN(RowView view, View(projection, known_at));
  return DumpTable(*state_->store, view.table(), known_at);
}

absl::Status ProjectionEngine::VerifyRebuild(std::string_view projection,
                                             const RebuildProgress& progress) {
  State& state = *state_;
  KUMPPANI_ASSIGN_OR_RETURN(RowView live, View(projection));
  State::Entry* entry = state.Find(projection);
  KUMPPANI_ASSIGN_OR_RETURN(uint32_t scratch, state.AllocateTable());
  // Replays exactly the events up to the view's position.
  TableWriter writer(scratch, [&state] { return state.store->NewIndexCursor(); }, true);
  std::vector<ApplyTarget> targets = {{entry->projection.get(), &writer}};
  absl::Status replayed = absl::OkStatus();
  if (live.position().value() > 0) {
    replayed = ReplayLog(*state.store, targets, 1, live.position().value(), progress, {}).status();
  }
  absl::Status compared = replayed;
  if (compared.ok()) {
    absl::StatusOr<std::string> want = Dump(projection, live.position());
    absl::StatusOr<std::string> got = DumpTable(*state.store, scratch, live.position());
    if (!want.ok()) compared = want.status();
    else if (!got.ok()) compared = got.status();
    else if (*want != *got) compared = FirstDifference(projection, *want, *got);
  }
  compared.Update(state.store->DropIndexRange(TablePrefix(scratch), TableEnd(scratch)));
  return compared;
}

}  // namespace kumppani::projections
