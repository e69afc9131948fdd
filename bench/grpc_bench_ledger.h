// grpc_bench's ledger: a data directory filled with the demo scenario and a
// generated workload, then opened durably (sync=true, as kumppanid does)
// with every projection, and a real api::Server on 127.0.0.1:0 serving the
// ledger, command, registry and audit services over TCP loopback, with the
// loopback admin authenticator (no tokens file), as a kumppanid started with
// defaults would.
//
// Lifetime: the server is shut down (and every call finished) before the
// services, the handler and the ledger go.
#ifndef KUMPPANI_BENCH_GRPC_BENCH_LEDGER_H_
#define KUMPPANI_BENCH_GRPC_BENCH_LEDGER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "api/authenticator.h"
#include "api/server.h"
#include "grpcpp/channel.h"
#include "kumppani/v1/envelope.pb.h"
#include "ledger/domain/command_handler.h"
#include "ledger/projections/projected_store.h"

namespace kumppani::bench {

// Payload bytes of the benchmark's raw events (as in store_append_bench).
inline constexpr size_t kBenchPayloadBytes = 256;

// A raw "BenchEvent" with a kBenchPayloadBytes payload and a random id.
v1::EventEnvelope BenchEvent();

// Appends `count` BenchEvents to `stream` in one append, with actor "local"
// (what the server records for its loopback callers).
absl::Status AppendBenchEvents(store::EventStore& store, const std::string& stream,
                               size_t count = 1);

class BenchLedger {
 public:
  // Records the demo scenario and `workload_commands` generated commands in
  // a fresh directory below $KUMPPANI_BENCH_DIR (unsynced: the fill is not
  // measured), reopens it with sync=true and starts the server. Aborts on
  // any error.
  static std::unique_ptr<BenchLedger> Open(size_t workload_commands);
  // Shuts the server down, closes the ledger and removes the directory.
  ~BenchLedger();
  BenchLedger(const BenchLedger&) = delete;
  BenchLedger& operator=(const BenchLedger&) = delete;

  store::EventStore& store() { return ledger_->store(); }
  projections::ProjectionEngine& engine() { return ledger_->engine(); }
  // The in-process command handler, beside the one inside CommandService.
  domain::CommandHandler& handler() { return *handler_; }
  // "127.0.0.1:<port>".
  const std::string& address() const { return server_->address(); }

  // A new channel of its own (a separate HTTP/2 connection: a local
  // subchannel pool and distinct arguments), connected before it is
  // returned. `client` only makes the arguments distinct.
  std::shared_ptr<grpc::Channel> NewChannel(int client) const;

 private:
  BenchLedger() = default;

  std::string dir_;
  std::unique_ptr<api::Authenticator> authenticator_;
  std::unique_ptr<projections::ProjectedStore> ledger_;
  std::unique_ptr<domain::CommandHandler> handler_;
  std::unique_ptr<api::Server> server_;  // last: destroyed first
};

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_GRPC_BENCH_LEDGER_H_
