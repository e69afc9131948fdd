// The store's Merkle tree: written with the events, equal to the RFC 9162
// reference over the events' canonical bytes, and its proofs verify with the
// independent verifiers of ledger/audit.
#include <thread>

#include "gtest/gtest.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/store/canonical_bytes.h"
#include "ledger/store/event_store.h"
#include "tests/testing/events.h"
#include "tests/testing/naive_merkle.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::store {
namespace {

using ::kumppani::testing::MakeAppend;
using ::kumppani::testing::MakeEvent;
using ::kumppani::testing::NaiveTree;

class StoreTreeTest : public ::testing::Test {
 protected:
  StoreTreeTest() { Reopen(); }
  void Reopen() {
    store_.reset();
    StoreOptions options;
    options.path = dir_.Sub("db");
    store_ = *EventStore::Open(options);
  }
  NaiveTree Reference() {
    std::vector<std::string> inputs;
    auto events = store_->ReadAll(Position(1), 100000);
    EXPECT_TRUE(events.ok()) << events.status();
    if (!events.ok()) return NaiveTree({});
    for (const EventEnvelope& event : *events) inputs.push_back(CanonicalBytes(event));
    return NaiveTree(std::move(inputs));
  }
  kumppani::testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(StoreTreeTest, EmptyLogHasTheEmptyRoot) {
  EXPECT_EQ(HashToHex(*store_->RootHash(0)),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(store_->RootHash(1).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(StoreTreeTest, RootsAndProofsMatchTheReferenceAtEverySize) {
  // Appends of 1, 2, 3, ... events, so groups end at many tree shapes.
  for (int n = 1; n <= 9; ++n) {
    std::vector<EventEnvelope> events;
    for (int i = 0; i < n; ++i) events.push_back(MakeEvent("A", std::to_string(n * 100 + i)));
    ASSERT_TRUE(
        store_->Append(MakeAppend("org-" + std::to_string(n % 3), ExpectedVersion::Any(), events))
            .ok());
  }
  const uint64_t size = store_->HeadPosition().value();
  ASSERT_EQ(size, 45u);
  NaiveTree reference = Reference();
  for (uint64_t n = 1; n <= size; ++n) {
    Hash root = *store_->RootHash(n);
    ASSERT_EQ(root, reference.Mth(0, n)) << "size " << n;
    for (uint64_t m = 0; m < n; m += 3) {
      auto proof = store_->InclusionProof(Position(m + 1), n);
      ASSERT_TRUE(proof.ok()) << proof.status();
      Hash leaf = *store_->LeafHash(Position(m + 1));
      ASSERT_EQ(leaf, reference.Mth(m, m + 1));
      EXPECT_TRUE(audit::VerifyInclusion(m, n, leaf, *proof, root).ok()) << m << "/" << n;
    }
    for (uint64_t old = 1; old <= n; old += 4) {
      auto proof = store_->ConsistencyProof(old, n);
      ASSERT_TRUE(proof.ok()) << proof.status();
      EXPECT_TRUE(audit::VerifyConsistency(old, n, *store_->RootHash(old), root, *proof).ok())
          << old << "->" << n;
    }
  }
}

TEST_F(StoreTreeTest, TreeSurvivesRestartAndConcurrentAppends) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        ASSERT_TRUE(store_
                        ->Append(MakeAppend("org-" + std::to_string(t), ExpectedVersion::Any(),
                                            {MakeEvent("A", std::to_string(i))}))
                        .ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  Hash before = *store_->RootHash(200);
  Reopen();
  EXPECT_EQ(*store_->RootHash(200), before);
  ASSERT_TRUE(
      store_->Append(MakeAppend("org-9", ExpectedVersion::Any(), {MakeEvent("B", "x")})).ok());
  EXPECT_EQ(*store_->RootHash(201), Reference().Mth(0, 201));
  EXPECT_EQ(*store_->RootHash(200), before);
}

TEST_F(StoreTreeTest, RejectsSizesBeyondTheHead) {
  ASSERT_TRUE(
      store_->Append(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")})).ok());
  EXPECT_EQ(store_->InclusionProof(Position(2), 2).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->InclusionProof(Position(0), 1).status().message(),
            "position: must be at least 1");
  EXPECT_EQ(store_->ConsistencyProof(1, 5).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->LeafHash(Position(2)).status().code(), absl::StatusCode::kNotFound);
}

// merkle_tree = false (benchmarks of the tree's cost) writes no tree nodes,
// and is refused for a store that already holds events, so that a real
// ledger can never grow a tree with holes.
TEST_F(StoreTreeTest, WithoutTheTreeOnlyForFreshStores) {
  store_.reset();
  StoreOptions without;
  without.path = dir_.Sub("no-tree");
  without.merkle_tree = false;
  auto fresh = EventStore::Open(without);
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  ASSERT_TRUE(
      (*fresh)->Append(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")})).ok());
  EXPECT_FALSE((*fresh)->LeafHash(Position(1)).ok());
  fresh->reset();

  Reopen();
  ASSERT_TRUE(
      store_->Append(MakeAppend("org-1", ExpectedVersion::Any(), {MakeEvent("A", "x")})).ok());
  store_.reset();
  without.path = dir_.Sub("db");
  auto refused = EventStore::Open(without);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().message(),
            "merkle_tree: a store holding events must keep its Merkle tree (false is for fresh "
            "benchmark stores only)");
}

}  // namespace
}  // namespace kumppani::store
