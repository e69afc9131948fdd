// The gRPC API through TCP loopback, each figure beside the in-process
// figure of the same operation measured in the same run (issue 6):
//
//   grpc_bench [--seconds=2] [--rounds=3] [--clients=32] [--queries=2000]
//              [--events=100000] [--bulk=20000]
//
// A ledger is filled (unsynced, not measured) with the demo scenario and
// --bulk generated workload commands, then reopened durably (sync=true, as
// kumppanid) with every projection, and a real api::Server on 127.0.0.1:0
// serves it with the loopback admin authenticator. Clients are generated
// synchronous stubs, one thread and one HTTP/2 connection each.
//
//   queries: RegistryService.GetBodyRoster beside projections::Roster and
//     AuditService.GetInfluenceTrail beside audit::InfluenceTrail, p50/p99
//     over --queries calls each at the head, in alternating blocks.
//   writes: the gRPC unary ceiling (Health/Check), LedgerService.
//     AppendEvents beside EventStore::Append, CommandService.
//     RegisterOrganisation beside CommandHandler::Execute, with 1 and
//     --clients concurrent clients, in --rounds interleaved rounds of
//     --seconds each (median rates, latencies of all rounds).
//   subscriptions: Subscribe catch-up over the first --events events (the
//     log is topped up with raw events if shorter) beside ReadAll paging;
//     live delivery while --clients threads append for --seconds.
//
// Targets (issue 6): gRPC appends at 32 clients >= 60% of the in-process
// rate; roster p99 < 2 ms. The data directory goes below
// $KUMPPANI_BENCH_DIR (default: the current directory) and is removed.
#include <cstdio>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "bench/bench_util.h"
#include "bench/grpc_bench_ledger.h"
#include "bench/grpc_bench_parts.h"

int main(int argc, char** argv) {
  using namespace kumppani::bench;
  // As kumppanid does (tools/kumppanid/main.cc): no lock-graph checks.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  GrpcBenchOptions options;
  options.seconds = static_cast<double>(FlagValue(argc, argv, "seconds", 2));
  options.rounds = static_cast<int>(FlagValue(argc, argv, "rounds", 3));
  options.clients = static_cast<int>(FlagValue(argc, argv, "clients", 32));
  options.queries = static_cast<int>(FlagValue(argc, argv, "queries", 2000));
  options.events = static_cast<uint64_t>(FlagValue(argc, argv, "events", 100000));
  const long bulk = FlagValue(argc, argv, "bulk", 20000);
  if (options.seconds <= 0 || options.rounds < 1 || options.clients < 1 || options.queries < 1 ||
      bulk < 0) {
    std::fprintf(stderr,
                 "grpc_bench: --seconds, --rounds, --clients and --queries must be "
                 "positive, --bulk not negative\n");
    return 2;
  }
  std::printf("grpc_bench: gRPC on TCP loopback beside in-process, hardware threads: %u\n\n",
              std::thread::hardware_concurrency());
  auto ledger = BenchLedger::Open(static_cast<size_t>(bulk));
  // Queries first, on the quiet ledger: the write figures leave RocksDB
  // flushing and compacting for a while, which shows in query p99s.
  RunQueryBench(*ledger, options);
  RunWriteBench(*ledger, options);
  RunSubscribeBench(*ledger, options);
  return 0;
}
