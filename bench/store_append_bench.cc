// Durable append and read throughput of the event store, each beside the raw
// RocksDB ceiling for the same bytes measured in the same run.
//
//   store_append_bench [--seconds=1] [--rounds=5] [--max_group_events=N] [--show_rounds=1]
//
// The disk's speed drifts from minute to minute, so ceilings and the store
// are measured in interleaved rounds and medians are reported.
//
// Ceilings: RocksDB Put of one 256-byte event per synced WriteBatch, and 100
// events per synced WriteBatch; a raw iterator scan of the events family.
// Reference: 64 threads each writing one event per synced WriteBatch to plain
// RocksDB, whose own write grouping shares syncs among them: what blocking
// one-event writers reach on this machine without any store on top.
// Under test: EventStore::Append with 1, 8 and 64 concurrent appenders (one
// event of 256 bytes payload per append), 64 appends in flight through
// AppendAsync, and ReadAll over the whole log. The Merkle tree's cost: the
// same appends on a second store opened with merkle_tree = false, paired
// with the first in every round (issue 3's target: the tree costs under 15%
// of durable append throughput).
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
  // Events per second over `seconds` of synced writes from `threads`
  // threads at once (RocksDB groups concurrent writers into one sync).
  double Run(double seconds, int threads = 1) {
    std::atomic<uint64_t> written{0};
    std::vector<std::thread> writers;
    Stopwatch watch;
    for (int t = 0; t < threads; ++t) {
      writers.emplace_back([&] {
        rocksdb::WriteOptions sync;
        sync.sync = true;
        const std::string value = Payload();
        while (watch.Seconds() < seconds) {
          rocksdb::WriteBatch batch;
          for (size_t i = 0; i < per_batch_; ++i) {
            batch.Put(store::EncodeBigEndian64(key_.fetch_add(1) + 1), value);
          }
          if (!db_->Write(sync, &batch).ok()) std::abort();
          written.fetch_add(per_batch_, std::memory_order_relaxed);
        }
      });
    }
    for (auto& writer : writers) writer.join();
    return static_cast<double>(written.load()) / watch.Seconds();
  }

 private:
  const size_t per_batch_;
  const std::string dir_;
  std::unique_ptr<rocksdb::DB> db_;
  std::atomic<uint64_t> key_{0};
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

// The tree's cost for one scenario: 1 - with / without per round (each pair
// ran back to back, so a slow minute of the disk hits both), as the median
// and quartiles of the rounds, and from the two medians. `show_rounds`
// prints every round's pair.
void PrintTreeCost(const char* scenario, const Series& with, const Series& without,
                   bool show_rounds) {
  std::vector<double> paired;
  for (size_t i = 0; i < with.rates.size() && i < without.rates.size(); ++i) {
    paired.push_back(1.0 - with.rates[i] / without.rates[i]);
    if (show_rounds) {
      std::printf("    round %2zu: %8.0f / %8.0f events/s\n", i, with.rates[i], without.rates[i]);
    }
  }
  std::printf("  %-22s %6.1f%%  (%5.1f%% .. %5.1f%%)  [%5.1f%%]\n", scenario,
              100.0 * Median(paired), 100.0 * Percentile(paired, 0.25),
              100.0 * Percentile(paired, 0.75),
              100.0 * (1.0 - Median(with.rates) / Median(without.rates)));
}

}  // namespace
}  // namespace kumppani::bench

int main(int argc, char** argv) {
  using namespace kumppani::bench;
  const double seconds = static_cast<double>(FlagValue(argc, argv, "seconds", 1));
  const int rounds = static_cast<int>(FlagValue(argc, argv, "rounds", 5));
  const bool show_rounds = FlagValue(argc, argv, "show_rounds", 0) != 0;
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
  RawLog raw_threads(1);
  Series raw64{"reference: RocksDB, 64 threads, 1 event per synced write"};
  Series one{"store: 1 appender"};
  Series eight{"store: 8 appender threads"};
  Series sixty_four{"store: 64 appender threads"};
  Series async64{"store: 64 appends in flight (AppendAsync)"};
  Series one_untreed{"store, no Merkle tree: 1 appender"};
  Series eight_untreed{"store, no Merkle tree: 8 appender threads"};
  Series sixty_four_untreed{"store, no Merkle tree: 64 appenders"};
  Series async64_untreed{"store, no Merkle tree: 64 appends in flight"};
  for (int round = 0; round < rounds; ++round) {
    // Both stores get the same work, back to back and in alternating order,
    // so that they hold the same data and neither always follows the
    // heavier runs.
    auto with_and_without = [&](Series& with, Series& without, auto run) {
      auto treed = [&] { Measure(with, &store, [&] { return run(store); }); };
      auto bare = [&] { Measure(without, &untreed, [&] { return run(untreed); }); };
      if (round % 2 == 0) {
        treed();
        bare();
      } else {
        bare();
        treed();
      }
    };
    auto threads = [&](int appenders) {
      return [&, appenders](EventStore& s) { return ThreadedAppends(s, appenders, seconds); };
    };
    Measure(ceiling1, nullptr, [&] { return raw_single.Run(seconds); });
    with_and_without(one, one_untreed, threads(1));
    Measure(ceiling100, nullptr, [&] { return raw_batch100.Run(seconds); });
    with_and_without(eight, eight_untreed, threads(8));
    with_and_without(sixty_four, sixty_four_untreed, threads(64));
    Measure(raw64, nullptr, [&] { return raw_threads.Run(seconds, 64); });
    with_and_without(async64, async64_untreed,
                     [&](EventStore& s) { return AsyncAppends(s, 64, seconds); });
  }
  Print(ceiling1, nullptr);
  Print(ceiling100, nullptr);
  Print(one, &ceiling1);
  Print(eight, &ceiling100);
  Print(sixty_four, &ceiling100);
  Print(raw64, &ceiling100);
  Print(async64, &ceiling100);
  Print(one_untreed, &ceiling1);
  Print(eight_untreed, &ceiling100);
  Print(sixty_four_untreed, &ceiling100);
  Print(async64_untreed, &ceiling100);
  std::printf(
      "\nthe Merkle tree's cost (target: under 15%%), 1 - with / without: the median of the\n"
      "rounds' pairs (their quartiles) [from the two medians]\n");
  PrintTreeCost("1 appender", one, one_untreed, show_rounds);
  PrintTreeCost("8 appender threads", eight, eight_untreed, show_rounds);
  PrintTreeCost("64 appender threads", sixty_four, sixty_four_untreed, show_rounds);
  PrintTreeCost("64 appends in flight", async64, async64_untreed, show_rounds);
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
