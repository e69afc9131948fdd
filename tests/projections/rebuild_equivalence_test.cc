// Rebuild equivalence: after the demo scenario and a generated workload of
// 100,000+ mixed domain events (corrections and retractions included), every
// projection's live rows are byte-identical to a rebuild from position 1,
// both compared in place (VerifyRebuild, one projection at a time) and after
// switching every projection to a table rebuilt in one pass (RebuildAll: the
// dumps before and after are equal).
//
// KUMPPANI_EQUIVALENCE_COMMANDS sets the workload size (default 100,000).
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ledger/common/clock.h"
#include "ledger/domain/command_handler.h"
#include "ledger/domain/scenario_loader.h"
#include "ledger/projections/all_projections.h"
#include "ledger/projections/projected_store.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/workload.h"

namespace kumppani::projections {
namespace {

size_t Commands() {
  const char* text = std::getenv("KUMPPANI_EQUIVALENCE_COMMANDS");
  return text != nullptr ? std::strtoull(text, nullptr, 10) : 100'000;
}

TEST(RebuildEquivalenceTest, LiveRowsEqualARebuildAfterDemoAndWorkload) {
  kumppani::testing::TempDir dir;
  ManualClock clock(1704067200LL * 1000000);  // 2024-01-01T00:00:00Z
  store::StoreOptions options;
  options.path = dir.Sub("db");
  options.clock = &clock;
  options.sync = false;
  auto opened = ProjectedStore::Open(options, AllProjections());
  ASSERT_TRUE(opened.ok()) << opened.status();
  ProjectedStore& ledger = **opened;
  ASSERT_TRUE(ledger.engine().WaitUntilReady().ok());
  domain::CommandHandler handler(ledger.store(), clock);

  auto demo = domain::LoadScenarioFile(std::string(KUMPPANI_SOURCE_DIR) +
                                       "/docs/examples/demo-scenario.ndjson");
  ASSERT_TRUE(demo.ok()) << demo.status();
  for (const domain::ScenarioCommand& c : *demo) {
    auto result = handler.Execute(c.command, "demo-import");
    ASSERT_TRUE(result.ok()) << "line " << c.line << ": " << result.status();
  }
  kumppani::testing::WorkloadOptions workload_options;
  workload_options.seed = 5;
  workload_options.commands = Commands();
  kumppani::testing::Workload workload(workload_options);
  auto run = kumppani::testing::RunWorkload(handler, workload, 2);
  ASSERT_TRUE(run.ok()) << run.status();
  const Position head = ledger.store().HeadPosition();
  if (Commands() >= 100'000) {
    EXPECT_GE(head.value(), 100'000u);
  }

  std::map<std::string, std::string> live;
  for (const ProjectionStatus& status : ledger.engine().Status()) {
    SCOPED_TRACE(status.name);
    ASSERT_TRUE(status.ready);
    EXPECT_EQ(status.position, head);
    absl::Status same = ledger.engine().VerifyRebuild(status.name);
    EXPECT_TRUE(same.ok()) << same;
    auto dump = ledger.engine().Dump(status.name, head);
    ASSERT_TRUE(dump.ok()) << dump.status();
    EXPECT_FALSE(dump->empty());
    live[status.name] = *std::move(dump);
  }
  const std::vector<ProjectionStatus> before = ledger.engine().Status();
  ASSERT_TRUE(ledger.engine().RebuildAll().ok());
  const std::vector<ProjectionStatus> after = ledger.engine().Status();
  for (size_t i = 0; i < before.size(); ++i) {
    const ProjectionStatus& status = after[i];
    SCOPED_TRACE(status.name);
    EXPECT_NE(status.table, before[i].table) << "RebuildAll did not switch tables";
    auto rebuilt = ledger.engine().Dump(status.name, head);
    ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
    EXPECT_TRUE(live[status.name] == *rebuilt) << "dumps differ after RebuildAll";
  }
}

}  // namespace
}  // namespace kumppani::projections
