// Grant and programme listings: filters by recipient, programme, year and
// region, as_of, and pagination that keeps one picture while appends go on.
#include <vector>

#include "ledger/projections/grants/grant_programme_queries.h"
#include "tests/projections/grants_fixture.h"

namespace kumppani::projections::testing {
namespace {

using absl::StatusCode;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class GrantsListTest : public GrantsTest {
 protected:
  GrantsListTest() { RecordScenario(); }

  absl::StatusOr<v1::ListGrantsResponse> List(const std::string& filter,
                                              const std::optional<v1::Date>& as_of = std::nullopt,
                                              size_t page_size = 0, const std::string& token = "") {
    return ListGrants(*engine_, Parse<v1::GrantFilter>(filter), as_of,
                      PageRequest{page_size, token});
  }

  // The ids of one whole listing (one page of up to 1,000).
  std::vector<std::string> Ids(const std::string& filter,
                               const std::optional<v1::Date>& as_of = std::nullopt) {
    absl::StatusOr<v1::ListGrantsResponse> page = List(filter, as_of);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> ids;
    if (!page.ok()) return ids;
    EXPECT_EQ(page->next_page_token(), "");
    for (const v1::GrantView& grant : page->grants()) ids.push_back(grant.grant_id());
    return ids;
  }
};

TEST_F(GrantsListTest, FiltersSelectByRecipientProgrammeYearAndRegion) {
  EXPECT_THAT(Ids(""), ElementsAre("grant-a1", "grant-a2", "grant-b1", "grant-b2"));
  EXPECT_THAT(Ids("recipient_organisation_id: \"org-a\""), ElementsAre("grant-a1", "grant-a2"));
  EXPECT_THAT(Ids("programme_id: \"programme-stm-kehitys\""), ElementsAre("grant-a2", "grant-b2"));
  EXPECT_THAT(Ids("year: 2021"), ElementsAre("grant-a1", "grant-b1"));
  EXPECT_THAT(Ids("region_organisation_id: \"org-ph-hva\""), ElementsAre("grant-a1", "grant-b1"));
  EXPECT_THAT(Ids("recipient_organisation_id: \"org-b\" year: 2022"), ElementsAre("grant-b2"));
  EXPECT_THAT(Ids("region_organisation_id: \"org-stm\" recipient_organisation_id: \"org-a\""),
              ElementsAre("grant-a2"));
  EXPECT_THAT(Ids("recipient_organisation_id: \"org-none\""), ElementsAre());
  EXPECT_THAT(Ids("", D(2021, 12, 31)), ElementsAre("grant-a1", "grant-b1"));
  EXPECT_THAT(Ids("", D(2021, 2, 28)), ElementsAre("grant-a1"));
}

TEST_F(GrantsListTest, ItemsStandAsOfTheRequestedDay) {
  absl::StatusOr<v1::ListGrantsResponse> page = List("year: 2021", D(2021, 6, 30));
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->grants_size(), 2);
  EXPECT_EQ(page->read_position(), Head().value());
  EXPECT_EQ(page->grants(0).stage(), v1::GRANT_STAGE_PAID);
  ExpectProto(page->grants(0).amounts(), R"pb(applied_cents: 1000000
                                              awarded_cents: 800000
                                              paid_cents: 500000
                                              outstanding_cents: 500000)pb");
  ExpectProto(page->grants(0).as_of(), "year: 2021 month: 6 day: 30");
  ExpectProto(page->grants(1).amounts(), R"pb(applied_cents: 3000000
                                              awarded_cents: 3000000
                                              paid_cents: 3000000
                                              outstanding_cents: 3000000)pb");
}

TEST_F(GrantsListTest, PagesKeepTheirPictureWhileEventsAreAppended) {
  const Position first_known_at = Head();
  std::vector<std::string> ids;
  std::string token;
  int pages = 0;
  do {
    absl::StatusOr<v1::ListGrantsResponse> page = List("", std::nullopt, 1, token);
    ASSERT_TRUE(page.ok()) << page.status();
    ASSERT_EQ(page->grants_size(), 1) << "page " << pages;
    EXPECT_EQ(page->read_position(), first_known_at.value());
    ids.push_back(page->grants(0).grant_id());
    if (page->grants(0).grant_id() == "grant-b2") {
      // Awarded after the listing began: still undecided in this listing.
      EXPECT_EQ(page->grants(0).stage(), v1::GRANT_STAGE_APPLIED);
    }
    token = page->next_page_token();
    ++pages;
    // Between pages: new grants before and after the cursor, and a change
    // to a grant not listed yet.
    if (pages == 1) {
      Apply("grant-a0", "programme-stm-kehitys", "org-a", 1000, D(2022, 3, 1));
      Apply("grant-c1", "programme-stm-kehitys", "org-b", 1000, D(2022, 3, 1));
    } else if (pages == 2) {
      Ok(R"pb(award_grant {
                grant_id: "grant-b2"
                amount_cents: 500000
                awarded_on { year: 2022 month: 4 day: 15 }
                usage_period {
                  start { year: 2022 month: 5 day: 1 }
                  end { year: 2022 month: 12 day: 31 }
                }
              })pb");
    }
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 4);
  EXPECT_THAT(ids, ElementsAre("grant-a1", "grant-a2", "grant-b1", "grant-b2"));
  EXPECT_GT(Head().value(), first_known_at.value() + 2);

  // A fresh listing sees everything.
  EXPECT_THAT(Ids(""),
              ElementsAre("grant-a0", "grant-a1", "grant-a2", "grant-b1", "grant-b2", "grant-c1"));
  absl::StatusOr<v1::GrantView> b2 = Get("grant-b2");
  ASSERT_TRUE(b2.ok()) << b2.status();
  EXPECT_EQ(b2->stage(), v1::GRANT_STAGE_AWARDED);
}

TEST_F(GrantsListTest, FilteredPagesAndTokens) {
  absl::StatusOr<v1::ListGrantsResponse> first =
      List("recipient_organisation_id: \"org-a\"", std::nullopt, 1);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->grants_size(), 1);
  EXPECT_EQ(first->grants(0).grant_id(), "grant-a1");
  ASSERT_FALSE(first->next_page_token().empty());
  Apply("grant-a3", "programme-stm-kehitys", "org-a", 1000, D(2022, 3, 1));
  absl::StatusOr<v1::ListGrantsResponse> second =
      List("recipient_organisation_id: \"org-a\"", std::nullopt, 1, first->next_page_token());
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->grants_size(), 1);
  EXPECT_EQ(second->grants(0).grant_id(), "grant-a2");
  EXPECT_EQ(second->next_page_token(), "");

  // A token works only with the listing that made it.
  absl::StatusOr<v1::ListGrantsResponse> other =
      List("recipient_organisation_id: \"org-b\"", std::nullopt, 1, first->next_page_token());
  EXPECT_EQ(other.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(other.status().message()), HasSubstr("page_token"));
  absl::StatusOr<v1::ListGrantsResponse> other_day =
      List("recipient_organisation_id: \"org-a\"", D(2022, 1, 1), 1, first->next_page_token());
  EXPECT_EQ(other_day.status().code(), StatusCode::kInvalidArgument);
  absl::StatusOr<v1::ListGrantsResponse> garbage = List("", std::nullopt, 1, "not a token");
  EXPECT_EQ(garbage.status().code(), StatusCode::kInvalidArgument);
  absl::StatusOr<v1::ListGrantsResponse> bad_filter = List("programme_id: \"grant-a1\"");
  EXPECT_EQ(bad_filter.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_filter.status().message()), HasSubstr("filter.programme_id"));
}

TEST_F(GrantsListTest, Programmes) {
  absl::StatusOr<v1::GrantProgrammeView> programme =
      GetGrantProgramme(View(grants::kProgrammesProjection), "programme-ph-avustus");
  ASSERT_TRUE(programme.ok()) << programme.status();
  ExpectProto(*programme, R"pb(
    programme_id: "programme-ph-avustus"
    funder_organisation_id: "org-ph-hva"
    region_organisation_id: "org-ph-hva"
    title { fi: "programme-ph-avustus" authoritative: LANGUAGE_FI }
    rules { fi: "Säännöt" authoritative: LANGUAGE_FI }
    budget_cents: 100000000
    application_period {
      start { year: 2021 month: 1 day: 1 }
      end { year: 2021 month: 3 day: 31 }
    }
    year: 2021)pb");
  absl::StatusOr<v1::GrantProgrammeView> not_yet = GetGrantProgramme(
      View(grants::kProgrammesProjection), "programme-stm-kehitys", D(2021, 12, 31));
  EXPECT_EQ(not_yet.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(not_yet.status().message(),
            "programme_id: grant programme \"programme-stm-kehitys\" opened only on 2022-01-01, "
            "after as_of 2021-12-31");
  absl::StatusOr<v1::GrantProgrammeView> missing =
      GetGrantProgramme(View(grants::kProgrammesProjection), "programme-none");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);

  auto ids = [&](const std::string& filter, size_t page_size, const std::string& token) {
    absl::StatusOr<v1::ListGrantProgrammesResponse> page =
        ListGrantProgrammes(*engine_, Parse<v1::GrantProgrammeFilter>(filter), std::nullopt,
                            PageRequest{page_size, token});
    std::vector<std::string> out;
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return std::make_pair(out, std::string());
    for (const v1::GrantProgrammeView& p : page->programmes()) out.push_back(p.programme_id());
    return std::make_pair(out, page->next_page_token());
  };
  auto [all, all_token] = ids("", 0, "");
  EXPECT_THAT(all, ElementsAre("programme-ph-avustus", "programme-stm-kehitys"));
  EXPECT_EQ(all_token, "");
  EXPECT_THAT(ids("funder_organisation_id: \"org-stm\"", 0, "").first,
              ElementsAre("programme-stm-kehitys"));
  EXPECT_THAT(ids("region_organisation_id: \"org-ph-hva\"", 0, "").first,
              ElementsAre("programme-ph-avustus"));
  EXPECT_THAT(ids("year: 2022", 0, "").first, ElementsAre("programme-stm-kehitys"));
  auto [first, token] = ids("", 1, "");
  EXPECT_THAT(first, ElementsAre("programme-ph-avustus"));
  OpenProgramme("programme-aaa", "org-stm", 2023, 1000);
  auto [second, end] = ids("", 1, token);
  EXPECT_THAT(second, ElementsAre("programme-stm-kehitys"));
  EXPECT_EQ(end, "");
}

}  // namespace
}  // namespace kumppani::projections::testing
