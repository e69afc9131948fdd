// The replay pipeline: reader thread, folds on the caller's thread, writer
// thread (see log_replay.h).
#include "ledger/projections/log_replay.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/arena.h"
#include "ledger/common/bounded_queue.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/event_codec.h"
#include "ledger/projections/block_pool.h"
#include "ledger/projections/sorted_runs.h"

namespace kumppani::projections {
namespace {

// Chunks decoded ahead of the folds, and flushed batches waiting to be
// written: enough to smooth the stages' jitter, few enough to bound memory.
constexpr size_t kChunksAhead = 4;
constexpr size_t kBatchesAhead = 2;
// Row memory: blocks of one huge page, a few touched ahead (16 MiB).
constexpr size_t kRowBlockBytes = kHugePageBytes;
constexpr size_t kRowBlocksAhead = 8;

// The first block of a chunk's arena: room for a thousand decoded events.
constexpr size_t kChunkArenaBytes = size_t{1} << 20;

google::protobuf::ArenaOptions ArenaOptionsOver(char* first_block) {
  google::protobuf::ArenaOptions options;
  options.initial_block = first_block;
  options.initial_block_size = kChunkArenaBytes;
  return options;
}

// Consecutive events of the log, each with its domain event when a target
// wants it and it decodes. Chunks go round: the reader fills one, the folds
// apply it, the row writer hands it back to the reader, which refills it.
// The messages keep their memory from one round to the next, and every
// allocation and free of a chunk's memory happens on the reader's thread
// (freeing across threads would make the threads contend for the heap).
struct Chunk {
  absl::Status status;  // a read failure, which ends the replay
  std::vector<v1::EventEnvelope> envelopes;
  // The decoded events, on `arena` (nullptr: not wanted or not decodable).
  std::vector<const v1::Event*> events;
  // The arena's first block, kept across Resets: a chunk's events decode
  // into it without asking the heap for blocks each round.
  std::unique_ptr<char[]> first_block{new char[kChunkArenaBytes]};
  google::protobuf::Arena arena{ArenaOptionsOver(first_block.get())};
  // For each correction or retraction among them (by index): its stream up
  // to it, read ahead like the events themselves.
  std::unordered_map<size_t, absl::StatusOr<std::vector<v1::EventEnvelope>>> corrected_streams;

  // Makes a spent chunk ready for refilling.
  void Reset() {
    status = absl::OkStatus();
    events.clear();
    arena.Reset();
    corrected_streams.clear();
  }
};

// Events through `through` of a stream, read from acknowledged events.
StreamSource AcknowledgedStreams(const store::EventStore& store) {
  return [&store](const std::string& stream_id,
                  uint64_t through) -> absl::StatusOr<std::vector<v1::EventEnvelope>> {
    KUMPPANI_ASSIGN_OR_RETURN(
        std::vector<v1::EventEnvelope> events,
        store.ReadStream(stream_id, StreamVersion(1), store::Direction::kForward, SIZE_MAX));
    while (!events.empty() && events.back().position() > through) events.pop_back();
    return events;
  };
}

// Reads and decodes chunks on its own thread until the range ends, a read
// fails, or it is destroyed.
class ChunkReader {
 public:
  ChunkReader(const store::EventStore& store, const std::vector<ApplyTarget>& targets,
              uint64_t from, uint64_t through, size_t chunk_size)
      : store_(store), streams_(AcknowledgedStreams(store)), targets_(targets), from_(from),
        through_(through), chunk_size_(std::max<size_t>(chunk_size, 1)) {
    thread_ = std::thread([this] { Run(); });
    pthread_setname_np(thread_.native_handle(), "replay-read");
  }
  ~ChunkReader() {
    chunks_.Close();
    thread_.join();
  }
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;

  // The next chunk, or nullptr after the last one.
  std::unique_ptr<Chunk> Next() {
    std::optional<std::unique_ptr<Chunk>> chunk = chunks_.Pop();
    return chunk.has_value() ? std::move(*chunk) : nullptr;
  }

  // Hands a spent chunk back for refilling (any thread).
  void Recycle(std::unique_ptr<Chunk> chunk) {
    std::lock_guard<std::mutex> lock(spent_mu_);
    spent_.push_back(std::move(chunk));
  }

 private:
  std::unique_ptr<Chunk> EmptyChunk() {
    std::unique_ptr<Chunk> chunk;
    {
      std::lock_guard<std::mutex> lock(spent_mu_);
      if (!spent_.empty()) {
        chunk = std::move(spent_.back());
        spent_.pop_back();
      }
    }
    if (chunk == nullptr) return std::make_unique<Chunk>();
    chunk->Reset();
    return chunk;
  }

  void Run() {
    uint64_t next = from_;
    while (through_ == 0 || next <= through_) {
      size_t limit =
          through_ == 0 ? chunk_size_ : std::min<uint64_t>(chunk_size_, through_ - next + 1);
      std::unique_ptr<Chunk> chunk = EmptyChunk();
      absl::Status read = store_.ReadAllInto(Position(next), limit, chunk->envelopes);
      if (!read.ok()) {
        chunk->status = std::move(read);
        chunks_.Push(std::move(chunk));
        break;
      }
      if (chunk->envelopes.empty()) break;
      next = chunk->envelopes.back().position() + 1;
      chunk->events.assign(chunk->envelopes.size(), nullptr);
      for (size_t i = 0; i < chunk->envelopes.size(); ++i) {
        const v1::EventEnvelope& envelope = chunk->envelopes[i];
        if (!AnyTargetWants(targets_, envelope.stream_id())) continue;
        auto* event = google::protobuf::Arena::CreateMessage<v1::Event>(&chunk->arena);
        if (!domain::DecodeEventInto(envelope, *event).ok()) continue;
        if (event->has_event_corrected() || event->has_event_retracted()) {
          chunk->corrected_streams.emplace(i, streams_(envelope.stream_id(), envelope.position()));
        }
        chunk->events[i] = event;
      }
      if (!chunks_.Push(std::move(chunk))) return;  // the replay stopped
    }
    chunks_.Close();
  }

  const store::EventStore& store_;
  const StreamSource streams_;
  const std::vector<ApplyTarget>& targets_;
  const uint64_t from_;
  const uint64_t through_;
  const size_t chunk_size_;
  BoundedQueue<std::unique_ptr<Chunk>> chunks_{kChunksAhead};
  std::mutex spent_mu_;
  std::vector<std::unique_ptr<Chunk>> spent_;  // guarded by spent_mu_
  std::thread thread_;
};

// Rows taken from the folds' writers (by table), with the chunk they came
// from (handed back to the reader once the rows are taken).
struct WriteJob {
  std::vector<std::pair<uint32_t, RowBuffer>> rows;
  std::unique_ptr<Chunk> spent;
};

// Gathers the jobs' rows as sorted runs, by table, on its own thread, and
// bulk loads them (merged; a file per table) into the store whenever they
// hold `bulk_load_bytes`, and once more at Finish. One load makes one file
// with every key of a table in order, so the fewer loads, the less for
// compaction to merge later. After a failure, or once abandoned (destroyed
// without Finish: a replay that failed or was cancelled), it only hands
// back chunks.
class RowWriter {
 public:
  RowWriter(store::EventStore& store, ChunkReader& reader, size_t bulk_load_bytes)
      : store_(store), reader_(reader), bulk_load_bytes_(bulk_load_bytes) {
    thread_ = std::thread([this] { Run(); });
    pthread_setname_np(thread_.native_handle(), "replay-write");
  }
  ~RowWriter() {
    abandoned_.store(true, std::memory_order_release);
    Finish().IgnoreError();
  }
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;

  void Submit(WriteJob job) { jobs_.Push(std::move(job)); }
  bool failed() const { return failed_.load(std::memory_order_acquire); }

  // Waits until every job's rows are loaded; the first failure, if any.
  absl::Status Finish() {
    jobs_.Close();
    if (thread_.joinable()) thread_.join();
    return status_;
  }

 private:
  void Run() {
    while (std::optional<WriteJob> job = jobs_.Pop()) {
      if (job->spent != nullptr) reader_.Recycle(std::move(job->spent));
      if (!status_.ok()) continue;
      for (auto& [table, rows] : job->rows) {
        SortedRuns& runs = tables_[table];
        gathered_ -= runs.bytes();
        runs.Add(std::move(rows));
        gathered_ += runs.bytes();
      }
      if (gathered_ >= bulk_load_bytes_ && !abandoned()) Load();
    }
    if (status_.ok() && !abandoned()) Load();
  }

  bool abandoned() const { return abandoned_.load(std::memory_order_acquire); }

  void Load() {
    std::vector<store::SortedRows*> row_sets;
    for (auto& [table, runs] : tables_) {
      if (!runs.empty()) row_sets.push_back(&runs);
    }
    if (!row_sets.empty()) status_ = store_.BulkLoadIndex(row_sets);
    tables_.clear();
    gathered_ = 0;
    if (!status_.ok()) failed_.store(true, std::memory_order_release);
  }

  store::EventStore& store_;
  ChunkReader& reader_;
  const size_t bulk_load_bytes_;
  BoundedQueue<WriteJob> jobs_{kBatchesAhead};
  // The thread's: rows gathered since the last load, and their memory.
  std::map<uint32_t, SortedRuns> tables_;
  size_t gathered_ = 0;
  absl::Status status_;  // the thread's until Finish joins it
  std::atomic<bool> failed_{false};
  std::atomic<bool> abandoned_{false};
  std::thread thread_;
};

}  // namespace

absl::StatusOr<uint64_t> ReplayLog(store::EventStore& store,
                                   const std::vector<ApplyTarget>& targets, uint64_t from,
                                   uint64_t through, const RebuildProgress& progress,
                                   const RebuildCancelled& cancelled,
                                   const ReplayLimits& limits) {
  ChunkReader reader(store, targets, from, through, limits.read_chunk);
  // A correction's stream, as the reader read it ahead (the fold asks once
  // per correction); read here should anything else ask.
  absl::StatusOr<std::vector<v1::EventEnvelope>>* corrected_stream = nullptr;
  const StreamSource read_stream = AcknowledgedStreams(store);
  const StreamSource streams = [&](const std::string& stream_id, uint64_t through_position) {
    if (corrected_stream == nullptr) return read_stream(stream_id, through_position);
    absl::StatusOr<std::vector<v1::EventEnvelope>> stream = std::move(*corrected_stream);
    corrected_stream = nullptr;
    return stream;
  };
  // The folds' rows go into memory touched ahead by the pool's thread; the
  // writers return to the heap however the replay ends.
  BlockPool blocks(kRowBlockBytes, kRowBlocksAhead);
  struct UseBlocks {
    const std::vector<ApplyTarget>& targets;
    explicit UseBlocks(const std::vector<ApplyTarget>& used, BlockPool* pool) : targets(used) {
      for (const ApplyTarget& target : targets) target.writer->UseBlocks(pool);
    }
    ~UseBlocks() {
      for (const ApplyTarget& target : targets) target.writer->UseBlocks(nullptr);
    }
  } use_blocks(targets, &blocks);
  auto writer = std::make_unique<RowWriter>(store, reader, limits.bulk_load_bytes);

  // Moves the writers' pending rows (all of them, or those of writers with
  // many) to the row writer, with the spent chunk. A writer whose cache grew
  // too large is trimmed once its rows are on disk: its reads then go there.
  auto flush = [&](bool all, std::unique_ptr<Chunk> spent) -> absl::Status {
    WriteJob job;
    job.spent = std::move(spent);
    bool trim = false;
    for (const ApplyTarget& target : targets) {
      TableWriter& table = *target.writer;
      KUMPPANI_RETURN_IF_ERROR(table.status());
      const bool too_many_cached = table.cached_rows() > limits.max_cached_rows;
      if (all || too_many_cached || table.pending() >= limits.flush_every_pending) {
        job.rows.emplace_back(table.table(), table.TakePending());
      }
      trim = trim || too_many_cached;
    }
    writer->Submit(std::move(job));
    if (!trim) return absl::OkStatus();
    KUMPPANI_RETURN_IF_ERROR(writer->Finish());
    for (const ApplyTarget& target : targets) {
      if (target.writer->cached_rows() > limits.max_cached_rows) target.writer->TrimCache();
    }
    writer = std::make_unique<RowWriter>(store, reader, limits.bulk_load_bytes);
    return absl::OkStatus();
  };

  uint64_t next = from;
  uint64_t reported = 0;
  for (;;) {
    if (cancelled && cancelled()) {
      return absl::CancelledError(absl::StrCat("projection rebuild cancelled after ", next - 1,
                                               " events; the projections keep their tables"));
    }
    std::unique_ptr<Chunk> chunk = reader.Next();
    if (chunk == nullptr) break;
    KUMPPANI_RETURN_IF_ERROR(chunk->status);
    if (writer->failed()) return writer->Finish();
    for (size_t i = 0; i < chunk->envelopes.size(); ++i) {
      if (chunk->events[i] == nullptr) continue;
      auto read_ahead = chunk->corrected_streams.find(i);
      corrected_stream = read_ahead == chunk->corrected_streams.end() ? nullptr
                                                                     : &read_ahead->second;
      KUMPPANI_RETURN_IF_ERROR(
          ApplyDecodedEvent(chunk->envelopes[i], *chunk->events[i], targets, streams));
    }
    next = chunk->envelopes.back().position() + 1;
    KUMPPANI_RETURN_IF_ERROR(flush(false, std::move(chunk)));
    if (progress && next - 1 - reported >= limits.progress_every) {
      reported = next - 1;
      progress(reported, store.HeadPosition().value());
    }
  }
  KUMPPANI_RETURN_IF_ERROR(flush(true, nullptr));
  KUMPPANI_RETURN_IF_ERROR(writer->Finish());  // every row is loaded, durably
  return next;
}

}  // namespace kumppani::projections
