// Erasure (GDPR art. 17): after ErasePerson the person's clear e-mail and
// their key are in no file of the data directory, the events stay valid and
// readable, the log still verifies, and the membership shows as held by an
// erased person.
#include "ledger/audit/log_verifier.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/domain/person_reader.h"
#include "ledger/domain/states.h"
#include "tests/domain/domain_fixture.h"
#include "tests/testing/file_scan.h"

namespace kumppani::domain::testing {
namespace {

using ::kumppani::testing::FilesContaining;
using ::testing::IsEmpty;

class ErasureTest : public DomainTest {};

TEST_F(ErasureTest, ErasedPersonsDataAndKeyAreGoneFromDisk) {
  const std::string email = "aino.esimerkki.9317@example.org";
  const std::string name = "Aino Esimerkki-Kuvitteellinen";
  RegisterOrg("org-ks-liitto", "ORGANISATION_KIND_REGIONAL_COUNCIL");
  EstablishBody("body-kp", "org-ks-liitto");
  AddSeat("body-kp", "chair", "POST_KIND_CHAIR");
  Ok(R"pb(register_person { person_id: "person-ks-0001"
          personal_data { full_name: "Aino Esimerkki-Kuvitteellinen" email: "aino.esimerkki.9317@example.org"
                          phone: "+358 40 000 0000" } })pb");
  Ok(R"pb(appoint_member { body_id: "body-kp" membership_id: "m-chair" seat_id: "chair" person_id: "person-ks-0001"
          term { start { year: 2019 month: 3 day: 1 } } })pb");

  // Before erasure: readable through the key, never in clear on disk.
  absl::StatusOr<PersonView> before = ReadPerson(*store_, "person-ks-0001");
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_TRUE(before->personal_data.has_value());
  EXPECT_EQ(before->personal_data->email(), email);
  absl::StatusOr<store::KeyLookup> key = store_->keys().GetKey("person-ks-0001");
  ASSERT_TRUE(key.ok());
  ASSERT_EQ(key->state, store::KeyState::kPresent);
  const std::string key_bytes = key->key;
  ASSERT_EQ(key_bytes.size(), 32u);
  EXPECT_THAT(FilesContaining(dir_.path(), email), IsEmpty());
  EXPECT_THAT(FilesContaining(dir_.path(), name), IsEmpty());

  const uint64_t size_before = store_->HeadPosition().value();
  const Hash root_before = *store_->RootHash(size_before);

  ExpectEvents(Ok(R"pb(erase_person { person_id: "person-ks-0001" legal_basis: "GDPR art. 17" })pb"),
               {R"pb(person_erased { person_id: "person-ks-0001" erased_at { seconds: 1704067200 }
                     legal_basis: "GDPR art. 17" })pb"});

  // The key and the clear data are in no file (DestroyKey flushed and compacted).
  EXPECT_THAT(FilesContaining(dir_.path(), key_bytes), IsEmpty());
  EXPECT_THAT(FilesContaining(dir_.path(), email), IsEmpty());
  EXPECT_EQ(store_->keys().GetKey("person-ks-0001")->state, store::KeyState::kDestroyed);

  // Reads show the person as erased; the membership stays, held by them.
  absl::StatusOr<PersonView> after = ReadPerson(*store_, "person-ks-0001");
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_TRUE(after->erased);
  EXPECT_FALSE(after->personal_data.has_value());
  BodyState body = Fold<BodyState>(Effective("body-kp"));
  const Membership* chair = body.HolderOf("chair");
  ASSERT_NE(chair, nullptr);
  EXPECT_EQ(chair->appointed.person_id(), "person-ks-0001");
  EXPECT_TRUE(Fold<PersonState>(Effective("person-ks-0001")).erased);

  // The ciphertext is still in the log, and nothing opens it any more.
  std::vector<v1::Event> person = Effective("person-ks-0001");
  ASSERT_EQ(person.size(), 2u);
  auto decrypted = DecryptPersonRegistered(person[0].person_registered(), store_->keys());
  ASSERT_TRUE(decrypted.ok());
  EXPECT_FALSE(decrypted->has_value());

  // The log still verifies end to end, and the history before the erasure
  // is provably unchanged: same root, and a consistent extension.
  absl::StatusOr<audit::LogVerification> verified = audit::VerifyLog(*store_);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->tree_size, size_before + 1);
  EXPECT_EQ(*store_->RootHash(size_before), root_before);
  auto proof = store_->ConsistencyProof(size_before, verified->tree_size);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(audit::VerifyConsistency(size_before, verified->tree_size, root_before,
                                       verified->root, *proof)
                  .ok());

  // Also after closing and reopening the store.
  Open();
  EXPECT_THAT(FilesContaining(dir_.path(), key_bytes), IsEmpty());
  EXPECT_THAT(FilesContaining(dir_.path(), email), IsEmpty());
  EXPECT_TRUE(ReadPerson(*store_, "person-ks-0001")->erased);
  // An erased person's id is never registered again.
  Fails(R"pb(register_person { person_id: "person-ks-0001" personal_data { full_name: "X" } })pb",
        absl::StatusCode::kAlreadyExists, {"person \"person-ks-0001\" already exists"});
}

}  // namespace
}  // namespace kumppani::domain::testing
