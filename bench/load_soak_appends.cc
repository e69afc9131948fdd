// load_soak's raw append clients: LedgerService.AppendEvents with exact
// expected versions on streams of the client's own, some deliberately
// stale to provoke the ABORTED an optimistic writer must handle.
#include <chrono>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/load_soak_client.h"
#include "bench/load_soak_run.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"

namespace kumppani::bench {
namespace {

constexpr int kStreams = 4;
constexpr size_t kPayloadBytes = 256;
constexpr char kOp[] = "LedgerService.AppendEvents";
constexpr char kStaleOp[] = "LedgerService.AppendEvents, stale version";

// A random version-4 UUID.
std::string RandomEventId(std::mt19937_64& random) {
  std::string id(16, '\0');
  const uint64_t high = random();
  const uint64_t low = random();
  std::memcpy(id.data(), &high, 8);
  std::memcpy(id.data() + 8, &low, 8);
  id[6] = static_cast<char>((id[6] & 0x0F) | 0x40);
  id[8] = static_cast<char>((id[8] & 0x3F) | 0x80);
  return id;
}

// What is wrong with `response` to the append of `request` at `version`;
// empty when nothing is.
std::string WrongAnswer(const v1::AppendEventsRequest& request, uint64_t version,
                        const v1::AppendEventsResponse& response) {
  const uint64_t count = static_cast<uint64_t>(request.events_size());
  if (response.replayed())
    return absl::StrCat(request.stream_id(), ": a new append came back replayed");
  if (response.first_position() == 0 ||
      response.last_position() - response.first_position() + 1 != count ||
      response.event_ids_size() != request.events_size()) {
    return absl::StrCat(request.stream_id(), ": positions ", response.first_position(), "..",
                        response.last_position(), " with ", response.event_ids_size(), " ids for ",
                        count, " events");
  }
  for (int i = 0; i < request.events_size(); ++i) {
    if (response.event_ids(i) != request.events(i).event_id()) {
      return absl::StrCat(request.stream_id(), ": event id ", i, " differs from the one sent");
    }
  }
  if (response.stream_version() != version + count) {
    return absl::StrCat(request.stream_id(), ": stream version ", response.stream_version(),
                        " after appending ", count, " to version ", version);
  }
  return "";
}

}  // namespace

void RunAppendClient(RunState& run, int client, Tally& tally) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = NewChannel(run.address, 1000 + client);
  if (!channel.ok()) {
    tally.Error("connect", "UNAVAILABLE", std::string(channel.status().message()));
    return;
  }
  auto ledger = v1::LedgerService::NewStub(*channel);
  std::mt19937_64 random(run.seed * 104729 + static_cast<uint64_t>(client));
  std::vector<std::string> streams;
  std::vector<uint64_t> versions(kStreams, 0);
  for (int k = 0; k < kStreams; ++k) {
    streams.push_back(absl::StrCat("loadsoak-", run.tag, ".a", client, ".", k));
  }
  const std::string payload(kPayloadBytes, 'p');
  while (!run.stop.load(std::memory_order_relaxed)) {
    const size_t k = random() % kStreams;
    const bool stale = run.conflict_every > 0 && versions[k] > 0 &&
                       random() % static_cast<uint64_t>(run.conflict_every) == 0;
    v1::AppendEventsRequest request;
    request.set_stream_id(streams[k]);
    request.set_exact(stale ? versions[k] - 1 : versions[k]);
    const int count = 1 + static_cast<int>(random() % 3);
    for (int i = 0; i < count; ++i) {
      v1::EventEnvelope* event = request.add_events();
      event->set_event_id(RandomEventId(random));
      event->set_event_type("LoadSoakEvent");
      event->set_payload(payload);
    }
    grpc::ClientContext context;
    PrepareContext(context, run.tokens.admin);
    v1::AppendEventsResponse response;
    const auto start = std::chrono::steady_clock::now();
    const grpc::Status status = ledger->AppendEvents(&context, request, &response);
    const double micros = MicrosSince(start);
    if (stale && status.error_code() == grpc::StatusCode::ABORTED) {
      tally.Conflict(kStaleOp, micros);
      run.acks.Refused(request.events());
    } else if (!status.ok()) {
      tally.Error(stale ? kStaleOp : kOp, CodeName(status.error_code()),
                  absl::StrCat(streams[k], ": ", status.error_message()));
    } else if (stale) {
      tally.Error(kStaleOp, "WRONG_ANSWER",
                  absl::StrCat(streams[k], ": expected version ", versions[k] - 1,
                               " was accepted at version ", versions[k]));
      run.acks.Acknowledged(response.first_position(), response.event_ids());
      versions[k] = response.stream_version();
    } else if (std::string wrong = WrongAnswer(request, versions[k], response); !wrong.empty()) {
      tally.Error(kOp, "WRONG_ANSWER", wrong);
    } else {
      tally.Ok(kOp, micros);
      run.acks.Acknowledged(response.first_position(), response.event_ids());
      if (versions[k] == 0) run.catalogue.Add(Kind::kStream, streams[k]);
      versions[k] = response.stream_version();
    }
    if (run.think_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(run.think_ms));
  }
}

}  // namespace kumppani::bench
