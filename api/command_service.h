// kumppani.v1.CommandService (proto/kumppani/v1/command_service.proto): the
// domain's commands over gRPC. Each handler authenticates, checks the role
// and organisation scope (command_policy.h), and hands the command to a
// WorkQueue thread that runs domain::CommandHandler::Execute, so the
// gRPC callback threads never wait for a sync while concurrent commands
// still share one group commit. Events record the token's actor.
//
// Lifetime: register with the server, call Shutdown() when the server begins
// to shut down (queued commands still finish; new ones get UNAVAILABLE),
// destroy after the server has finished every call. The store, engine, clock
// and authenticator must outlive it.
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_API_COMMAND_SERVICE_H_
#define KUMPPANI_API_COMMAND_SERVICE_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "api/authenticator.h"
#include "api/command_rpcs.h"
#include "api/read_model_owners.h"
#include "api/work_queue.h"
#include "kumppani/v1/command_service.grpc.pb.h"
#include "ledger/common/clock.h"
#include "ledger/domain/command_handler.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

struct CommandServiceOptions {
  // Threads running commands: as many commands as this wait for one group
  // commit together. Default 64.
  int threads = 64;
  // Commands waiting for a thread beyond which new ones get
  // RESOURCE_EXHAUSTED. Default 4,096.
  size_t queue_capacity = 4096;
  // Retries of commands that lose a race on their aggregate.
  domain::CommandHandlerOptions handler;
};

class CommandService final : public v1::CommandService::CallbackService {
 public:
  CommandService(store::EventStore& store, const projections::ProjectionEngine& engine,
                 const Clock& clock, const Authenticator& authenticator,
                 CommandServiceOptions options = {});
  ~CommandService() override = default;
  CommandService(const CommandService&) = delete;
  CommandService& operator=(const CommandService&) = delete;

  // Refuses new commands with UNAVAILABLE; queued ones still run.
  void Shutdown() { queue_.Shutdown(); }

  grpc::ServerUnaryReactor* ExecuteCommand(grpc::CallbackServerContext* context,
                                           const v1::Command* request,
                                           v1::CommandResponse* response) override;

#define KUMPPANI_DECLARE_COMMAND_RPC(Name, field)                                                 \
  grpc::ServerUnaryReactor* Name(grpc::CallbackServerContext* context,                            \
                                 const v1::Name##Request* request, v1::CommandResponse* response) \
      override;
  KUMPPANI_COMMAND_RPCS(KUMPPANI_DECLARE_COMMAND_RPC)
#undef KUMPPANI_DECLARE_COMMAND_RPC

 private:
  // Authorizes `command` for the caller and queues it; the call finishes
  // when the command has been recorded (or refused).
  grpc::ServerUnaryReactor* Record(grpc::CallbackServerContext* context, v1::Command command,
                                   absl::string_view method, v1::CommandResponse* response);

  // Constant after construction.
  const Authenticator& authenticator_;
  const ReadModelOwners owners_;
  domain::CommandHandler handler_;

  WorkQueue queue_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_COMMAND_SERVICE_H_
