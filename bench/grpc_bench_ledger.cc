// grpc_bench's ledger and server.
#include "bench/grpc_bench_ledger.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "api/audit_service.h"
#include "api/command_service.h"
#include "api/ledger_service.h"
#include "api/registry_service.h"
#include "bench/bench_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "ledger/common/clock.h"
#include "ledger/domain/scenario_loader.h"
#include "ledger/projections/all_projections.h"
#include "tests/testing/workload.h"

namespace kumppani::bench {
namespace {

template <typename T>
T OrDie(absl::StatusOr<T> value, const char* what) {
  if (!value.ok()) {
    std::fprintf(stderr, "grpc_bench: %s: %s\n", what, value.status().ToString().c_str());
    std::abort();
  }
  return *std::move(value);
}

std::unique_ptr<projections::ProjectedStore> OpenLedger(const std::string& dir, bool sync) {
  store::StoreOptions options;
  options.path = dir;
  options.sync = sync;
  auto ledger =
      OrDie(projections::ProjectedStore::Open(options, projections::AllProjections()), "open");
  if (!ledger->engine().WaitUntilReady().ok()) {
    std::fprintf(stderr, "grpc_bench: projections did not build\n");
    std::abort();
  }
  return ledger;
}

void Fill(const std::string& dir, size_t workload_commands) {
  auto ledger = OpenLedger(dir, /*sync=*/false);
  domain::CommandHandler handler(ledger->store(), *SystemClock::Default());
  Stopwatch watch;
  auto demo = OrDie(domain::LoadScenarioFile(std::string(KUMPPANI_SOURCE_DIR) +
                                             "/docs/examples/demo-scenario.ndjson"),
                    "demo scenario");
  for (const domain::ScenarioCommand& c : demo) {
    auto result = handler.Execute(c.command, "demo-import");
    if (!result.ok()) {
      std::fprintf(stderr, "grpc_bench: demo line %d: %s\n", c.line,
                   result.status().ToString().c_str());
      std::abort();
    }
  }
  if (workload_commands > 0) {
    testing::WorkloadOptions options;
    options.seed = 2026;
    options.commands = workload_commands;
    options.regions = 21;
    testing::Workload workload(options);
    OrDie(testing::RunWorkload(handler, workload, 2), "workload");
  }
  const uint64_t events = ledger->store().HeadPosition().value();
  Report("fill (unsynced, not measured): demo + workload",
         static_cast<double>(events) / watch.Seconds(), "events/s");
  std::printf("log after the fill: %llu events\n", static_cast<unsigned long long>(events));
}

}  // namespace

v1::EventEnvelope BenchEvent() {
  v1::EventEnvelope event;
  event.set_event_type("BenchEvent");
  event.set_payload(std::string(kBenchPayloadBytes, 'p'));
  event.set_event_id(std::string(EventId::Random().bytes()));
  return event;
}

absl::Status AppendBenchEvents(store::EventStore& store, const std::string& stream, size_t count) {
  store::AppendRequest request;
  request.stream_id = stream;
  request.expected_version = store::ExpectedVersion::Any();
  for (size_t i = 0; i < count; ++i) {
    request.events.push_back(BenchEvent());
    request.events.back().mutable_metadata()->set_actor("local");
  }
  return store.Append(std::move(request)).status();
}

std::unique_ptr<BenchLedger> BenchLedger::Open(size_t workload_commands) {
  std::unique_ptr<BenchLedger> bench(new BenchLedger());
  bench->dir_ = MakeBenchDir("grpc");
  Fill(bench->dir_, workload_commands);
  bench->ledger_ = OpenLedger(bench->dir_, /*sync=*/true);
  store::EventStore& store = bench->ledger_->store();
  projections::ProjectionEngine& engine = bench->ledger_->engine();
  const Clock& clock = *SystemClock::Default();
  bench->handler_ = std::make_unique<domain::CommandHandler>(store, clock);

  api::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  bench->authenticator_ = OrDie(api::MakeAuthenticator(options), "authenticator");
  const api::Authenticator& authenticator = *bench->authenticator_;
  api::ServiceSet services;
  auto ledger_service = std::make_unique<api::LedgerService>(store, authenticator);
  auto command_service = std::make_unique<api::CommandService>(store, engine, clock, authenticator);
  services.on_shutdown.push_back([raw = ledger_service.get()] { raw->Shutdown(); });
  services.on_shutdown.push_back([raw = command_service.get()] { raw->Shutdown(); });
  services.services.push_back(std::move(ledger_service));
  services.services.push_back(std::move(command_service));
  services.services.push_back(std::make_unique<api::RegistryService>(store, engine, authenticator));
  services.services.push_back(std::make_unique<api::AuditService>(store, engine, authenticator));
  bench->server_ = OrDie(api::Server::Start(options, std::move(services)), "server");
  std::printf("server: %s (TCP loopback, plaintext, loopback admin)\n\n",
              bench->server_->address().c_str());
  return bench;
}

BenchLedger::~BenchLedger() {
  server_.reset();
  handler_.reset();
  ledger_.reset();
  RemoveTree(dir_);
}

std::shared_ptr<grpc::Channel> BenchLedger::NewChannel(int client) const {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("kumppani.bench_client", client);
  args.SetMaxReceiveMessageSize(20 << 20);
  auto channel = grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), args);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10))) {
    std::fprintf(stderr, "grpc_bench: cannot connect to %s\n", address().c_str());
    std::abort();
  }
  return channel;
}

}  // namespace kumppani::bench
