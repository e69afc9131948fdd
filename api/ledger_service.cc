// LedgerService handlers: authenticate → check the role → call the ledger →
// finish with the mapped status.
#include "api/ledger_service.h"

#include <utility>

#include "api/permissions.h"
#include "api/status_mapping.h"
#include "ledger/common/status_macros.h"

namespace kumppani::api {
namespace {

constexpr char kAppendEvents[] = "/kumppani.v1.LedgerService/AppendEvents";
constexpr char kReadStream[] = "/kumppani.v1.LedgerService/ReadStream";
constexpr char kReadAll[] = "/kumppani.v1.LedgerService/ReadAll";
constexpr char kSubscribe[] = "/kumppani.v1.LedgerService/Subscribe";
constexpr char kGetEvent[] = "/kumppani.v1.LedgerService/GetEvent";
constexpr char kGetLatestCheckpoint[] = "/kumppani.v1.LedgerService/GetLatestCheckpoint";
constexpr char kGetConsistencyProof[] = "/kumppani.v1.LedgerService/GetConsistencyProof";

// Who may call what. Reading is open to every role; what a public token may
// not see (person- streams) is decided per stream in ledger_operations.
absl::Status MayAppend(const Principal& principal, absl::string_view method) {
  return RequireRole(principal, {Role::kAdmin, Role::kRecorder}, method);
}
absl::Status MayRead(const Principal& principal, absl::string_view method) {
  return RequireRole(principal,
                     {Role::kAdmin, Role::kRecorder, Role::kNgo, Role::kAuditor, Role::kPublic},
                     method);
}
absl::Status MayProve(const Principal& principal, absl::string_view method) {
  return RequireRole(principal, {Role::kAdmin, Role::kRecorder, Role::kAuditor}, method);
}

}  // namespace

LedgerService::LedgerService(store::EventStore& store, const Authenticator& authenticator,
                             LedgerServiceOptions options)
    : store_(store),
      authenticator_(authenticator),
      options_(std::move(options)),
      subscriptions_(store, options_.subscriptions) {}

absl::StatusOr<Principal> LedgerService::Authorize(grpc::CallbackServerContext& context,
                                                   RoleCheck check,
                                                   absl::string_view method) const {
  KUMPPANI_ASSIGN_OR_RETURN(Principal principal, authenticator_.Authenticate(context));
  KUMPPANI_RETURN_IF_ERROR(check(principal, method));
  return principal;
}

template <typename Work>
grpc::ServerUnaryReactor* LedgerService::Serve(grpc::CallbackServerContext* context,
                                               RoleCheck check, absl::string_view method,
                                               Work work) const {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Principal> principal = Authorize(*context, check, method);
  reactor->Finish(ToGrpcStatus(principal.ok() ? work(*principal) : principal.status()));
  return reactor;
}

grpc::ServerUnaryReactor* LedgerService::AppendEvents(grpc::CallbackServerContext* context,
                                                      const v1::AppendEventsRequest* request,
                                                      v1::AppendEventsResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Principal> principal = Authorize(*context, MayAppend, kAppendEvents);
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
  return Serve(context, MayRead, kReadStream, [&](const Principal& principal) {
    return ReadStreamPage(store_, principal, options_.pages, *request, *response);
  });
}

grpc::ServerUnaryReactor* LedgerService::ReadAll(grpc::CallbackServerContext* context,
                                                 const v1::ReadAllRequest* request,
                                                 v1::ReadAllResponse* response) {
  return Serve(context, MayRead, kReadAll, [&](const Principal& principal) {
    return ReadAllPage(store_, principal, options_.pages, *request, *response);
  });
}

grpc::ServerWriteReactor<v1::SubscribeResponse>* LedgerService::Subscribe(
    grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) {
  absl::StatusOr<Principal> principal = Authorize(*context, MayRead, kSubscribe);
  absl::StatusOr<SubscriptionStart> start =
      principal.ok() ? ToSubscriptionStart(store_, *principal, *request) : principal.status();
  if (!start.ok()) return RefusedSubscription(start.status());
  return subscriptions_.Start(*principal, start->after, std::move(start->filter));
}

grpc::ServerUnaryReactor* LedgerService::GetEvent(grpc::CallbackServerContext* context,
                                                  const v1::GetEventRequest* request,
                                                  v1::EventWithProof* response) {
  return Serve(context, MayProve, kGetEvent, [&](const Principal&) {
    return ProveEvent(store_, *request, *response);
  });
}

grpc::ServerUnaryReactor* LedgerService::GetLatestCheckpoint(
    grpc::CallbackServerContext* context, const v1::GetLatestCheckpointRequest* /*request*/,
    v1::SignedCheckpoint* response) {
  return Serve(context, MayProve, kGetLatestCheckpoint, [&](const Principal&) {
    return LatestCheckpoint(store_, options_.verifier_key, *response);
  });
}

grpc::ServerUnaryReactor* LedgerService::GetConsistencyProof(
    grpc::CallbackServerContext* context, const v1::GetConsistencyProofRequest* request,
    v1::ConsistencyProof* response) {
  return Serve(context, MayProve, kGetConsistencyProof, [&](const Principal&) {
    return ProveConsistency(store_, *request, *response);
  });
}

}  // namespace kumppani::api
