// AdminService's translations, without gRPC: requests to ledger arguments
// and ledger results to response messages. The handlers in admin_service.cc
// authenticate, start the work and send what these functions build.
//
// Thread safety: free functions.
#ifndef KUMPPANI_API_ADMIN_OPERATIONS_H_
#define KUMPPANI_API_ADMIN_OPERATIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kumppani/v1/admin_service.pb.h"
#include "kumppani/v1/command_service.pb.h"
#include "kumppani/v1/commands.pb.h"
#include "ledger/audit/log_verifier.h"
#include "ledger/domain/command_handler.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

// The name of the checkpoint key in a backup (kumppanid's default name in
// its data directory).
inline constexpr char kBackupCheckpointKeyName[] = "checkpoint.key";

// CreateBackup: backs `store` up into request.directory (see
// EventStore::Backup for the rules and errors) and, when
// `checkpoint_key_file` is not empty, copies that file into the backup as
// kBackupCheckpointKeyName, readable by its owner only (INTERNAL naming the
// files when that fails).
absl::Status MakeBackup(store::EventStore& store, const std::string& checkpoint_key_file,
                        const v1::CreateBackupRequest& request, v1::Backup& response);

// VerifyLog's messages: a progress message, and the result of a
// verification that ended OK or with DATA_LOSS (other outcomes have no
// result message).
v1::VerifyLogResponse VerifyProgressMessage(uint64_t verified, uint64_t total);
v1::VerifyLogResponse VerifyResultMessage(
    const absl::StatusOr<audit::LogVerification>& verification);

// The projection a RebuildProjections request names, or "" for all.
// INVALID_ARGUMENT when no target is set or all is false; NOT_FOUND
// "projection: no projection named \"x\"; valid names: a, b, …".
absl::StatusOr<std::string> RebuildTarget(const std::vector<projections::ProjectionStatus>& known,
                                          const v1::RebuildProjectionsRequest& request);

// RebuildProjections' messages: progress, and the result listing `target`
// (or every projection when empty) as `statuses` show it after the rebuild.
v1::RebuildProjectionsResponse RebuildProgressMessage(uint64_t replayed, uint64_t head);
v1::RebuildProjectionsResponse RebuildResultMessage(
    const std::vector<projections::ProjectionStatus>& statuses, const std::string& target,
    uint64_t events_replayed);

// GetProjectionStatus' response.
void ToProjectionStatusResponse(const std::vector<projections::ProjectionStatus>& statuses,
                                v1::GetProjectionStatusResponse& response);

// ErasePerson: runs the request's ErasePerson command as `actor`.
absl::Status ErasePerson(domain::CommandHandler& handler, const std::string& actor,
                         const v1::ErasePersonRequest& request, v1::CommandResponse& response);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_ADMIN_OPERATIONS_H_
