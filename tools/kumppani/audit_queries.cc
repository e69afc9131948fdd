// The AuditService subcommands: `kumppani trail`, `footprint`, `coverage`
// and `duties`.
#include "kumppani/v1/audit_service.grpc.pb.h"
#include "tools/kumppani/query_runner.h"

namespace kumppani::cli {

using Audit = v1::AuditService::Stub;

void AddAuditQueries(Cli& cli) {
  CLI::App& app = cli.app();
  AddQueryCommand(
      cli, app,
      SingleQuery("trail",
                  "The influence trail of a decision: every input it considered, "
                  "directly or through proposals, with who gave it, the assessment, "
                  "rationale and feedback; and the submissions it did not cite",
                  Rpc(&Audit::GetInfluenceTrail), "decision_id", "DECISION_ID", "trail"));
  AddQueryCommand(cli, app,
                  SingleQuery("footprint",
                              "The footprint of an organisation: its statements and what "
                              "decisions did with them, its seats on bodies, its grants",
                              Rpc(&Audit::GetOrganisationFootprint), "organisation_id",
                              "ORGANISATION_ID", "footprint"));

  QuerySpec coverage = SingleQuery(
      "coverage",
      "Coverage statistics of a region for a period: decisions preceded by a consultation, "
      "response rates, days from close to decision, inputs assessed and fed back on",
      Rpc(&Audit::GetCoverageStatistics), "", "", "statistics");
  coverage.flags.aliases = {
      {"region_organisation_id", {"region"}}, {"period.start", {"from"}}, {"period.end", {"to"}}};
  coverage.flags.help = {{"region_organisation_id", "The region, org-… (required)"},
                         {"period.start", "First decision day counted, YYYY-MM-DD (required)"},
                         {"period.end", "Last decision day counted, YYYY-MM-DD (required)"}};
  coverage.required = {
      {"region_organisation_id", "--region"}, {"period.start", "--from"}, {"period.end", "--to"}};
  AddQueryCommand(cli, app, std::move(coverage));

  QuerySpec duties = ListQuery(
      "duties",
      "What a region and/or bodies still owe to those who gave their views: submissions no "
      "decision assessed, and inputs whose submitters were not told what became of them "
      "(everything in scope without --region and --body-ids)",
      Rpc(&Audit::ListOutstandingDuties), "unassessed_submissions",
      {"submission.submission_id", "submission.consultation_id",
       "submission.submitter_organisation_id", "submission.received_on", "consultation.closed_on",
       "decisions_citing_consultation"});
  duties.item_fields.push_back("uninformed_inputs");
  duties.text_columns.push_back({"decision_id", "decided_on", "input_id", "kind",
                                 "assessment.assessment", "submitter_organisation_id"});
  duties.flags.aliases = {{"region_organisation_id", {"region"}}, {"body_ids", {"body"}}};
  duties.flags.help = {
      {"region_organisation_id",
       "The region, org-… (its bodies and the consultations it organises)"},
      {"body_ids", "Bodies counted in any case, body-…; repeat or separate by commas"}};
  AddQueryCommand(cli, app, std::move(duties));
}

}  // namespace kumppani::cli
