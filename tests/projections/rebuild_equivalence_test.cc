// Rebuild equivalence: after the demo scenario and a generated workload of
// 100,000+ mixed domain events (corrections and retractions included), every
// projection's live rows are byte-identical to a rebuild from position 1,
// both compared in place (VerifyRebuild) and after switching to the rebuilt
// table (Rebuild, then the dumps before and after are equal).
//
// KUMPPANI_EQUIVALENCE_COMMANDS sets the workload size (default 100,000).
#include <cstdlib>

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
  if (Commands() >= 100'000) EXPECT_GE(head.value(), 100'000u);

  for (const ProjectionStatus& status : ledger.engine().Status()) {
    SCOPED_TRACE(status.name);
    ASSERT_TRUE(status.ready);
    EXPECT_EQ(status.position, head);
    absl::Status same = ledger.engine().VerifyRebuild(status.name);
    EXPECT_TRUE(same.ok()) << same;
    auto live = ledger.engine().Dump(status.name, head);
    ASSERT_TRUE(live.ok()) << live.status();
    EXPECT_FALSE(live->empty());
    ASSERT_TRUE(ledger.engine().Rebuild(status.name).ok());
    auto rebuilt = ledger.engine().Dump(status.name, head);
    ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
    EXPECT_TRUE(*live == *rebuilt) << "dumps differ after Rebuild";
  }
}

}  // namespace
}  // namespace kumppani::projections
