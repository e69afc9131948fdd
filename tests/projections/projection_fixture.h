// A test fixture for read models: a real EventStore in a temp directory with
// the projection engine attached (running the projections a test passes, by
// default all of them), a
// ManualClock at 2024-01-01T00:00:00Z and a CommandHandler, plus helpers to
// run commands in protobuf text format, load the demo scenario and take
// views of a projection at any position.
#ifndef KUMPPANI_TESTS_PROJECTIONS_PROJECTION_FIXTURE_H_
#define KUMPPANI_TESTS_PROJECTIONS_PROJECTION_FIXTURE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "ledger/common/clock.h"
#include "ledger/domain/command_handler.h"
#include "ledger/domain/scenario_loader.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/store/event_store.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::projections::testing {

inline constexpr int64_t k2024Micros = 1704067200LL * 1000000;

using ProjectionSet = std::function<std::vector<std::unique_ptr<Projection>>()>;

class ProjectionTest : public ::testing::Test {
 protected:
  // `projections` makes the set to run, e.g. RegistryProjections or
  // AllProjections.
  explicit ProjectionTest(ProjectionSet projections)
      : projections_(std::move(projections)), clock_(k2024Micros) {
    Open();
  }

  // (Re)opens store, engine and handler on the same directory.
  void Open() {
    handler_.reset();
    store_.reset();
    engine_ = std::make_unique<ProjectionEngine>(projections_());
    store::StoreOptions options;
    options.path = dir_.Sub("db");
    options.clock = &clock_;
    options.sync = false;  // SIGKILL-safe still; tests need no power-loss safety
    options.indexer = engine_.get();
    auto opened = store::EventStore::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = *std::move(opened);
    ASSERT_TRUE(engine_->Start(*store_).ok());
    ASSERT_TRUE(engine_->WaitUntilReady().ok());
    handler_ = std::make_unique<domain::CommandHandler>(*store_, clock_);
  }

  // Runs a command given in text format (a kumppani.v1.Command body); a
  // request id is made up unless the text has one.
  absl::StatusOr<domain::CommandResult> Run(const std::string& text) {
    v1::Command command;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &command)) << text;
    if (command.request_id().empty()) command.set_request_id(absl::StrCat("req-", ++counter_));
    return handler_->Execute(command, "tester");
  }

  // Runs a command that must succeed; returns its result.
  domain::CommandResult Ok(const std::string& text) {
    absl::StatusOr<domain::CommandResult> result = Run(text);
    EXPECT_TRUE(result.ok()) << result.status() << "\nfor: " << text;
    return result.ok() ? *result : domain::CommandResult{};
  }

  // Loads docs/examples/demo-scenario.ndjson.
  void LoadDemo() {
    auto commands = domain::LoadScenarioFile(std::string(KUMPPANI_SOURCE_DIR) +
                                             "/docs/examples/demo-scenario.ndjson");
    ASSERT_TRUE(commands.ok()) << commands.status();
    for (const domain::ScenarioCommand& c : *commands) {
      auto result = handler_->Execute(c.command, "demo-import");
      ASSERT_TRUE(result.ok()) << "line " << c.line << ": " << result.status();
    }
  }

  // A view of `projection` at `known_at` (default: the head).
  RowView View(std::string_view projection, std::optional<Position> known_at = std::nullopt) {
    auto view = engine_->View(projection, known_at);
    EXPECT_TRUE(view.ok()) << view.status();
    return view.ok() ? *view : RowView(*store_, 0, Position(0));
  }

  ProjectionSet projections_;
  kumppani::testing::TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<ProjectionEngine> engine_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<domain::CommandHandler> handler_;
  int counter_ = 0;
};

}  // namespace kumppani::projections::testing

#endif  // KUMPPANI_TESTS_PROJECTIONS_PROJECTION_FIXTURE_H_
