// The workload generator (tests/testing/workload.h): its commands are all
// accepted by the command handler on a real store, cover every command type
// with ~1% corrections and retractions, keep streams short, are the same for
// the same seed and run concurrently wave by wave.
#include "tests/testing/workload.h"

#include <map>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "google/protobuf/descriptor.h"
#include "ledger/common/clock.h"
#include "ledger/domain/command_handler.h"
#include "ledger/store/event_store.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::testing {
namespace {

// 2024-01-01T00:00:00Z: after the workload's default last day.
constexpr int64_t k2024Micros = 1704067200LL * 1000000;

class WorkloadTest : public ::testing::Test {
 protected:
  WorkloadTest() : clock_(k2024Micros) {
    store::StoreOptions options;
    options.path = dir_.Sub("db");
    options.clock = &clock_;
    options.sync = false;  // speed; durability is not under test
    auto opened = store::EventStore::Open(options);
    EXPECT_TRUE(opened.ok()) << opened.status();
    if (opened.ok()) store_ = *std::move(opened);
    if (store_ != nullptr) handler_ = std::make_unique<domain::CommandHandler>(*store_, clock_);
  }

  // Events per stream in the whole log.
  std::map<std::string, size_t> StreamLengths() {
    std::map<std::string, size_t> lengths;
    Position from(1);
    while (true) {
      auto page = store_->ReadAll(from, 5000);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok() || page->empty()) break;
      for (const v1::EventEnvelope& e : *page) ++lengths[e.stream_id()];
      from = Position(page->back().position() + 1);
    }
    return lengths;
  }

  TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<domain::CommandHandler> handler_;
};

TEST_F(WorkloadTest, TwentyThousandCommandsAreAllAcceptedAndCoverEveryCommandType) {
  ASSERT_NE(handler_, nullptr);
  WorkloadOptions options;
  options.commands = 20000;

  // The mix, counted on an identical generator (same options, same commands).
  std::map<int, size_t> counts;
  Workload counted(options);
  while (std::optional<v1::Command> command = counted.Next()) ++counts[command->command_case()];
  EXPECT_EQ(counted.yielded(), 20000u);

  Workload workload(options);
  absl::StatusOr<WorkloadRun> run = RunWorkload(*handler_, workload);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->commands, 20000u);
  EXPECT_GE(run->events, run->commands);
  EXPECT_EQ(store_->HeadPosition(), Position(run->events));

  const google::protobuf::OneofDescriptor* oneof = v1::Command::descriptor()->FindOneofByName("command");
  for (int i = 0; i < oneof->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = oneof->field(i);
    EXPECT_GE(counts[field->number()], 1u) << field->name() << " never generated";
    RecordProperty(field->name(), static_cast<int>(counts[field->number()]));
  }
  size_t corrections = counts[v1::Command::kCorrectEvent] + counts[v1::Command::kRetractEvent];
  EXPECT_GE(corrections * 100, run->commands) << corrections << " corrections and retractions";

  // Events spread over many aggregates; none has a long stream.
  std::map<std::string, size_t> lengths = StreamLengths();
  EXPECT_GT(lengths.size(), 5000u);
  size_t longest = 0;
  for (const auto& [stream, length] : lengths) longest = std::max(longest, length);
  EXPECT_LE(longest, 200u);
}

TEST_F(WorkloadTest, SameSeedSameCommandsOtherSeedOtherCommands) {
  WorkloadOptions options;
  Workload first(options);
  Workload second(options);
  options.seed = 2;
  Workload other(options);
  size_t differing = 0;
  for (int i = 0; i < 5000; ++i) {
    std::optional<v1::Command> a = first.Next();
    std::optional<v1::Command> b = second.Next();
    std::optional<v1::Command> c = other.Next();
    ASSERT_TRUE(a.has_value() && b.has_value() && c.has_value());
    ASSERT_EQ(a->SerializeAsString(), b->SerializeAsString()) << "command " << i + 1;
    EXPECT_EQ(a->request_id(), absl::StrCat("wl-1-", i + 1));
    EXPECT_EQ(c->request_id(), absl::StrCat("wl-2-", i + 1));
    c->clear_request_id();
    a->clear_request_id();
    if (a->SerializeAsString() != c->SerializeAsString()) ++differing;
  }
  EXPECT_GT(differing, 2500u);
}

TEST_F(WorkloadTest, TwoThreadsRunWaveByWaveWithoutRejections) {
  ASSERT_NE(handler_, nullptr);
  WorkloadOptions options;
  options.commands = 5000;
  Workload workload(options);
  absl::StatusOr<WorkloadRun> run = RunWorkload(*handler_, workload, 2);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->commands, 5000u);
  EXPECT_EQ(store_->HeadPosition(), Position(run->events));
}

}  // namespace
}  // namespace kumppani::testing
