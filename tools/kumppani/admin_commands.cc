// The administrators' subcommands over AdminService: backup, erase-person,
// rebuild-projections (with progress) and projection-status.
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "kumppani/v1/admin_service.grpc.pb.h"
#include "ledger/common/sha256.h"
#include "tools/kumppani/commands.h"
#include "tools/kumppani/output.h"

namespace kumppani::cli {
namespace {

std::unique_ptr<v1::AdminService::Stub> AdminStub(Cli& cli) {
  auto channel = cli.Channel();
  return channel ? v1::AdminService::NewStub(channel) : nullptr;
}

struct BackupArgs {
  std::string directory;
};

int RunBackup(Cli& cli, const BackupArgs& args) {
  auto admin = AdminStub(cli);
  if (!admin) return kExitUsage;
  v1::CreateBackupRequest request;
  request.set_directory(args.directory);
  v1::Backup backup;
  auto context = cli.NewContext(/*with_deadline=*/false);
  if (grpc::Status status = admin->CreateBackup(context.get(), request, &backup); !status.ok()) {
    return cli.ServerError(status);
  }
  if (cli.options().output != OutputFormat::kText) {
    PrintMessage(backup, cli.options().output, cli.out());
    return kExitOk;
  }
  auto root = HashFromBytes(backup.root_hash(), "root_hash");
  cli.out() << "backup written on the server to " << backup.directory() << "\n"
            << "  events: " << backup.position() << "\n"
            << "  tree size: " << backup.tree_size() << ", root "
            << (root.ok() ? HashToHex(*root) : "?") << "\n"
            << "  size: " << backup.size_bytes() << " bytes\n"
            << "  checkpoint key included: " << (backup.includes_checkpoint_key() ? "yes" : "no")
            << "\n";
  return kExitOk;
}

struct EraseArgs {
  std::string person_id;
  std::string legal_basis;
  std::string request_id;
};

int RunErase(Cli& cli, const EraseArgs& args) {
  auto admin = AdminStub(cli);
  if (!admin) return kExitUsage;
  v1::ErasePersonRequest request;
  request.set_request_id(args.request_id.empty() ? absl::StrCat("erase-", args.person_id)
                                                 : args.request_id);
  request.mutable_command()->set_person_id(args.person_id);
  request.mutable_command()->set_legal_basis(args.legal_basis);
  v1::CommandResponse response;
  if (grpc::Status status = admin->ErasePerson(cli.NewContext().get(), request, &response);
      !status.ok()) {
    return cli.ServerError(status);
  }
  PrintMessage(response, cli.options().output, cli.out());
  return kExitOk;
}

struct RebuildArgs {
  std::string projection;
};

int RunRebuild(Cli& cli, const RebuildArgs& args) {
  auto admin = AdminStub(cli);
  if (!admin) return kExitUsage;
  v1::RebuildProjectionsRequest request;
  if (args.projection.empty()) {
    request.set_all(true);
  } else {
    request.set_projection(args.projection);
  }
  auto context = cli.NewContext(/*with_deadline=*/false);
  auto reader = admin->RebuildProjections(context.get(), request);
  v1::RebuildProjectionsResponse response;
  std::optional<v1::RebuildResult> result;
  while (reader->Read(&response)) {
    if (response.has_progress()) {
      cli.err() << "replayed " << response.progress().replayed_events() << " of "
                << response.progress().head_position() << " events\n";
    } else if (response.has_result()) {
      result = response.result();
    }
  }
  if (grpc::Status status = reader->Finish(); !status.ok()) return cli.ServerError(status);
  if (!result) return cli.ServerError(grpc::Status(grpc::StatusCode::INTERNAL, "no result"));
  if (cli.options().output == OutputFormat::kText) {
    for (const v1::RebuiltProjection& projection : result->projections()) {
      cli.out() << "rebuilt " << projection.name() << " v" << projection.version() << ": "
                << projection.events_replayed() << " events replayed, at position "
                << projection.position() << "\n";
    }
  } else {
    std::vector<const google::protobuf::Message*> items;
    for (const auto& projection : result->projections()) items.push_back(&projection);
    PrintList(items, cli.options().output, cli.out());
  }
  return kExitOk;
}

int RunStatus(Cli& cli) {
  auto admin = AdminStub(cli);
  if (!admin) return kExitUsage;
  v1::GetProjectionStatusResponse response;
  if (grpc::Status status = admin->GetProjectionStatus(cli.NewContext().get(), {}, &response);
      !status.ok()) {
    return cli.ServerError(status);
  }
  std::vector<const google::protobuf::Message*> items;
  for (const auto& projection : response.projections()) items.push_back(&projection);
  PrintList(items, cli.options().output, cli.out());
  return kExitOk;
}

}  // namespace

void RegisterAdminCommands(Cli& cli) {
  auto backup = std::make_shared<BackupArgs>();
  CLI::App* backup_app = cli.app().add_subcommand(
      "backup",
      "Admin: write a consistent online backup of the ledger (a RocksDB checkpoint "
      "plus the checkpoint key) into a new directory on the server's machine");
  backup_app
      ->add_option("directory", backup->directory,
                   "Absolute path on the server; must not exist yet")
      ->required();
  backup_app->callback(
      [&cli, backup] { cli.SetAction([&cli, backup] { return RunBackup(cli, *backup); }); });

  auto erase = std::make_shared<EraseArgs>();
  CLI::App* erase_app =
      cli.app().add_subcommand("erase-person",
                               "Admin: erase a person's personal data (their key is destroyed; the "
                               "events stay, sealed and unreadable). See docs/operations.md");
  erase_app->add_option("person", erase->person_id, "The person's id, person-…")->required();
  erase_app->add_option("--legal-basis", erase->legal_basis,
                        "Legal basis or request reference, without personal data");
  erase_app->add_option("--request-id", erase->request_id,
                        "Request id (default: erase-<person>, so a repeat is a retry)");
  erase_app->callback(
      [&cli, erase] { cli.SetAction([&cli, erase] { return RunErase(cli, *erase); }); });

  auto rebuild = std::make_shared<RebuildArgs>();
  CLI::App* rebuild_app =
      cli.app().add_subcommand("rebuild-projections",
                               "Admin: rebuild read models from the log (progress on stderr); "
                               "appends continue meanwhile");
  rebuild_app->add_option("--projection", rebuild->projection,
                          "Only this projection (see projection-status); default: all");
  rebuild_app->callback(
      [&cli, rebuild] { cli.SetAction([&cli, rebuild] { return RunRebuild(cli, *rebuild); }); });

  CLI::App* status_app = cli.app().add_subcommand(
      "projection-status", "Admin: each read model's version, position and state");
  status_app->callback([&cli] { cli.SetAction([&cli] { return RunStatus(cli); }); });
}

}  // namespace kumppani::cli
