// LedgerService handlers: authenticate → check the role → call the ledger →
// finish with the mapped status.
#include "api/ledger_service.h"

#include <utility>

#include "api/permissions.h"
#include "api/status_mapping.h"
#include "api/unary_call.h"

namespace kumppani::api {
namespace {

constexpr char kAppendEvents[] = "/kumppani.v1.LedgerService/AppendEvents";
constexpr char kReadStream[] = "/kumppani.v1.LedgerService/ReadStream";
constexpr char kReadAll[] = "/kumppani.v1.LedgerService/ReadAll";
constexpr char kSubscribe[] = "/kumppani.v1.LedgerService/Subscribe";
constexpr char kGetEvent[] = "/kumppani.v1.LedgerService/GetEvent";
constexpr char kGetLatestCheckpoint[] = "/kumppani.v1.LedgerService/GetLatestCheckpoint";
constexpr char kGetConsistencyProof[] = "/kumppani.v1.LedgerService/GetConsistencyProof";

}  // namespace

LedgerService::LedgerService(store::EventStore& store, const Authenticator& authenticator,
                             LedgerServiceOptions options)
    : store_(store),
      authenticator_(authenticator),
      options_(std::move(options)),
      subscriptions_(store, options_.subscriptions) {}

grpc::ServerUnaryReactor* LedgerService::AppendEvents(grpc::CallbackServerContext* context,
                                                      const v1::AppendEventsRequest* request,
                                                      v1::AppendEventsResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Principal> principal =
      Authorize(authenticator_, *context, Action::kAppendEvents, kAppendEvents);
  absl::StatusOr<store::AppendRequest> append =
      principal.ok() ? ToAppendRequest(*request, principal->actor) : principal.status();
  if (!append.ok()) {
    reactor->Finish(ToGrpcStatus(append.status()));
    return reactor;
  }
  // Finishes on the store's commit thread once the append is durable.
  store_.AppendAsync(*std::move(append),
                     [reactor, response](absl::StatusOr<store::AppendResult> result) {
                       if (result.ok()) ToAppendResponse(*result, *response);
                       reactor->Finish(ToGrpcStatus(result.status()));
                     });
  return reactor;
}

grpc::ServerUnaryReactor* LedgerService::ReadStream(grpc::CallbackServerContext* context,
                                                    const v1::ReadStreamRequest* request,
                                                    v1::ReadStreamResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kReadStream,
                    [&](const Principal& principal) {
                      return ReadStreamPage(store_, principal, options_.pages, *request, *response);
                    });
}

grpc::ServerUnaryReactor* LedgerService::ReadAll(grpc::CallbackServerContext* context,
                                                 const v1::ReadAllRequest* request,
                                                 v1::ReadAllResponse* response) {
  return ServeUnary(context, authenticator_, Action::kReadPublic, kReadAll,
                    [&](const Principal& principal) {
                      return ReadAllPage(store_, principal, options_.pages, *request, *response);
                    });
}

grpc::ServerWriteReactor<v1::SubscribeResponse>* LedgerService::Subscribe(
    grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) {
  absl::StatusOr<Principal> principal =
      Authorize(authenticator_, *context, Action::kReadPublic, kSubscribe);
  absl::StatusOr<SubscriptionStart> start =
      principal.ok() ? ToSubscriptionStart(store_, *principal, *request) : principal.status();
  if (!start.ok()) return RefusedSubscription(start.status());
  return subscriptions_.Start(*principal, start->after, std::move(start->filter));
}

grpc::ServerUnaryReactor* LedgerService::GetEvent(grpc::CallbackServerContext* context,
                                                  const v1::GetEventRequest* request,
                                                  v1::EventWithProof* response) {
  return ServeUnary(context, authenticator_, Action::kProve, kGetEvent,
                    [&](const Principal&) { return ProveEvent(store_, *request, *response); });
}

grpc::ServerUnaryReactor* LedgerService::GetLatestCheckpoint(
    grpc::CallbackServerContext* context, const v1::GetLatestCheckpointRequest* /*request*/,
    v1::SignedCheckpoint* response) {
  return ServeUnary(
      context, authenticator_, Action::kProve, kGetLatestCheckpoint,
      [&](const Principal&) { return LatestCheckpoint(store_, options_.verifier_key, *response); });
}

grpc::ServerUnaryReactor* LedgerService::GetConsistencyProof(
    grpc::CallbackServerContext* context, const v1::GetConsistencyProofRequest* request,
    v1::ConsistencyProof* response) {
  return ServeUnary(
      context, authenticator_, Action::kProve, kGetConsistencyProof,
      [&](const Principal&) { return ProveConsistency(store_, *request, *response); });
}

}  // namespace kumppani::api
