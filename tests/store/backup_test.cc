// EventStore::Backup: a backup made while appends go on opens as a store
// whose events are exactly a prefix of the source's, with the reported head
// and root; keys, checkpoints and unlogged projection rows come along; the
// directory rules (absolute, new, parent present, outside the data
// directory) are enforced with the documented codes.
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "tests/testing/events.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;
using ::testing::HasSubstr;

class BackupTest : public ::testing::Test {
 protected:
  BackupTest() { store_ = Open(dir_.Sub("db")); }

  static std::unique_ptr<EventStore> Open(const std::string& path) {
    StoreOptions options;
    options.path = path;
    auto store = EventStore::Open(options);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  void AppendOne(const std::string& stream, const std::string& payload) {
    auto result =
        store_->Append(MakeAppend(stream, ExpectedVersion::Any(), {MakeEvent("A", payload)}));
    ASSERT_TRUE(result.ok()) << result.status();
  }

  kumppani::testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(BackupTest, BackupDuringAppendsIsAPrefixOfTheSource) {
  for (int i = 1; i <= 200; ++i)
    AppendOne("org-" + std::to_string(i % 7), "before-" + std::to_string(i));
  std::atomic<bool> stop{false};
  std::atomic<int> appended{0};
  std::thread writer([&] {
    for (int i = 0; !stop.load() || appended.load() < 50; ++i) {
      auto result =
          store_->Append(MakeAppend("org-live-" + std::to_string(i % 5), ExpectedVersion::Any(),
                                    {MakeEvent("B", "during-" + std::to_string(i)),
                                     MakeEvent("C", "pair-" + std::to_string(i))}));
      ASSERT_TRUE(result.ok()) << result.status();
      appended.fetch_add(1);
    }
  });
  while (appended.load() < 10) std::this_thread::yield();
  const uint64_t head_before = store_->HeadPosition().value();
  const std::string backup_dir = dir_.Sub("backup-1");
  absl::StatusOr<BackupInfo> info = store_->Backup(backup_dir);
  const uint64_t head_after = store_->HeadPosition().value();
  stop.store(true);
  writer.join();
  ASSERT_TRUE(info.ok()) << info.status();

  EXPECT_EQ(info->directory, backup_dir);
  EXPECT_GE(info->position.value(), head_before);
  EXPECT_LE(info->position.value(), head_after);  // and acknowledged when Backup returned
  EXPECT_EQ(info->tree_size, info->position.value());
  EXPECT_EQ(info->root, *store_->RootHash(info->position.value()));
  uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(backup_dir)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  EXPECT_EQ(info->bytes, bytes);
  EXPECT_GT(info->bytes, 0u);

  std::unique_ptr<EventStore> backup = Open(backup_dir);
  ASSERT_NE(backup, nullptr);
  ASSERT_EQ(backup->HeadPosition(), info->position);
  EXPECT_EQ(*backup->RootHash(info->position.value()), info->root);
  auto copied = backup->ReadAll(Position(1), SIZE_MAX);
  auto source = store_->ReadAll(Position(1), info->position.value());
  ASSERT_TRUE(copied.ok()) << copied.status();
  ASSERT_TRUE(source.ok()) << source.status();
  ASSERT_EQ(copied->size(), info->position.value());
  ASSERT_EQ(source->size(), info->position.value());
  for (size_t i = 0; i < copied->size(); ++i) {
    ASSERT_EQ((*copied)[i].SerializeAsString(), (*source)[i].SerializeAsString())
        << "position " << i + 1;
  }
  // An append never straddles the backup's head: the last event of the
  // backup closes its pair.
  EXPECT_NE(copied->back().event_type(), "B");
}

TEST_F(BackupTest, KeysCheckpointsAndUnloggedProjectionRowsAreInTheBackup) {
  AppendOne("org-a", "one");
  AppendOne("org-a", "two");
  ASSERT_TRUE(store_->keys().PutKey("person-x", "secret-key-bytes").ok());
  ASSERT_TRUE(store_->PutCheckpoint({2, "note of size 2"}).ok());
  IndexBatch rows;
  rows.puts.emplace_back("row-key", "row-value");
  rows.skip_write_ahead_log = true;  // only a flush makes it durable
  ASSERT_TRUE(store_->WriteIndex(rows).ok());

  absl::StatusOr<BackupInfo> info = store_->Backup(dir_.Sub("backup"));
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->position, Position(2));
  // Same file system: the table files are hard links, not copies.
  int linked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.Sub("backup"))) {
    if (entry.path().extension() == ".sst" && entry.hard_link_count() == 2) ++linked;
  }
  EXPECT_GT(linked, 0);
  store_.reset();  // the backup does not depend on the source staying open

  std::unique_ptr<EventStore> backup = Open(dir_.Sub("backup"));
  ASSERT_NE(backup, nullptr);
  auto key = backup->keys().GetKey("person-x");
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->state, KeyState::kPresent);
  EXPECT_EQ(key->key, "secret-key-bytes");
  auto checkpoint = backup->LatestCheckpoint();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status();
  EXPECT_EQ(checkpoint->tree_size, 2u);
  EXPECT_EQ(checkpoint->note, "note of size 2");
  std::unique_ptr<KvCursor> cursor = backup->NewIndexCursor();
  cursor->Seek("row-key");
  ASSERT_TRUE(cursor->Valid());
  EXPECT_EQ(cursor->key(), "row-key");
  EXPECT_EQ(cursor->value(), "row-value");
}

TEST_F(BackupTest, EmptyLogBacksUpAsAnEmptyLog) {
  absl::StatusOr<BackupInfo> info = store_->Backup(dir_.Sub("empty-backup"));
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->position, Position(0));
  EXPECT_EQ(info->tree_size, 0u);
  EXPECT_EQ(info->root, *store_->RootHash(0));
  std::unique_ptr<EventStore> backup = Open(dir_.Sub("empty-backup"));
  ASSERT_NE(backup, nullptr);
  EXPECT_EQ(backup->HeadPosition(), Position(0));
}

TEST_F(BackupTest, RelativePathIsInvalid) {
  absl::StatusOr<BackupInfo> info = store_->Backup("backups/b1");
  EXPECT_EQ(info.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(info.status().message(),
            "directory: must be an absolute path on the server, got \"backups/b1\"");
  info = store_->Backup("");
  EXPECT_EQ(info.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(BackupTest, ExistingDirectoryIsAlreadyExists) {
  std::filesystem::create_directory(dir_.Sub("taken"));
  absl::StatusOr<BackupInfo> info = store_->Backup(dir_.Sub("taken") + "/");
  EXPECT_EQ(info.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(info.status().message(), "directory: \"" + dir_.Sub("taken") +
                                         "\" already exists; a backup goes to a new directory");
  // A second backup to the same place as a first one.
  ASSERT_TRUE(store_->Backup(dir_.Sub("b")).ok());
  EXPECT_EQ(store_->Backup(dir_.Sub("b")).status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(BackupTest, MissingParentIsFailedPrecondition) {
  absl::StatusOr<BackupInfo> info = store_->Backup(dir_.Sub("no-such-parent/b1"));
  EXPECT_EQ(info.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(info.status().message(), "directory: the parent directory \"" +
                                         dir_.Sub("no-such-parent") + "\" does not exist");
}

TEST_F(BackupTest, DirectoryInsideTheDataDirectoryIsInvalid) {
  absl::StatusOr<BackupInfo> info = store_->Backup(dir_.Sub("db/inside"));
  EXPECT_EQ(info.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(info.status().message()), HasSubstr("is inside the data directory"));
  // A sibling whose name merely starts like the data directory is fine.
  EXPECT_TRUE(store_->Backup(dir_.Sub("db-backup")).ok());
}

}  // namespace
}  // namespace kumppani::store
