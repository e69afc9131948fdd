// load_soak's command clients: CommandService calls of the commands a
// DomainPlanner proposes, each answer checked against what the command must
// append before it counts as acknowledged.
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "api/command_rpcs.h"
#include "bench/load_soak_client.h"
#include "bench/load_soak_domain.h"
#include "bench/load_soak_run.h"
#include "kumppani/v1/command_service.grpc.pb.h"

namespace kumppani::bench {
namespace {

// Sends `command` through ExecuteCommand (`generic`) or its own RPC; sets
// `op` to the RPC's name.
grpc::Status Send(v1::CommandService::Stub& commands, const std::string& token,
                  const v1::Command& command, bool generic, std::string& op,
                  v1::CommandResponse& response) {
  grpc::ClientContext context;
  PrepareContext(context, token);
  if (!generic) {
    switch (command.command_case()) {
#define LOAD_SOAK_SEND(Name, field)                 \
  case v1::Command::k##Name: {                      \
    op = "CommandService." #Name;                   \
    v1::Name##Request request;                      \
    request.set_request_id(command.request_id());   \
    *request.mutable_command() = command.field();   \
    return commands.Name(&context, request, &response); \
  }
      KUMPPANI_COMMAND_RPCS(LOAD_SOAK_SEND)
#undef LOAD_SOAK_SEND
      default:
        break;
    }
  }
  op = "CommandService.ExecuteCommand";
  return commands.ExecuteCommand(&context, command, &response);
}

// What is wrong with `response` as the first answer to `planned`; empty
// when nothing is.
std::string WrongAnswer(const PlannedCommand& planned, const v1::CommandResponse& response) {
  const std::string& id = planned.command.request_id();
  if (response.replayed()) return absl::StrCat(id, ": a first attempt came back replayed");
  if (response.stream_id() != planned.stream) {
    return absl::StrCat(id, ": stream ", response.stream_id(), ", expected ", planned.stream);
  }
  const std::vector<std::string> types(response.event_types().begin(),
                                       response.event_types().end());
  if (types != planned.event_types) {
    return absl::StrCat(id, ": event types ", absl::StrJoin(types, ","), ", expected ",
                        absl::StrJoin(planned.event_types, ","));
  }
  const uint64_t count = planned.event_types.size();
  if (static_cast<uint64_t>(response.event_ids_size()) != count || response.first_position() == 0 ||
      response.last_position() - response.first_position() + 1 != count) {
    return absl::StrCat(id, ": positions ", response.first_position(), "..",
                        response.last_position(), " with ", response.event_ids_size(), " ids for ",
                        count, " events");
  }
  for (const std::string& event_id : response.event_ids()) {
    if (event_id.size() != 16)
      return absl::StrCat(id, ": an event id of ", event_id.size(), " bytes");
  }
  return "";
}

// The catalogue entry of an aggregate `command` creates, if any.
void AddToCatalogue(const v1::Command& command, Catalogue& catalogue) {
  switch (command.command_case()) {
    case v1::Command::kRegisterOrganisation:
      catalogue.Add(Kind::kOrganisation, command.register_organisation().organisation_id());
      break;
    case v1::Command::kEstablishBody:
      catalogue.Add(Kind::kBody, command.establish_body().body_id());
      break;
    case v1::Command::kOpenConsultation:
      catalogue.Add(Kind::kConsultation, command.open_consultation().consultation_id());
      break;
    case v1::Command::kRecordDecision:
      catalogue.Add(Kind::kDecision, command.record_decision().decision_id());
      break;
    default:
      break;
  }
}

}  // namespace

void RunCommandClient(RunState& run, int client, Tally& tally) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = NewChannel(run.address, client);
  if (!channel.ok()) {
    tally.Error("connect", "UNAVAILABLE", std::string(channel.status().message()));
    return;
  }
  auto commands = v1::CommandService::NewStub(*channel);
  DomainPlanner planner(absl::StrCat("ls", run.tag, "-c", client), run.seed * 7919 + client);
  std::mt19937_64 random(run.seed + 31 * static_cast<uint64_t>(client));
  while (!run.stop.load(std::memory_order_relaxed)) {
    const PlannedCommand planned = planner.Next();
    const bool generic = random() % 10 < 3;
    std::string op;
    v1::CommandResponse response;
    const auto start = std::chrono::steady_clock::now();
    const grpc::Status status =
        Send(*commands, run.tokens.recorder, planned.command, generic, op, response);
    const double micros = MicrosSince(start);
    if (!status.ok()) {
      tally.Error(op, CodeName(status.error_code()),
                  absl::StrCat(planned.command.request_id(), ": ", status.error_message()));
    } else if (std::string wrong = WrongAnswer(planned, response); !wrong.empty()) {
      tally.Error(op, "WRONG_ANSWER", wrong);
    } else {
      tally.Ok(op, micros);
      run.acks.Acknowledged(response.first_position(), response.event_ids());
      planner.Acknowledged(planned);
      AddToCatalogue(planned.command, run.catalogue);
    }
    if (run.think_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(run.think_ms));
  }
}

}  // namespace kumppani::bench
