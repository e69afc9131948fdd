// grpc_bench's measuring tools: closed-loop load from many client threads
// with every call timed, series of rounds (median rates, pooled latencies,
// CPU per call), percentiles, and the report lines that put a gRPC figure
// beside the in-process figure of the same operation.
#ifndef KUMPPANI_BENCH_GRPC_BENCH_LOAD_H_
#define KUMPPANI_BENCH_GRPC_BENCH_LOAD_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace kumppani::bench {

// One call of client `client` (0-based), its `n`-th (0-based). An error
// stops the benchmark with its message.
using Call = std::function<absl::Status(int client, uint64_t n)>;

// What one closed-loop run measured.
struct LoadResult {
  uint64_t calls = 0;
  double seconds = 0;
  std::vector<double> micros;  // every call's latency
  // CPU time (user + system) of the whole process meanwhile: clients,
  // server and store together.
  double cpu_seconds = 0;
};

// CPU time (user + system) the process has used so far.
double ProcessCpuSeconds();

// `clients` threads, each making `call` back to back for `seconds` (timed
// from when every thread is ready); each call's latency is recorded.
LoadResult RunClosedLoop(int clients, double seconds, const Call& call);

// The same operation over several rounds: the median rate and the latencies
// of every round together.
struct Series {
  std::vector<double> rates;
  std::vector<double> micros;
  // Events written and WAL syncs made meanwhile (EventStore::Stats), when
  // counted: the report then shows events per sync.
  uint64_t events = 0;
  uint64_t syncs = 0;
  // Calls and process CPU time of every round: the report shows CPU per
  // call, which bounds the rate when clients and server share few cores.
  uint64_t calls = 0;
  double cpu_seconds = 0;

  void Add(const LoadResult& result);
  double MedianRate() const;
};

// Aborts with `what` and the status when it is not OK.
void CheckOk(const absl::Status& status, const std::string& what);

// "label [N ev/sync]  rate unit  p50 .. us  p99 .. us  cpu .. us/op
// [NN.N% of in-process]"; latencies and CPU are left out when the series has
// none, the ratio when `reference_rate` is 0.
void ReportRate(const std::string& label, const Series& series, const std::string& unit,
                double reference_rate = 0);

// "label   p50 .. us  p99 .. us  max .. us  [+.. us at p50 over in-process]";
// the overhead is left out when `reference` is empty.
void ReportLatency(const std::string& label, const std::vector<double>& micros,
                   const std::vector<double>& reference = {});

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_GRPC_BENCH_LOAD_H_
