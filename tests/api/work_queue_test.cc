// WorkQueue: runs work on its threads, refuses beyond its capacity and after
// shutdown, and finishes queued work when shut down.
#include "api/work_queue.h"

#include <atomic>
#include <future>

#include "gtest/gtest.h"

namespace kumppani::api {
namespace {

TEST(WorkQueueTest, RefusesBeyondItsCapacityAndAfterShutdownButFinishesWhatIsQueued) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> done = 0;
  {
    WorkQueue queue("commands", /*threads=*/1, /*capacity=*/2);
    ASSERT_TRUE(queue
                    .Submit([&] {
                      started.set_value();
                      released.wait();
                      ++done;
                    })
                    .ok());
    started.get_future().wait();  // the only thread is busy; the queue is empty
    ASSERT_TRUE(queue.Submit([&] { ++done; }).ok());
    ASSERT_TRUE(queue.Submit([&] { ++done; }).ok());
    absl::Status full = queue.Submit([&] { ++done; });
    EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted);
    EXPECT_EQ(full.message(), "commands: 2 requests are already waiting; retry later");

    queue.Shutdown();
    EXPECT_EQ(queue.Submit([&] { ++done; }).code(), absl::StatusCode::kUnavailable);
    release.set_value();
  }  // joins after draining
  EXPECT_EQ(done.load(), 3);
}

TEST(WorkQueueTest, RunsWorkConcurrentlyOnItsThreads) {
  std::atomic<int> inside = 0;
  std::promise<void> all_inside;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  {
    WorkQueue queue("q", /*threads=*/4, /*capacity=*/10);
    for (int i = 0; i < 4; ++i) {
      ASSERT_TRUE(queue
                      .Submit([&] {
                        if (++inside == 4) all_inside.set_value();
                        released.wait();
                      })
                      .ok());
    }
    all_inside.get_future().wait();  // would hang if fewer than four ran at once
    release.set_value();
  }
  EXPECT_EQ(inside.load(), 4);
}

}  // namespace
}  // namespace kumppani::api
