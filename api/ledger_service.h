// kumppani.v1.LedgerService (proto/kumppani/v1/ledger_service.proto): the
// low-level event log over gRPC, with the callback API. Each handler
// authenticates, checks the role, and calls one function of
// ledger_operations.h (or the subscription hub); appends complete on the
// store's commit thread, so no thread waits for a sync.
//
// Roles (api/permissions.h): only admin may append raw events (they bypass
// the domain's rules; regional systems record through CommandService); every
// role may read, but a public token never sees "person-" streams; admin,
// recorder and auditor get events with proofs, checkpoints and consistency
// proofs.
//
// Lifetime: register the service with the server, call Shutdown() when the
// server begins to shut down (ServiceSet::on_shutdown), destroy it after the
// server has finished every call. The store and authenticator must outlive
// it.
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_API_LEDGER_SERVICE_H_
#define KUMPPANI_API_LEDGER_SERVICE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/authenticator.h"
#include "api/ledger_operations.h"
#include "api/principal.h"
#include "api/subscription.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

struct LedgerServiceOptions {
  // Page sizes of ReadStream and ReadAll.
  PageLimits pages;
  // Heartbeats, buffers and the per-token limit of Subscribe.
  SubscriptionOptions subscriptions;
  // Returned by GetLatestCheckpoint for convenience (audit::Checkpointer::
  // verifier_key()). Default: empty (not returned).
  std::string verifier_key;
};

class LedgerService final : public v1::LedgerService::CallbackService {
 public:
  LedgerService(store::EventStore& store, const Authenticator& authenticator,
                LedgerServiceOptions options = {});
  ~LedgerService() override = default;
  LedgerService(const LedgerService&) = delete;
  LedgerService& operator=(const LedgerService&) = delete;

  // Ends every subscription with UNAVAILABLE and refuses new ones.
  void Shutdown() { subscriptions_.Shutdown(); }

  // Subscriptions in progress.
  size_t active_subscriptions() const { return subscriptions_.active(); }

  grpc::ServerUnaryReactor* AppendEvents(grpc::CallbackServerContext* context,
                                         const v1::AppendEventsRequest* request,
                                         v1::AppendEventsResponse* response) override;
  grpc::ServerUnaryReactor* ReadStream(grpc::CallbackServerContext* context,
                                       const v1::ReadStreamRequest* request,
                                       v1::ReadStreamResponse* response) override;
  grpc::ServerUnaryReactor* ReadAll(grpc::CallbackServerContext* context,
                                    const v1::ReadAllRequest* request,
                                    v1::ReadAllResponse* response) override;
  grpc::ServerWriteReactor<v1::SubscribeResponse>* Subscribe(
      grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) override;
  grpc::ServerUnaryReactor* GetEvent(grpc::CallbackServerContext* context,
                                     const v1::GetEventRequest* request,
                                     v1::EventWithProof* response) override;
  grpc::ServerUnaryReactor* GetLatestCheckpoint(grpc::CallbackServerContext* context,
                                                const v1::GetLatestCheckpointRequest* request,
                                                v1::SignedCheckpoint* response) override;
  grpc::ServerUnaryReactor* GetConsistencyProof(grpc::CallbackServerContext* context,
                                                const v1::GetConsistencyProofRequest* request,
                                                v1::ConsistencyProof* response) override;

 private:
  // Constant after construction.
  store::EventStore& store_;
  const Authenticator& authenticator_;
  const LedgerServiceOptions options_;

  SubscriptionHub subscriptions_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_LEDGER_SERVICE_H_
