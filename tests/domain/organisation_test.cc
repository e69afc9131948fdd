// Organisation and person commands: exact events on the happy path and every
// rule's rejection.
#include "tests/domain/domain_fixture.h"

namespace kumppani::domain::testing {
namespace {

using absl::StatusCode;

class OrganisationTest : public DomainTest {};

TEST_F(OrganisationTest, RegisterWithIdentifiers) {
  CommandResult r = Ok(R"pb(
    register_organisation {
      organisation_id: "org-kyt"
      kind: ORGANISATION_KIND_ASSOCIATION
      name { fi: "Keski-Suomen Yhteisöjen Tuki ry" authoritative: LANGUAGE_FI }
      identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "1572860-0" }
      identifiers { scheme: IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER value: "192.473" }
      founded_on { year: 1997 month: 5 day: 1 }
    })pb");
  ExpectEvents(r, {R"pb(organisation_registered {
    organisation_id: "org-kyt"
    kind: ORGANISATION_KIND_ASSOCIATION
    name { fi: "Keski-Suomen Yhteisöjen Tuki ry" authoritative: LANGUAGE_FI }
    identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "1572860-0" }
    identifiers { scheme: IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER value: "192.473" }
    founded_on { year: 1997 month: 5 day: 1 }
  })pb"});
  EXPECT_EQ(r.stream_id, "org-kyt");
  EXPECT_EQ(r.stream_version, StreamVersion(1));
}

TEST_F(OrganisationTest, RegisterRejections) {
  Fails(R"pb(register_organisation { organisation_id: "body-kyt" kind: ORGANISATION_KIND_ASSOCIATION
             name { fi: "A" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kInvalidArgument, {"register_organisation.organisation_id: must be \"org-<slug>\""});
  Fails(R"pb(register_organisation { organisation_id: "org-a" name { fi: "A" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kInvalidArgument, {"register_organisation.kind: is required"});
  Fails(R"pb(register_organisation { organisation_id: "org-a" kind: ORGANISATION_KIND_ASSOCIATION })pb",
        StatusCode::kInvalidArgument, {"register_organisation.name: is required"});
  Fails(R"pb(register_organisation { organisation_id: "org-a" kind: ORGANISATION_KIND_ASSOCIATION
             name { fi: "A" authoritative: LANGUAGE_FI }
             identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "1572860-1" } })pb",
        StatusCode::kInvalidArgument,
        {"register_organisation.identifiers[0].value: business id \"1572860-1\" has check digit 1, expected 0"});
  Fails(R"pb(register_organisation { organisation_id: "org-a" kind: ORGANISATION_KIND_ASSOCIATION
             name { fi: "A" authoritative: LANGUAGE_FI }
             identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "0000006-0" } })pb",
        StatusCode::kInvalidArgument, {"identifiers[0].value", "remainder 1"});
  Fails(R"pb(register_organisation { organisation_id: "org-a" kind: ORGANISATION_KIND_ASSOCIATION
             name { fi: "A" authoritative: LANGUAGE_FI }
             identifiers { scheme: IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER value: "01.23" } })pb",
        StatusCode::kInvalidArgument, {"identifiers[0].value: an association register number"});
  Fails(R"pb(register_organisation { organisation_id: "org-a" kind: ORGANISATION_KIND_ASSOCIATION
             name { fi: "A" authoritative: LANGUAGE_FI }
             identifiers { value: "x" } })pb",
        StatusCode::kInvalidArgument, {"identifiers[0].scheme: is required"});
  Fails(R"pb(register_organisation { organisation_id: "org-a" kind: ORGANISATION_KIND_ASSOCIATION
             name { fi: "A" authoritative: LANGUAGE_FI }
             identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "0155628-9" }
             identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "0155628-9" } })pb",
        StatusCode::kInvalidArgument, {"identifiers[1]: duplicates"});
  Fails(R"pb(register_organisation { organisation_id: "org-a" kind: ORGANISATION_KIND_ASSOCIATION
             name { fi: "A" authoritative: LANGUAGE_FI } parent_organisation_id: "org-none" })pb",
        StatusCode::kNotFound,
        {"register_organisation.parent_organisation_id: organisation \"org-none\" does not exist"});
  RegisterOrg("org-a");
  Fails(R"pb(register_organisation { organisation_id: "org-a" kind: ORGANISATION_KIND_ASSOCIATION
             name { fi: "A" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kAlreadyExists, {"register_organisation.organisation_id: organisation \"org-a\" already exists"});
}

TEST_F(OrganisationTest, RenameMergeDissolve) {
  RegisterOrg("org-a");
  RegisterOrg("org-b");
  ExpectEvents(Ok(R"pb(rename_organisation { organisation_id: "org-a"
                        name { fi: "Uusi" sv: "Ny" authoritative: LANGUAGE_FI }
                        effective_on { year: 2020 month: 1 day: 1 } })pb"),
               {R"pb(organisation_renamed { organisation_id: "org-a"
                     name { fi: "Uusi" sv: "Ny" authoritative: LANGUAGE_FI }
                     effective_on { year: 2020 month: 1 day: 1 } })pb"});
  Fails(R"pb(merge_organisation { organisation_id: "org-a" into_organisation_id: "org-a"
             effective_on { year: 2021 month: 1 day: 1 } })pb",
        StatusCode::kInvalidArgument, {"merge_organisation.into_organisation_id: must differ"});
  Fails(R"pb(merge_organisation { organisation_id: "org-a" into_organisation_id: "org-x"
             effective_on { year: 2021 month: 1 day: 1 } })pb",
        StatusCode::kNotFound, {"merge_organisation.into_organisation_id: organisation \"org-x\""});
  ExpectEvents(Ok(R"pb(merge_organisation { organisation_id: "org-a" into_organisation_id: "org-b"
                        effective_on { year: 2021 month: 1 day: 1 } })pb"),
               {R"pb(organisation_merged { organisation_id: "org-a" into_organisation_id: "org-b"
                     effective_on { year: 2021 month: 1 day: 1 } })pb"});
  Fails(R"pb(rename_organisation { organisation_id: "org-a" name { fi: "X" authoritative: LANGUAGE_FI }
             effective_on { year: 2022 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition,
        {"rename_organisation.organisation_id: must be an active organisation; \"org-a\" is merged "
         "into org-b on 2021-01-01"});
  Fails(R"pb(merge_organisation { organisation_id: "org-b" into_organisation_id: "org-a"
             effective_on { year: 2022 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"into_organisation_id: must be an active organisation"});
  Fails(R"pb(rename_organisation { organisation_id: "org-none" name { fi: "X" authoritative: LANGUAGE_FI }
             effective_on { year: 2022 month: 1 day: 1 } })pb",
        StatusCode::kNotFound, {"rename_organisation.organisation_id: organisation \"org-none\" does not exist"});
  Fails(R"pb(dissolve_organisation { organisation_id: "org-b" })pb", StatusCode::kInvalidArgument,
        {"dissolve_organisation.effective_on: is required"});
  ExpectEvents(Ok(R"pb(dissolve_organisation { organisation_id: "org-b"
                        effective_on { year: 2023 month: 1 day: 1 }
                        reason { fi: "Lakkautettu" authoritative: LANGUAGE_FI } })pb"),
               {R"pb(organisation_dissolved { organisation_id: "org-b"
                     effective_on { year: 2023 month: 1 day: 1 }
                     reason { fi: "Lakkautettu" authoritative: LANGUAGE_FI } })pb"});
  Fails(R"pb(dissolve_organisation { organisation_id: "org-b" effective_on { year: 2023 month: 2 day: 1 } })pb",
        StatusCode::kFailedPrecondition, {"\"org-b\" is dissolved on 2023-01-01"});
}

TEST_F(OrganisationTest, DissolveNotBeforeFounding) {
  Ok(R"pb(register_organisation { organisation_id: "org-a" kind: ORGANISATION_KIND_FOUNDATION
          name { fi: "A" authoritative: LANGUAGE_FI } founded_on { year: 2010 month: 1 day: 1 } })pb");
  Fails(R"pb(dissolve_organisation { organisation_id: "org-a" effective_on { year: 2009 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition,
        {"dissolve_organisation.effective_on: must not be before the organisation's founding (2010-01-01), got 2009-01-01"});
}

TEST_F(OrganisationTest, Succession) {
  RegisterOrg("org-uusimaa2019", "ORGANISATION_KIND_PREPARATION_PROJECT");
  RegisterOrg("org-ita-uusimaa-hva", "ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY");
  RegisterOrg("org-other", "ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY");
  Fails(R"pb(record_succession { organisation_id: "org-uusimaa2019" successor_organisation_id: "org-uusimaa2019"
             effective_on { year: 2023 month: 1 day: 1 } })pb",
        StatusCode::kInvalidArgument, {"record_succession.successor_organisation_id: must differ"});
  Fails(R"pb(record_succession { organisation_id: "org-nope" successor_organisation_id: "org-other"
             effective_on { year: 2023 month: 1 day: 1 } })pb",
        StatusCode::kNotFound, {"record_succession.organisation_id: organisation \"org-nope\""});
  ExpectEvents(Ok(R"pb(record_succession { organisation_id: "org-uusimaa2019"
                        successor_organisation_id: "org-ita-uusimaa-hva"
                        effective_on { year: 2023 month: 1 day: 1 } })pb"),
               {R"pb(organisation_succeeded { organisation_id: "org-uusimaa2019"
                     successor_organisation_id: "org-ita-uusimaa-hva"
                     effective_on { year: 2023 month: 1 day: 1 } })pb"});
  Fails(R"pb(record_succession { organisation_id: "org-uusimaa2019" successor_organisation_id: "org-other"
             effective_on { year: 2023 month: 1 day: 1 } })pb",
        StatusCode::kFailedPrecondition,
        {"record_succession.organisation_id: an organisation is succeeded at most once; "
         "\"org-uusimaa2019\" was succeeded by \"org-ita-uusimaa-hva\" on 2023-01-01"});
}

TEST_F(OrganisationTest, RegisterPersonStoresOnlyCiphertext) {
  CommandResult r = Ok(R"pb(register_person { person_id: "person-0001"
                          personal_data { full_name: "Aino Esimerkki" email: "aino@example.org" } })pb");
  ASSERT_EQ(r.events.size(), 1u);
  const v1::PersonRegistered& e = r.events[0].person_registered();
  EXPECT_EQ(e.person_id(), "person-0001");
  EXPECT_EQ(e.cipher(), "AES-256-GCM");
  EXPECT_EQ(e.encrypted_personal_data().find("Aino"), std::string::npos);
  EXPECT_GT(e.encrypted_personal_data().size(), 28u);
  auto stored = store_->ReadStream("person-0001", StreamVersion(1), store::Direction::kForward, 10);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->at(0).payload().find("aino@example.org"), std::string::npos);
  EXPECT_EQ(store_->keys().GetKey("person-0001")->state, store::KeyState::kPresent);
}

TEST_F(OrganisationTest, PersonRejections) {
  Fails(R"pb(register_person { person_id: "person-1" })pb", StatusCode::kInvalidArgument,
        {"register_person.personal_data.full_name: is required"});
  Fails(R"pb(register_person { person_id: "person-1" personal_data { full_name: "A" email: "nope" } })pb",
        StatusCode::kInvalidArgument, {"register_person.personal_data.email: must contain '@'"});
  Fails(R"pb(register_person { person_id: "org-1" personal_data { full_name: "A" } })pb",
        StatusCode::kInvalidArgument, {"register_person.person_id: must be \"person-<slug>\""});
  RegisterPersonNamed("person-1", "A");
  Fails(R"pb(register_person { person_id: "person-1" personal_data { full_name: "B" } })pb",
        StatusCode::kAlreadyExists, {"person \"person-1\" already exists"});
  Fails(R"pb(erase_person { person_id: "person-2" })pb", StatusCode::kNotFound,
        {"erase_person.person_id: person \"person-2\" does not exist"});
  CommandResult erased = Ok(R"pb(erase_person { person_id: "person-1" legal_basis: "GDPR 17, request 2024-1" })pb");
  ExpectEvents(erased, {R"pb(person_erased { person_id: "person-1" erased_at { seconds: 1704067200 }
                             legal_basis: "GDPR 17, request 2024-1" })pb"});
  Fails(R"pb(erase_person { person_id: "person-1" })pb", StatusCode::kFailedPrecondition,
        {"erase_person.person_id: a person is erased once; \"person-1\" is already erased"});
}

}  // namespace
}  // namespace kumppani::domain::testing
