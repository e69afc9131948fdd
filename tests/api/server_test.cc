// The server around the services: listen addresses, port 0, health and
// reflection, port in use, the loopback rule, authenticators over real
// calls, TLS and mutual TLS, message size limits.
#include "api/server.h"

#include <fstream>
#include <future>
#include <sstream>

#include "api/status_mapping.h"
#include "api/token_store.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "spdlog/sinks/ostream_sink.h"
#include "spdlog/spdlog.h"
#include "tests/api/grpc_probe.h"
#include "tests/api/test_certificates.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::api {
namespace {

using kumppani::testing::CheckHealth;
using kumppani::testing::ListServices;
using kumppani::testing::PemPair;
using ::testing::Contains;
using ::testing::HasSubstr;

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

ServerOptions Loopback() {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.shutdown_grace = absl::Seconds(2);
  return options;
}

std::shared_ptr<grpc::Channel> Plaintext(int port) {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
}

TEST(ListenAddressTest, Parses) {
  struct Case {
    std::string text;
    std::string host;
    int port;
    bool loopback;
  };
  for (const Case& c :
       std::vector<Case>{{"127.0.0.1:50051", "127.0.0.1", 50051, true},
                         {"127.8.9.10:0", "127.8.9.10", 0, true},
                         {"localhost:1", "localhost", 1, true},
                         {"[::1]:50051", "::1", 50051, true},
                         {"[::ffff:127.0.0.1]:5", "::ffff:127.0.0.1", 5, true},
                         {"0.0.0.0:50051", "0.0.0.0", 50051, false},
                         {"[::]:50051", "::", 50051, false},
                         {"10.1.2.3:443", "10.1.2.3", 443, false},
                         {"kumppani.example:443", "kumppani.example", 443, false}}) {
    absl::StatusOr<ListenAddress> parsed = ParseListenAddress(c.text);
    ASSERT_TRUE(parsed.ok()) << c.text << ": " << parsed.status();
    EXPECT_EQ(parsed->host, c.host);
    EXPECT_EQ(parsed->port, c.port);
    EXPECT_EQ(parsed->loopback, c.loopback) << c.text;
    EXPECT_EQ(parsed->ToString(), c.text);
  }
  for (const char* bad : {"", "127.0.0.1", ":50051", "::1:50051", "[::1]50051", "127.0.0.1:65536",
                          "127.0.0.1:-1", "127.0.0.1:http", "127.0.0.1:"}) {
    absl::StatusOr<ListenAddress> parsed = ParseListenAddress(bad);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("listen: ")) << bad;
  }
}

TEST(ServerTest, PortZeroServesHealthAndReflection) {
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(Loopback(), ServiceSet());
  ASSERT_TRUE(server.ok()) << server.status();
  int port = (*server)->port();
  EXPECT_GT(port, 0);
  EXPECT_EQ((*server)->address(), absl::StrCat("127.0.0.1:", port));
  EXPECT_FALSE((*server)->tls());

  absl::StatusOr<int> health = CheckHealth(Plaintext(port));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, testing::kServing);
  absl::StatusOr<int> in_process = CheckHealth((*server)->InProcessChannel());
  ASSERT_TRUE(in_process.ok()) << in_process.status();
  EXPECT_EQ(*in_process, testing::kServing);

  absl::StatusOr<std::vector<std::string>> services = ListServices(Plaintext(port));
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, Contains("grpc.health.v1.Health"));
  EXPECT_THAT(*services, Contains("grpc.reflection.v1alpha.ServerReflection"));

  (*server)->Shutdown();
  (*server)->Shutdown();  // again: a no-op
  EXPECT_FALSE(CheckHealth(Plaintext(port)).ok());
}

TEST(ServerTest, ShutdownRunsHooksOnce) {
  int runs = 0;
  ServiceSet services;
  services.on_shutdown.push_back([&runs] { ++runs; });
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(Loopback(), std::move(services));
  ASSERT_TRUE(server.ok()) << server.status();
  (*server)->Shutdown();
  server->reset();
  EXPECT_EQ(runs, 1);
}

TEST(ServerTest, PortInUseIsUnavailableNamingThePort) {
  absl::StatusOr<std::unique_ptr<Server>> first = Server::Start(Loopback(), ServiceSet());
  ASSERT_TRUE(first.ok()) << first.status();
  ServerOptions same = Loopback();
  same.listen_address = (*first)->address();
  absl::StatusOr<std::unique_ptr<Server>> second = Server::Start(same, ServiceSet());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(second.status().message()),
              HasSubstr(absl::StrCat("port ", (*first)->port(), " is already in use")));
}

TEST(ServerTest, NonLoopbackNeedsATokensFile) {
  ServerOptions options = Loopback();
  options.listen_address = "0.0.0.0:0";
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options, ServiceSet());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(server.status().message()),
              HasSubstr("0.0.0.0:0 is not a loopback address and no tokens file is configured"));
  EXPECT_EQ(MakeAuthenticator(options).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ValidateServerOptions(options).code(), absl::StatusCode::kFailedPrecondition);

  testing::TempDir dir;
  options.tokens_file = dir.Sub("tokens");
  ASSERT_TRUE(AddToken(options.tokens_file, Role::kAdmin, "", "ops").ok());
  EXPECT_TRUE(ValidateServerOptions(options).ok());
  absl::StatusOr<std::unique_ptr<Server>> with_tokens = Server::Start(options, ServiceSet());
  ASSERT_TRUE(with_tokens.ok()) << with_tokens.status();
}

TEST(ServerTest, BadLimitsAreInvalidArgument) {
  ServerOptions options = Loopback();
  options.max_message_bytes = 0;
  EXPECT_EQ(Server::Start(options, ServiceSet()).status().code(),
            absl::StatusCode::kInvalidArgument);
  options = Loopback();
  options.keepalive_time = absl::ZeroDuration();
  EXPECT_EQ(ValidateServerOptions(options).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ServerTest, MessagesOverTheLimitAreResourceExhausted) {
  ServerOptions options = Loopback();
  options.max_message_bytes = 1024;
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options, ServiceSet());
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<int> small = CheckHealth(Plaintext((*server)->port()), "");
  EXPECT_TRUE(small.ok()) << small.status();
  absl::StatusOr<int> large = CheckHealth(Plaintext((*server)->port()), std::string(2000, 'x'));
  EXPECT_EQ(large.status().code(), absl::StatusCode::kResourceExhausted) << large.status();
}

// Captures spdlog's default logger for a test.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>(
        "captured", std::make_shared<spdlog::sinks::ostream_sink_mt>(text_));
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() const { return text_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream text_;
};

// A generic service that authenticates each call and answers
// "<role> <organisation> <actor>", or fails with the mapped status.
class WhoAmI : public grpc::CallbackGenericService {
 public:
  explicit WhoAmI(const Authenticator& authenticator) : authenticator_(authenticator) {}

  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override {
    return new Reactor(authenticator_, context);
  }

 private:
  class Reactor : public grpc::ServerGenericBidiReactor {
   public:
    Reactor(const Authenticator& authenticator, grpc::GenericCallbackServerContext* context) {
      absl::StatusOr<Principal> principal = authenticator.Authenticate(*context);
      if (!principal.ok()) {
        Finish(ToGrpcStatus(principal.status()));
        return;
      }
      std::string answer = absl::StrCat(RoleName(principal->role), " ", principal->organisation_id,
                                        " ", principal->actor);
      grpc::Slice slice(answer);
      response_ = grpc::ByteBuffer(&slice, 1);
      StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
    }
    void OnDone() override { delete this; }

   private:
    grpc::ByteBuffer response_;
  };

  const Authenticator& authenticator_;
};

class AuthenticatorOverCallsTest : public ::testing::Test {
 protected:
  void Serve(const Authenticator& authenticator) {
    service_ = std::make_unique<WhoAmI>(authenticator);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterCallbackGenericService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  absl::StatusOr<std::string> Call(const std::shared_ptr<grpc::Channel>& channel,
                                   const std::string& authorization) {
    grpc::GenericStub stub(channel);
    grpc::ClientContext context;
    if (!authorization.empty()) context.AddMetadata("authorization", authorization);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::Slice empty("");
    grpc::ByteBuffer request(&empty, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/test.WhoAmI/Get", grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(status); });
    grpc::Status status = done.get_future().get();
    if (!status.ok()) return FromGrpcStatus(status);
    std::vector<grpc::Slice> slices;
    std::string text;
    if (response.Dump(&slices).ok()) {
      for (const grpc::Slice& slice : slices) {
        text.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
      }
    }
    return text;
  }

  std::unique_ptr<WhoAmI> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

TEST_F(AuthenticatorOverCallsTest, WithoutTokensLocalCallersAreAdmin) {
  CapturedLog log;
  absl::StatusOr<std::unique_ptr<Authenticator>> authenticator = MakeAuthenticator(Loopback());
  ASSERT_TRUE(authenticator.ok()) << authenticator.status();
  EXPECT_THAT(log.text(),
              HasSubstr("no tokens configured: listening on loopback only, every caller is admin"));
  Serve(**authenticator);
  absl::StatusOr<std::string> tcp = Call(Plaintext(port_), "");
  ASSERT_TRUE(tcp.ok()) << tcp.status();
  EXPECT_EQ(*tcp, "admin  local");
  absl::StatusOr<std::string> in_process =
      Call(server_->InProcessChannel(grpc::ChannelArguments()), "Bearer whatever");
  ASSERT_TRUE(in_process.ok()) << in_process.status();
  EXPECT_EQ(*in_process, "admin  local");
}

TEST_F(AuthenticatorOverCallsTest, TokensFromTheFileOverRealMetadata) {
  testing::TempDir dir;
  ServerOptions options = Loopback();
  options.tokens_file = dir.Sub("tokens");
  absl::StatusOr<std::string> token = AddToken(options.tokens_file, Role::kNgo, "org-a", "portal");
  ASSERT_TRUE(token.ok()) << token.status();
  absl::StatusOr<std::unique_ptr<Authenticator>> authenticator = MakeAuthenticator(options);
  ASSERT_TRUE(authenticator.ok()) << authenticator.status();
  Serve(**authenticator);

  absl::StatusOr<std::string> ok = Call(Plaintext(port_), "Bearer " + *token);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(*ok, "ngo org-a token:portal");

  absl::StatusOr<std::string> missing = Call(Plaintext(port_), "");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("authorization: missing"));
  absl::StatusOr<std::string> wrong = Call(Plaintext(port_), "Bearer kpn_wrong");
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(MakeAuthenticatorTest, BadTokensFileIsAnError) {
  testing::TempDir dir;
  ServerOptions options = Loopback();
  options.tokens_file = dir.Sub("tokens");
  WriteFile(options.tokens_file, "# ok\nnot a valid line at all\n");
  absl::StatusOr<std::unique_ptr<Authenticator>> authenticator = MakeAuthenticator(options);
  EXPECT_EQ(authenticator.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(authenticator.status().message()),
              HasSubstr(absl::StrCat("tokens file ", options.tokens_file, " line 2")));
  options.tokens_file = dir.Sub("missing");
  EXPECT_EQ(MakeAuthenticator(options).status().code(), absl::StatusCode::kNotFound);
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = kumppani::testing::MakeCertificateAuthority("Kumppani test CA");
    server_pair_ = kumppani::testing::MakeLeafCertificate("localhost", ca_);
    client_pair_ = kumppani::testing::MakeLeafCertificate("case-system", ca_);
    WriteFile(dir_.Sub("ca.pem"), ca_.certificate);
    WriteFile(dir_.Sub("server.pem"), server_pair_.certificate);
    WriteFile(dir_.Sub("server.key"), server_pair_.private_key);
    WriteFile(dir_.Sub("client.key"), client_pair_.private_key);
    options_ = Loopback();
    options_.tls_cert_file = dir_.Sub("server.pem");
    options_.tls_key_file = dir_.Sub("server.key");
  }

  std::shared_ptr<grpc::Channel> Tls(int port, const PemPair* client) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ca_.certificate;
    if (client != nullptr) {
      ssl.pem_cert_chain = client->certificate;
      ssl.pem_private_key = client->private_key;
    }
    // By address, checking the certificate's name "localhost": resolving
    // "localhost" would go through c-ares, which leaks under LeakSanitizer.
    grpc::ChannelArguments arguments;
    arguments.SetSslTargetNameOverride("localhost");
    return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port), grpc::SslCredentials(ssl),
                                     arguments);
  }

  testing::TempDir dir_;
  PemPair ca_, server_pair_, client_pair_;
  ServerOptions options_;
};

TEST_F(TlsTest, ServesOverTlsOnly) {
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options_, ServiceSet());
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_TRUE((*server)->tls());
  absl::StatusOr<int> health = CheckHealth(Tls((*server)->port(), nullptr));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, testing::kServing);
  EXPECT_EQ(CheckHealth(Plaintext((*server)->port())).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(TlsTest, MutualTlsRequiresAClientCertificateFromTheCa) {
  options_.tls_client_ca_file = dir_.Sub("ca.pem");
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options_, ServiceSet());
  ASSERT_TRUE(server.ok()) << server.status();
  int port = (*server)->port();
  absl::StatusOr<int> with_certificate = CheckHealth(Tls(port, &client_pair_));
  ASSERT_TRUE(with_certificate.ok()) << with_certificate.status();
  EXPECT_EQ(*with_certificate, testing::kServing);
  EXPECT_FALSE(CheckHealth(Tls(port, nullptr)).ok());
  PemPair other_ca = kumppani::testing::MakeCertificateAuthority("Someone else");
  PemPair stranger = kumppani::testing::MakeLeafCertificate("stranger", other_ca);
  EXPECT_FALSE(CheckHealth(Tls(port, &stranger)).ok());
}

TEST_F(TlsTest, BadTlsOptionsFailAtStartNamingTheFile) {
  ServerOptions no_key = options_;
  no_key.tls_key_file.clear();
  EXPECT_EQ(Server::Start(no_key, ServiceSet()).status().code(),
            absl::StatusCode::kInvalidArgument);

  ServerOptions missing = options_;
  missing.tls_key_file = dir_.Sub("nope.key");
  absl::Status status = ValidateServerOptions(missing);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr(dir_.Sub("nope.key")));

  ServerOptions mismatched = options_;
  mismatched.tls_key_file = dir_.Sub("client.key");
  status = Server::Start(mismatched, ServiceSet()).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("does not match the certificate"));

  ServerOptions not_pem = options_;
  not_pem.tls_cert_file = dir_.Sub("server.key");
  status = ValidateServerOptions(not_pem);
  EXPECT_THAT(std::string(status.message()), HasSubstr("holds no PEM certificate"));

  ServerOptions ca_without_tls = Loopback();
  ca_without_tls.tls_client_ca_file = dir_.Sub("ca.pem");
  status = ValidateServerOptions(ca_without_tls);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("needs TLS"));
}

}  // namespace
}  // namespace kumppani::api
