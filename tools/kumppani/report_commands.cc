// kumppani report annual / report trail: gathers a report's data at one
// pinned log position (report/gather.h), builds the document
// (report/annual_report.h, report/trail_report.h) and writes it as
// Markdown, HTML or CSV (report/render.h). docs/reports.md describes the
// reports.
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/kumppani/commands.h"
#include "tools/kumppani/proto_values.h"
#include "tools/kumppani/report/annual_report.h"
#include "tools/kumppani/report/gather.h"
#include "tools/kumppani/report/render.h"
#include "tools/kumppani/report/text_format.h"
#include "tools/kumppani/report/trail_report.h"

namespace kumppani::cli {
namespace {

struct ReportArgs {
  // annual
  std::string region;
  int year = 0;
  // trail
  std::string decision;
  // both
  std::string format = "md";
  std::string out;
  std::string table;
  std::string as_of;
  std::string known_at;
};

bool AllDigits(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// --known-at and --as-of into a ReadPoint; a message naming the option on
// error.
std::optional<std::string> ParseReadPoint(const ReportArgs& args, report::ReadPoint& point) {
  if (!args.known_at.empty()) {
    if (AllDigits(args.known_at)) {
      if (args.known_at.size() > 19) {
        return "--known-at: the position " + args.known_at + " is too large";
      }
      point.position = std::stoull(args.known_at);
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
      point.time = timestamp;
      point.time_text = FormatTimestamp(time->first, time->second);
    }
  }
  if (!args.as_of.empty()) {
    absl::StatusOr<ParsedDate> date = ParseDate(args.as_of);
    if (!date.ok()) return "--as-of: " + std::string(date.status().message());
    point.as_of = report::MakeDate(date->year, date->month, date->day);
  }
  return std::nullopt;
}

// The CSV files a report always has (the document of empty data has them all).
std::string CsvNames(const report::Document& empty) {
  std::string names;
  for (const report::CsvFile& file : report::RenderCsv(empty)) {
    if (!names.empty()) names += ", ";
    names += file.name.substr(0, file.name.size() - 4);
  }
  return names;
}

// Checks the output options before anything is sent.
std::optional<std::string> CheckOutput(const ReportArgs& args, const report::Document& empty) {
  if (!args.table.empty() && args.format != "csv") {
    return "--table: only with --format csv";
  }
  if (args.format == "csv" && args.table.empty() && args.out.empty()) {
    return "--format csv: give --out DIR (one file per table) or --table NAME (one table, to "
           "--out FILE or standard output); tables: " +
           CsvNames(empty);
  }
  return std::nullopt;
}

std::optional<std::string> WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) return "--out: cannot write " + path.string();
  return std::nullopt;
}

// Writes the document as args.format to stdout, a file or a directory.
int Emit(Cli& cli, const ReportArgs& args, const report::Document& document) {
  std::string bytes;
  if (args.format == "md") {
    bytes = report::RenderMarkdown(document);
  } else if (args.format == "html") {
    bytes = report::RenderHtml(document);
  } else {
    std::vector<report::CsvFile> files = report::RenderCsv(document);
    if (args.table.empty()) {
      std::error_code error;
      std::filesystem::create_directories(args.out, error);
      if (error || !std::filesystem::is_directory(args.out)) {
        return cli.UsageError("--out: cannot create the directory " + args.out);
      }
      for (const report::CsvFile& file : files) {
        if (auto failed = WriteFile(std::filesystem::path(args.out) / file.name, file.bytes)) {
          return cli.UsageError(*failed);
        }
      }
      return kExitOk;
    }
    bool found = false;
    for (const report::CsvFile& file : files) {
      if (file.name == args.table + ".csv") {
        bytes = file.bytes;
        found = true;
      }
    }
    if (!found) {
      return cli.UsageError("--table: no table \"" + args.table +
                            "\"; tables: " + CsvNames(document));
    }
  }
  if (args.out.empty()) {
    cli.out() << bytes;
    cli.out().flush();
    return kExitOk;
  }
  if (auto failed = WriteFile(args.out, bytes)) return cli.UsageError(*failed);
  return kExitOk;
}

// "--known-at P [--as-of D] --format F [--table T]": the options that
// rebuild the same report at the same point.
std::string RebuildOptions(const ReportArgs& args, const report::Provenance& provenance) {
  std::string options = " --known-at ";
  options += provenance.source == report::Provenance::PositionSource::kGivenTime
                 ? provenance.given_time
                 : std::to_string(provenance.position);
  if (report::IsSet(provenance.as_of))
    options += " --as-of " + report::FormatDate(provenance.as_of);
  options += " --format " + args.format;
  if (!args.table.empty()) options += " --table " + args.table;
  return options;
}

std::unique_ptr<report::ReportClient> NewClient(Cli& cli) {
  std::shared_ptr<grpc::Channel> channel = cli.Channel();
  if (!channel) return nullptr;
  return std::make_unique<report::ReportClient>(channel, [&cli] { return cli.NewContext(); });
}

int RunAnnual(Cli& cli, const ReportArgs& args) {
  if (args.region.rfind("org-", 0) != 0) {
    return cli.UsageError("--region: must be an organisation id \"org-<slug>\", got \"" +
                          args.region + "\"");
  }
  report::ReadPoint point;
  if (auto error = ParseReadPoint(args, point)) return cli.UsageError(*error);
  // By default the year as it stood at its end.
  if (!report::IsSet(point.as_of)) point.as_of = report::MakeDate(args.year, 12, 31);
  if (auto error = CheckOutput(args, report::BuildAnnualReport(report::AnnualReportData()))) {
    return cli.UsageError(*error);
  }
  std::unique_ptr<report::ReportClient> client = NewClient(cli);
  if (!client) return kExitUsage;
  report::AnnualReportData data;
  if (grpc::Status status = client->GatherAnnual(args.region, args.year, point, data);
      !status.ok()) {
    return cli.ServerError(status);
  }
  data.provenance.rebuild_command = "kumppani report annual --region " + args.region + " --year " +
                                    std::to_string(args.year) +
                                    RebuildOptions(args, data.provenance);
  return Emit(cli, args, report::BuildAnnualReport(data));
}

int RunTrail(Cli& cli, const ReportArgs& args) {
  if (args.decision.rfind("decision-", 0) != 0) {
    return cli.UsageError("DECISION: must be a decision id \"decision-<slug>\", got \"" +
                          args.decision + "\"");
  }
  report::ReadPoint point;
  if (auto error = ParseReadPoint(args, point)) return cli.UsageError(*error);
  if (auto error = CheckOutput(args, report::BuildTrailReport(report::TrailReportData()))) {
    return cli.UsageError(*error);
  }
  std::unique_ptr<report::ReportClient> client = NewClient(cli);
  if (!client) return kExitUsage;
  report::TrailReportData data;
  if (grpc::Status status = client->GatherTrail(args.decision, point, data); !status.ok()) {
    return cli.ServerError(status);
  }
  data.provenance.rebuild_command =
      "kumppani report trail " + args.decision + RebuildOptions(args, data.provenance);
  return Emit(cli, args, report::BuildTrailReport(data));
}

void AddCommonOptions(CLI::App* sub, ReportArgs& args) {
  sub->add_option("--format", args.format,
                  "md (Markdown), html (one self-contained, printable page with SVG charts) or "
                  "csv (one file per table)")
      ->check(CLI::IsMember({"md", "html", "csv"}))
      ->capture_default_str();
  sub->add_option("--out", args.out,
                  "Where to write: a file (md, html, csv with --table) or a directory, created "
                  "if missing (csv: one <table>.csv per table). Default: standard output");
  sub->add_option("--table", args.table,
                  "With --format csv: write only this table (e.g. decision_inputs)");
  sub->add_option("--as-of", args.as_of,
                  "The effective date, YYYY-MM-DD: what was in force that day");
  sub->add_option("--known-at", args.known_at,
                  "Read the ledger as it stood at a log position, or at an RFC 3339 time (the "
                  "last event recorded by then). Default: the latest signed checkpoint's tree "
                  "size, or the head when this token may not read checkpoints");
}

}  // namespace

void RegisterReportCommands(Cli& cli) {
  CLI::App* report = cli.app().add_subcommand(
      "report",
      "Build a report, deterministically: every query reads one log position, and the report "
      "states it with the signed checkpoint that covers it (docs/reports.md)");
  report->require_subcommand(1);

  auto annual_args = std::make_shared<ReportArgs>();
  CLI::App* annual = report->add_subcommand(
      "annual",
      "The annual cooperation report of a region: bodies and membership changes, "
      "consultations and response rates, decisions and what they did with the input, grants, "
      "outstanding duties and coverage statistics");
  annual
      ->add_option("--region", annual_args->region,
                   "The region's organisation id, e.g. org-paijat-hame-hva")
      ->required();
  annual->add_option("--year", annual_args->year, "The year, e.g. 2022")
      ->required()
      ->check(CLI::Range(1900, 2200));
  AddCommonOptions(annual, *annual_args);
  annual->footer("Default --as-of: the last day of the year.");
  annual->callback([&cli, annual_args] {
    cli.SetAction([&cli, annual_args] { return RunAnnual(cli, *annual_args); });
  });

  auto trail_args = std::make_shared<ReportArgs>();
  CLI::App* trail = report->add_subcommand(
      "trail",
      "The influence trail of one decision: every input it considered, its assessment and "
      "feedback, outcome shares, and the submissions on the subject it did not cite");
  trail
      ->add_option("DECISION", trail_args->decision,
                   "The decision id, e.g. decision-ph-ah-jarjestoneuvottelukunta-2022-08")
      ->required();
  AddCommonOptions(trail, *trail_args);
  trail->footer("Default --as-of: none (everything known at the position).");
  trail->callback([&cli, trail_args] {
    cli.SetAction([&cli, trail_args] { return RunTrail(cli, *trail_args); });
  });
}

}  // namespace kumppani::cli
