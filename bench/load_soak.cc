// load_soak: load and soak test of a real kumppanid through its gRPC API
// (issue 8). Not a unit test; `load_soak_smoke` in ctest runs it for a few
// seconds so that it keeps working, and docs/reliability.md ("Load and
// soak") gives the long run's command and figures.
//
//   load_soak [--seconds=60] [--kumppanid=PATH | --target=HOST:PORT --token=T]
//             [--command-clients=4] [--append-clients=2] [--query-clients=3]
//             [--live-subscribers=2] [--churn-subscribers=1] [--conflict-every=10]
//             [--think-ms=0] [--rss-every=10] [--warmup-seconds=S]
//             [--max-rss-growth=PERCENT]
//             [--kumppanid-arg=ARG]... [--no-restart-check] [--keep] [--seed=N]
//
// 1. Starts kumppanid (load_soak_server.h) on a fresh data directory below
//    $KUMPPANI_BENCH_DIR (default: the current directory) and a free
//    loopback port, with a tokens file and --checkpoint-interval-seconds 2;
//    or loads the server at --target.
// 2. Opens the live subscriptions (load_soak_subscribers.h), then runs the
//    closed-loop clients (load_soak_run.h) for --seconds: domain commands,
//    raw appends with intended conflicts, queries, subscription churn.
//    Meanwhile the server's RSS and CPU time are sampled every --rss-every
//    seconds (load_soak_rss.h).
// 3. Stops the clients, waits until every live subscriber has received the
//    last acknowledged position, and prints per operation: calls, calls/s,
//    p50/p99/p99.9/max latency in microseconds, errors by code and intended
//    conflicts; then the RSS series and its growth verdict.
// 4. Checks the log against every acknowledged write (load_soak_acks.h),
//    stops the server with SIGTERM (exit status 0 required), starts it
//    again on the same directory, checks the log again, stops it again.
//
// Exit status: 0 when every check passed; 1 when one failed (an unintended
// error, a subscriber's gap, an acknowledged write missing or misplaced, an
// event nobody acknowledged, a refused append present, a server that did
// not exit 0 on SIGTERM, RSS growth beyond --max-rss-growth); 2 for bad
// flags or a server that would not start. The work directory (data,
// tokens, kumppanid.log) is kept after a failure.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/bench_util.h"
#include "bench/load_soak_client.h"
#include "bench/load_soak_options.h"
#include "bench/load_soak_rss.h"
#include "bench/load_soak_run.h"
#include "bench/load_soak_subscribers.h"

namespace kumppani::bench {
namespace {

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return absl::StrCat(one, " ", five, " ", fifteen);
}

// kumppanid's flags beyond those ServerProcess sets.
std::vector<std::string> ServerArgs(const LoadSoakOptions& options) {
  std::vector<std::string> args = {"--checkpoint-interval-seconds", "2"};
  args.insert(args.end(), options.kumppanid_args.begin(), options.kumppanid_args.end());
  return args;
}

// Bytes of the files below `dir`.
uint64_t DirectoryBytes(const std::string& dir) {
  uint64_t bytes = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
    if (entry.is_regular_file(error)) bytes += entry.file_size(error);
  }
  return bytes;
}

// The failed checks, printed as they are found and summed up at the end.
class Verdict {
 public:
  void Fail(const std::string& what) {
    std::printf("FAILED: %s\n", what.c_str());
    std::fflush(stdout);
    failures_.push_back(what);
  }
  bool ok() const { return failures_.empty(); }
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  std::vector<std::string> failures_;
};

// Runs every client thread for `seconds`; returns their merged tally.
Tally RunClients(RunState& run, const LoadSoakOptions& options) {
  std::vector<std::thread> threads;
  const int total = options.command_clients + options.append_clients + options.query_clients +
                    options.churn_subscribers;
  std::vector<Tally> tallies(static_cast<size_t>(total));
  size_t next = 0;
  auto start = [&](void (*client)(RunState&, int, Tally&), int count) {
    for (int i = 0; i < count; ++i) {
      threads.emplace_back(client, std::ref(run), i, std::ref(tallies[next++]));
    }
  };
  start(RunCommandClient, options.command_clients);
  start(RunAppendClient, options.append_clients);
  start(RunQueryClient, options.query_clients);
  start(RunChurnSubscriber, options.churn_subscribers);
  std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
  run.stop = true;
  for (std::thread& thread : threads) thread.join();
  Tally all;
  for (const Tally& tally : tallies) all.Merge(tally);
  return all;
}

// Reads the log at `address` and checks it against the acknowledged writes.
void CheckLogAt(const std::string& address, const RunState& run, bool fresh, const char* when,
                Verdict& verdict) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = NewChannel(address, 9999);
  if (!channel.ok())
    return verdict.Fail(absl::StrCat("log check ", when, ": ", channel.status().ToString()));
  auto ledger = v1::LedgerService::NewStub(*channel);
  Stopwatch watch;
  absl::StatusOr<LogCheck> check = CheckLog(*ledger, run.tokens.admin, run.acks, fresh);
  if (!check.ok())
    return verdict.Fail(absl::StrCat("log check ", when, ": ", check.status().ToString()));
  std::printf(
      "log check %s (%.1f s): head %llu, %llu events read, %llu acknowledged events each at its "
      "position, %llu events of refused appends absent, %llu broken rules\n",
      when, watch.Seconds(), static_cast<unsigned long long>(check->head),
      static_cast<unsigned long long>(check->read),
      static_cast<unsigned long long>(check->acknowledged),
      static_cast<unsigned long long>(check->refused),
      static_cast<unsigned long long>(check->failures));
  for (const std::string& sample : check->samples) std::printf("  %s\n", sample.c_str());
  if (!check->ok())
    verdict.Fail(absl::StrCat("log check ", when, ": ", check->failures, " broken rules"));
}

int Main(const LoadSoakOptions& options) {
  const bool managed = options.target.empty();
  RunState run;
  run.seed = options.seed;
  run.think_ms = options.think_ms;
  run.conflict_every = options.conflict_every;
  run.tag = absl::StrFormat("%08x", std::random_device{}());
  std::string work_dir;
  std::unique_ptr<ServerProcess> server;
  if (managed) {
    work_dir = MakeBenchDir("load-soak");
    absl::StatusOr<std::unique_ptr<ServerProcess>> started =
        ServerProcess::Start(options.kumppanid, work_dir, ServerArgs(options));
    if (!started.ok()) {
      std::fprintf(stderr, "load_soak: %s (work directory kept: %s)\n",
                   started.status().ToString().c_str(), work_dir.c_str());
      return 2;
    }
    server = *std::move(started);
    run.address = server->address();
    run.tokens = server->tokens();
  } else {
    run.address = options.target;
    run.tokens = {options.token, options.token, options.token, options.token};
  }
  std::printf(
      "load_soak: %s for %.0f s, seed %llu, run tag %s; %u hardware threads, load average %s\n"
      "clients: %d command, %d append (1 in %d stale), %d query, %d live subscribers, "
      "%d churning subscribers; think time %d ms\n",
      managed ? absl::StrCat("kumppanid pid ", server->pid(), " at ", run.address, ", data in ",
                             work_dir)
                    .c_str()
              : run.address.c_str(),
      options.seconds, static_cast<unsigned long long>(options.seed), run.tag.c_str(),
      std::thread::hardware_concurrency(), LoadAverage().c_str(), options.command_clients,
      options.append_clients, options.conflict_every, options.query_clients,
      options.live_subscribers, options.churn_subscribers, options.think_ms);
  std::fflush(stdout);

  Verdict verdict;
  std::vector<std::unique_ptr<LiveSubscriber>> live;
  for (int i = 0; i < options.live_subscribers; ++i) {
    live.push_back(std::make_unique<LiveSubscriber>(run, i));
  }
  for (size_t i = 0; i < live.size(); ++i) {
    if (!live[i]->WaitCaughtUp(60))
      verdict.Fail(absl::StrCat("live subscriber ", i, " did not catch up in 60 s"));
  }
  std::unique_ptr<RssSampler> sampler;
  if (server != nullptr) {
    sampler =
        std::make_unique<RssSampler>(server->pid(), work_dir + "/data", options.rss_every, [&run] {
          return absl::StrCat("acknowledged events ", run.acks.events(), ", errors ", ErrorsSoFar(),
                              "; load average ", LoadAverage());
        });
  }
  Tally tally = RunClients(run, options);

  const uint64_t head = run.acks.max_position();
  for (size_t i = 0; i < live.size(); ++i) {
    if (!live[i]->WaitFor(head, 60)) {
      verdict.Fail(absl::StrCat("live subscriber ", i, " reached position ",
                                live[i]->last_position(), ", not the last acknowledged ", head,
                                ", within 60 s"));
    }
    live[i]->Stop();
    tally.Merge(live[i]->tally());
  }
  if (sampler != nullptr) sampler->Stop();

  std::printf("\nper operation over %.0f s (latency of the calls that were not errors):\n\n",
              options.seconds);
  PrintTally(tally, options.seconds);
  std::printf("\nacknowledged: %llu events; load average at the end %s\n",
              static_cast<unsigned long long>(run.acks.events()), LoadAverage().c_str());
  for (size_t i = 0; i < live.size(); ++i) {
    std::printf("live subscriber %zu: %llu events, up to position %llu\n", i,
                static_cast<unsigned long long>(live[i]->events()),
                static_cast<unsigned long long>(live[i]->last_position()));
  }
  if (tally.Errors() > 0) verdict.Fail(absl::StrCat(tally.Errors(), " unintended errors"));
  if (sampler != nullptr) {
    const double warmup =
        options.warmup_seconds >= 0 ? options.warmup_seconds : options.seconds / 5;
    const RssVerdict rss = JudgeRss(sampler->samples(), options.seconds, warmup);
    PrintRss(sampler->samples(), rss);
    if (options.max_rss_growth >= 0 && rss.enough && rss.growth_percent > options.max_rss_growth) {
      verdict.Fail(absl::StrFormat("RSS grew by %.1f%%, more than --max-rss-growth=%.1f",
                                   rss.growth_percent, options.max_rss_growth));
    }
  }
  std::printf("\n");

  CheckLogAt(run.address, run, managed, "after the run", verdict);
  if (server != nullptr) {
    const absl::Status stopped = server->Stop();
    if (!stopped.ok()) {
      verdict.Fail(std::string(stopped.message()));
    } else {
      std::printf("kumppanid exited 0 on SIGTERM\n");
    }
    // After a clean stop (a server that did not stop cleanly was killed).
    if (options.restart_check && stopped.ok()) {
      if (absl::Status restarted = server->Restart(); !restarted.ok()) {
        verdict.Fail(absl::StrCat("restart: ", restarted.ToString()));
      } else {
        const long reopened_kib = ResidentKib(server->pid());
        CheckLogAt(server->address(), run, managed, "after a restart", verdict);
        std::printf("restarted server's RSS: %.1f MiB once listening, %.1f MiB after the check\n",
                    static_cast<double>(reopened_kib) / 1024,
                    static_cast<double>(ResidentKib(server->pid())) / 1024);
        if (absl::Status again = server->Stop(); !again.ok()) {
          verdict.Fail(absl::StrCat("after the restart: ", again.message()));
        }
      }
    }
    std::printf("data directory: %.1f MiB\n",
                static_cast<double>(DirectoryBytes(work_dir + "/data")) / (1 << 20));
    const std::vector<std::string> problems = server->LogProblems();
    std::printf("server log: %zu lines at warning level or above%s\n", problems.size(),
                problems.empty() ? "" : ", the first:");
    for (size_t i = 0; i < problems.size() && i < 5; ++i)
      std::printf("  %s\n", problems[i].c_str());
  }

  if (verdict.ok()) {
    std::printf("\nload_soak: PASSED\n");
    if (!work_dir.empty() && !options.keep) RemoveTree(work_dir);
  } else {
    std::printf("\nload_soak: FAILED (%zu checks)\n", verdict.failures().size());
  }
  if (!work_dir.empty() && (options.keep || !verdict.ok())) {
    std::printf("work directory kept: %s\n", work_dir.c_str());
  }
  return verdict.ok() ? 0 : 1;
}

}  // namespace
}  // namespace kumppani::bench

int main(int argc, char** argv) {
  bool help = false;
  absl::StatusOr<kumppani::bench::LoadSoakOptions> options =
      kumppani::bench::ParseLoadSoakOptions(argc, argv, help);
  if (!options.ok()) {
    std::fprintf(stderr, "load_soak: %s\n%s", std::string(options.status().message()).c_str(),
                 kumppani::bench::LoadSoakUsage());
    return 2;
  }
  if (help) {
    std::printf("%s", kumppani::bench::LoadSoakUsage());
    return 0;
  }
  return kumppani::bench::Main(*options);
}
