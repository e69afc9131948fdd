// AdminService's request decoding and response building.
#include "api/admin_operations.h"

#include <filesystem>
#include <optional>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "api/command_response.h"

namespace kumppani::api {
namespace {

void ToBackupResponse(const store::BackupInfo& info, v1::Backup& response) {
  response.set_directory(info.directory);
  response.set_position(info.position.value());
  response.set_tree_size(info.tree_size);
  response.set_root_hash(std::string(HashBytes(info.root)));
  response.set_size_bytes(info.bytes);
}

absl::Status CopyCheckpointKey(const std::string& key_file, const std::string& backup_directory) {
  namespace fs = std::filesystem;
  const fs::path target = fs::path(backup_directory) / kBackupCheckpointKeyName;
  std::error_code error;
  // copy_file creates the copy with the key file's own mode (0600).
  if (fs::copy_file(key_file, target, error)) {
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace, error);
  }
  if (error) {
    return absl::InternalError(absl::StrCat("copying the checkpoint key ", key_file, " to ",
                                            target.string(), ": ", error.message()));
  }
  return absl::OkStatus();
}

v1::Command ToEraseCommand(const v1::ErasePersonRequest& request) {
  v1::Command command;
  command.set_request_id(request.request_id());
  *command.mutable_erase_person() = request.command();
  return command;
}

}  // namespace

v1::VerifyLogResponse VerifyProgressMessage(uint64_t verified, uint64_t total) {
  v1::VerifyLogResponse message;
  message.mutable_progress()->set_verified_events(verified);
  message.mutable_progress()->set_total_events(total);
  return message;
}

v1::VerifyLogResponse VerifyResultMessage(
    const absl::StatusOr<audit::LogVerification>& verification) {
  v1::VerifyLogResponse message;
  v1::VerifyLogResult* result = message.mutable_result();
  if (verification.ok()) {
    result->set_ok(true);
    result->set_tree_size(verification->tree_size);
    result->set_root_hash(std::string(HashBytes(verification->root)));
    return message;
  }
  result->set_ok(false);
  std::optional<uint64_t> bad = audit::FirstBadPosition(verification.status());
  result->set_failed_position(bad.value_or(0));
  result->set_tree_size(bad.has_value() ? *bad - 1 : 0);
  result->set_failure(std::string(verification.status().message()));
  return message;
}

absl::StatusOr<std::string> RebuildTarget(const std::vector<projections::ProjectionStatus>& known,
                                          const v1::RebuildProjectionsRequest& request) {
  switch (request.target_case()) {
    case v1::RebuildProjectionsRequest::kAll:
      if (!request.all()) {
        return absl::InvalidArgumentError(
            "all: must be true when set; to rebuild one projection set projection instead");
      }
      return std::string();
    case v1::RebuildProjectionsRequest::kProjection:
      for (const projections::ProjectionStatus& status : known) {
        if (status.name == request.projection()) return request.projection();
      }
      return absl::NotFoundError(absl::StrCat(
          "projection: no projection named \"", request.projection(), "\"; valid names: ",
          absl::StrJoin(known, ", ", [](std::string* out, const projections::ProjectionStatus& s) {
            absl::StrAppend(out, s.name);
          })));
    case v1::RebuildProjectionsRequest::TARGET_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(
      "target: set projection (one name) or all (true) to say what to rebuild");
}

v1::RebuildProjectionsResponse RebuildProgressMessage(uint64_t replayed, uint64_t head) {
  v1::RebuildProjectionsResponse message;
  message.mutable_progress()->set_replayed_events(replayed);
  message.mutable_progress()->set_head_position(head);
  return message;
}

v1::RebuildProjectionsResponse RebuildResultMessage(
    const std::vector<projections::ProjectionStatus>& statuses, const std::string& target,
    uint64_t events_replayed) {
  v1::RebuildProjectionsResponse message;
  v1::RebuildResult* result = message.mutable_result();
  for (const projections::ProjectionStatus& status : statuses) {
    if (!target.empty() && status.name != target) continue;
    v1::RebuiltProjection* rebuilt = result->add_projections();
    rebuilt->set_name(status.name);
    rebuilt->set_version(status.version);
    rebuilt->set_events_replayed(events_replayed);
    rebuilt->set_position(status.position.value());
  }
  return message;
}

void ToProjectionStatusResponse(const std::vector<projections::ProjectionStatus>& statuses,
                                v1::GetProjectionStatusResponse& response) {
  for (const projections::ProjectionStatus& status : statuses) {
    v1::ProjectionStatus* out = response.add_projections();
    out->set_name(status.name);
    out->set_version(status.version);
    out->set_position(status.position.value());
    if (!status.ready) {
      out->set_state(v1::ProjectionStatus::BUILDING);
    } else if (status.building) {
      out->set_state(v1::ProjectionStatus::REBUILDING);
    } else {
      out->set_state(v1::ProjectionStatus::READY);
    }
  }
}

absl::Status MakeBackup(store::EventStore& store, const std::string& checkpoint_key_file,
                        const v1::CreateBackupRequest& request, v1::Backup& response) {
  absl::StatusOr<store::BackupInfo> info = store.Backup(request.directory());
  if (!info.ok()) return info.status();
  ToBackupResponse(*info, response);
  if (checkpoint_key_file.empty()) return absl::OkStatus();
  response.set_includes_checkpoint_key(true);
  return CopyCheckpointKey(checkpoint_key_file, info->directory);
}

absl::Status ErasePerson(domain::CommandHandler& handler, const std::string& actor,
                         const v1::ErasePersonRequest& request, v1::CommandResponse& response) {
  absl::StatusOr<domain::CommandResult> result = handler.Execute(ToEraseCommand(request), actor);
  if (result.ok()) ToCommandResponse(*result, response);
  return result.status();
}

}  // namespace kumppani::api
