// kumppani: the command-line client of the Kumppani ledger (docs/cli.md).
#include <iostream>

#include "tools/kumppani/cli.h"
#include "tools/kumppani/commands.h"

int main(int argc, char** argv) {
  kumppani::cli::Cli cli(std::cout, std::cerr);
  kumppani::cli::RegisterRecordCommands(cli);
  kumppani::cli::RegisterLogCommands(cli);
  kumppani::cli::RegisterAdminCommands(cli);
  kumppani::cli::RegisterReportCommands(cli);
  kumppani::cli::RegisterQueryCommands(cli);
  kumppani::cli::RegisterExportCommands(cli);
  return cli.Run(argc, argv);
}
