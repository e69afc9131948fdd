// CommandService handlers: authenticate → authorize the command → queue it →
// finish with the mapped status once it is recorded.
#include "api/command_service.h"

#include <utility>

#include "api/command_policy.h"
#include "api/command_response.h"
#include "api/status_mapping.h"

namespace kumppani::api {

CommandService::CommandService(store::EventStore& store,
                               const projections::ProjectionEngine& engine, const Clock& clock,
                               const Authenticator& authenticator, CommandServiceOptions options)
    : authenticator_(authenticator),
      owners_(engine),
      handler_(store, clock, options.handler),
      queue_("CommandService", options.threads, options.queue_capacity) {}

grpc::ServerUnaryReactor* CommandService::Record(grpc::CallbackServerContext* context,
                                                 v1::Command command, absl::string_view method,
                                                 v1::CommandResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Principal> principal = authenticator_.Authenticate(*context);
  absl::Status allowed =
      principal.ok() ? AuthorizeCommand(*principal, command, owners_, method) : principal.status();
  if (!allowed.ok()) {
    reactor->Finish(ToGrpcStatus(allowed));
    return reactor;
  }
  absl::Status queued = queue_.Submit(
      [this, reactor, response, command = std::move(command), actor = principal->actor] {
        absl::StatusOr<domain::CommandResult> result = handler_.Execute(command, actor);
        if (result.ok()) ToCommandResponse(*result, *response);
        reactor->Finish(ToGrpcStatus(result.status()));
      });
  if (!queued.ok()) reactor->Finish(ToGrpcStatus(queued));
  return reactor;
}

grpc::ServerUnaryReactor* CommandService::ExecuteCommand(grpc::CallbackServerContext* context,
                                                         const v1::Command* request,
                                                         v1::CommandResponse* response) {
  return Record(context, *request, "/kumppani.v1.CommandService/ExecuteCommand", response);
}

#define KUMPPANI_DEFINE_COMMAND_RPC(Name, field)                                                \
  grpc::ServerUnaryReactor* CommandService::Name(grpc::CallbackServerContext* context,          \
                                                 const v1::Name##Request* request,              \
                                                 v1::CommandResponse* response) {               \
    v1::Command command;                                                                        \
    command.set_request_id(request->request_id());                                              \
    *command.mutable_##field() = request->command();                                            \
    return Record(context, std::move(command), "/kumppani.v1.CommandService/" #Name, response); \
  }
KUMPPANI_COMMAND_RPCS(KUMPPANI_DEFINE_COMMAND_RPC)
#undef KUMPPANI_DEFINE_COMMAND_RPC

}  // namespace kumppani::api
