// grpc_bench's write figures: the gRPC unary ceiling, durable raw appends
// (LedgerService.AppendEvents vs EventStore::Append) and domain commands
// (CommandService.RegisterOrganisation vs CommandHandler::Execute), with 1
// and many concurrent clients, in interleaved rounds.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/grpc_bench_load.h"
#include "bench/grpc_bench_parts.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/impl/client_unary_call.h"
#include "grpcpp/impl/rpc_method.h"
#include "grpcpp/support/byte_buffer.h"
#include "kumppani/v1/command_service.grpc.pb.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"

namespace kumppani::bench {
namespace {

absl::Status FromGrpc(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

// A stub per client, each on a channel (HTTP/2 connection) of its own.
template <typename Service>
std::vector<std::unique_ptr<typename Service::Stub>> Stubs(const BenchLedger& ledger, int clients) {
  std::vector<std::unique_ptr<typename Service::Stub>> stubs;
  for (int client = 0; client < clients; ++client) {
    stubs.push_back(Service::NewStub(ledger.NewChannel(client)));
  }
  return stubs;
}

// grpc.health.v1.Health/Check, the cheapest unary call the server answers,
// made the way generated synchronous stubs make their calls (the project has
// no generated stub for the health service), so that it is the ceiling of
// the other figures' client path too.
class HealthStub {
 public:
  explicit HealthStub(std::shared_ptr<grpc::Channel> channel)
      : channel_(std::move(channel)),
        check_("/grpc.health.v1.Health/Check", grpc::internal::RpcMethod::NORMAL_RPC, channel_) {}

  absl::Status Check() {
    grpc::ClientContext context;
    grpc::Slice empty(std::string{});  // an empty HealthCheckRequest
    grpc::ByteBuffer request(&empty, 1);
    grpc::ByteBuffer response;
    return FromGrpc(
        grpc::internal::BlockingUnaryCall(channel_.get(), check_, &context, request, &response));
  }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  const grpc::internal::RpcMethod check_;
};

absl::Status RpcAppend(v1::LedgerService::Stub& stub, const std::string& stream) {
  v1::AppendEventsRequest request;
  request.set_stream_id(stream);
  request.mutable_any();
  *request.add_events() = BenchEvent();
  v1::AppendEventsResponse response;
  grpc::ClientContext context;
  return FromGrpc(stub.AppendEvents(&context, request, &response));
}

v1::RegisterOrganisation NewOrganisation(const std::string& slug) {
  v1::RegisterOrganisation command;
  command.set_organisation_id("org-" + slug);
  command.set_kind(v1::ORGANISATION_KIND_ASSOCIATION);
  command.mutable_name()->set_fi("Vertailuyhdistys " + slug);
  command.mutable_name()->set_authoritative(v1::LANGUAGE_FI);
  return command;
}

// Every write figure's series, for one number of clients.
struct WriteSeries {
  Series health, store_appends, rpc_appends, handler_commands, rpc_commands;
};

// Runs `run` and adds what it measured, with the store's events and syncs
// meanwhile, to `series`.
template <typename Run>
void Measure(const store::EventStore& store, Series& series, Run run) {
  const store::StoreStats before = store.Stats();
  series.Add(run());
  const store::StoreStats after = store.Stats();
  series.events += after.events - before.events;
  series.syncs += after.syncs - before.syncs;
}

void MeasureRound(BenchLedger& ledger, int clients, int round, double seconds,
                  std::vector<std::unique_ptr<HealthStub>>& health,
                  std::vector<std::unique_ptr<v1::LedgerService::Stub>>& ledger_stubs,
                  std::vector<std::unique_ptr<v1::CommandService::Stub>>& command_stubs,
                  WriteSeries& series) {
  const std::string tag = absl::StrCat(clients, "-", round);
  const Call health_check = [&](int client, uint64_t) {
    return health[static_cast<size_t>(client)]->Check();
  };
  const Call store_append = [&](int client, uint64_t) {
    return AppendBenchEvents(ledger.store(), absl::StrCat("bench-local-", client));
  };
  const Call rpc_append = [&](int client, uint64_t) {
    return RpcAppend(*ledger_stubs[static_cast<size_t>(client)],
                     absl::StrCat("bench-rpc-", client));
  };
  const Call handler_command = [&](int client, uint64_t n) {
    v1::Command command;
    const std::string slug = absl::StrCat("bench-local-", tag, "-", client, "-", n);
    command.set_request_id(slug);
    *command.mutable_register_organisation() = NewOrganisation(slug);
    return ledger.handler().Execute(command, "local").status();
  };
  const Call rpc_command = [&](int client, uint64_t n) {
    v1::RegisterOrganisationRequest request;
    const std::string slug = absl::StrCat("bench-rpc-", tag, "-", client, "-", n);
    request.set_request_id(slug);
    *request.mutable_command() = NewOrganisation(slug);
    v1::CommandResponse response;
    grpc::ClientContext context;
    return FromGrpc(command_stubs[static_cast<size_t>(client)]->RegisterOrganisation(
        &context, request, &response));
  };
  const store::EventStore& store = ledger.store();
  series.health.Add(RunClosedLoop(clients, seconds, health_check));
  Measure(store, series.store_appends,
          [&] { return RunClosedLoop(clients, seconds, store_append); });
  Measure(store, series.rpc_appends, [&] { return RunClosedLoop(clients, seconds, rpc_append); });
  Measure(store, series.handler_commands,
          [&] { return RunClosedLoop(clients, seconds, handler_command); });
  Measure(store, series.rpc_commands, [&] { return RunClosedLoop(clients, seconds, rpc_command); });
}

void Print(int clients, const WriteSeries& series) {
  const std::string of = clients == 1 ? "1 client" : absl::StrCat(clients, " clients");
  const std::string threads = clients == 1 ? "1 thread" : absl::StrCat(clients, " threads");
  ReportRate("ceiling: gRPC unary no-op (Health/Check), " + of, series.health, "calls/s");
  ReportRate("in-process: EventStore::Append, " + threads, series.store_appends, "events/s");
  ReportRate("gRPC: LedgerService.AppendEvents, " + of, series.rpc_appends, "events/s",
             series.store_appends.MedianRate());
  ReportRate("in-process: CommandHandler::Execute, " + threads, series.handler_commands, "cmds/s");
  ReportRate("gRPC: CommandService.RegisterOrganisation, " + of, series.rpc_commands, "cmds/s",
             series.handler_commands.MedianRate());
}

}  // namespace

void RunWriteBench(BenchLedger& ledger, const GrpcBenchOptions& options) {
  std::printf(
      "writes: durable (sync=true), one event of %zu B payload per append, one "
      "RegisterOrganisation per command; %d interleaved rounds of %.0f s per figure "
      "(median rates, latencies of all rounds)\n",
      kBenchPayloadBytes, options.rounds, options.seconds);
  const int many = options.clients;
  std::vector<std::unique_ptr<HealthStub>> health;
  for (int client = 0; client < many; ++client) {
    health.push_back(std::make_unique<HealthStub>(ledger.NewChannel(client)));
  }
  auto ledger_stubs = Stubs<v1::LedgerService>(ledger, many);
  auto command_stubs = Stubs<v1::CommandService>(ledger, many);
  WriteSeries one, all;
  for (int round = 0; round < options.rounds; ++round) {
    MeasureRound(ledger, 1, round, options.seconds, health, ledger_stubs, command_stubs, one);
    MeasureRound(ledger, many, round, options.seconds, health, ledger_stubs, command_stubs, all);
  }
  Print(1, one);
  Print(many, all);
  const double ratio = all.rpc_appends.MedianRate() / all.store_appends.MedianRate();
  std::printf("target: gRPC appends at %d clients >= 60%% of in-process: %.1f%% (%s)\n\n", many,
              100.0 * ratio, ratio >= 0.6 ? "met" : "NOT met");
  std::fflush(stdout);
}

}  // namespace kumppani::bench
