// Live subscriptions to the log (LedgerService.Subscribe): catch-up from a
// position, then each new event as it becomes durable, with heartbeats.
//
// How a subscription works. Each one is a gRPC ServerWriteReactor with at
// most one write in flight and a small buffer (one page of events). When the
// buffer is empty it reads the next page from the store where it left off,
// so a client slower than the log costs the server no memory: the log is the
// buffer. Catch-up pages are read on the gRPC thread that completed the
// previous write. When a subscription has reached the head it waits; the
// hub's one thread, woken by the store's head listener (which only sets a
// flag, never blocking the store's sync thread), lets idle subscriptions
// read the new events and sends the periodic heartbeats.
//
// Lifetime: create the hub before the server starts, call Shutdown() before
// Server::Shutdown() (every subscription then ends with UNAVAILABLE, so that
// the server need not wait for its deadline), and destroy it after
// Server::Wait() returned. The store must outlive the hub.
//
// Thread safety: Start() and Shutdown() may be called from any thread.
#ifndef KUMPPANI_API_SUBSCRIPTION_H_
#define KUMPPANI_API_SUBSCRIPTION_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "absl/status/status.h"
#include "api/principal.h"
#include "grpcpp/support/server_callback.h"
#include "kumppani/v1/ledger_service.pb.h"
#include "ledger/common/ids.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

struct SubscriptionOptions {
  // How often a subscription sends a heartbeat. Default: 10 s.
  std::chrono::milliseconds heartbeat_interval{10'000};

  // Most concurrent subscriptions of one principal (by actor); more are
  // RESOURCE_EXHAUSTED. Default: 8.
  size_t max_per_principal = 8;

  // Most events a subscription holds in memory; also the page size of its
  // reads. Default: 64.
  size_t buffer_events = 64;

  // A subscription stops filling its buffer once it holds this many bytes
  // (it always holds at least one event). Default: 4 MiB.
  size_t buffer_bytes = 4 << 20;

  // Most events a subscription examines in one step while none matches its
  // filters; then it sends a heartbeat (which lets the client resume from
  // there) before scanning on. Bounds the time one step holds a thread.
  // Default: 4,096.
  size_t scan_events_per_step = 4096;
};

// Which events a subscription delivers.
struct SubscriptionFilter {
  // Only streams whose id starts with one of these; empty: every stream.
  std::vector<std::string> stream_id_prefixes;
  // Only these event types; empty: every type.
  std::unordered_set<std::string> event_types;
  // Skip events of "person-" streams (public tokens).
  bool hide_person_streams = false;
  // Skip events revealing a private person's participation (roles without
  // personal data; event_visibility.h).
  bool withhold_private_participation = false;

  bool Matches(const store::EventEnvelope& event) const;
};

class SubscriptionReactor;

// The reactor of a Subscribe call refused before it started: it finishes at
// once with `status` (mapped by ToGrpcStatus).
grpc::ServerWriteReactor<v1::SubscribeResponse>* RefusedSubscription(const absl::Status& status);

class SubscriptionHub {
 public:
  // `store` is not owned and must outlive the hub.
  SubscriptionHub(store::EventStore& store, SubscriptionOptions options);
  // Requires every subscription to have ended (see Lifetime above).
  ~SubscriptionHub();
  SubscriptionHub(const SubscriptionHub&) = delete;
  SubscriptionHub& operator=(const SubscriptionHub&) = delete;

  // Starts a subscription of `principal` delivering the events after
  // `after` that match `filter`. Returns the call's reactor; it finishes at
  // once with RESOURCE_EXHAUSTED when the principal has too many
  // subscriptions, or UNAVAILABLE after Shutdown().
  grpc::ServerWriteReactor<v1::SubscribeResponse>* Start(const Principal& principal, Position after,
                                                         SubscriptionFilter filter);

  // Ends every subscription with UNAVAILABLE and refuses new ones.
  void Shutdown();

  // Subscriptions currently registered (for tests and monitoring).
  size_t active() const;

 private:
  friend class SubscriptionReactor;

  // Called by a reactor's OnDone; after it returns the hub never touches
  // the reactor again.
  void Unregister(SubscriptionReactor* reactor);
  void OnHeadAdvanced();
  void Run();

  // Constant after construction.
  store::EventStore& store_;
  const SubscriptionOptions options_;
  uint64_t listener_id_ = 0;

  // Wakes the hub's thread. The store's head listener takes wake_mu_ only
  // to set a flag; it is never held while subscriptions do work.
  std::mutex wake_mu_;
  std::condition_variable wake_;
  bool head_advanced_ = false;  // guarded by wake_mu_
  bool stopping_ = false;       // guarded by wake_mu_

  // The registered subscriptions. Held while the hub's thread or Shutdown()
  // calls into them, so that Unregister() (and thus a reactor's deletion)
  // waits until they are done. Lock order: reactors_mu_, then a reactor's.
  mutable std::mutex reactors_mu_;
  std::set<SubscriptionReactor*> reactors_;      // guarded by reactors_mu_
  std::map<std::string, size_t> per_principal_;  // guarded by reactors_mu_
  bool shut_down_ = false;                       // guarded by reactors_mu_

  std::thread thread_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_SUBSCRIPTION_H_
