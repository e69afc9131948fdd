// `kumppani record` (one domain command) and `kumppani import` (a file of
// them, resumable and idempotent), both through CommandService.ExecuteCommand.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/struct.pb.h"
#include "kumppani/v1/command_service.grpc.pb.h"
#include "tools/kumppani/command_file.h"
#include "tools/kumppani/commands.h"
#include "tools/kumppani/message_flags.h"
#include "tools/kumppani/output.h"

namespace kumppani::cli {
namespace {

// A retry with the same request id is safe: the server answers a command it
// already recorded with the first result. These codes say "try again".
bool Retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED ||
         code == grpc::StatusCode::ABORTED || code == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

constexpr int kMaxAttempts = 8;

grpc::Status Execute(Cli& cli, v1::CommandService::Stub& stub, const v1::Command& command,
                     v1::CommandResponse& response) {
  grpc::Status status;
  auto backoff = std::chrono::milliseconds(100);
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    auto context = cli.NewContext();
    context->set_wait_for_ready(attempt > 1);
    status = stub.ExecuteCommand(context.get(), command, &response);
    if (status.ok() || !Retryable(status.error_code())) return status;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
  return status;
}

std::string RandomRequestId() {
  std::random_device device;
  std::uniform_int_distribution<uint32_t> word;
  return absl::StrFormat("cli-%08x%08x%08x%08x", word(device), word(device), word(device),
                         word(device));
}

// ---------------------------------------------------------------- record

struct RecordArgs {
  std::string file;
  std::string request_id;
  std::string note;
  // The command chosen as a subcommand, and its flags; null with --file.
  const google::protobuf::FieldDescriptor* chosen = nullptr;
  const MessageFlags* chosen_flags = nullptr;
  std::vector<std::unique_ptr<MessageFlags>> flags;
};

// The command from the chosen subcommand's flags, or from --file.
absl::StatusOr<v1::Command> CommandToRecord(const RecordArgs& args) {
  v1::Command command;
  if (args.chosen != nullptr) {
    if (!args.file.empty()) {
      return absl::InvalidArgumentError(
          "--file: not with a command's flags; give one or the other");
    }
    google::protobuf::Message* body =
        command.GetReflection()->MutableMessage(&command, args.chosen);
    if (absl::Status filled = args.chosen_flags->Fill(*body); !filled.ok()) return filled;
    return command;
  }
  if (args.file.empty()) {
    return absl::InvalidArgumentError(
        "give a command (e.g. `record register-organisation --organisation-id …`; see "
        "`record --help`) or --file");
  }
  auto commands = ReadCommandFile(args.file);
  if (!commands.ok()) return commands.status();
  if (commands->size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(args.file, ": must hold exactly one command (found ", commands->size(),
                     "); use `kumppani import` for more"));
  }
  return std::move((*commands)[0].command);
}

int RunRecord(Cli& cli, const RecordArgs& args) {
  auto to_record = CommandToRecord(args);
  if (!to_record.ok()) return cli.UsageError(std::string(to_record.status().message()));
  v1::Command command = std::move(*to_record);
  if (!args.note.empty()) command.set_note(args.note);
  if (!args.request_id.empty()) command.set_request_id(args.request_id);
  if (command.request_id().empty()) {
    command.set_request_id(RandomRequestId());
    cli.err() << "request id: " << command.request_id()
              << " (send again with --request-id to retry safely)\n";
  }
  auto channel = cli.Channel();
  if (!channel) return kExitUsage;
  auto stub = v1::CommandService::NewStub(channel);
  v1::CommandResponse response;
  grpc::Status status = Execute(cli, *stub, command, response);
  if (!status.ok()) return cli.ServerError(status);
  PrintMessage(response, cli.options().output, cli.out());
  return kExitOk;
}

// ---------------------------------------------------------------- import

struct ImportArgs {
  std::string file;
  int skip = 0;
  bool progress = false;
  bool quiet = false;
};

struct ImportTally {
  int sent = 0;
  int appended = 0;
  int replayed = 0;
  uint64_t events = 0;
  uint64_t last_position = 0;
};

void PrintProgress(std::ostream& err, const ImportTally& tally, int done, int total) {
  constexpr int kWidth = 30;
  int filled = total == 0 ? kWidth : done * kWidth / total;
  err << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] " << done
      << "/" << total << " commands (" << tally.appended << " appended, " << tally.replayed
      << " already recorded)" << std::flush;
}

void PrintImportSummary(Cli& cli, const std::string& file, const ImportTally& tally) {
  if (cli.options().output == OutputFormat::kJson) {
    google::protobuf::Struct summary;
    auto& fields = *summary.mutable_fields();
    fields["file"].set_string_value(file);
    fields["sent"].set_number_value(tally.sent);
    fields["appended"].set_number_value(tally.appended);
    fields["replayed"].set_number_value(tally.replayed);
    fields["events"].set_number_value(static_cast<double>(tally.events));
    fields["last_position"].set_number_value(static_cast<double>(tally.last_position));
    PrintMessage(summary, OutputFormat::kJson, cli.out());
  } else if (cli.options().output == OutputFormat::kCsv) {
    cli.out() << "sent,appended,replayed,events,last_position\n"
              << tally.sent << "," << tally.appended << "," << tally.replayed << "," << tally.events
              << "," << tally.last_position << "\n";
  } else {
    cli.out() << "imported " << tally.sent << " commands from " << file << ": " << tally.appended
              << " appended (" << tally.events << " events), " << tally.replayed
              << " already recorded; last position " << tally.last_position << "\n";
  }
}

int RunImport(Cli& cli, const ImportArgs& args) {
  auto commands = ReadCommandFile(args.file);
  if (!commands.ok()) return cli.UsageError(std::string(commands.status().message()));
  if (args.skip > static_cast<int>(commands->size())) {
    return cli.UsageError(
        absl::StrCat("--skip: the file holds only ", commands->size(), " commands"));
  }
  auto channel = cli.Channel();
  if (!channel) return kExitUsage;
  auto stub = v1::CommandService::NewStub(channel);
  bool show_progress = !args.quiet && (args.progress || isatty(STDERR_FILENO));
  int total = static_cast<int>(commands->size());
  ImportTally tally;
  for (int i = args.skip; i < total; ++i) {
    FileCommand& item = (*commands)[i];
    if (item.command.request_id().empty()) {
      item.command.set_request_id(DerivedRequestId(item.command, i + 1));
    }
    v1::CommandResponse response;
    grpc::Status status = Execute(cli, *stub, item.command, response);
    if (!status.ok()) {
      if (show_progress) cli.err() << "\n";
      cli.err() << "kumppani: " << args.file << ":" << item.line << " (command " << i + 1
                << ", request id " << item.command.request_id() << "): ";
      PrintImportSummary(cli, args.file, tally);
      cli.err() << "kumppani: " << i << " commands are recorded; after fixing the cause, run the "
                << "same import again (recorded commands are recognised and skipped), or add "
                << "--skip " << i << "\n";
      return cli.ServerError(status);
    }
    ++tally.sent;
    if (response.replayed()) {
      ++tally.replayed;
    } else {
      ++tally.appended;
      tally.events += response.event_types_size();
    }
    tally.last_position = std::max(tally.last_position, response.last_position());
    if (show_progress && (i + 1 == total || (i & 15) == 0)) {
      PrintProgress(cli.err(), tally, i + 1, total);
    }
  }
  if (show_progress) cli.err() << "\n";
  PrintImportSummary(cli, args.file, tally);
  return kExitOk;
}

}  // namespace

void RegisterRecordCommands(Cli& cli) {
  auto record = std::make_shared<RecordArgs>();
  CLI::App* record_app = cli.app().add_subcommand(
      "record",
      "Record one domain command: `record <command> --field value …` (one subcommand per "
      "command, one flag per field; lists of messages need --file), or `record --file F` with "
      "a kumppani.v1.Command in protobuf JSON");
  record_app->require_subcommand(0, 1);
  record_app->add_option("--file,-f", record->file,
                         "File holding the command as protobuf JSON; - reads standard input");
  record_app->add_option("--request-id", record->request_id,
                         "Request id (1..128 bytes); sending the same id again is a safe retry. "
                         "Default: the file's, else a random one (printed)");
  record_app->add_option("--note", record->note, "A note for the reader; not recorded");
  const google::protobuf::OneofDescriptor* commands =
      v1::Command::descriptor()->FindOneofByName("command");
  for (int i = 0; i < commands->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = commands->field(i);
    std::string name = absl::StrReplaceAll(field->name(), {{"_", "-"}});
    CLI::App* command_app = record_app->add_subcommand(
        name, absl::StrCat("Record ", field->message_type()->name(), " (docs/domain.md)"));
    record->flags.push_back(std::make_unique<MessageFlags>(*command_app, *field->message_type()));
    const MessageFlags* flags = record->flags.back().get();
    command_app->callback([&cli, record, field, flags] {
      record->chosen = field;
      record->chosen_flags = flags;
      cli.SetAction([&cli, record] { return RunRecord(cli, *record); });
    });
  }
  record_app->callback([&cli, record] {
    if (record->chosen == nullptr) {
      cli.SetAction([&cli, record] { return RunRecord(cli, *record); });
    }
  });

  auto import = std::make_shared<ImportArgs>();
  CLI::App* import_app = cli.app().add_subcommand(
      "import",
      "Record every command of an NDJSON or JSON-array file, in order. Idempotent: commands "
      "without a request_id get one derived from their content and ordinal, so running the "
      "same import again appends nothing twice and resumes where an interrupted run stopped");
  import_app->add_option("file", import->file, "The file; - reads standard input")->required();
  import_app
      ->add_option("--skip", import->skip,
                   "Skip the first N commands (already recorded ones are skipped by the "
                   "server anyway; this only saves the round trips)")
      ->check(CLI::NonNegativeNumber);
  import_app->add_flag("--progress", import->progress,
                       "Show a progress bar on stderr even when it is not a terminal");
  import_app->add_flag("--quiet,-q", import->quiet, "No progress bar");
  import_app->callback(
      [&cli, import] { cli.SetAction([&cli, import] { return RunImport(cli, *import); }); });
}

}  // namespace kumppani::cli
