// Projections under SIGKILL: a real process runs the generated workload with
// every projection attached and is killed at random moments. After each kill
// the store reopens with every projection at the log head, and each one's
// live rows are byte-identical to a rebuild from position 1.
//
// KUMPPANI_PROJECTION_CRASH_CYCLES sets the number of kills (default 3).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "gtest/gtest.h"
#include "ledger/projections/all_projections.h"
#include "ledger/projections/projected_store.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::projections {
namespace {

int Cycles() {
  const char* text = std::getenv("KUMPPANI_PROJECTION_CRASH_CYCLES");
  return text != nullptr ? std::atoi(text) : 3;
}

TEST(ProjectionCrashTest, LiveRowsEqualARebuildAfterEveryKill) {
  kumppani::testing::TempDir dir;
  const std::string db = dir.Sub("db");
  std::mt19937 random(20261123);
  uint64_t last_head = 0;
  for (int cycle = 0; cycle < Cycles(); ++cycle) {
    pid_t pid = fork();
    if (pid == 0) {
      execl(KUMPPANI_PROJECTION_CRASH_WRITER, KUMPPANI_PROJECTION_CRASH_WRITER, db.c_str(), "11",
            static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    ASSERT_GT(pid, 0);
    // Replays of earlier cycles' commands come first; kill during new ones.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500 + random() % 1500 + 500 * cycle));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "the writer exited early with " << WEXITSTATUS(wstatus);

    store::StoreOptions options;
    options.path = db;
    auto opened = ProjectedStore::Open(options, AllProjections());
    ASSERT_TRUE(opened.ok()) << opened.status();
    ProjectedStore& ledger = **opened;
    ASSERT_TRUE(ledger.engine().WaitUntilReady().ok());
    const uint64_t head = ledger.store().HeadPosition().value();
    EXPECT_GT(head, last_head) << "cycle " << cycle << " appended nothing";
    last_head = head;
    for (const ProjectionStatus& status : ledger.engine().Status()) {
      EXPECT_TRUE(status.ready) << status.name;
      EXPECT_EQ(status.position.value(), head) << status.name;
      absl::Status same = ledger.engine().VerifyRebuild(status.name);
      EXPECT_TRUE(same.ok()) << "cycle " << cycle << ": " << same;
    }
  }
}

}  // namespace
}  // namespace kumppani::projections
