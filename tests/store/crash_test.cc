// Crash safety: a real process appending from several threads is SIGKILLed at
// random moments, again and again. After every kill the store must reopen with
// every acknowledged append present exactly where it was acknowledged,
// positions gap-free, stream versions dense, and no torn event visible.
//
// KUMPPANI_CRASH_CYCLES sets the number of kills (default 20).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "tests/store/crash_payload.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

struct Ack {
  uint64_t position;
  std::string stream;
  uint64_t version;
};

std::map<std::string, Ack> ReadAcks(const std::string& path) {
  std::map<std::string, Ack> acks;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id;
    Ack ack;
    if (fields >> id >> ack.position >> ack.stream >> ack.version) acks[id] = ack;
  }
  return acks;
}

size_t FileSize(const std::string& path) {
  std::ifstream in(path, std::ios::ate | std::ios::binary);
  return in ? static_cast<size_t>(in.tellg()) : 0;
}

pid_t StartWriter(const std::string& db, const std::string& acks) {
  pid_t pid = fork();
  if (pid == 0) {
    execl(KUMPPANI_CRASH_WRITER, KUMPPANI_CRASH_WRITER, db.c_str(), acks.c_str(), "6",
          static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  return pid;
}

int Cycles() {
  const char* env = std::getenv("KUMPPANI_CRASH_CYCLES");
  return env != nullptr ? std::atoi(env) : 20;
}

TEST(CrashTest, AcknowledgedAppendsSurviveSigkill) {
  kumppani::testing::TempDir dir;
  const std::string db = dir.Sub("db");
  const std::string ack_path = dir.Sub("acks");
  std::mt19937 random(std::random_device{}());
  const int cycles = Cycles();
  size_t verified_acks = 0;
  for (int cycle = 1; cycle <= cycles; ++cycle) {
    size_t before = FileSize(ack_path);
    pid_t pid = StartWriter(db, ack_path);
    ASSERT_GT(pid, 0);
    // Let it acknowledge something, then kill it at a random moment.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (FileSize(ack_path) == before && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 150'000));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int wstatus = 0;
    ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "writer exited by itself with status "
                                      << WEXITSTATUS(wstatus) << " in cycle " << cycle;

    StoreOptions options;
    options.path = db;
    auto store = EventStore::Open(options);
    ASSERT_TRUE(store.ok()) << "cycle " << cycle << ": " << store.status();
    Position head = (*store)->HeadPosition();
    auto all = (*store)->ReadAll(Position(1), head.value() + 1);
    ASSERT_TRUE(all.ok()) << all.status();
    ASSERT_EQ(all->size(), head.value()) << "cycle " << cycle;
    std::map<std::string, uint64_t> versions;
    std::map<std::string, const EventEnvelope*> by_id;
    for (size_t i = 0; i < all->size(); ++i) {
      const EventEnvelope& event = (*all)[i];
      ASSERT_EQ(event.position(), i + 1) << "cycle " << cycle;
      ASSERT_EQ(event.stream_version(), ++versions[event.stream_id()]) << "cycle " << cycle;
      EventId id = *EventId::FromBytes(event.event_id(), "event_id");
      ASSERT_EQ(event.payload(), testing::CrashPayload(id)) << "torn event at " << i + 1;
      by_id[id.ToString()] = &event;
    }
    std::map<std::string, Ack> acks = ReadAcks(ack_path);
    ASSERT_GT(acks.size(), 0u);
    for (const auto& [id, ack] : acks) {
      auto found = by_id.find(id);
      ASSERT_NE(found, by_id.end()) << "acknowledged event " << id << " lost in cycle " << cycle;
      EXPECT_EQ(found->second->position(), ack.position) << id;
      EXPECT_EQ(found->second->stream_id(), ack.stream) << id;
      EXPECT_EQ(found->second->stream_version(), ack.version) << id;
    }
    verified_acks = acks.size();
  }
  std::printf("crash test: %d kills, %zu acknowledged events verified\n", cycles, verified_acks);
}

}  // namespace
}  // namespace kumppani::store
