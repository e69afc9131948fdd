// The GrantService kinds of `kumppani get|list`: grant programmes, grants
// and grant totals (money in euro cents).
#include "kumppani/v1/grant_service.grpc.pb.h"
#include "tools/kumppani/query_runner.h"

namespace kumppani::cli {

using Grants = v1::GrantService::Stub;

void AddGrantQueries(Cli& cli, const QueryGroups& groups) {
  const std::vector<std::string> amounts = {"amounts.applied_cents",   "amounts.awarded_cents",
                                            "amounts.paid_cents",      "amounts.returned_cents",
                                            "amounts.reclaimed_cents", "amounts.outstanding_cents"};
  const std::map<std::string, std::vector<std::string>> filter_aliases = {
      {"filter.recipient_organisation_id", {"recipient"}},
      {"filter.region_organisation_id", {"region"}}};

  AddQueryCommand(
      cli, *groups.get,
      SingleQuery("grant-programme",
                  "A grant programme: funder, region, budget, application period",
                  Rpc(&Grants::GetGrantProgramme), "programme_id", "PROGRAMME_ID", "programme"));
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("grant",
                              "A grant on --as-of: stage, decision, instalments, extensions, "
                              "reports, returns, reclaims and amounts",
                              Rpc(&Grants::GetGrant), "grant_id", "GRANT_ID", "grant"));

  std::vector<std::string> totals_columns = {"key", "grant_count", "awarded_count",
                                             "rejected_count"};
  totals_columns.insert(totals_columns.end(), amounts.begin(), amounts.end());
  QuerySpec totals = ListQuery(
      "grant-totals",
      "Counts and summed amounts (cents) of grants per organisation, programme, region or year "
      "(--group-by), with the grand total as the text table's last row",
      Rpc(&Grants::GetGrantTotals), "groups", totals_columns);
  totals.total_field = "total";
  totals.total_label = "total";
  totals.flags.unprefixed = {"filter"};
  totals.flags.aliases = filter_aliases;
  totals.required = {{"group_by", "--group-by"}};
  AddQueryCommand(cli, *groups.get, std::move(totals));

  QuerySpec programmes =
      ListQuery("grant-programmes", "Grant programmes in id order",
                Rpc(&Grants::ListGrantProgrammes), "programmes",
                {"programme_id", "funder_organisation_id", "region_organisation_id", "year",
                 "budget_cents", "application_period", "title"});
  programmes.flags.unprefixed = {"filter"};
  programmes.flags.aliases = {{"filter.funder_organisation_id", {"funder"}},
                              {"filter.region_organisation_id", {"region"}}};
  AddQueryCommand(cli, *groups.list, std::move(programmes));

  const std::vector<std::string> grant_columns = {
      "grant_id",           "applicant_organisation_id", "year", "stage", "amounts.awarded_cents",
      "amounts.paid_cents", "amounts.outstanding_cents"};
  QuerySpec grants = ListQuery("grants", "Grants in id order, each as it stood on --as-of",
                               Rpc(&Grants::ListGrants), "grants", grant_columns);
  grants.flags.unprefixed = {"filter"};
  grants.flags.aliases = filter_aliases;
  AddQueryCommand(cli, *groups.list, std::move(grants));
}

}  // namespace kumppani::cli
