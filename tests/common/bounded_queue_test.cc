// BoundedQueue: order, the capacity bound (a producer waits for room), and
// Close (producers fail, consumers drain what is left, then get nothing).
#include "ledger/common/bounded_queue.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace kumppani {
namespace {

TEST(BoundedQueueTest, HandsItemsOutInOrderAcrossThreads) {
  BoundedQueue<std::unique_ptr<int>> queue(3);
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(queue.Push(std::make_unique<int>(i)));
    queue.Close();
  });
  std::vector<int> got;
  while (std::optional<std::unique_ptr<int>> item = queue.Pop()) got.push_back(**item);
  producer.join();
  ASSERT_EQ(got.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(got[i], i);
}

TEST(BoundedQueueTest, APushWaitsWhileTheQueueIsFull) {
  BoundedQueue<int> queue(2);
  ASSERT_TRUE(queue.Push(1));
  ASSERT_TRUE(queue.Push(2));
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    EXPECT_TRUE(queue.Push(3));
    pushed.store(true);
  });
  // The third push cannot finish before a pop makes room.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load());
  EXPECT_EQ(queue.Pop(), 1);
  producer.join();
  EXPECT_TRUE(pushed.load());
  EXPECT_EQ(queue.Pop(), 2);
  EXPECT_EQ(queue.Pop(), 3);
}

TEST(BoundedQueueTest, CloseFailsPushesAndLetsConsumersDrain) {
  BoundedQueue<int> queue(1);
  ASSERT_TRUE(queue.Push(7));
  std::thread blocked([&] { EXPECT_FALSE(queue.Push(8)); });  // waits for room, then closed
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  queue.Close();
  blocked.join();
  EXPECT_FALSE(queue.Push(9));
  EXPECT_EQ(queue.Pop(), 7);
  EXPECT_EQ(queue.Pop(), std::nullopt);
}

TEST(BoundedQueueTest, CloseWakesAWaitingConsumer) {
  BoundedQueue<int> queue(1);
  std::optional<int> got = 0;
  std::thread consumer([&] { got = queue.Pop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  queue.Close();
  consumer.join();
  EXPECT_EQ(got, std::nullopt);
}

}  // namespace
}  // namespace kumppani
