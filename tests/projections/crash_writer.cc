// A process that runs the generated workload through the command handler
// with every projection attached, until it is killed. Used by
// projections_crash_test. Usage: projections_crash_writer DATA_DIR SEED
#include <cstdio>
#include <cstdlib>
#include <string>

#include "ledger/common/clock.h"
#include "ledger/domain/command_handler.h"
#include "ledger/projections/all_projections.h"
#include "ledger/projections/projected_store.h"
#include "tests/testing/workload.h"

int main(int argc, char** argv) {
  using namespace kumppani;
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DATA_DIR SEED\n", argv[0]);
    return 2;
  }
  store::StoreOptions options;
  options.path = argv[1];
  options.sync = false;  // a SIGKILL loses nothing the OS has; power loss is not tested here
  auto opened = projections::ProjectedStore::Open(options, projections::AllProjections());
  if (!opened.ok()) {
    std::fprintf(stderr, "open: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  if (!(*opened)->engine().WaitUntilReady().ok()) return 1;
  domain::CommandHandler handler((*opened)->store(), *SystemClock::Default());
  testing::WorkloadOptions workload_options;
  workload_options.seed = std::strtoull(argv[2], nullptr, 10);
  workload_options.commands = 10'000'000;
  testing::Workload workload(workload_options);
  std::printf("ready\n");
  std::fflush(stdout);
  auto run = testing::RunWorkload(handler, workload, 2);
  if (!run.ok()) {
    std::fprintf(stderr, "workload: %s\n", run.status().ToString().c_str());
    return 1;
  }
  return 0;
}
