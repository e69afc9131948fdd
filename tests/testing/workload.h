// A deterministic generator of a large, valid, mixed domain workload, for
// tests and benchmarks that need many realistic commands: a synthetic world
// of wellbeing services counties and their NGOs, persons, cooperation
// bodies with seats, calls and terms, meetings and minutes, consultations
// and submissions, proposals and decisions with influence assessments,
// grants paid in instalments, a person's erasure every 2,500 commands and
// ~1% corrections and retractions of earlier events (whose ids it derives
// from its own request ids). Every command it yields is accepted by the
// CommandHandler when the commands are executed in order (or by
// RunWorkload) on an empty store.
//
// The generator keeps its own model of the world it has built and emits
// only commands that the rules in docs/domain.md accept in that state;
// dates follow a simulated calendar (WorkloadOptions::first_day ..
// last_day) that advances with the command count, so "not before",
// "within the call's dates" and "late" rules hold by construction. Streams
// stay short (a body is dissolved and replaced before its stream reaches a
// few hundred events) because the handler re-reads a stream per command.
//
// Concurrency: every command carries a wave number. Commands of one wave
// touch pairwise independent aggregates (no command of a wave writes a
// stream that another command of the same wave reads or writes), so they may
// run concurrently in any order; a command must not start before every
// command of earlier waves has finished. RunWorkload does exactly that.
//
// Thread safety: a Workload is not thread-safe; RunWorkload calls Next()
// under its own mutex.
#ifndef KUMPPANI_TESTS_TESTING_WORKLOAD_H_
#define KUMPPANI_TESTS_TESTING_WORKLOAD_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/domain/command_handler.h"

namespace kumppani::testing {

struct WorkloadOptions {
  // Seeds every random choice. The same options yield the same commands,
  // byte for byte. Default: 1.
  uint64_t seed = 1;

  // Wellbeing services counties (hyvinvointialueet), each with its own
  // NGOs, persons and bodies. At least 1. Default: 4.
  int regions = 4;

  // Associations registered per region at the start (with valid business
  // ids and/or association register numbers); more are registered, merged
  // and dissolved as the world goes on. At least 4. Default: 40.
  int ngos_per_region = 40;

  // How many commands Next() yields before returning nullopt. Default:
  // 100,000.
  size_t commands = 100000;

  // The simulated calendar: the first command is dated first_day, the last
  // one last_day, evenly in between. The domain refuses dates in the future,
  // so the handler's clock must read at least the end of last_day in
  // Finland. Defaults: 2015-01-01 and 2023-12-31 (a clock at
  // 2024-01-01T00:00Z suffices).
  absl::CivilDay first_day = absl::CivilDay(2015, 1, 1);
  absl::CivilDay last_day = absl::CivilDay(2023, 12, 31);
};

// Yields commands that the CommandHandler accepts, one at a time, building a
// coherent synthetic world. Generating a command costs about ten
// microseconds; executing one, a few hundred.
class Workload {
 public:
  explicit Workload(WorkloadOptions options);
  ~Workload();
  Workload(const Workload&) = delete;
  Workload& operator=(const Workload&) = delete;

  // The next command, with request_id "wl-<seed>-<n>" (n = 1, 2, ...), or
  // nullopt after options.commands commands. When `wave` is given it receives
  // the command's wave number (see the file comment); waves never decrease.
  std::optional<v1::Command> Next(uint64_t* wave = nullptr);

  // How many commands Next() has yielded.
  size_t yielded() const;

 private:
  class World;
  std::unique_ptr<World> world_;
};

// What RunWorkload executed.
struct WorkloadRun {
  // Commands executed and accepted.
  size_t commands = 0;
  // Events they appended.
  size_t events = 0;
};

// Executes every remaining command of `workload` through `handler` (actor
// "workload") with `threads` concurrent callers, wave by wave. Stops at the
// first rejection and returns its status, with the command in protobuf text
// form appended to the message (personal data left out). With threads > 1,
// "first" is the first one observed.
absl::StatusOr<WorkloadRun> RunWorkload(domain::CommandHandler& handler, Workload& workload,
                                        int threads = 1);

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_TESTING_WORKLOAD_H_
