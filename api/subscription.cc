// Subscriptions: one reactor per Subscribe call, and the hub that wakes them
// when the log grows. See subscription.h for the design.
#include "api/subscription.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "api/event_visibility.h"
#include "api/status_mapping.h"
#include "ledger/common/status_macros.h"

namespace kumppani::api {
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kPersonStreamPrefix[] = "person-";

// The reactor of a subscription refused before it started.
class RefusedReactor final : public grpc::ServerWriteReactor<v1::SubscribeResponse> {
 public:
  explicit RefusedReactor(const absl::Status& status) { Finish(ToGrpcStatus(status)); }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerWriteReactor<v1::SubscribeResponse>* RefusedSubscription(const absl::Status& status) {
  return new RefusedReactor(status);
}

bool SubscriptionFilter::Matches(const store::EventEnvelope& event) const {
  const std::string& stream = event.stream_id();
  if (hide_person_streams && stream.starts_with(kPersonStreamPrefix)) return false;
  if (!event_types.empty() && !event_types.contains(event.event_type())) return false;
  if (!stream_id_prefixes.empty() &&
      std::none_of(stream_id_prefixes.begin(), stream_id_prefixes.end(),
                   [&](const std::string& prefix) { return stream.starts_with(prefix); })) {
    return false;
  }
  return !withhold_private_participation || !RevealsPrivateParticipation(event);
}

// One Subscribe call. Every path that may have something to send ends in
// Pump(), which starts at most one write (or the Finish) and never holds mu_
// while calling into gRPC. Deleted by OnDone, after the hub has let go.
class SubscriptionReactor final : public grpc::ServerWriteReactor<v1::SubscribeResponse> {
 public:
  SubscriptionReactor(SubscriptionHub& hub, std::string principal_key, Position after,
                      SubscriptionFilter filter)
      : hub_(hub),
        principal_key_(std::move(principal_key)),
        filter_(std::move(filter)),
        next_(after.Next()),
        last_heartbeat_(Clock::now()) {}

  const std::string& principal_key() const { return principal_key_; }

  // Sends the next message, or finishes, if nothing is in flight.
  void Pump();

  // Marks a heartbeat due when the interval has passed since the last one.
  void Tick(Clock::time_point now) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (now - last_heartbeat_ < hub_.options_.heartbeat_interval) return;
      heartbeat_due_ = true;
    }
    Pump();
  }

  // Ends the subscription with `status` once the write in flight is done.
  void Stop(absl::Status status) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!stop_.has_value()) stop_ = std::move(status);
    }
    Pump();
  }

  void OnWriteDone(bool ok) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      writing_ = false;
      if (!ok && !stop_.has_value()) stop_ = absl::CancelledError("the client went away");
    }
    Pump();
  }

  void OnCancel() override { Stop(absl::CancelledError("the client cancelled the subscription")); }

  void OnDone() override {
    hub_.Unregister(this);
    delete this;
  }

 private:
  struct Buffered {
    store::EventEnvelope event;
    size_t bytes;
  };

  // Puts the next message into outgoing_. False when there is nothing to
  // send now; `error` is then set if reading failed.
  bool NextMessageLocked(absl::Status& error);
  // Reads on from next_ until the buffer holds an event, the head is
  // reached or a step's scan budget is spent.
  absl::Status RefillLocked(Position head);
  void HeartbeatLocked(Position head);

  // Constant after construction.
  SubscriptionHub& hub_;
  const std::string principal_key_;
  const SubscriptionFilter filter_;

  std::mutex mu_;
  // Guarded by mu_.
  Position next_;  // the first position not read yet
  std::deque<Buffered> buffer_;
  size_t buffer_bytes_ = 0;
  bool writing_ = false;   // a StartWrite is in flight
  bool finished_ = false;  // Finish has been called
  std::optional<absl::Status> stop_;
  bool heartbeat_due_ = false;
  bool announced_live_ = false;  // the first caught-up heartbeat went out
  Clock::time_point last_heartbeat_;
  // The message being written; gRPC reads it until OnWriteDone.
  v1::SubscribeResponse outgoing_;
};

void SubscriptionReactor::Pump() {
  std::unique_lock<std::mutex> lock(mu_);
  if (writing_ || finished_) return;
  if (!stop_.has_value()) {
    absl::Status error;
    if (!NextMessageLocked(error)) {
      if (error.ok()) return;  // idle until the head moves or a heartbeat is due
      stop_ = std::move(error);
    }
  }
  if (stop_.has_value()) {
    finished_ = true;
    grpc::Status status = ToGrpcStatus(*stop_);
    lock.unlock();
    Finish(std::move(status));
    return;
  }
  writing_ = true;
  lock.unlock();
  StartWrite(&outgoing_);
}

bool SubscriptionReactor::NextMessageLocked(absl::Status& error) {
  if (buffer_.empty()) {
    Position head = hub_.store_.HeadPosition();
    if (!heartbeat_due_ && next_ <= head) {
      error = RefillLocked(head);
      if (!error.ok()) return false;
      // A whole step matched nothing: tell the client how far it got.
      if (buffer_.empty() && next_ <= head) heartbeat_due_ = true;
    }
    if (buffer_.empty()) {
      bool live = next_ > head;
      if (!heartbeat_due_ && !(live && !announced_live_)) return false;
      HeartbeatLocked(head);
      return true;
    }
  }
  buffer_bytes_ -= buffer_.front().bytes;
  *outgoing_.mutable_event() = std::move(buffer_.front().event);
  buffer_.pop_front();
  return true;
}

absl::Status SubscriptionReactor::RefillLocked(Position head) {
  const SubscriptionOptions& options = hub_.options_;
  size_t scanned = 0;
  while (buffer_.empty() && next_ <= head && scanned < options.scan_events_per_step) {
    KUMPPANI_ASSIGN_OR_RETURN(std::vector<store::EventEnvelope> page,
                              hub_.store_.ReadAll(next_, options.buffer_events));
    if (page.empty()) break;
    for (store::EventEnvelope& event : page) {
      // What does not fit stays in the log, to be read again later.
      if (!buffer_.empty() && buffer_bytes_ >= options.buffer_bytes) break;
      next_ = Position(event.position()).Next();
      ++scanned;
      if (!filter_.Matches(event)) continue;
      size_t bytes = event.ByteSizeLong();
      buffer_bytes_ += bytes;
      buffer_.push_back(Buffered{std::move(event), bytes});
    }
  }
  return absl::OkStatus();
}

void SubscriptionReactor::HeartbeatLocked(Position head) {
  Position through(next_.value() - 1);
  v1::SubscriptionHeartbeat* heartbeat = outgoing_.mutable_heartbeat();
  heartbeat->set_head_position(head.value());
  heartbeat->set_resume_after_position(through.value());
  heartbeat->set_caught_up(through >= head);
  if (through >= head) announced_live_ = true;
  heartbeat_due_ = false;
  last_heartbeat_ = Clock::now();
}

SubscriptionHub::SubscriptionHub(store::EventStore& store, SubscriptionOptions options)
    : store_(store), options_(options) {
  listener_id_ = store_.AddHeadListener([this](Position) { OnHeadAdvanced(); });
  thread_ = std::thread([this] { Run(); });
}

SubscriptionHub::~SubscriptionHub() {
  store_.RemoveHeadListener(listener_id_);
  {
    std::lock_guard<std::mutex> lock(wake_mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

grpc::ServerWriteReactor<v1::SubscribeResponse>* SubscriptionHub::Start(const Principal& principal,
                                                                        Position after,
                                                                        SubscriptionFilter filter) {
  auto* reactor = new SubscriptionReactor(*this, principal.actor, after, std::move(filter));
  {
    std::lock_guard<std::mutex> lock(reactors_mu_);
    absl::Status refused;
    auto count = per_principal_.find(principal.actor);
    if (shut_down_) {
      refused = absl::UnavailableError("the server is shutting down; subscribe again later");
    } else if (count != per_principal_.end() && count->second >= options_.max_per_principal) {
      refused = absl::ResourceExhaustedError(
          absl::StrCat("subscriptions: \"", principal.actor, "\" already has ", count->second,
                       " concurrent subscriptions, the most allowed per token"));
    }
    if (!refused.ok()) {
      delete reactor;
      return RefusedSubscription(refused);
    }
    ++per_principal_[principal.actor];
    reactors_.insert(reactor);
  }
  // Before returning, gRPC queues the first write until the call is bound.
  reactor->Pump();
  return reactor;
}

void SubscriptionHub::Shutdown() {
  std::lock_guard<std::mutex> lock(reactors_mu_);
  shut_down_ = true;
  for (SubscriptionReactor* reactor : reactors_) {
    reactor->Stop(absl::UnavailableError(
        "the server is shutting down; resume the subscription from the last position seen"));
  }
}

size_t SubscriptionHub::active() const {
  std::lock_guard<std::mutex> lock(reactors_mu_);
  return reactors_.size();
}

void SubscriptionHub::Unregister(SubscriptionReactor* reactor) {
  std::lock_guard<std::mutex> lock(reactors_mu_);
  if (reactors_.erase(reactor) == 0) return;
  auto count = per_principal_.find(reactor->principal_key());
  if (count != per_principal_.end() && --count->second == 0) per_principal_.erase(count);
}

void SubscriptionHub::OnHeadAdvanced() {
  {
    std::lock_guard<std::mutex> lock(wake_mu_);
    head_advanced_ = true;
  }
  wake_.notify_one();
}

void SubscriptionHub::Run() {
  const auto tick =
      std::max<Clock::duration>(options_.heartbeat_interval / 4, std::chrono::milliseconds(1));
  Clock::time_point next_tick = Clock::now() + tick;
  while (true) {
    bool head_advanced = false;
    {
      std::unique_lock<std::mutex> lock(wake_mu_);
      wake_.wait_until(lock, next_tick, [this] { return stopping_ || head_advanced_; });
      if (stopping_) return;
      head_advanced = std::exchange(head_advanced_, false);
    }
    Clock::time_point now = Clock::now();
    bool ticked = now >= next_tick;
    if (ticked) next_tick = now + tick;
    std::lock_guard<std::mutex> lock(reactors_mu_);
    for (SubscriptionReactor* reactor : reactors_) {
      if (ticked) reactor->Tick(now);
      if (head_advanced) reactor->Pump();
    }
  }
}

}  // namespace kumppani::api
