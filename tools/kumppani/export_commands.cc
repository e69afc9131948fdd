// kumppani export popolo|360giving|ocds: open-data files built from one log
// position (docs/exports.md). The views are gathered over gRPC
// (export_gather.h) and converted by the pure converters in export/.
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "tools/kumppani/cli.h"
#include "tools/kumppani/commands.h"
#include "tools/kumppani/export/gather.h"
#include "tools/kumppani/export/ocds.h"
#include "tools/kumppani/export/popolo.h"
#include "tools/kumppani/export/threesixty_giving.h"
#include "tools/kumppani/proto_values.h"

namespace kumppani::cli {
namespace {

struct ExportArgs {
  std::string format;
  std::string region;
  std::string consultation;
  std::string grant;
  std::string known_at;
  std::string as_of;
  std::string out;
  std::string package = "release";
};

bool AllDigits(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The command line's selection; a message naming the option and the rule
// when it is not valid.
std::optional<std::string> ParseSelection(const ExportArgs& args, ExportSelection& selection) {
  if (!args.consultation.empty() && args.format != "ocds") {
    return "--consultation: only with ocds";
  }
  if (!args.grant.empty() && args.format == "popolo") {
    return "--grant: only with 360giving or ocds";
  }
  if (!args.consultation.empty() && !args.grant.empty()) {
    return "--consultation and --grant: give one case, not both";
  }
  if (!args.region.empty() && (!args.consultation.empty() || !args.grant.empty())) {
    return "--region: selects many cases; not with --consultation or --grant";
  }
  if (args.package != "release" && args.format != "ocds") return "--package: only with ocds";
  if (!args.known_at.empty()) {
    if (AllDigits(args.known_at)) {
      if (args.known_at.size() > 19) {
        return "--known-at: the position " + args.known_at + " is too large";
      }
      selection.known_at_position = std::stoull(args.known_at);
    } else {
      absl::StatusOr<std::pair<int64_t, int32_t>> time = ParseTimestamp(args.known_at);
      if (!time.ok()) {
        return "--known-at: must be a log position (1, 2, …) or an RFC 3339 time such as "
               "2022-08-09T00:00:00Z, got \"" +
               args.known_at + "\"";
      }
      google::protobuf::Timestamp timestamp;
      timestamp.set_seconds(time->first);
      timestamp.set_nanos(time->second);
      selection.known_at_time = timestamp;
    }
  }
  if (!args.as_of.empty()) {
    absl::StatusOr<ParsedDate> date = ParseDate(args.as_of);
    if (!date.ok()) return "--as-of: " + std::string(date.status().message());
    selection.as_of.set_year(date->year);
    selection.as_of.set_month(date->month);
    selection.as_of.set_day(date->day);
  }
  selection.region = args.region;
  selection.consultation_id = args.consultation;
  selection.grant_id = args.grant;
  return std::nullopt;
}

// The command line that rebuilds the export, without the read point's
// options (the converters add --known-at, --as-of and --region).
std::string Command(const ExportArgs& args) {
  std::string command = "kumppani export " + args.format;
  if (!args.consultation.empty()) command += " --consultation " + args.consultation;
  if (!args.grant.empty()) command += " --grant " + args.grant;
  if (args.format == "ocds") command += " --package " + args.package;
  return command;
}

int Emit(Cli& cli, const ExportArgs& args, const std::string& bytes) {
  if (args.out.empty()) {
    cli.out() << bytes;
    return kExitOk;
  }
  std::ofstream file(args.out, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) return cli.UsageError("--out: cannot write " + args.out);
  return kExitOk;
}

int RunExport(Cli& cli, const ExportArgs& args) {
  ExportSelection selection;
  if (auto error = ParseSelection(args, selection)) return cli.UsageError(*error);
  std::shared_ptr<grpc::Channel> channel = cli.Channel();
  if (!channel) return kExitUsage;
  ExportGatherer gatherer(channel, [&cli] { return cli.NewContext(); });
  exports::ReadPoint point;
  std::string bytes;
  if (args.format == "popolo") {
    exports::PopoloInput input;
    if (grpc::Status status = gatherer.GatherPopolo(selection, input, point); !status.ok()) {
      return cli.ServerError(status);
    }
    bytes = exports::PopoloDocument(input, point).Serialize();
  } else if (args.format == "360giving") {
    exports::GrantsInput input;
    if (grpc::Status status = gatherer.GatherGrants(selection, input, point); !status.ok()) {
      return cli.ServerError(status);
    }
    input.command = Command(args);
    bytes = exports::ThreeSixtyGivingPackage(input, point).Serialize();
  } else {
    exports::OcdsInput input;
    if (grpc::Status status = gatherer.GatherOcds(selection, input, point); !status.ok()) {
      return cli.ServerError(status);
    }
    input.command = Command(args);
    bytes = args.package == "record" ? exports::OcdsRecordPackage(input, point).Serialize()
                                     : exports::OcdsReleasePackage(input, point).Serialize();
  }
  cli.err() << "kumppani: export " << args.format << " read at log position " << point.position
            << (args.out.empty() ? "" : ", written to " + args.out) << "\n";
  return Emit(cli, args, bytes);
}

}  // namespace

void RegisterExportCommands(Cli& cli) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* sub = cli.app().add_subcommand(
      "export",
      "Write an open-data file, read at one log position and stated in the file so that anyone "
      "can rebuild it: popolo (organisations, bodies, seats, memberships, meetings; persons "
      "only by pseudonymous id), 360giving (awarded grants), ocds (OCDS-style release or "
      "record package of consultations and grant cases). Always JSON (docs/exports.md)");
  sub->add_option("FORMAT", args->format, "popolo, 360giving or ocds")
      ->required()
      ->check(CLI::IsMember({"popolo", "360giving", "ocds"}));
  sub->add_option("--region", args->region,
                  "Only this region, an organisation id: popolo and ocds take its own and its "
                  "sub-organisations' bodies and consultations; 360giving and ocds take the "
                  "grants of its programmes (a programme's region is its funder)");
  sub->add_option("--consultation", args->consultation,
                  "ocds: only this consultation, e.g. consultation-ks-jarjestamissuunnitelma-v3");
  sub->add_option("--grant", args->grant,
                  "360giving, ocds: only this grant, e.g. grant-stm-valmistelu-helsinki");
  sub->add_option("--package", args->package,
                  "ocds: release (one release per event) or record (one record per case with "
                  "its compiled release)")
      ->check(CLI::IsMember({"release", "record"}))
      ->capture_default_str();
  sub->add_option("--known-at", args->known_at,
                  "Read the ledger as it stood at a log position, or at an RFC 3339 time (the "
                  "last event recorded by then). Default: the head when the export starts");
  sub->add_option("--as-of", args->as_of,
                  "The effective date, YYYY-MM-DD: what was in force that day. Default: "
                  "everything known");
  sub->add_option("--out", args->out, "Write to this file. Default: standard output");
  sub->footer(
      "The same --known-at and --as-of always give the same bytes. The read position and the "
      "command that rebuilds the file are in it (popolo: meta.readPoint; 360giving and ocds: "
      "kumppani). Exit codes: 0 ok, 1 bad option, 2 server error.");
  sub->callback([&cli, args] { cli.SetAction([&cli, args] { return RunExport(cli, *args); }); });
}

}  // namespace kumppani::cli
