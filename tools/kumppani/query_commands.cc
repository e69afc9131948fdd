// `kumppani get`, `list` and `find` over the query services' read models,
// and the audit subcommands trail, footprint, coverage and duties
// (query_runner.h says how every one of them behaves).
#include "tools/kumppani/commands.h"
#include "tools/kumppani/query_runner.h"

namespace kumppani::cli {

void RegisterQueryCommands(Cli& cli) {
  QueryGroups groups;
  groups.get = cli.app().add_subcommand(
      "get",
      "One thing by id (or grant totals), as in force on --as-of and as the ledger knew "
      "it at --known-at");
  groups.list = cli.app().add_subcommand(
      "list",
      "A listing, every page (or --limit items), as in force on --as-of and as the "
      "ledger knew it at --known-at");
  groups.find = cli.app().add_subcommand("find", "Organisations by a register identifier");
  for (CLI::App* group : {groups.get, groups.list, groups.find}) group->require_subcommand(1);
  AddRegistryQueries(cli, groups);
  AddParticipationQueries(cli, groups);
  AddGrantQueries(cli, groups);
  AddAuditQueries(cli);
}

}  // namespace kumppani::cli
