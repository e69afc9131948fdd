// kumppani.v1.AdminService (proto/kumppani/v1/admin_service.proto): online
// backups, verification of the whole log, projection rebuilds and status,
// and erasing a person, with the callback API.
//
// Roles (api/permissions.h): Action::kAdminister (admin) for everything but
// VerifyLog, which is Action::kVerify (admin, auditor).
//
// Threads: GetProjectionStatus answers on the gRPC thread. The other calls
// run their work on a thread of their own (AdminJobs, at most
// max_concurrent_jobs at once), so gRPC's callback threads never wait for a
// backup, a rebuild or a flush; VerifyLog and RebuildProjections stream
// through a JobStream and stop when the client goes away.
//
// Lifetime: register the service with the server, call Shutdown() when the
// server begins to shut down (ServiceSet::on_shutdown): a running
// verification or rebuild then ends with UNAVAILABLE, a backup or an erasure
// is finished. Destroy the service after the server has finished every call
// (its destructor joins the job threads). The store, engine, clock and
// authenticator must outlive it.
//
// Thread safety: all methods may be called concurrently.
#ifndef KUMPPANI_API_ADMIN_SERVICE_H_
#define KUMPPANI_API_ADMIN_SERVICE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "api/admin_jobs.h"
#include "api/authenticator.h"
#include "kumppani/v1/admin_service.grpc.pb.h"
#include "ledger/common/clock.h"
#include "ledger/domain/command_handler.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

struct AdminServiceOptions {
  // VerifyLog sends a progress message every this many events (and at the
  // end). Default: 50,000.
  uint64_t verify_progress_every = 50'000;
  // Most calls running their work at once (backups, verifications, rebuilds,
  // erasures together); more are RESOURCE_EXHAUSTED. Default: 4.
  size_t max_concurrent_jobs = 4;
  // The checkpoint signing key file (kumppanid's --checkpoint-key). When
  // set, CreateBackup copies it into the backup as "checkpoint.key" (mode
  // 0600), where kumppanid looks for it by default, so that a restored
  // server signs with the same key. Default: empty (not copied).
  std::string checkpoint_key_file;
  // Retries of ErasePerson on version conflicts.
  domain::CommandHandlerOptions handler;
};

class AdminService final : public v1::AdminService::CallbackService {
 public:
  AdminService(store::EventStore& store, projections::ProjectionEngine& engine, const Clock& clock,
               const Authenticator& authenticator, AdminServiceOptions options = {});
  // Joins the job threads: the server must have finished every call.
  ~AdminService() override = default;
  AdminService(const AdminService&) = delete;
  AdminService& operator=(const AdminService&) = delete;

  // Stops running verifications and rebuilds (UNAVAILABLE) and refuses new
  // calls with UNAVAILABLE. Does not wait.
  void Shutdown() { jobs_.Shutdown(); }

  // Calls whose work is still running (for tests).
  size_t running_jobs() const { return jobs_.running(); }

  grpc::ServerUnaryReactor* CreateBackup(grpc::CallbackServerContext* context,
                                         const v1::CreateBackupRequest* request,
                                         v1::Backup* response) override;
  grpc::ServerWriteReactor<v1::VerifyLogResponse>* VerifyLog(
      grpc::CallbackServerContext* context, const v1::VerifyLogRequest* request) override;
  grpc::ServerWriteReactor<v1::RebuildProjectionsResponse>* RebuildProjections(
      grpc::CallbackServerContext* context, const v1::RebuildProjectionsRequest* request) override;
  grpc::ServerUnaryReactor* GetProjectionStatus(grpc::CallbackServerContext* context,
                                                const v1::GetProjectionStatusRequest* request,
                                                v1::GetProjectionStatusResponse* response) override;
  grpc::ServerUnaryReactor* ErasePerson(grpc::CallbackServerContext* context,
                                        const v1::ErasePersonRequest* request,
                                        v1::CommandResponse* response) override;

 private:
  // Why a stoppable job stopped: UNAVAILABLE at shutdown, else `status`.
  absl::Status StopReason(absl::Status status) const;

  // Constant after construction.
  store::EventStore& store_;
  projections::ProjectionEngine& engine_;
  const Authenticator& authenticator_;
  const AdminServiceOptions options_;
  domain::CommandHandler handler_;

  // Last member: destroyed (threads joined) first.
  AdminJobs jobs_;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_ADMIN_SERVICE_H_
