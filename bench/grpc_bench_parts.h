// The parts of grpc_bench, each measuring operations through gRPC on
// loopback beside the in-process figure of the same operation in the same
// run, and printing its lines.
#ifndef KUMPPANI_BENCH_GRPC_BENCH_PARTS_H_
#define KUMPPANI_BENCH_GRPC_BENCH_PARTS_H_

#include <cstdint>

#include "bench/grpc_bench_ledger.h"

namespace kumppani::bench {

struct GrpcBenchOptions {
  double seconds = 2;        // per figure and round (appends, commands, live)
  int rounds = 3;            // interleaved rounds of the throughput figures
  int clients = 32;          // the many-clients figure (beside 1 client)
  int queries = 2000;        // per query kind
  uint64_t events = 100000;  // the catch-up range of the subscription
};

// The gRPC unary ceiling (grpc.health.v1.Health/Check through the same
// server), LedgerService.AppendEvents beside EventStore::Append, and
// CommandService.RegisterOrganisation beside CommandHandler::Execute, each
// with 1 and `clients` concurrent clients.
void RunWriteBench(BenchLedger& ledger, const GrpcBenchOptions& options);

// RegistryService.GetBodyRoster beside projections::Roster and
// AuditService.GetInfluenceTrail beside audit::InfluenceTrail, one call at
// a time, random bodies and decisions (fixed seed).
void RunQueryBench(BenchLedger& ledger, const GrpcBenchOptions& options);

// LedgerService.Subscribe catch-up from position 0 over `events` events
// beside EventStore::ReadAll paging, and live delivery while `clients`
// in-process threads append.
void RunSubscribeBench(BenchLedger& ledger, const GrpcBenchOptions& options);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_GRPC_BENCH_PARTS_H_
