// The kumppani client's subcommand groups; main registers each one.
#ifndef KUMPPANI_TOOLS_KUMPPANI_COMMANDS_H_
#define KUMPPANI_TOOLS_KUMPPANI_COMMANDS_H_

#include "tools/kumppani/cli.h"

namespace kumppani::cli {

// record, import (record_commands.cc).
void RegisterRecordCommands(Cli& cli);

// tail, proof, verify (log_commands.cc).
void RegisterLogCommands(Cli& cli);

// backup, erase-person, rebuild-projections, projection-status
// (admin_commands.cc).
void RegisterAdminCommands(Cli& cli);

// report annual, report trail (report_commands.cc).
void RegisterReportCommands(Cli& cli);

// get, list, find, trail, footprint, coverage, duties (query_commands.cc).
void RegisterQueryCommands(Cli& cli);

// export (export_commands.cc).
void RegisterExportCommands(Cli& cli);

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_COMMANDS_H_
