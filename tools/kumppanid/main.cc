// kumppanid: flags/config → open the ledger → serve → clean shutdown on
// SIGTERM/SIGINT; SIGHUP reloads the tokens file. Also `kumppanid token add`.
//
// Exit status: 0 after a clean shutdown (or --help); 2 when it could not
// start (bad flag or config, unusable data directory, port in use, bad TLS
// or tokens file), with a message saying which; 1 for any other failure.
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "api/principal.h"
#include "api/server.h"
#include "api/token_store.h"
#include "ledger/projections/all_projections.h"
#include "ledger/projections/projected_store.h"
#include "spdlog/spdlog.h"
#include "tools/kumppanid/command_line.h"
#include "tools/kumppanid/config.h"
#include "tools/kumppanid/data_dir.h"
#include "tools/kumppanid/logging.h"
#include "tools/kumppanid/memory_keeper.h"
#include "tools/kumppanid/services.h"
#include "tools/kumppanid/store_health.h"

namespace kumppani::kumppanid {
namespace {

constexpr int kExitFailure = 1;
// How often freed heap memory goes back to the kernel (and the memory
// figures are logged at debug level).
constexpr std::chrono::seconds kMemoryReleaseInterval(10);

int RunTokenAdd(const TokenAddCommand& command) {
  absl::StatusOr<api::Role> role = api::ParseRole(command.role);
  if (!role.ok()) {
    std::cerr << "kumppanid: " << role.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<std::string> token =
      api::AddToken(command.tokens_file, *role, command.organisation, command.name);
  if (!token.ok()) {
    std::cerr << "kumppanid: " << token.status().message() << "\n";
    return token.status().code() == absl::StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  std::cout << *token << std::endl;
  std::cerr << "Added token \"" << command.name << "\" (" << command.role << ") to "
            << command.tokens_file
            << ". This is the only time it is shown; store it now. A running kumppanid "
               "picks it up on SIGHUP (or when it restarts).\n";
  return 0;
}

// SIGTERM, SIGINT (stop) and SIGHUP (reload tokens) are blocked in every
// thread (threads inherit the mask, so this runs before any is started) and
// taken by sigwait in main.
sigset_t HandledSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  return signals;
}

// Serves SIGHUP by reloading the tokens until SIGTERM or SIGINT comes, and
// returns that.
int WaitForTerminationSignal(api::Authenticator& authenticator, const Config& config) {
  sigset_t signals = HandledSignals();
  while (true) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal != SIGHUP) return signal;
    if (config.server.tokens_file.empty()) {
      spdlog::info("SIGHUP received: no tokens file configured, nothing to reload");
    } else if (absl::Status status = authenticator.Reload(); status.ok()) {
      spdlog::info("SIGHUP received: reloaded tokens from {}", config.server.tokens_file);
    } else {
      spdlog::error("SIGHUP received: tokens not reloaded, the previous ones stay in force: {}",
                    std::string(status.message()));
    }
  }
}

int Serve(const Config& config) {
  if (absl::Status status = api::ValidateServerOptions(config.server); !status.ok()) {
    spdlog::error("cannot start: {}", std::string(status.message()));
    return kExitUsage;
  }
  if (absl::Status status = PrepareDataDirectory(config.data_dir); !status.ok()) {
    spdlog::error("cannot start: {}", std::string(status.message()));
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<api::Authenticator>> authenticator =
      api::MakeAuthenticator(config.server);
  if (!authenticator.ok()) {
    spdlog::error("cannot start: {}", std::string(authenticator.status().message()));
    return kExitUsage;
  }

  store::StoreOptions store_options;
  store_options.path = config.data_dir;
  store_options.memtable_budget_bytes = config.memtable_budget_bytes;
  store_options.block_cache_bytes = config.block_cache_bytes;
  StoreHealth health;
  store_options.on_failure = [&health](const absl::Status& failure) {
    health.OnStoreFailure(failure);
  };
  absl::StatusOr<std::unique_ptr<projections::ProjectedStore>> ledger =
      projections::ProjectedStore::Open(store_options, projections::AllProjections());
  if (!ledger.ok()) {
    spdlog::error("cannot start: cannot open the ledger in data directory {}: {}", config.data_dir,
                  ledger.status().ToString());
    return kExitUsage;
  }
  spdlog::info("ledger opened in {} (head position {})", config.data_dir,
               (*ledger)->store().HeadPosition().value());
  auto memory_keeper =
      std::make_unique<MemoryKeeper>((*ledger)->store(), kMemoryReleaseInterval);

  const std::string key_file =
      config.checkpoint_key.empty() ? config.data_dir + "/checkpoint.key" : config.checkpoint_key;
  absl::StatusOr<audit::Ed25519KeyPair> key = audit::LoadOrCreateCheckpointKey(key_file);
  if (!key.ok()) {
    spdlog::error("cannot start: checkpoint key {}: {}", key_file, key.status().ToString());
    return kExitUsage;
  }
  const Clock& clock = *SystemClock::Default();
  auto checkpointer = std::make_unique<audit::Checkpointer>((*ledger)->store(), *std::move(key),
                                                            config.checkpoint_origin, clock);
  checkpointer->StartPeriodic(absl::ToChronoMilliseconds(config.checkpoint_interval));
  spdlog::info("checkpoints every {} signed with {} (verifier key {})",
               absl::FormatDuration(config.checkpoint_interval), key_file,
               checkpointer->verifier_key());

  absl::StatusOr<api::ServiceSet> services = MakeServices(
      ServiceContext{**ledger, **authenticator, config, *checkpointer, key_file, clock});
  if (!services.ok()) {
    spdlog::error("cannot start: {}", services.status().ToString());
    return kExitFailure;
  }
  absl::StatusOr<std::unique_ptr<api::Server>> server =
      api::Server::Start(config.server, std::move(*services));
  if (!server.ok()) {
    spdlog::error("cannot start: {}", std::string(server.status().message()));
    return kExitUsage;
  }
  health.Attach(server->get());
  spdlog::info("listening on {} ({})", (*server)->address(),
               (*server)->tls() ? (config.server.tls_client_ca_file.empty() ? "TLS" : "mutual TLS")
                                : "plaintext");

  int signal = WaitForTerminationSignal(**authenticator, config);
  spdlog::info("{} received: shutting down; in-flight calls get {}",
               signal == SIGTERM ? "SIGTERM" : "SIGINT",
               absl::FormatDuration(config.server.shutdown_grace));
  health.Attach(nullptr);
  (*server)->Shutdown();
  server->reset();
  // Sign the log's final state, so that the last appends are covered.
  if (absl::StatusOr<store::StoredCheckpoint> last = checkpointer->Checkpoint(); last.ok()) {
    spdlog::info("final checkpoint at tree size {}", last->tree_size);
  }
  checkpointer.reset();
  memory_keeper.reset();
  spdlog::info("server stopped; closing the ledger");
  ledger->reset();
  spdlog::info("ledger closed; exiting");
  spdlog::default_logger()->flush();
  return 0;
}

int Main(int argc, char** argv) {
  // Debian's absl is built with mutex deadlock detection on, which runs a
  // lock-graph cycle check on every absl::Mutex acquisition (gRPC's locks):
  // 3-5% of the CPU of each call in the gRPC benchmark. Lock order is a
  // matter for tests, not for the running server.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  TuneAllocator();
  ParsedCommandLine parsed = ParseCommandLine(argc, argv, std::cout, std::cerr);
  if (!parsed.command_line) return parsed.exit_code;
  if (parsed.command_line->token_add) return RunTokenAdd(*parsed.command_line->token_add);

  absl::StatusOr<Config> config =
      LoadConfig(parsed.command_line->config_file, parsed.command_line->flags);
  if (!config.ok()) {
    std::cerr << "kumppanid: " << config.status().message() << "\n";
    return kExitUsage;
  }
  if (absl::Status status = SetUpLogging(config->log_level, config->log_format); !status.ok()) {
    std::cerr << "kumppanid: " << status.message() << "\n";
    return kExitUsage;
  }
  sigset_t signals = HandledSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return Serve(*config);
}

}  // namespace
}  // namespace kumppani::kumppanid

int main(int argc, char** argv) { return kumppani::kumppanid::Main(argc, argv); }
