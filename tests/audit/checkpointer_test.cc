// Checkpoints of a real store: signed, stored, verifiable with the published
// verifier key, consistent with each other, made on demand and periodically.
#include "ledger/audit/checkpointer.h"

#include <sys/stat.h>

#include <thread>

#include "gtest/gtest.h"
#include "ledger/audit/checkpoint.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/audit/signed_note.h"
#include "tests/testing/events.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::audit {
namespace {

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;
using store::ExpectedVersion;

constexpr char kOrigin[] = "kumppani.test/log";

class CheckpointerTest : public ::testing::Test {
 protected:
  CheckpointerTest() : clock_(1'700'000'000'123'000) { Open(); }
  void Open() {
    checkpointer_.reset();
    store_.reset();
    store::StoreOptions options;
    options.path = dir_.Sub("db");
    store_ = *store::EventStore::Open(options);
    auto key = LoadOrCreateCheckpointKey(dir_.Sub("checkpoint-key.pem"));
    ASSERT_TRUE(key.ok()) << key.status();
    checkpointer_ = std::make_unique<Checkpointer>(*store_, *std::move(key), kOrigin, clock_);
  }
  void AppendEvents(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(store_->Append(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")})).ok());
    }
  }
  kumppani::testing::TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<Checkpointer> checkpointer_;
};

TEST_F(CheckpointerTest, EmptyLogHasNoCheckpoint) {
  EXPECT_EQ(checkpointer_->Checkpoint().status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->LatestCheckpoint().status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CheckpointerTest, SignsTheHeadAndVerifiesWithTheVerifierKey) {
  AppendEvents(10);
  auto stored = checkpointer_->Checkpoint();
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->tree_size, 10u);
  auto vkey = ParseVerifierKey(checkpointer_->verifier_key());
  ASSERT_TRUE(vkey.ok()) << vkey.status();
  auto verified = VerifyCheckpoint(stored->note, *vkey);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->origin, kOrigin);
  EXPECT_EQ(verified->tree_size, 10u);
  EXPECT_EQ(verified->root_hash, *store_->RootHash(10));
  EXPECT_EQ(verified->timestamp_ms, 1'700'000'000'123);
  // Nothing new: the same checkpoint.
  clock_.Advance(1'000'000);
  EXPECT_EQ(checkpointer_->Checkpoint()->note, stored->note);
}

TEST_F(CheckpointerTest, LaterCheckpointsAreProvablyConsistent) {
  AppendEvents(10);
  auto first = *VerifyCheckpoint(checkpointer_->Checkpoint()->note,
                                 *ParseVerifierKey(checkpointer_->verifier_key()));
  AppendEvents(7);
  auto second = *VerifyCheckpoint(checkpointer_->Checkpoint()->note,
                                  *ParseVerifierKey(checkpointer_->verifier_key()));
  EXPECT_EQ(second.tree_size, 17u);
  auto proof = store_->ConsistencyProof(first.tree_size, second.tree_size);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(VerifyConsistency(first.tree_size, second.tree_size, first.root_hash,
                                second.root_hash, *proof)
                  .ok());
  // Stored, and kept across a restart with the same key.
  std::string vkey_before = checkpointer_->verifier_key();
  Open();
  EXPECT_EQ(checkpointer_->verifier_key(), vkey_before);
  EXPECT_EQ(store_->LatestCheckpoint()->tree_size, 17u);
  EXPECT_TRUE(store_->CheckpointAt(10).ok());
  EXPECT_EQ(store_->CheckpointAt(11).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CheckpointerTest, KeyFileIsPrivate) {
  struct stat info;
  ASSERT_EQ(stat(dir_.Sub("checkpoint-key.pem").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
}

TEST_F(CheckpointerTest, StoreRejectsBadCheckpoints) {
  AppendEvents(3);
  EXPECT_EQ(store_->PutCheckpoint({4, "note"}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->PutCheckpoint({3, ""}).code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(checkpointer_->Checkpoint().ok());
  EXPECT_EQ(store_->PutCheckpoint({3, "another note"}).code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(CheckpointerTest, PeriodicCheckpointsFollowTheLog) {
  checkpointer_->StartPeriodic(std::chrono::milliseconds(10));
  AppendEvents(5);
  uint64_t seen = 0;
  for (int i = 0; i < 500 && seen != 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    auto latest = store_->LatestCheckpoint();
    if (latest.ok()) seen = latest->tree_size;
  }
  EXPECT_EQ(seen, 5u);
}

}  // namespace
}  // namespace kumppani::audit
