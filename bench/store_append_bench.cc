// Durable append and read throughput of the event store, each beside the raw
// RocksDB ceiling for the same bytes measured in the same run.
//
//   store_append_bench [--seconds=1] [--rounds=5] [--max_group_events=N]
//
// The disk's speed drifts from minute to minute, so ceilings and the store
// are measured in interleaved rounds and medians are reported.
//
// Ceilings: RocksDB Put of one 256-byte event per synced WriteBatch, and 100
// events per synced WriteBatch; a raw iterator scan of the events family.
// Under test: EventStore::Append with 1, 8 and 64 concurrent appenders (one
// event of 256 bytes payload per append), 64 appends in flight through
// AppendAsync, and ReadAll over the whole log. The Merkle tree's cost: the
// same appends on a second store opened with merkle_tree = false, in the
// same rounds (issue 3's target: the tree costs under 15% of durable append
// throughput).
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_util.h"
#include "bench/raw_scan.h"
#include "ledger/store/event_store.h"
#include "ledger/store/keys.h"
#include "rocksdb/db.h"

namespace kumppani::bench {
namespace {

using store::AppendRequest;
using store::EventEnvelope;
using store::EventStore;
using store::ExpectedVersion;

constexpr size_t kPayloadBytes = 256;

std::string Payload() { return std::string(kPayloadBytes, 'p'); }

// A plain RocksDB database written with `per_batch` events of 256 bytes in
// each synced WriteBatch: the ceiling for durable appends.
class RawLog {
 public:
  explicit RawLog(size_t per_batch) : per_batch_(per_batch), dir_(MakeBenchDir("raw")) {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(options, dir_, &raw).ok()) std::abort();
    db_.reset(raw);
  }
  ~RawLog() {
    db_.reset();
    RemoveTree(dir_);
  }
  // Events per second over `seconds` of synced writes.
  double Run(double seconds) {
    rocksdb::WriteOptions sync;
    sync.sync = true;
    const std::string value = Payload();
    uint64_t written = 0;
    Stopwatch watch;
    while (watch.Seconds() < seconds) {
      rocksdb::WriteBatch batch;
      for (size_t i = 0; i < per_batch_; ++i) batch.Put(store::EncodeBigEndian64(++key_), value);
      if (!db_->Write(sync, &batch).ok()) std::abort();
      written += per_batch_;
    }
    return static_cast<double>(written) / watch.Seconds();
  }

 private:
  const size_t per_batch_;
  const std::string dir_;
  std::unique_ptr<rocksdb::DB> db_;
  uint64_t key_ = 0;
};

AppendRequest OneEvent(const std::string& stream) {
  AppendRequest request;
  request.stream_id = stream;
  request.expected_version = ExpectedVersion::Any();
  EventEnvelope event;
  event.set_event_type("BenchEvent");
  event.set_payload(Payload());
  event.set_event_id(std::string(EventId::Random().bytes()));
  request.events.push_back(std::move(event));
  return request;
}

// `appenders` threads, each appending one event at a time to its own stream.
double ThreadedAppends(EventStore& store, int appenders, double seconds) {
  std::atomic<uint64_t> appended{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  Stopwatch watch;
  for (int t = 0; t < appenders; ++t) {
    threads.emplace_back([&, t] {
      const std::string stream = "bench-t" + std::to_string(t);
      while (!stop.load(std::memory_order_relaxed)) {
        if (!store.Append(OneEvent(stream)).ok()) std::abort();
        appended.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  while (watch.Seconds() < seconds) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  for (auto& thread : threads) thread.join();
  return static_cast<double>(appended.load()) / watch.Seconds();
}

// `in_flight` appends outstanding at all times through AppendAsync, each
// completion submitting the next: how a gRPC callback server uses the store.
double AsyncAppends(EventStore& store, int in_flight, double seconds) {
  std::atomic<uint64_t> appended{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::condition_variable all_done;
  int outstanding = in_flight;
  Stopwatch watch;
  std::function<void(int)> submit = [&](int slot) {
    store.AppendAsync(OneEvent("bench-a" + std::to_string(slot)),
                      [&, slot](absl::StatusOr<store::AppendResult> result) {
                        if (!result.ok()) std::abort();
                        appended.fetch_add(1, std::memory_order_relaxed);
                        if (!stop.load(std::memory_order_relaxed)) {
                          submit(slot);
                          return;
                        }
                        std::lock_guard<std::mutex> lock(mu);
                        if (--outstanding == 0) all_done.notify_one();
                      });
  };
  for (int slot = 0; slot < in_flight; ++slot) submit(slot);
  while (watch.Seconds() < seconds) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  std::unique_lock<std::mutex> lock(mu);
  all_done.wait(lock, [&] { return outstanding == 0; });
  return static_cast<double>(appended.load()) / watch.Seconds();
}

double ReadWholeLog(EventStore& store, uint64_t* events) {
  Stopwatch watch;
  uint64_t read = 0;
  Position next(1);
  for (;;) {
    auto page = store.ReadAll(next, 1000);
    if (!page.ok()) std::abort();
    if (page->empty()) break;
    read += page->size();
    next = Position(page->back().position() + 1);
  }
  *events = read;
  return static_cast<double>(read) / watch.Seconds();
}

// One measured scenario: its figure in every round and the store's counters.
struct Series {
  explicit Series(std::string name) : label(std::move(name)) {}
  std::string label;
  std::vector<double> rates;
  uint64_t events = 0;
  uint64_t syncs = 0;
};

template <typename Fn>
void Measure(Series& series, store::EventStore* store, Fn run) {
  store::StoreStats before = store != nullptr ? store->Stats() : store::StoreStats{};
  series.rates.push_back(run());
  if (store != nullptr) {
    store::StoreStats after = store->Stats();
    series.events += after.events - before.events;
    series.syncs += after.syncs - before.syncs;
  }
}

void Print(const Series& series, const Series* ceiling) {
  std::string label = series.label;
  if (series.syncs > 0) {
    char per_sync[48];
    std::snprintf(per_sync, sizeof(per_sync), " [%.1f ev/sync]",
                  static_cast<double>(series.events) / static_cast<double>(series.syncs));
    label += per_sync;
  }
  Report(label, Median(series.rates), "events/s", ceiling ? Median(ceiling->rates) : 0);
}

}  // namespace
}  // namespace kumppani::bench

int main(int argc, char** argv) {
  using namespace kumppani::bench;
  const double seconds = static_cast<double>(FlagValue(argc, argv, "seconds", 1));
  const int rounds = static_cast<int>(FlagValue(argc, argv, "rounds", 5));
  std::printf(
      "store_append_bench: %d interleaved rounds of %.0f s per figure (medians), "
      "%zu-byte payloads, hardware threads: %u\n\n",
      rounds, seconds, kPayloadBytes, std::thread::hardware_concurrency());

  std::string dir = MakeBenchDir("store");
  kumppani::store::StoreOptions options;
  options.path = dir;
  options.max_group_events = static_cast<size_t>(
      FlagValue(argc, argv, "max_group_events", static_cast<long>(options.max_group_events)));
  auto opened = kumppani::store::EventStore::Open(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
    return 1;
  }
  kumppani::store::EventStore& store = **opened;
  std::string untreed_dir = MakeBenchDir("store-no-tree");
  kumppani::store::StoreOptions untreed_options = options;
  untreed_options.path = untreed_dir;
  untreed_options.merkle_tree = false;
  auto untreed_opened = kumppani::store::EventStore::Open(untreed_options);
  if (!untreed_opened.ok()) {
    std::fprintf(stderr, "%s\n", untreed_opened.status().ToString().c_str());
    return 1;
  }
  kumppani::store::EventStore& untreed = **untreed_opened;
  RawLog raw_single(1);
  RawLog raw_batch100(100);
  Series ceiling1{"ceiling: RocksDB 1 event per synced WriteBatch"};
  Series ceiling100{"ceiling: RocksDB 100 events per synced WriteBatch"};
  Series one{"store: 1 appender"};
  Series eight{"store: 8 appender threads"};
  Series sixty_four{"store: 64 appender threads"};
  Series async64{"store: 64 appends in flight (AppendAsync)"};
  Series one_untreed{"store, no Merkle tree: 1 appender"};
  Series sixty_four_untreed{"store, no Merkle tree: 64 appenders"};
  for (int round = 0; round < rounds; ++round) {
    // With and without the tree back to back, in alternating order, so
    // that neither side always follows the heavier runs.
    auto with_and_without = [&](Series& with, Series& without, int appenders) {
      auto treed = [&] {
        Measure(with, &store, [&] { return ThreadedAppends(store, appenders, seconds); });
      };
      auto bare = [&] {
        Measure(without, &untreed, [&] { return ThreadedAppends(untreed, appenders, seconds); });
      };
      if (round % 2 == 0) {
        treed();
        bare();
      } else {
        bare();
        treed();
      }
    };
    Measure(ceiling1, nullptr, [&] { return raw_single.Run(seconds); });
    with_and_without(one, one_untreed, 1);
    Measure(ceiling100, nullptr, [&] { return raw_batch100.Run(seconds); });
    Measure(eight, &store, [&] { return ThreadedAppends(store, 8, seconds); });
    with_and_without(sixty_four, sixty_four_untreed, 64);
    Measure(async64, &store, [&] { return AsyncAppends(store, 64, seconds); });
  }
  Print(ceiling1, nullptr);
  Print(ceiling100, nullptr);
  Print(one, &ceiling1);
  Print(eight, &ceiling100);
  Print(sixty_four, &ceiling100);
  Print(async64, &ceiling100);
  Print(one_untreed, &ceiling1);
  Print(sixty_four_untreed, &ceiling100);
  std::printf(
      "\nthe Merkle tree's cost (1 - with / without, medians): 1 appender %.1f%%, "
      "64 appenders %.1f%% (target: under 15%%)\n",
      100.0 * (1.0 - Median(one.rates) / Median(one_untreed.rates)),
      100.0 * (1.0 - Median(sixty_four.rates) / Median(sixty_four_untreed.rates)));
  untreed_opened->reset();
  RemoveTree(untreed_dir);

  uint64_t read_events = 0;
  double read_rate = ReadWholeLog(store, &read_events);
  opened->reset();
  uint64_t scanned = 0;
  double scan_rate = RawScan(dir, &scanned);
  std::printf("\nwhole log: %llu events\n", static_cast<unsigned long long>(read_events));
  Report("ceiling: raw RocksDB scan of the events family", scan_rate, "events/s");
  Report("store: ReadAll in pages of 1000 (parsed envelopes)", read_rate, "events/s", scan_rate);
  RemoveTree(dir);
  return 0;
}
