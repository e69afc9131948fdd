// AdminService handlers: authenticate → check the role → run the work on a
// job thread (or answer at once) → finish with the mapped status.
#include "api/admin_service.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "api/admin_operations.h"
#include "api/permissions.h"
#include "api/status_mapping.h"
#include "api/unary_call.h"
#include "ledger/audit/log_verifier.h"

namespace kumppani::api {
namespace {

constexpr char kCreateBackup[] = "/kumppani.v1.AdminService/CreateBackup";
constexpr char kVerifyLog[] = "/kumppani.v1.AdminService/VerifyLog";
constexpr char kRebuildProjections[] = "/kumppani.v1.AdminService/RebuildProjections";
constexpr char kGetProjectionStatus[] = "/kumppani.v1.AdminService/GetProjectionStatus";
constexpr char kErasePerson[] = "/kumppani.v1.AdminService/ErasePerson";

// A unary call whose work runs on a job thread: authorizes `action`, then
// runs `work(const Principal&)` (returning absl::Status, filling the
// response) on a job and finishes the call with its status.
template <typename Work>
grpc::ServerUnaryReactor* ServeInJob(AdminJobs& jobs, grpc::CallbackServerContext* context,
                                     const Authenticator& authenticator, Action action,
                                     absl::string_view method, const char* what, Work work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Principal> principal = Authorize(authenticator, *context, action, method);
  if (!principal.ok()) {
    reactor->Finish(ToGrpcStatus(principal.status()));
    return reactor;
  }
  absl::Status started =
      jobs.Start(what, [reactor, principal = *std::move(principal), work = std::move(work)] {
        reactor->Finish(ToGrpcStatus(work(principal)));
      });
  if (!started.ok()) reactor->Finish(ToGrpcStatus(started));
  return reactor;
}

}  // namespace

AdminService::AdminService(store::EventStore& store, projections::ProjectionEngine& engine,
                           const Clock& clock, const Authenticator& authenticator,
                           AdminServiceOptions options)
    : store_(store),
      engine_(engine),
      authenticator_(authenticator),
      options_(std::move(options)),
      handler_(store, clock, options_.handler),
      jobs_(options_.max_concurrent_jobs) {}

absl::Status AdminService::StopReason(absl::Status status) const {
  if (status.code() == absl::StatusCode::kCancelled && jobs_.stopping()) {
    return absl::UnavailableError(
        absl::StrCat("the server is shutting down; ", status.message(), "; run it again later"));
  }
  return status;
}

grpc::ServerUnaryReactor* AdminService::CreateBackup(grpc::CallbackServerContext* context,
                                                     const v1::CreateBackupRequest* request,
                                                     v1::Backup* response) {
  return ServeInJob(jobs_, context, authenticator_, Action::kAdminister, kCreateBackup,
                    "make the backup", [this, request, response](const Principal&) {
                      return MakeBackup(store_, options_.checkpoint_key_file, *request, *response);
                    });
}

grpc::ServerWriteReactor<v1::VerifyLogResponse>* AdminService::VerifyLog(
    grpc::CallbackServerContext* context, const v1::VerifyLogRequest* /*request*/) {
  using Stream = JobStream<v1::VerifyLogResponse>;
  absl::StatusOr<Principal> principal =
      Authorize(authenticator_, *context, Action::kVerify, kVerifyLog);
  if (!principal.ok()) return Stream::Refused(principal.status());
  auto* stream = new Stream();
  absl::Status started = jobs_.Start("run the verification", [this, stream] {
    audit::VerifyOptions verify;
    verify.progress_every = options_.verify_progress_every;
    verify.cancelled = [this, stream] { return stream->cancelled() || jobs_.stopping(); };
    absl::StatusOr<audit::LogVerification> verification = audit::VerifyLog(
        store_,
        [stream](uint64_t verified, uint64_t total) {
          stream->Send(VerifyProgressMessage(verified, total), /*replaceable=*/true);
        },
        verify);
    if (verification.ok() || verification.status().code() == absl::StatusCode::kDataLoss) {
      stream->Send(VerifyResultMessage(verification), /*replaceable=*/false);
    }
    stream->Complete(StopReason(verification.status()));
  });
  if (!started.ok()) stream->Complete(started);
  return stream;
}

grpc::ServerWriteReactor<v1::RebuildProjectionsResponse>* AdminService::RebuildProjections(
    grpc::CallbackServerContext* context, const v1::RebuildProjectionsRequest* request) {
  using Stream = JobStream<v1::RebuildProjectionsResponse>;
  absl::StatusOr<Principal> principal =
      Authorize(authenticator_, *context, Action::kAdminister, kRebuildProjections);
  absl::StatusOr<std::string> target =
      principal.ok() ? RebuildTarget(engine_.Status(), *request) : principal.status();
  if (!target.ok()) return Stream::Refused(target.status());
  auto* stream = new Stream();
  absl::Status started = jobs_.Start("run the rebuild", [this, stream, target = *target] {
    uint64_t replayed = 0;
    auto progress = [stream, &replayed](uint64_t events, uint64_t head) {
      replayed = events;
      stream->Send(RebuildProgressMessage(events, head), /*replaceable=*/true);
    };
    auto cancelled = [this, stream] { return stream->cancelled() || jobs_.stopping(); };
    absl::Status rebuilt = target.empty() ? engine_.RebuildAll(progress, cancelled)
                                          : engine_.Rebuild(target, progress, cancelled);
    if (rebuilt.ok()) {
      stream->Send(RebuildResultMessage(engine_.Status(), target, replayed),
                   /*replaceable=*/false);
    }
    stream->Complete(StopReason(rebuilt));
  });
  if (!started.ok()) stream->Complete(started);
  return stream;
}

grpc::ServerUnaryReactor* AdminService::GetProjectionStatus(
    grpc::CallbackServerContext* context, const v1::GetProjectionStatusRequest* /*request*/,
    v1::GetProjectionStatusResponse* response) {
  return ServeUnary(context, authenticator_, Action::kAdminister, kGetProjectionStatus,
                    [&](const Principal&) {
                      ToProjectionStatusResponse(engine_.Status(), *response);
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* AdminService::ErasePerson(grpc::CallbackServerContext* context,
                                                    const v1::ErasePersonRequest* request,
                                                    v1::CommandResponse* response) {
  return ServeInJob(jobs_, context, authenticator_, Action::kAdminister, kErasePerson,
                    "send the erasure", [this, request, response](const Principal& principal) {
                      return api::ErasePerson(handler_, principal.actor, *request, *response);
                    });
}

}  // namespace kumppani::api
