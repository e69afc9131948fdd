// The Merkle tree at scale: inclusion-proof generation and verification at
// 1,000,000 events, consistency proofs, and full-log verification throughput
// beside the raw log-scan rate measured in the same run.
//
//   tree_bench [--events=1000000] [--proofs=10000]
//
// The log is filled with unsynced appends of 1,000 events (256-byte payloads);
// the tree is maintained exactly as for durable appends.
#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include "bench/bench_util.h"
#include "bench/raw_scan.h"
#include "ledger/audit/log_verifier.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/store/event_store.h"

namespace kumppani::bench {
namespace {

void Fill(store::EventStore& store, uint64_t events) {
  Stopwatch watch;
  const std::string payload(256, 'p');
  for (uint64_t done = 0; done < events;) {
    store::AppendRequest request;
    request.stream_id = "bench-s" + std::to_string(done % 1000);
    size_t n = static_cast<size_t>(std::min<uint64_t>(1000, events - done));
    for (size_t i = 0; i < n; ++i) {
      store::EventEnvelope event;
      event.set_event_type("BenchEvent");
      event.set_payload(payload);
      request.events.push_back(std::move(event));
    }
    if (!store.Append(std::move(request)).ok()) std::abort();
    done += n;
  }
  Report("fill: unsynced appends of 1,000 events (tree included)",
         static_cast<double>(events) / watch.Seconds(), "events/s");
}

}  // namespace
}  // namespace kumppani::bench

int main(int argc, char** argv) {
  using namespace kumppani;
  using namespace kumppani::bench;
  const uint64_t events = static_cast<uint64_t>(FlagValue(argc, argv, "events", 1'000'000));
  const int proofs = static_cast<int>(FlagValue(argc, argv, "proofs", 10'000));
  std::string dir = MakeBenchDir("tree");
  store::StoreOptions options;
  options.path = dir;
  options.sync = false;
  auto opened = store::EventStore::Open(options);
  if (!opened.ok()) return 1;
  store::EventStore& store = **opened;
  std::printf("tree_bench: %llu events, %d proofs\n\n", static_cast<unsigned long long>(events),
              proofs);
  Fill(store, events);

  const Hash root = *store.RootHash(events);
  std::mt19937_64 random(42);
  std::vector<double> generate, verify;
  for (int i = 0; i < proofs; ++i) {
    uint64_t position = 1 + random() % events;
    Stopwatch g;
    auto proof = store.InclusionProof(Position(position), events);
    generate.push_back(g.Seconds() * 1e6);
    Hash leaf = *store.LeafHash(Position(position));
    Stopwatch v;
    if (!proof.ok() || !audit::VerifyInclusion(position - 1, events, leaf, *proof, root).ok()) {
      std::abort();
    }
    verify.push_back(v.Seconds() * 1e6);
  }
  std::vector<double> consistency;
  for (int i = 0; i < proofs / 10; ++i) {
    uint64_t old_size = 1 + random() % events;
    Stopwatch c;
    if (!store.ConsistencyProof(old_size, events).ok()) std::abort();
    consistency.push_back(c.Seconds() * 1e6);
  }
  std::printf("inclusion proof, generate (store):   p50 %6.1f us  p99 %6.1f us\n",
              Percentile(generate, 0.5), Percentile(generate, 0.99));
  std::printf("inclusion proof, verify (audit):     p50 %6.1f us  p99 %6.1f us\n",
              Percentile(verify, 0.5), Percentile(verify, 0.99));
  std::printf("consistency proof, generate (store): p50 %6.1f us  p99 %6.1f us\n\n",
              Percentile(consistency, 0.5), Percentile(consistency, 0.99));

  Stopwatch watch;
  auto verified = audit::VerifyLog(store);
  double verify_rate = static_cast<double>(events) / watch.Seconds();
  if (!verified.ok()) {
    std::fprintf(stderr, "verify: %s\n", verified.status().ToString().c_str());
    return 1;
  }
  opened->reset();
  uint64_t scanned = 0;
  double scan_rate = RawScan(dir, &scanned);
  Report("ceiling: raw RocksDB scan of the events family", scan_rate, "events/s");
  Report("full verify (re-hash every event, compare leaves, root)", verify_rate, "events/s",
         scan_rate);
  RemoveTree(dir);
  return 0;
}
