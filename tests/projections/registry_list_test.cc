// Listing organisations page by page: three pages read at the first page's
// position while organisations are registered and renamed in between, by
// stream scan and through the kind index; tokens of other listings refused.
#include "ledger/projections/registry/organisation_queries.h"
#include "tests/projections/registry_fixture.h"

namespace kumppani::projections::testing {
namespace {

using ::testing::HasSubstr;

// "<id>=<Finnish name>" per organisation.
std::vector<std::string> Names(const v1::OrganisationList& list) {
  std::vector<std::string> names;
  for (const v1::OrganisationView& o : list.organisations()) {
    names.push_back(absl::StrCat(o.organisation_id(), "=", o.name().fi()));
  }
  return names;
}

class OrganisationListTest : public RegistryTest {
 protected:
  OrganisationListTest() {
    for (const char* id : {"org-01", "org-02", "org-03", "org-04", "org-05"}) RegisterOrg(id);
    RegisterOrg("org-06", "ORGANISATION_KIND_FOUNDATION");
    RegisterOrg("org-07");
  }
};

TEST_F(OrganisationListTest, ThreePagesUnchangedByAppendsBetweenThem) {
  OrganisationFilter all;
  v1::OrganisationList first =
      Value(ListOrganisations(*engine_, all, std::nullopt, PageRequest{3, ""}));
  EXPECT_EQ(Names(first),
            (std::vector<std::string>{"org-01=org-01", "org-02=org-02", "org-03=org-03"}));
  ASSERT_FALSE(first.next_page_token().empty());

  RegisterOrg("org-00");   // sorts before every page
  RegisterOrg("org-045");  // sorts into the second page
  Ok(R"pb(rename_organisation {
            organisation_id: "org-05"
            name { fi: "Uusi" authoritative: LANGUAGE_FI }
            effective_on { year: 2020 month: 1 day: 1 }
          })pb");
  v1::OrganisationList second = Value(
      ListOrganisations(*engine_, all, std::nullopt, PageRequest{3, first.next_page_token()}));
  EXPECT_EQ(Names(second),
            (std::vector<std::string>{"org-04=org-04", "org-05=org-05", "org-06=org-06"}));
  ASSERT_FALSE(second.next_page_token().empty());

  RegisterOrg("org-08");  // sorts after every page
  v1::OrganisationList third = Value(
      ListOrganisations(*engine_, all, std::nullopt, PageRequest{3, second.next_page_token()}));
  EXPECT_EQ(Names(third), (std::vector<std::string>{"org-07=org-07"}));
  EXPECT_EQ(third.next_page_token(), "");

  // A new listing sees everything appended.
  v1::OrganisationList fresh = Value(ListOrganisations(*engine_, all, std::nullopt, PageRequest{}));
  EXPECT_EQ(Names(fresh), (std::vector<std::string>{
                              "org-00=org-00", "org-01=org-01", "org-02=org-02", "org-03=org-03",
                              "org-04=org-04", "org-045=org-045", "org-05=Uusi", "org-06=org-06",
                              "org-07=org-07", "org-08=org-08"}));
  EXPECT_EQ(fresh.next_page_token(), "");
}

TEST_F(OrganisationListTest, ByKindThroughTheIndex) {
  OrganisationFilter associations;
  associations.kind = v1::ORGANISATION_KIND_ASSOCIATION;
  v1::OrganisationList first =
      Value(ListOrganisations(*engine_, associations, std::nullopt, PageRequest{2, ""}));
  EXPECT_EQ(Names(first), (std::vector<std::string>{"org-01=org-01", "org-02=org-02"}));
  RegisterOrg("org-035");
  RegisterOrg("org-99", "ORGANISATION_KIND_FOUNDATION");
  v1::OrganisationList second = Value(ListOrganisations(*engine_, associations, std::nullopt,
                                                        PageRequest{2, first.next_page_token()}));
  EXPECT_EQ(Names(second), (std::vector<std::string>{"org-03=org-03", "org-04=org-04"}));
  v1::OrganisationList third = Value(ListOrganisations(*engine_, associations, std::nullopt,
                                                       PageRequest{2, second.next_page_token()}));
  // org-06 is a foundation.
  EXPECT_EQ(Names(third), (std::vector<std::string>{"org-05=org-05", "org-07=org-07"}));
  EXPECT_EQ(third.next_page_token(), "");

  OrganisationFilter foundations;
  foundations.kind = v1::ORGANISATION_KIND_FOUNDATION;
  EXPECT_EQ(Names(Value(ListOrganisations(*engine_, foundations, std::nullopt, PageRequest{}))),
            (std::vector<std::string>{"org-06=org-06", "org-99=org-99"}));
}

TEST_F(OrganisationListTest, AsOfAndKnownAtArePartOfTheListing) {
  Ok(R"pb(rename_organisation {
            organisation_id: "org-01"
            name { fi: "Uusi" authoritative: LANGUAGE_FI }
            effective_on { year: 2020 month: 1 day: 1 }
          })pb");
  OrganisationFilter all;
  v1::OrganisationList old =
      Value(ListOrganisations(*engine_, all, D(2019, 1, 1), PageRequest{1, ""}));
  EXPECT_EQ(Names(old), (std::vector<std::string>{"org-01=org-01"}));
  EXPECT_EQ(old.organisations(0).as_of().year(), 2019);
  EXPECT_EQ(Names(Value(ListOrganisations(*engine_, all, std::nullopt, PageRequest{1, ""}))),
            (std::vector<std::string>{"org-01=Uusi"}));
  // The token of the 2019 listing belongs to it only.
  absl::StatusOr<v1::OrganisationList> other =
      ListOrganisations(*engine_, all, D(2020, 1, 1), PageRequest{1, old.next_page_token()});
  EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(other.status().message()), HasSubstr("page_token"));
  OrganisationFilter foundations;
  foundations.kind = v1::ORGANISATION_KIND_FOUNDATION;
  EXPECT_EQ(
      ListOrganisations(*engine_, foundations, D(2019, 1, 1), PageRequest{1, old.next_page_token()})
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
  absl::StatusOr<v1::OrganisationList> garbage =
      ListOrganisations(*engine_, all, std::nullopt, PageRequest{1, "not a token"});
  EXPECT_EQ(garbage.status().code(), absl::StatusCode::kInvalidArgument);
  // A first page at an earlier known_at: only what was registered by then.
  Position third_registered = Position(3);
  EXPECT_EQ(
      Names(Value(ListOrganisations(*engine_, all, std::nullopt, PageRequest{}, third_registered))),
      (std::vector<std::string>{"org-01=org-01", "org-02=org-02", "org-03=org-03"}));
}

}  // namespace
}  // namespace kumppani::projections::testing
