// RocksDB's info log goes to spdlog, never to a LOG file in the data
// directory (whose failed writes on a full disk abort RocksDB builds with
// assertions): opening, appending to, backing up and closing a store leaves
// no LOG file in the store or the backup, and RocksDB's lines reach spdlog.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "spdlog/spdlog.h"
#include "tests/testing/events.h"
#include "tests/testing/log_capture.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

namespace fs = std::filesystem;

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// Names of the files in `directory` that are RocksDB info logs (LOG,
// LOG.old.*).
std::vector<std::string> InfoLogFiles(const std::string& directory) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
    std::string name = entry.path().filename().string();
    if (name == "LOG" || name.rfind("LOG.", 0) == 0) names.push_back(name);
  }
  return names;
}

class InfoLogTest : public ::testing::Test {
 protected:
  kumppani::testing::LogCapture log_;
  kumppani::testing::TempDir dir_;
};

TEST_F(InfoLogTest, NoLogFileAndLinesReachSpdlog) {
  const std::string path = dir_.Sub("db");
  {
    StoreOptions options;
    options.path = path;
    auto store = EventStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    auto result =
        (*store)->Append(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")}));
    ASSERT_TRUE(result.ok()) << result.status();
    auto backup = (*store)->Backup(dir_.Sub("backup"));
    ASSERT_TRUE(backup.ok()) << backup.status();
  }
  EXPECT_TRUE(fs::exists(path + "/CURRENT"));
  EXPECT_THAT(InfoLogFiles(path), ::testing::IsEmpty());
  EXPECT_THAT(InfoLogFiles(dir_.Sub("backup")), ::testing::IsEmpty());

  std::vector<std::string> lines = log_.Lines();
  ASSERT_FALSE(lines.empty());
  // RocksDB's INFO lines (e.g. its version at open) come at debug, prefixed.
  EXPECT_THAT(lines, Contains(HasSubstr("debug rocksdb: ")));
  // One line per message: the sink's formatter adds the only newline.
  for (const std::string& line : lines) {
    EXPECT_THAT(line, Not(EndsWith("\n\n"))) << line;
  }
}

// A new store opens without warnings or errors; its INFO lines are below the
// logger's level.
TEST_F(InfoLogTest, NewStoreLogsNothingAtInfo) {
  spdlog::default_logger()->set_level(spdlog::level::info);
  StoreOptions options;
  options.path = dir_.Sub("db");
  {
    auto store = EventStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
  }
  EXPECT_THAT(InfoLogFiles(options.path), ::testing::IsEmpty());
  EXPECT_THAT(log_.Lines(), ::testing::IsEmpty());
}

// A store with bulk loaded rows opens without a warning: RocksDB 7.8's
// warning that such files carry no unique id it can check comes at debug.
TEST_F(InfoLogTest, ReopeningAStoreWithBulkLoadedRowsWarnsNothing) {
  class OneRow final : public SortedRows {
   public:
    bool Next(std::string_view& key, std::string_view& value) override {
      if (done_) return false;
      key = "k";
      value = "v";
      done_ = true;
      return true;
    }

   private:
    bool done_ = false;
  };
  StoreOptions options;
  options.path = dir_.Sub("db");
  {
    auto store = EventStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    OneRow rows;
    ASSERT_TRUE((*store)->BulkLoadIndex({&rows}).ok());
  }
  auto reopened = EventStore::Open(options);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  std::unique_ptr<KvCursor> cursor = (*reopened)->NewIndexCursor();
  cursor->Seek("k");  // opens the loaded file
  ASSERT_TRUE(cursor->Valid());
  EXPECT_THAT(log_.Lines(), Not(Contains(StartsWith("warning"))));
  EXPECT_THAT(log_.Lines(),
              Contains(AllOf(StartsWith("debug rocksdb: "), HasSubstr("without unique ID"))));
}

}  // namespace
}  // namespace kumppani::store
