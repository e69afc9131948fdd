// load_soak's per-operation tallies: every call's latency, its errors by
// gRPC code (or WRONG_ANSWER when a call succeeded with an answer that
// breaks the API's contract, GAP when a subscription skipped or repeated a
// position) and the intended conflicts, and the report table made of them.
//
// Thread safety: none; each client thread owns a Tally, and the main thread
// merges them after the threads have ended.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_TALLY_H_
#define KUMPPANI_BENCH_LOAD_SOAK_TALLY_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "grpcpp/support/status.h"

namespace kumppani::bench {

// One operation's figures.
struct OpTally {
  uint64_t calls = 0;                      // every call, whatever its outcome
  uint64_t intended_conflicts = 0;         // ABORTED where the client asked for it
  std::vector<double> micros;              // latencies of the calls that were not errors
  std::map<std::string, uint64_t> errors;  // by code name
};

class Tally {
 public:
  // A call of `op` that answered as intended, after `micros`.
  void Ok(const std::string& op, double micros);
  // A call of `op` that failed with the conflict it was meant to provoke.
  void Conflict(const std::string& op, double micros);
  // A call of `op` that failed unintendedly with `code` (a gRPC code name,
  // WRONG_ANSWER or GAP). The first few errors of the process are printed
  // to stderr with `message` as they happen.
  void Error(const std::string& op, const std::string& code, const std::string& message);

  // Adds `other`'s figures to this one's.
  void Merge(const Tally& other);

  const std::map<std::string, OpTally>& ops() const { return ops_; }
  uint64_t Errors() const;
  uint64_t Conflicts() const;
  uint64_t Calls() const;

 private:
  std::map<std::string, OpTally> ops_;
};

// Errors recorded by every Tally of the process so far (for progress lines).
uint64_t ErrorsSoFar();

// "OK", "ABORTED", ... ("CODE_<n>" for a number gRPC does not define).
std::string CodeName(grpc::StatusCode code);

// A Markdown table: per operation its calls, calls/s over `seconds`, p50,
// p99, p99.9 and max latency in microseconds, errors by code and intended
// conflicts; then a line of totals.
void PrintTally(const Tally& tally, double seconds);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_TALLY_H_
