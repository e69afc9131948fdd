// load_soak's subscribers: the long-lived ones (LiveSubscriber) and the
// churning ones (RunChurnSubscriber).
#include "bench/load_soak_subscribers.h"

#include <chrono>
#include <random>

#include "absl/strings/str_cat.h"
#include "bench/load_soak_client.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"

namespace kumppani::bench {
namespace {

constexpr char kLiveOp[] = "LedgerService.Subscribe live, lag per event";
constexpr char kChurnOp[] = "LedgerService.Subscribe churn: open, take <=100, cancel";

double LagMicros(const google::protobuf::Timestamp& recorded_at) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const double now_micros = std::chrono::duration<double, std::micro>(now).count();
  return now_micros - (static_cast<double>(recorded_at.seconds()) * 1e6 +
                       static_cast<double>(recorded_at.nanos()) / 1e3);
}

}  // namespace

LiveSubscriber::LiveSubscriber(const RunState& run, int index)
    : run_(run), index_(index), thread_([this] { Run(); }) {}

LiveSubscriber::~LiveSubscriber() {
  if (thread_.joinable()) Stop();
}

void LiveSubscriber::Run() {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = NewChannel(run_.address, 3000 + index_);
  if (!channel.ok()) {
    tally_.Error(kLiveOp, "UNAVAILABLE", std::string(channel.status().message()));
    ended_ = true;
    return;
  }
  auto ledger = v1::LedgerService::NewStub(*channel);
  PrepareContext(context_, run_.tokens.live, /*deadline_seconds=*/0);
  v1::SubscribeRequest request;
  request.set_after_position(0);
  auto reader = ledger->Subscribe(&context_, request);
  v1::SubscribeResponse message;
  while (reader->Read(&message)) {
    if (message.has_heartbeat()) {
      if (message.heartbeat().caught_up()) caught_up_ = true;
      continue;
    }
    const uint64_t position = message.event().position();
    const uint64_t due = last_.load() + 1;
    if (position != due) {
      tally_.Error(
          kLiveOp, "GAP",
          absl::StrCat("subscriber ", index_, ": position ", position, " where ", due, " was due"));
    } else if (caught_up_) {
      tally_.Ok(kLiveOp, LagMicros(message.event().recorded_at()));
    }
    last_ = position;
    ++events_;
  }
  const grpc::Status status = reader->Finish();
  if (!stopping_ || status.error_code() != grpc::StatusCode::CANCELLED) {
    tally_.Error(kLiveOp, CodeName(status.error_code()),
                 absl::StrCat("subscriber ", index_, ": the stream ended after position ",
                              last_.load(), ": ", status.error_message()));
  }
  ended_ = true;
}

template <typename Done>
bool LiveSubscriber::WaitUntil(Done done, double seconds) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (ended_ || std::chrono::steady_clock::now() > deadline) return done();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

bool LiveSubscriber::WaitCaughtUp(double seconds) {
  return WaitUntil([this] { return caught_up_.load(); }, seconds);
}

bool LiveSubscriber::WaitFor(uint64_t position, double seconds) {
  return WaitUntil([this, position] { return last_.load() >= position; }, seconds);
}

void LiveSubscriber::Stop() {
  stopping_ = true;
  context_.TryCancel();
  thread_.join();
}

void RunChurnSubscriber(RunState& run, int client, Tally& tally) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = NewChannel(run.address, 4000 + client);
  if (!channel.ok()) {
    tally.Error(kChurnOp, "UNAVAILABLE", std::string(channel.status().message()));
    return;
  }
  auto ledger = v1::LedgerService::NewStub(*channel);
  std::mt19937_64 random(run.seed * 32452843 + static_cast<uint64_t>(client));
  while (!run.stop.load(std::memory_order_relaxed)) {
    const uint64_t after = random() % (run.acks.max_position() + 1);
    grpc::ClientContext context;
    PrepareContext(context, run.tokens.churn, /*deadline_seconds=*/60);
    v1::SubscribeRequest request;
    request.set_after_position(after);
    const auto start = std::chrono::steady_clock::now();
    auto reader = ledger->Subscribe(&context, request);
    v1::SubscribeResponse message;
    uint64_t due = after + 1;
    int events = 0;
    bool done = false;
    std::string wrong;
    while (!done && reader->Read(&message)) {
      if (message.has_heartbeat()) {
        done = message.heartbeat().caught_up();
        continue;
      }
      if (message.event().position() != due && wrong.empty()) {
        wrong = absl::StrCat("after ", after, ": position ", message.event().position(), " where ",
                             due, " was due");
      }
      due = message.event().position() + 1;
      done = ++events >= 100;
    }
    const double micros = MicrosSince(start);
    context.TryCancel();
    while (reader->Read(&message)) {
    }
    const grpc::Status status = reader->Finish();
    if (!done) {
      tally.Error(kChurnOp, CodeName(status.error_code()),
                  absl::StrCat("after ", after, ": the stream ended after ", events,
                               " events: ", status.error_message()));
    } else if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED) {
      tally.Error(kChurnOp, CodeName(status.error_code()),
                  absl::StrCat("after ", after, ", on cancelling: ", status.error_message()));
    } else if (!wrong.empty()) {
      tally.Error(kChurnOp, "GAP", wrong);
    } else {
      tally.Ok(kChurnOp, micros);
    }
  }
}

}  // namespace kumppani::bench
