// grpc_bench's query figures: latency of a body's roster and of a
// decision's influence trail at the head, through gRPC (RegistryService.
// GetBodyRoster, AuditService.GetInfluenceTrail) and in-process (the same
// views and query functions the handlers call), one call at a time, in
// alternating blocks of in-process and gRPC calls over the same random
// targets.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "bench/grpc_bench_load.h"
#include "bench/grpc_bench_parts.h"
#include "kumppani/v1/audit_service.grpc.pb.h"
#include "kumppani/v1/registry_service.grpc.pb.h"
#include "ledger/audit/influence_trail.h"
#include "ledger/projections/participation/view_set.h"
#include "ledger/projections/registry/body_queries.h"

namespace kumppani::bench {
namespace {

std::vector<std::string> Streams(const projections::ProjectionEngine& engine,
                                 const std::string& projection, const std::string& prefix) {
  std::vector<std::string> ids;
  auto view = engine.View(projection);
  CheckOk(view.status(), "view " + projection);
  CheckOk(view->ScanStreams(prefix, "",
                            [&](std::string_view id, std::string_view) {
                              ids.emplace_back(id);
                              return true;
                            }),
          "scan " + projection);
  return ids;
}

absl::Status FromGrpc(const grpc::Status& status, const std::string& what) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      what + ": " + status.error_message());
}

absl::Status LocalRoster(const projections::ProjectionEngine& engine, const std::string& body) {
  auto bodies = engine.View("bodies");
  if (!bodies.ok()) return bodies.status();
  auto persons = engine.View("persons", bodies->position());
  if (!persons.ok()) return persons.status();
  return projections::Roster(*bodies, *persons, body).status();
}

absl::Status LocalTrail(const projections::ProjectionEngine& engine, const std::string& decision) {
  auto views = projections::ParticipationViews::At(engine);
  if (!views.ok()) return views.status();
  return audit::InfluenceTrail(*views, decision, std::nullopt).status();
}

using Query = std::function<absl::Status(const std::string& target)>;

// Latencies of `local` and `rpc` over `targets`, run in alternating blocks
// of kBlock calls (so that drift affects both alike while each runs in its
// own steady state), after one unmeasured block of each.
constexpr size_t kBlock = 100;
void Alternate(const std::vector<std::string>& targets, const Query& local, const Query& rpc,
               std::vector<double>& local_micros, std::vector<double>& rpc_micros) {
  // Runs `query` on targets[begin, end) and records the latencies in `micros`.
  auto block = [&](const Query& query, size_t begin, size_t end, std::vector<double>& micros) {
    for (size_t i = begin; i < end; ++i) {
      Stopwatch watch;
      CheckOk(query(targets[i]), targets[i]);
      micros.push_back(watch.Seconds() * 1e6);
    }
  };
  std::vector<double> warm_up;
  block(local, 0, std::min(targets.size(), kBlock), warm_up);
  block(rpc, 0, std::min(targets.size(), kBlock), warm_up);
  for (size_t begin = 0; begin < targets.size(); begin += kBlock) {
    const size_t end = std::min(targets.size(), begin + kBlock);
    block(local, begin, end, local_micros);
    block(rpc, begin, end, rpc_micros);
  }
}

// `count` random picks from `ids`.
std::vector<std::string> Pick(const std::vector<std::string>& ids, int count,
                              std::mt19937_64& random) {
  std::vector<std::string> picks;
  for (int i = 0; i < count && !ids.empty(); ++i) picks.push_back(ids[random() % ids.size()]);
  return picks;
}

}  // namespace

void RunQueryBench(BenchLedger& ledger, const GrpcBenchOptions& options) {
  const projections::ProjectionEngine& engine = ledger.engine();
  const std::vector<std::string> bodies = Streams(engine, "bodies", "body-");
  const std::vector<std::string> decisions = Streams(engine, "decisions", "decision-");
  std::printf(
      "queries: %d of each kind at the head, one at a time, in alternating blocks of %zu "
      "in-process and gRPC, over %zu bodies and %zu decisions (random, fixed seed)\n",
      options.queries, kBlock, bodies.size(), decisions.size());
  auto channel = ledger.NewChannel(0);
  auto registry = v1::RegistryService::NewStub(channel);
  auto audit = v1::AuditService::NewStub(channel);
  std::mt19937_64 random(7);
  std::vector<double> local_roster, rpc_roster, local_trail, rpc_trail;
  Alternate(
      Pick(bodies, options.queries, random),
      [&](const std::string& body) { return LocalRoster(engine, body); },
      [&](const std::string& body) {
        v1::GetBodyRosterRequest request;
        request.set_body_id(body);
        v1::GetBodyRosterResponse response;
        grpc::ClientContext context;
        return FromGrpc(registry->GetBodyRoster(&context, request, &response), body);
      },
      local_roster, rpc_roster);
  Alternate(
      Pick(decisions, options.queries, random),
      [&](const std::string& decision) { return LocalTrail(engine, decision); },
      [&](const std::string& decision) {
        v1::GetInfluenceTrailRequest request;
        request.set_decision_id(decision);
        v1::GetInfluenceTrailResponse response;
        grpc::ClientContext context;
        return FromGrpc(audit->GetInfluenceTrail(&context, request, &response), decision);
      },
      local_trail, rpc_trail);
  ReportLatency("in-process: roster (projections::Roster)", local_roster);
  ReportLatency("gRPC: RegistryService.GetBodyRoster", rpc_roster, local_roster);
  if (!local_trail.empty()) {
    ReportLatency("in-process: influence trail (audit::InfluenceTrail)", local_trail);
    ReportLatency("gRPC: AuditService.GetInfluenceTrail", rpc_trail, local_trail);
  }
  const double p99 = Percentile(rpc_roster, 0.99);
  std::printf("target: gRPC roster p99 < 2 ms: %.2f ms (%s)\n\n", p99 / 1000,
              p99 < 2000 ? "met" : "NOT met");
  std::fflush(stdout);
}

}  // namespace kumppani::bench
