// load_soak's client threads and the state they share. Each Run* function
// is one closed-loop client on a channel of its own: it calls back to back
// (with --think-ms between calls) until `run.stop`, timing every call into
// its own Tally, reporting acknowledged writes to `run.acks` and the ids it
// created to `run.catalogue`. The live subscribers, which outlast the
// writers, are load_soak_subscribers.h.
//
// Thread safety: RunState's atomics, AckLog and Catalogue are shared; the
// rest is constant while the clients run.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_RUN_H_
#define KUMPPANI_BENCH_LOAD_SOAK_RUN_H_

#include <atomic>
#include <cstdint>
#include <string>

#include "bench/load_soak_acks.h"
#include "bench/load_soak_catalogue.h"
#include "bench/load_soak_server.h"
#include "bench/load_soak_tally.h"

namespace kumppani::bench {

struct RunState {
  // Constant while the clients run.
  std::string address;  // the server, "host:port"
  LoadTokens tokens;
  std::string tag;  // unique to the run; in every id and request_id
  uint64_t seed = 0;
  int think_ms = 0;
  int conflict_every = 0;

  std::atomic<bool> stop{false};
  AckLog acks;
  Catalogue catalogue;
};

// Domain commands on the client's own aggregates (load_soak_domain.h),
// about 30% through ExecuteCommand, the rest through the per-command RPCs,
// each answer checked against what the command must append.
void RunCommandClient(RunState& run, int client, Tally& tally);

// Raw AppendEvents of 1..3 events to four streams of the client's own,
// with the exact expected version; one in --conflict-every with the
// version before it (an intended ABORTED, whose events must then not be in
// the log).
void RunAppendClient(RunState& run, int client, Tally& tally);

// Queries of what the writers created: GetBodyRoster, GetOrganisation,
// GetDecision, GetConsultation, GetInfluenceTrail, GetEvent (its inclusion
// proof verified against the latest signed checkpoint, itself verified
// with the server's verifier key), ReadStream and ReadAll pages.
void RunQueryClient(RunState& run, int client, Tally& tally);

// Subscription churn: Subscribe at a random position up to the head, read
// until 100 events or the caught-up heartbeat (positions checked), cancel;
// again and again. The latency is open to the last message taken.
void RunChurnSubscriber(RunState& run, int client, Tally& tally);

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_RUN_H_
