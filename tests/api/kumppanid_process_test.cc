// The real kumppanid binary: starts on a free port with a temp data
// directory, answers health and reflection, stops cleanly on SIGTERM/SIGINT;
// refuses a port in use, an unusable data directory, a bad flag and a public
// address without tokens; `token add` makes a working tokens file.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "tests/api/grpc_probe.h"
#include "tests/testing/temp_dir.h"

extern char** environ;

namespace kumppani {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

constexpr auto kStartTimeout = std::chrono::seconds(90);
constexpr auto kExitTimeout = std::chrono::seconds(60);

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One kumppanid process; stdout and stderr go to files in `dir`.
class Kumppanid {
 public:
  Kumppanid(const testing::TempDir& dir, const std::string& name, std::vector<std::string> args)
      : log_path_(dir.Sub(name + ".log")), out_path_(dir.Sub(name + ".out")) {
    args.insert(args.begin(), KUMPPANID_BINARY);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int error = posix_spawn(&pid_, KUMPPANID_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) pid_ = -1;
  }
  ~Kumppanid() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  bool spawned() const { return pid_ > 0; }
  std::string log() const { return ReadFile(log_path_); }
  std::string out() const { return ReadFile(out_path_); }

  // The port from "listening on 127.0.0.1:<port>", or 0 when the process
  // exits or the time runs out first.
  int WaitForPort() {
    static const std::regex kListening(R"(listening on 127\.0\.0\.1:(\d+))");
    auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      std::smatch match;
      std::string text = log();
      if (std::regex_search(text, match, kListening)) return std::stoi(match[1]);
      if (Exited()) return 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return 0;
  }

  void Signal(int signal) { kill(pid_, signal); }

  // Whether the log comes to contain `text` before the process exits or the
  // time runs out.
  bool WaitForLog(const std::string& text) {
    auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (log().find(text) != std::string::npos) return true;
      if (Exited()) return log().find(text) != std::string::npos;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  // The exit status (or 128 + signal), or -1 on timeout.
  int WaitForExit() {
    auto deadline = std::chrono::steady_clock::now() + kExitTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (Exited()) return status_;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }

 private:
  bool Exited() {
    if (exited_) return true;
    int raw = 0;
    if (waitpid(pid_, &raw, WNOHANG) != pid_) return false;
    exited_ = true;
    status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    return true;
  }

  std::string log_path_;
  std::string out_path_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = -1;
};

std::shared_ptr<grpc::Channel> Channel(int port) {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
}

// Sends `bytes` as they are as the request of `method`.
grpc::Status RawCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                     const std::string& bytes) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  return done.get_future().get();
}

TEST(KumppanidProcessTest, ServesHealthAndReflectionAndStopsCleanlyOnSigterm) {
  testing::TempDir dir;
  Kumppanid server(dir, "server", {"--listen", "127.0.0.1:0", "--data-dir", dir.Sub("data")});
  ASSERT_TRUE(server.spawned());
  int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.log();
  EXPECT_THAT(server.log(),
              HasSubstr("no tokens configured: listening on loopback only, every caller is admin"));

  absl::StatusOr<int> health = testing::CheckHealth(Channel(port));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, testing::kServing);
  absl::StatusOr<std::vector<std::string>> services = testing::ListServices(Channel(port));
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, Contains("grpc.health.v1.Health"));
  EXPECT_THAT(*services, Contains("grpc.reflection.v1alpha.ServerReflection"));
  for (const char* service :
       {"kumppani.v1.LedgerService", "kumppani.v1.CommandService", "kumppani.v1.RegistryService",
        "kumppani.v1.ParticipationService", "kumppani.v1.GrantService", "kumppani.v1.AuditService",
        "kumppani.v1.AdminService", "grpc.health.v1.Health"}) {
    EXPECT_THAT(*services, Contains(service));
  }

  server.Signal(SIGTERM);
  EXPECT_EQ(server.WaitForExit(), 0) << server.log();
  EXPECT_THAT(server.log(), HasSubstr("SIGTERM received: shutting down"));
  EXPECT_THAT(server.log(), HasSubstr("ledger closed"));

  // The data directory holds a ledger that opens again.
  Kumppanid again(dir, "again", {"--listen", "127.0.0.1:0", "--data-dir", dir.Sub("data")});
  ASSERT_GT(again.WaitForPort(), 0) << again.log();
  again.Signal(SIGINT);
  EXPECT_EQ(again.WaitForExit(), 0) << again.log();
  EXPECT_THAT(again.log(), HasSubstr("SIGINT received"));
}

TEST(KumppanidProcessTest, SecondServerOnTheSamePortExitsNamingThePort) {
  testing::TempDir dir;
  Kumppanid first(dir, "first", {"--listen", "127.0.0.1:0", "--data-dir", dir.Sub("one")});
  int port = first.WaitForPort();
  ASSERT_GT(port, 0) << first.log();

  Kumppanid second(dir, "second",
                   {"--listen", absl::StrCat("127.0.0.1:", port), "--data-dir", dir.Sub("two")});
  EXPECT_EQ(second.WaitForExit(), 2) << second.log();
  EXPECT_THAT(second.log(), HasSubstr(absl::StrCat("port ", port, " is already in use")));

  // The first one is unharmed.
  absl::StatusOr<int> health = testing::CheckHealth(Channel(port));
  EXPECT_TRUE(health.ok()) << health.status();
  first.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(), 0) << first.log();
}

TEST(KumppanidProcessTest, DataDirectoryInUseExitsNamingIt) {
  testing::TempDir dir;
  Kumppanid first(dir, "first", {"--listen", "127.0.0.1:0", "--data-dir", dir.Sub("data")});
  ASSERT_GT(first.WaitForPort(), 0) << first.log();
  Kumppanid second(dir, "second", {"--listen", "127.0.0.1:0", "--data-dir", dir.Sub("data")});
  EXPECT_EQ(second.WaitForExit(), 2) << second.log();
  EXPECT_THAT(second.log(), HasSubstr(absl::StrCat("data directory ", dir.Sub("data"),
                                                   ": is in use by another process (pid ")));
  first.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(), 0) << first.log();
}

TEST(KumppanidProcessTest, UnusableDataDirectoryExitsNamingIt) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("a-file")) << "not a directory";
  std::string data_dir = dir.Sub("a-file/data");
  Kumppanid server(dir, "server", {"--listen", "127.0.0.1:0", "--data-dir", data_dir});
  EXPECT_EQ(server.WaitForExit(), 2) << server.log();
  EXPECT_THAT(server.log(), HasSubstr(absl::StrCat("data directory ", data_dir, ": ")));

  Kumppanid file_as_dir(dir, "file", {"--listen", "127.0.0.1:0", "--data-dir", dir.Sub("a-file")});
  EXPECT_EQ(file_as_dir.WaitForExit(), 2) << file_as_dir.log();
  EXPECT_THAT(file_as_dir.log(), HasSubstr("exists and is not a directory"));
}

TEST(KumppanidProcessTest, BadFlagsAndConfigExitTwo) {
  testing::TempDir dir;
  Kumppanid unknown(dir, "unknown", {"--no-such-flag"});
  EXPECT_EQ(unknown.WaitForExit(), 2);
  EXPECT_THAT(unknown.log(), HasSubstr("--no-such-flag"));

  Kumppanid bad_value(dir, "bad_value", {"--log-format", "xml"});
  EXPECT_EQ(bad_value.WaitForExit(), 2);
  EXPECT_THAT(bad_value.log(), HasSubstr("--log-format: must be text or json"));

  Kumppanid bad_listen(dir, "bad_listen", {"--listen", "nowhere", "--data-dir", dir.Sub("d")});
  EXPECT_EQ(bad_listen.WaitForExit(), 2);
  EXPECT_THAT(bad_listen.log(), HasSubstr("listen: must be \"host:port\", got \"nowhere\""));
}

TEST(KumppanidProcessTest, PublicAddressWithoutTokensIsRefused) {
  testing::TempDir dir;
  Kumppanid server(dir, "server", {"--listen", "0.0.0.0:0", "--data-dir", dir.Sub("data")});
  EXPECT_EQ(server.WaitForExit(), 2);
  EXPECT_THAT(server.log(),
              HasSubstr("0.0.0.0:0 is not a loopback address and no tokens file is configured"));
}

TEST(KumppanidProcessTest, TokenAddThenServeFromAConfigFileWithJsonLogs) {
  testing::TempDir dir;
  Kumppanid add(dir, "add",
                {"token", "add", "--tokens-file", dir.Sub("tokens"), "--role", "ngo",
                 "--organisation", "org-yhdistys", "--name", "portal"});
  ASSERT_EQ(add.WaitForExit(), 0) << add.log();
  std::string token = add.out();
  ASSERT_FALSE(token.empty());
  token.pop_back();  // the newline
  EXPECT_THAT(token, MatchesRegex("kpn_[A-Za-z0-9_-]{43}"));
  EXPECT_THAT(add.log(), HasSubstr("only time it is shown"));
  EXPECT_THAT(ReadFile(dir.Sub("tokens")), Not(HasSubstr(token)));
  EXPECT_THAT(ReadFile(dir.Sub("tokens")), HasSubstr(" ngo org-yhdistys portal\n"));

  std::ofstream(dir.Sub("kumppanid.toml")) << "listen = \"127.0.0.1:0\"\n"
                                              "data-dir = \"data\"\n"
                                              "tokens-file = \"tokens\"\n"
                                              "log-format = \"text\"\n";
  Kumppanid server(dir, "server", {"--config", dir.Sub("kumppanid.toml"), "--log-format", "json"});
  int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.log();
  absl::StatusOr<int> health = testing::CheckHealth(Channel(port));
  EXPECT_TRUE(health.ok()) << health.status();

  // SIGHUP reloads the tokens file; a broken one keeps the old tokens.
  server.Signal(SIGHUP);
  EXPECT_TRUE(server.WaitForLog("reloaded tokens from")) << server.log();
  std::ofstream(dir.Sub("tokens"), std::ios::app) << "broken line\n";
  server.Signal(SIGHUP);
  EXPECT_TRUE(server.WaitForLog("tokens not reloaded, the previous ones stay in force"))
      << server.log();

  server.Signal(SIGTERM);
  EXPECT_EQ(server.WaitForExit(), 0) << server.log();

  std::string log = server.log();
  EXPECT_THAT(log, HasSubstr("loaded 1 token(s)"));
  EXPECT_THAT(log, Not(HasSubstr("no tokens configured")));
  EXPECT_THAT(log, HasSubstr(absl::StrCat("ledger opened in ", dir.Sub("data"))));
  std::istringstream lines(log);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_THAT(line, MatchesRegex(R"(\{"time":"[0-9T:.-]+Z","level":"[a-z]+","message":".*"\})"))
        << line;
  }
  EXPECT_GE(count, 4);
}

// A request that does not parse (a string field that is not UTF-8) is
// INVALID_ARGUMENT, and protobuf's complaint about it goes into the JSON log
// at debug level instead of onto stderr as a raw error line (found by
// tests/reliability/hostile_input_test.py).
TEST(KumppanidProcessTest, UnparsableRequestsAreInvalidArgumentAndKeepTheLogJson) {
  testing::TempDir dir;
  Kumppanid server(dir, "server",
                   {"--data-dir", dir.Sub("data"), "--listen", "127.0.0.1:0", "--log-format",
                    "json", "--log-level", "debug"});
  int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.log();
  // GetOrganisationRequest { organisation_id: "org-\xff\xfe" }
  const std::string request("\x0a\x06org-\xff\xfe", 8);
  grpc::Status status =
      RawCall(Channel(port), "/kumppani.v1.RegistryService/GetOrganisation", request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("request: does not parse as kumppani.v1.GetOrganisationRequest"));
  server.Signal(SIGTERM);
  EXPECT_EQ(server.WaitForExit(), 0) << server.log();

  std::string log = server.log();
  EXPECT_THAT(log, HasSubstr("\"level\":\"debug\",\"message\":\"protobuf: String field "
                             "'kumppani.v1.GetOrganisationRequest.organisation_id' contains "
                             "invalid UTF-8"));
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_THAT(line, MatchesRegex(R"(\{"time":"[0-9T:.-]+Z","level":"[a-z]+","message":".*"\})"))
        << line;
    EXPECT_THAT(line, Not(HasSubstr("\"level\":\"error\""))) << line;
  }
}

}  // namespace
}  // namespace kumppani
