// A fixture for in-process service tests over the whole ledger: a real
// EventStore in a temporary directory with every projection attached, a
// ManualClock at 2024-01-01T00:00:00Z, a CommandHandler for setting up state
// (the demo scenario, or commands in protobuf text format), the fake
// authenticator, and an in-process gRPC server the test registers its
// services with.
//
// Usage:
//   class QueryServiceTest : public ServiceTest {
//    protected:
//     QueryServiceTest() {
//       service_ = std::make_unique<QueryService>(engine(), authenticator_);
//       StartServer({service_.get()});
//       stub_ = v1::QueryService::NewStub(channel());
//     }
//     ~QueryServiceTest() override { StopServer(); }  // before service_ goes
//   };
#ifndef KUMPPANI_TESTS_API_SERVICE_FIXTURE_H_
#define KUMPPANI_TESTS_API_SERVICE_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "api/status_mapping.h"
#include "google/protobuf/text_format.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "ledger/common/clock.h"
#include "ledger/domain/command_handler.h"
#include "ledger/domain/scenario_loader.h"
#include "ledger/projections/all_projections.h"
#include "ledger/projections/projected_store.h"
#include "tests/api/fake_authenticator.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::api::testing {

inline constexpr int64_t k2024Micros = 1704067200LL * 1000000;

class ServiceTest : public ::testing::Test {
 protected:
  ServiceTest() : clock_(k2024Micros) { OpenLedger(); }
  ~ServiceTest() override { StopServer(); }

  // (Re)opens the ledger on the same directory. Stop the server first.
  void OpenLedger() {
    handler_.reset();
    ledger_.reset();
    store::StoreOptions options;
    options.path = dir_.Sub("db");
    options.clock = &clock_;
    options.sync = false;  // SIGKILL-safe still; tests need no power-loss safety
    auto opened = projections::ProjectedStore::Open(options, projections::AllProjections());
    ASSERT_TRUE(opened.ok()) << opened.status();
    ledger_ = *std::move(opened);
    ASSERT_TRUE(ledger_->engine().WaitUntilReady().ok());
    handler_ = std::make_unique<domain::CommandHandler>(store(), clock_);
  }

  // Starts an in-process server with `services` (not owned; they must
  // outlive StopServer).
  void StartServer(const std::vector<grpc::Service*>& services) {
    grpc::ServerBuilder builder;
    for (grpc::Service* service : services) builder.RegisterService(service);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  // Shuts the server down and waits for every call to finish. Idempotent.
  void StopServer() {
    if (!server_) return;
    server_->Shutdown();
    server_->Wait();
    server_.reset();
  }
  std::shared_ptr<grpc::Channel> channel() {
    return server_->InProcessChannel(grpc::ChannelArguments());
  }

  store::EventStore& store() { return ledger_->store(); }
  projections::ProjectionEngine& engine() { return ledger_->engine(); }

  // Runs a command given in text format (a kumppani.v1.Command body) as
  // `actor`; a request id is made up unless the text has one.
  absl::StatusOr<domain::CommandResult> Run(const std::string& text,
                                            const std::string& actor = "tester") {
    v1::Command command;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &command)) << text;
    if (command.request_id().empty()) command.set_request_id(absl::StrCat("setup-", ++counter_));
    return handler_->Execute(command, actor);
  }
  // Runs a command that must succeed.
  domain::CommandResult Ok(const std::string& text) {
    absl::StatusOr<domain::CommandResult> result = Run(text);
    EXPECT_TRUE(result.ok()) << result.status() << "\nfor: " << text;
    return result.ok() ? *result : domain::CommandResult{};
  }

  // Records docs/examples/demo-scenario.ndjson.
  void LoadDemo() {
    auto commands = domain::LoadScenarioFile(std::string(KUMPPANI_SOURCE_DIR) +
                                             "/docs/examples/demo-scenario.ndjson");
    ASSERT_TRUE(commands.ok()) << commands.status();
    for (const domain::ScenarioCommand& c : *commands) {
      auto result = handler_->Execute(c.command, "demo-import");
      ASSERT_TRUE(result.ok()) << "line " << c.line << ": " << result.status();
    }
  }

  kumppani::testing::TempDir dir_;
  ManualClock clock_;
  FakeAuthenticator authenticator_;
  std::unique_ptr<projections::ProjectedStore> ledger_;
  std::unique_ptr<domain::CommandHandler> handler_;
  std::unique_ptr<grpc::Server> server_;
  int counter_ = 0;
};

// A query service over the demo scenario: Service (constructed from store,
// engine and authenticator) under the in-process server, its stub, and Call
// with requests in text format.
template <typename Service, typename GrpcService>
class DemoQueryServiceTest : public ServiceTest {
 protected:
  using Stub = typename GrpcService::Stub;

  DemoQueryServiceTest() {
    LoadDemo();
    service_ = std::make_unique<Service>(store(), engine(), authenticator_);
    StartServer({service_.get()});
    stub_ = GrpcService::NewStub(channel());
  }
  ~DemoQueryServiceTest() override { StopServer(); }

  // Calls `method` with the request given in text format, as `token`.
  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                             Response*),
                                const std::string& request_text,
                                const std::string& token = kPublic) {
    Request request;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(request_text, &request))
        << request_text;
    Response response;
    std::unique_ptr<grpc::ClientContext> context = Context(token);
    grpc::Status status = (stub_.get()->*method)(context.get(), request, &response);
    if (!status.ok()) return FromGrpcStatus(status);
    return response;
  }

  uint64_t Head() { return store().HeadPosition().value(); }

  std::unique_ptr<Service> service_;
  std::unique_ptr<Stub> stub_;
};

}  // namespace kumppani::api::testing

#endif  // KUMPPANI_TESTS_API_SERVICE_FIXTURE_H_
