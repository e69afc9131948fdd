// The key vault: storing, reading and destroying per-subject keys, and the
// purge of a destroyed key from every file of the data directory.
#include "ledger/store/key_vault.h"

#include "gtest/gtest.h"
#include "ledger/store/event_store.h"
#include "tests/testing/events.h"
#include "tests/testing/file_scan.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::FilesContaining;
using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;

class KeyVaultTest : public ::testing::Test {
 protected:
  KeyVaultTest() { Reopen(); }
  void Reopen() {
    store_.reset();
    StoreOptions options;
    options.path = dir_.Sub("db");
    store_ = *EventStore::Open(options);
  }
  KeyVault& vault() { return store_->keys(); }

  kumppani::testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(KeyVaultTest, PutGetAndIdempotentPut) {
  EXPECT_EQ(vault().GetKey("person-1")->state, KeyState::kAbsent);
  ASSERT_TRUE(vault().PutKey("person-1", "secret-key-1").ok());
  ASSERT_TRUE(vault().PutKey("person-1", "secret-key-1").ok());
  auto lookup = vault().GetKey("person-1");
  ASSERT_TRUE(lookup.ok());
  EXPECT_EQ(lookup->state, KeyState::kPresent);
  EXPECT_EQ(lookup->key, "secret-key-1");
  absl::Status other = vault().PutKey("person-1", "another");
  EXPECT_EQ(other.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(other.message(), "subject \"person-1\": already has another key");
  Reopen();
  EXPECT_EQ(vault().GetKey("person-1")->key, "secret-key-1");
}

TEST_F(KeyVaultTest, RejectsBadInput) {
  EXPECT_EQ(vault().PutKey("", "k").message(), "subject: must be 1..128 bytes, got 0");
  EXPECT_EQ(vault().PutKey("person-1", "").message(), "key: must not be empty");
  EXPECT_EQ(vault().DestroyKey("person-9").code(), absl::StatusCode::kNotFound);
}

TEST_F(KeyVaultTest, DestroyedKeyIsGoneAndCannotReturn) {
  ASSERT_TRUE(vault().PutKey("person-1", "secret-key-1").ok());
  ASSERT_TRUE(vault().DestroyKey("person-1").ok());
  ASSERT_TRUE(vault().DestroyKey("person-1").ok());  // idempotent
  EXPECT_EQ(vault().GetKey("person-1")->state, KeyState::kDestroyed);
  EXPECT_TRUE(vault().GetKey("person-1")->key.empty());
  absl::Status again = vault().PutKey("person-1", "secret-key-1");
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition);
  Reopen();
  EXPECT_EQ(vault().GetKey("person-1")->state, KeyState::kDestroyed);
}

TEST_F(KeyVaultTest, DestroyPurgesKeyBytesFromDisk) {
  const std::string key = "K3y-bytes-that-must-vanish-0123456789abcdef";
  ASSERT_TRUE(vault().PutKey("person-1", key).ok());
  ASSERT_TRUE(vault().PutKey("person-2", "survivor-key-material-xyz").ok());
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(store_->Append(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")})).ok());
  }
  ASSERT_FALSE(FilesContaining(dir_.path(), key).empty());  // the scan does find it first
  ASSERT_TRUE(vault().DestroyKey("person-1").ok());
  EXPECT_EQ(FilesContaining(dir_.path(), key), std::vector<std::string>{});
  Reopen();
  EXPECT_EQ(FilesContaining(dir_.path(), key), std::vector<std::string>{});
  EXPECT_EQ(vault().GetKey("person-2")->key, "survivor-key-material-xyz");
  EXPECT_EQ(store_->HeadPosition(), Position(50));
}

}  // namespace
}  // namespace kumppani::store
