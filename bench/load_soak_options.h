// load_soak's command line: how long to run, which server to load (a
// kumppanid started here, or a running one), the mix of client threads and
// the checks' thresholds. Every option states its default.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_OPTIONS_H_
#define KUMPPANI_BENCH_LOAD_SOAK_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace kumppani::bench {

struct LoadSoakOptions {
  // Length of the measured run, in seconds. Default: 60 (the soak: 600).
  double seconds = 60;

  // The kumppanid binary to start on a fresh data directory and a free
  // loopback port. Default: the one built in the same tree as load_soak.
  std::string kumppanid;
  // "host:port" of a running server to load instead of starting one; then
  // --token is sent as the bearer token of every call (empty: none, for a
  // server without a tokens file). Appends and GetEvent need the admin
  // role. The log need not be empty; the end check then looks only at what
  // this run wrote. Default: empty (start kumppanid).
  std::string target;
  std::string token;

  // Closed-loop client threads, each on its own HTTP/2 connection:
  // domain commands through CommandService. Default: 4.
  int command_clients = 4;
  // Raw LedgerService.AppendEvents of 1..3 events to streams of their own,
  // each with the exact expected version. Default: 2.
  int append_clients = 2;
  // Queries: roster, organisation, decision, consultation, influence trail,
  // GetEvent with proof, ReadStream and ReadAll pages. Default: 3.
  int query_clients = 3;
  // Long-lived subscriptions from position 0 for the whole run, checking
  // that positions arrive in order without gaps. At most 8. Default: 2.
  int live_subscribers = 2;
  // Threads that open a subscription at a random position, take up to 100
  // events or the catch-up heartbeat, and cancel; again and again. At most
  // 4. Default: 1.
  int churn_subscribers = 1;
  // One append in this many is sent with a stale expected version on
  // purpose: an intended ABORTED, counted apart from errors. 0: never.
  // Default: 10.
  int conflict_every = 10;
  // Pause after each call of the command, append and query clients, in
  // milliseconds (0: back to back). Default: 0.
  int think_ms = 0;

  // Seconds between samples of the server's RSS and CPU time. Default: 10.
  double rss_every = 10;
  // The first seconds of the run, left out of the RSS verdict (see
  // load_soak_rss.h). Negative: a fifth of --seconds. Default: -1.
  double warmup_seconds = -1;
  // Fail when the RSS grew by more than this many percent from the earlier
  // to the later half of the run after warm-up (medians or peaks, whichever
  // grew more). Negative: report only. Default: -1.
  double max_rss_growth = -1;
  // After the checks, stop the server, start it again on the same data
  // directory and check the log again. Only with a server started here.
  // Default: true (--no-restart-check turns it off).
  bool restart_check = true;
  // Extra arguments for the kumppanid started here, one per
  // --kumppanid-arg (e.g. --kumppanid-arg=--log-level=debug to get
  // RocksDB's flush and statistics lines in its log). Default: none.
  std::vector<std::string> kumppanid_args;
  // Keep the work directory (data, tokens, server log) after a run that
  // passed; it is always kept after a failure. Default: false.
  bool keep = false;
  // Seed of the clients' random choices. Default: from the clock (printed).
  uint64_t seed = 0;
};

// Parses "--name=value" and "--name value" (and the bare --keep,
// --no-restart-check). INVALID_ARGUMENT naming the flag for an unknown
// flag, a missing or malformed value or a value out of range. `help` is set
// for --help.
absl::StatusOr<LoadSoakOptions> ParseLoadSoakOptions(int argc, char** argv, bool& help);

// The flags with their defaults, for --help and errors.
const char* LoadSoakUsage();

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_OPTIONS_H_
