// GrantService through an in-process channel on the demo scenario (one
// state programme, six grants each awarded in full on 2021-09-15 and half
// paid on 2021-10-15): every RPC's answer with exact values, as_of and
// known_at (before and after a retracted payment), pagination that stays
// stable while grants are applied for, bad input, NOT_FOUND and
// UNAUTHENTICATED.
#include "api/grant_service.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "api/status_mapping.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "kumppani/v1/grant_service.grpc.pb.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/stream_reader.h"
#include "tests/api/service_fixture.h"

namespace kumppani::api {
namespace {

using ::kumppani::api::testing::Context;
using ::kumppani::api::testing::kAdmin;
using ::kumppani::api::testing::kAuditor;
using ::kumppani::api::testing::kNgo;
using ::kumppani::api::testing::kPublic;
using ::kumppani::api::testing::kRecorder;
using ::testing::ElementsAre;
using ::testing::StartsWith;

using Stub = v1::GrantService::Stub;

constexpr char kProgramme[] = "programme-stm-alueellinen-valmistelu";
constexpr char kHelsinki[] = "grant-stm-valmistelu-helsinki";

std::vector<std::string> GrantIds(const v1::ListGrantsResponse& page) {
  std::vector<std::string> ids;
  for (const auto& grant : page.grants()) ids.push_back(grant.grant_id());
  return ids;
}

void ExpectError(const absl::Status& status, absl::StatusCode code, const std::string& message) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_EQ(std::string(status.message()), message);
}

// `actual` equals the message given in text format.
template <typename Message>
void ExpectProto(const Message& actual, const std::string& expected_text) {
  Message expected;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(expected_text, &expected))
      << expected_text;
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(actual, expected))
      << "actual: " << actual.ShortDebugString() << "\nexpected: " << expected.ShortDebugString();
}

class GrantServiceTest : public testing::DemoQueryServiceTest<GrantService, v1::GrantService> {
 protected:
  // Retracts the Helsinki grant's instalment (its stream's third event).
  void RetractHelsinkiPayment() {
    absl::StatusOr<domain::LoadedStream> stream = domain::ReadLoadedStream(store(), kHelsinki);
    ASSERT_TRUE(stream.ok()) << stream.status();
    ASSERT_EQ(stream->envelopes.size(), 3u);
    ASSERT_EQ(stream->envelopes[2].event_type(), "GrantPaid");
    absl::StatusOr<EventId> paid = EventId::FromBytes(stream->envelopes[2].event_id(), "id");
    ASSERT_TRUE(paid.ok());
    Ok(absl::StrCat("retract_event { stream_id: \"", kHelsinki, "\" target_event_id: \"",
                    paid->ToString(), "\" reason { fi: \"Virhe\" authoritative: LANGUAGE_FI } }"));
  }
};

// ---------------------------------------------------------------- programmes

TEST_F(GrantServiceTest, GetGrantProgramme) {
  auto response =
      Call(&Stub::GetGrantProgramme, absl::StrCat("programme_id: \"", kProgramme, "\""));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->read_position(), Head());
  const v1::GrantProgrammeView& programme = response->programme();
  EXPECT_EQ(programme.programme_id(), kProgramme);
  EXPECT_EQ(programme.funder_organisation_id(), "org-stm");
  EXPECT_EQ(programme.region_organisation_id(), "org-stm");
  EXPECT_EQ(programme.budget_cents(), 10000000000);
  EXPECT_EQ(programme.year(), 2021);
  EXPECT_EQ(domain::FormatDate(programme.application_period().start()), "2021-05-01");
  EXPECT_EQ(domain::FormatDate(programme.application_period().end()), "2021-06-30");
  EXPECT_EQ(programme.title().fi(),
            "Sote-rakenneuudistusta tukevan alueellisen valmistelun valtionavustus");

  auto opened =
      Call(&Stub::GetGrantProgramme,
           absl::StrCat("programme_id: \"", kProgramme, "\" as_of { year: 2021 month: 5 day: 1 }"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  ExpectError(
      Call(&Stub::GetGrantProgramme,
           absl::StrCat("programme_id: \"", kProgramme, "\" as_of { year: 2021 month: 4 day: 30 }"))
          .status(),
      absl::StatusCode::kNotFound,
      absl::StrCat("programme_id: grant programme \"", kProgramme,
                   "\" opened only on 2021-05-01, after as_of 2021-04-30"));
  ExpectError(Call(&Stub::GetGrantProgramme,
                   absl::StrCat("programme_id: \"", kProgramme, "\" known_at { position: 1 }"))
                  .status(),
              absl::StatusCode::kNotFound,
              absl::StrCat("programme_id: grant programme \"", kProgramme, "\" does not exist"));
  ExpectError(Call(&Stub::GetGrantProgramme, "programme_id: \"grant-stm\"").status(),
              absl::StatusCode::kInvalidArgument,
              "programme_id: must be \"programme-<slug>\", got \"grant-stm\"");
}

TEST_F(GrantServiceTest, ListGrantProgrammes) {
  auto all = Call(&Stub::ListGrantProgrammes, "");
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->programmes_size(), 1);
  EXPECT_EQ(all->programmes(0).programme_id(), kProgramme);
  EXPECT_EQ(all->read_position(), Head());
  EXPECT_EQ(all->next_page_token(), "");

  auto stm_2021 =
      Call(&Stub::ListGrantProgrammes, "filter { funder_organisation_id: \"org-stm\" year: 2021 }");
  ASSERT_TRUE(stm_2021.ok()) << stm_2021.status();
  EXPECT_EQ(stm_2021->programmes_size(), 1);
  auto in_2022 = Call(&Stub::ListGrantProgrammes, "filter { year: 2022 }");
  ASSERT_TRUE(in_2022.ok()) << in_2022.status();
  EXPECT_EQ(in_2022->programmes_size(), 0);
  auto before_opening = Call(&Stub::ListGrantProgrammes, "as_of { year: 2021 month: 4 day: 30 }");
  ASSERT_TRUE(before_opening.ok()) << before_opening.status();
  EXPECT_EQ(before_opening->programmes_size(), 0);
  auto at_start = Call(&Stub::ListGrantProgrammes, "known_at { position: 1 }");
  ASSERT_TRUE(at_start.ok()) << at_start.status();
  EXPECT_EQ(at_start->programmes_size(), 0);
  EXPECT_EQ(at_start->read_position(), 1u);

  ExpectError(Call(&Stub::ListGrantProgrammes, "filter { year: 3000 }").status(),
              absl::StatusCode::kInvalidArgument,
              "filter.year: must be 1900..2200, or 0 for any year, got 3000");
  ExpectError(
      Call(&Stub::ListGrantProgrammes, "filter { funder_organisation_id: \"stm\" }").status(),
      absl::StatusCode::kInvalidArgument,
      "filter.funder_organisation_id: must be \"org-<slug>\", got \"stm\"");
  ExpectError(Call(&Stub::ListGrantProgrammes, "page_size: -5").status(),
              absl::StatusCode::kInvalidArgument, "page_size: must not be negative, got -5");
  ExpectError(Call(&Stub::ListGrantProgrammes, "page_token: \"!!\"").status(),
              absl::StatusCode::kInvalidArgument, "page_token: is not a token this server issued");
}

// -------------------------------------------------------------------- grants

TEST_F(GrantServiceTest, GetGrantBeforeAndAfterItsFirstInstalment) {
  auto awarded = Call(&Stub::GetGrant, absl::StrCat("grant_id: \"", kHelsinki,
                                                    "\" as_of { year: 2021 month: 10 day: 14 }"));
  ASSERT_TRUE(awarded.ok()) << awarded.status();
  EXPECT_EQ(awarded->read_position(), Head());
  EXPECT_EQ(awarded->grant().stage(), v1::GRANT_STAGE_AWARDED);
  EXPECT_EQ(awarded->grant().applicant_organisation_id(), "org-helsinki");
  EXPECT_EQ(awarded->grant().programme_id(), kProgramme);
  ExpectProto(awarded->grant().amounts(), "applied_cents: 250000000 awarded_cents: 250000000");
  EXPECT_EQ(domain::FormatDate(awarded->grant().as_of()), "2021-10-14");

  auto paid = Call(&Stub::GetGrant, absl::StrCat("grant_id: \"", kHelsinki, "\""));
  ASSERT_TRUE(paid.ok()) << paid.status();
  EXPECT_EQ(paid->grant().stage(), v1::GRANT_STAGE_PAID);
  ExpectProto(paid->grant().amounts(), R"pb(applied_cents: 250000000
                                            awarded_cents: 250000000
                                            paid_cents: 125000000
                                            outstanding_cents: 125000000)pb");
  ASSERT_EQ(paid->grant().payments_size(), 1);
  ExpectProto(paid->grant().payments(0),
              "instalment: 1 amount_cents: 125000000 paid_on { year: 2021 month: 10 day: 15 }");
  EXPECT_EQ(domain::FormatDate(paid->grant().usage_ends_on()), "2022-12-31");

  auto applied = Call(&Stub::GetGrant, absl::StrCat("grant_id: \"", kHelsinki,
                                                    "\" as_of { year: 2021 month: 6 day: 15 }"));
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(applied->grant().stage(), v1::GRANT_STAGE_APPLIED);
  ExpectError(Call(&Stub::GetGrant, absl::StrCat("grant_id: \"", kHelsinki,
                                                 "\" as_of { year: 2021 month: 6 day: 14 }"))
                  .status(),
              absl::StatusCode::kNotFound,
              absl::StrCat("grant_id: grant \"", kHelsinki,
                           "\" was applied for only on 2021-06-15, after as_of 2021-06-14"));
  ExpectError(Call(&Stub::GetGrant, "grant_id: \"grant-nope\"").status(),
              absl::StatusCode::kNotFound, "grant_id: grant \"grant-nope\" does not exist");
  ExpectError(Call(&Stub::GetGrant, "").status(), absl::StatusCode::kInvalidArgument,
              "grant_id: is required");
  ExpectError(Call(&Stub::GetGrant, absl::StrCat("grant_id: \"", kHelsinki,
                                                 "\" as_of { year: 2021 month: 2 day: 29 }"))
                  .status(),
              absl::StatusCode::kInvalidArgument, "as_of.day: 29 is not a day of 2021-02");
}

TEST_F(GrantServiceTest, KnownAtBeforeARetractedPaymentShowsIt) {
  const uint64_t before = Head();
  RetractHelsinkiPayment();

  auto now = Call(&Stub::GetGrant, absl::StrCat("grant_id: \"", kHelsinki, "\""));
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_EQ(now->grant().stage(), v1::GRANT_STAGE_AWARDED);
  EXPECT_EQ(now->grant().payments_size(), 0);
  EXPECT_EQ(now->read_position(), Head());
  auto then = Call(&Stub::GetGrant, absl::StrCat("grant_id: \"", kHelsinki,
                                                 "\" known_at { position: ", before, " }"));
  ASSERT_TRUE(then.ok()) << then.status();
  EXPECT_EQ(then->grant().stage(), v1::GRANT_STAGE_PAID);
  EXPECT_EQ(then->read_position(), before);

  auto totals_then =
      Call(&Stub::GetGrantTotals,
           absl::StrCat("group_by: GRANT_GROUPING_REGION known_at { position: ", before, " }"));
  ASSERT_TRUE(totals_then.ok()) << totals_then.status();
  EXPECT_EQ(totals_then->total().amounts().paid_cents(), 555000000);
  EXPECT_EQ(totals_then->read_position(), before);
  auto totals_now = Call(&Stub::GetGrantTotals, "group_by: GRANT_GROUPING_REGION");
  ASSERT_TRUE(totals_now.ok()) << totals_now.status();
  ExpectProto(totals_now->total().amounts(), R"pb(applied_cents: 1110000000
                                                  awarded_cents: 1110000000
                                                  paid_cents: 430000000
                                                  outstanding_cents: 430000000)pb");
  EXPECT_EQ(totals_now->read_position(), Head());

  auto list_then = Call(&Stub::ListGrants, absl::StrCat("filter { recipient_organisation_id: "
                                                        "\"org-helsinki\" } known_at { position: ",
                                                        before, " }"));
  ASSERT_TRUE(list_then.ok()) << list_then.status();
  ASSERT_EQ(list_then->grants_size(), 1);
  EXPECT_EQ(list_then->grants(0).stage(), v1::GRANT_STAGE_PAID);
  EXPECT_EQ(list_then->read_position(), before);
}

TEST_F(GrantServiceTest, ListGrantsFiltersAndDescribesEachGrantOnAsOf) {
  auto all = Call(&Stub::ListGrants, "");
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(
      GrantIds(*all),
      ElementsAre("grant-stm-valmistelu-helsinki", "grant-stm-valmistelu-hus",
                  "grant-stm-valmistelu-ita-uusimaa", "grant-stm-valmistelu-keski-uusimaa",
                  "grant-stm-valmistelu-lansi-uusimaa", "grant-stm-valmistelu-vantaa-kerava"));
  EXPECT_EQ(all->read_position(), Head());
  EXPECT_EQ(all->next_page_token(), "");
  for (const auto& grant : all->grants()) EXPECT_EQ(grant.stage(), v1::GRANT_STAGE_PAID);

  auto hus = Call(&Stub::ListGrants,
                  "filter { recipient_organisation_id: \"org-hus\" } "
                  "as_of { year: 2021 month: 9 day: 15 }");
  ASSERT_TRUE(hus.ok()) << hus.status();
  EXPECT_THAT(GrantIds(*hus), ElementsAre("grant-stm-valmistelu-hus"));
  EXPECT_EQ(hus->grants(0).stage(), v1::GRANT_STAGE_AWARDED);
  auto none_yet = Call(&Stub::ListGrants, "as_of { year: 2021 month: 6 day: 14 }");
  ASSERT_TRUE(none_yet.ok()) << none_yet.status();
  EXPECT_EQ(none_yet->grants_size(), 0);
  auto region = Call(&Stub::ListGrants,
                     "filter { region_organisation_id: \"org-stm\" year: 2021 } page_size: 2000");
  ASSERT_TRUE(region.ok()) << region.status();
  EXPECT_EQ(region->grants_size(), 6);

  ExpectError(Call(&Stub::ListGrants, "filter { programme_id: \"stm\" }").status(),
              absl::StatusCode::kInvalidArgument,
              "filter.programme_id: must be \"programme-<slug>\", got \"stm\"");
  ExpectError(Call(&Stub::ListGrants, "as_of { year: 2021 month: 13 day: 1 }").status(),
              absl::StatusCode::kInvalidArgument, "as_of.month: must be in 1..12, got 13");
  ExpectError(Call(&Stub::ListGrants, "page_size: -1").status(), absl::StatusCode::kInvalidArgument,
              "page_size: must not be negative, got -1");
}

TEST_F(GrantServiceTest, GrantPagesStayStableWhileGrantsAreAppliedFor) {
  auto first = Call(&Stub::ListGrants, "page_size: 4");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(
      GrantIds(*first),
      ElementsAre("grant-stm-valmistelu-helsinki", "grant-stm-valmistelu-hus",
                  "grant-stm-valmistelu-ita-uusimaa", "grant-stm-valmistelu-keski-uusimaa"));
  ASSERT_NE(first->next_page_token(), "");
  const uint64_t pinned = first->read_position();

  // Sorts into the second page.
  Ok(R"pb(apply_for_grant {
            grant_id: "grant-stm-valmistelu-lisahaku"
            programme_id: "programme-stm-alueellinen-valmistelu"
            applicant_organisation_id: "org-helsinki"
            amount_applied_cents: 1000000
            purpose { fi: "Lisähaku" authoritative: LANGUAGE_FI }
            applied_on { year: 2021 month: 6 day: 20 }
          })pb");
  ASSERT_GT(Head(), pinned);

  auto second = Call(&Stub::ListGrants,
                     absl::StrCat("page_size: 4 page_token: \"", first->next_page_token(), "\""));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(GrantIds(*second), ElementsAre("grant-stm-valmistelu-lansi-uusimaa",
                                             "grant-stm-valmistelu-vantaa-kerava"));
  EXPECT_EQ(second->next_page_token(), "");
  EXPECT_EQ(second->read_position(), pinned);

  auto fresh = Call(&Stub::ListGrants, "page_size: 4");
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  auto fresh_second = Call(&Stub::ListGrants, absl::StrCat("page_size: 4 page_token: \"",
                                                           fresh->next_page_token(), "\""));
  ASSERT_TRUE(fresh_second.ok()) << fresh_second.status();
  EXPECT_THAT(GrantIds(*fresh_second),
              ElementsAre("grant-stm-valmistelu-lansi-uusimaa", "grant-stm-valmistelu-lisahaku",
                          "grant-stm-valmistelu-vantaa-kerava"));
  EXPECT_EQ(fresh_second->read_position(), Head());

  // Tokens belong to their listing, and pin its point.
  ExpectError(
      Call(&Stub::ListGrants, absl::StrCat("page_size: 4 known_at { position: 5 } page_token: \"",
                                           first->next_page_token(), "\""))
          .status(),
      absl::StatusCode::kInvalidArgument,
      "known_at: must be unset with a page_token (the token pins the listing's point)");
  auto other_filter = Call(&Stub::ListGrants, absl::StrCat("page_size: 4 filter { year: 2021 } "
                                                           "page_token: \"",
                                                           first->next_page_token(), "\""));
  EXPECT_EQ(other_filter.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(other_filter.status().message()),
              StartsWith("page_token: does not belong to this list"));
  auto other_list = Call(&Stub::ListGrantProgrammes,
                         absl::StrCat("page_token: \"", first->next_page_token(), "\""));
  EXPECT_EQ(other_list.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(other_list.status().message()),
              StartsWith("page_token: does not belong to this list"));
}

// -------------------------------------------------------------------- totals

TEST_F(GrantServiceTest, GetGrantTotalsPerOrganisationYearAndRegion) {
  auto per_org = Call(&Stub::GetGrantTotals, "group_by: GRANT_GROUPING_ORGANISATION");
  ASSERT_TRUE(per_org.ok()) << per_org.status();
  EXPECT_EQ(per_org->read_position(), Head());
  EXPECT_EQ(per_org->group_by(), v1::GRANT_GROUPING_ORGANISATION);
  const std::vector<std::pair<std::string, int64_t>> expected = {
      {"org-helsinki", 250000000},          {"org-hus", 200000000},
      {"org-ita-uusimaa-hva", 120000000},   {"org-keski-uusimaa-hva", 170000000},
      {"org-lansi-uusimaa-hva", 180000000}, {"org-vantaa-kerava-hva", 190000000}};
  ASSERT_EQ(per_org->groups_size(), 6);
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& [org, cents] = expected[i];
    ExpectProto(per_org->groups(static_cast<int>(i)),
                absl::StrCat("key: \"", org, "\" grant_count: 1 awarded_count: 1 amounts { ",
                             "applied_cents: ", cents, " awarded_cents: ", cents,
                             " paid_cents: ", cents / 2, " outstanding_cents: ", cents / 2, " }"));
  }
  const std::string all = R"pb(grant_count: 6
                               awarded_count: 6
                               amounts {
                                 applied_cents: 1110000000
                                 awarded_cents: 1110000000
                                 paid_cents: 555000000
                                 outstanding_cents: 555000000
                               })pb";
  ExpectProto(per_org->total(), all);

  auto per_year = Call(&Stub::GetGrantTotals, "group_by: GRANT_GROUPING_YEAR");
  ASSERT_TRUE(per_year.ok()) << per_year.status();
  ASSERT_EQ(per_year->groups_size(), 1);
  ExpectProto(per_year->groups(0), "key: \"2021\" " + all);
  auto per_region = Call(&Stub::GetGrantTotals,
                         "group_by: GRANT_GROUPING_REGION filter { programme_id: "
                         "\"programme-stm-alueellinen-valmistelu\" }");
  ASSERT_TRUE(per_region.ok()) << per_region.status();
  ASSERT_EQ(per_region->groups_size(), 1);
  ExpectProto(per_region->groups(0), "key: \"org-stm\" " + all);

  // Before the payments; before the awards.
  auto awarded = Call(&Stub::GetGrantTotals,
                      "group_by: GRANT_GROUPING_YEAR as_of { year: 2021 month: 10 day: 14 }");
  ASSERT_TRUE(awarded.ok()) << awarded.status();
  ExpectProto(awarded->total(),
              R"pb(grant_count: 6
                   awarded_count: 6
                   amounts { applied_cents: 1110000000 awarded_cents: 1110000000 })pb");
  EXPECT_EQ(domain::FormatDate(awarded->as_of()), "2021-10-14");
  auto applied = Call(&Stub::GetGrantTotals,
                      "group_by: GRANT_GROUPING_YEAR as_of { year: 2021 month: 9 day: 14 }");
  ASSERT_TRUE(applied.ok()) << applied.status();
  ExpectProto(applied->total(), "grant_count: 6 amounts { applied_cents: 1110000000 }");

  auto hus = Call(&Stub::GetGrantTotals,
                  "group_by: GRANT_GROUPING_PROGRAMME filter { recipient_organisation_id: "
                  "\"org-hus\" }");
  ASSERT_TRUE(hus.ok()) << hus.status();
  ASSERT_EQ(hus->groups_size(), 1);
  EXPECT_EQ(hus->groups(0).key(), kProgramme);
  EXPECT_EQ(hus->total().amounts().awarded_cents(), 200000000);
}

TEST_F(GrantServiceTest, GetGrantTotalsRefusesBadArguments) {
  ExpectError(Call(&Stub::GetGrantTotals, "").status(), absl::StatusCode::kInvalidArgument,
              "group_by: is required");
  ExpectError(Call(&Stub::GetGrantTotals, "group_by: 42").status(),
              absl::StatusCode::kInvalidArgument, "group_by: unknown grouping 42");
  ExpectError(
      Call(&Stub::GetGrantTotals, "group_by: GRANT_GROUPING_YEAR filter { year: 1899 }").status(),
      absl::StatusCode::kInvalidArgument,
      "filter.year: must be 1900..2200, or 0 for any year, got 1899");
  ExpectError(Call(&Stub::GetGrantTotals,
                   "group_by: GRANT_GROUPING_YEAR as_of { year: 2021 month: 4 day: 31 }")
                  .status(),
              absl::StatusCode::kInvalidArgument, "as_of.day: 31 is not a day of 2021-04");
  ExpectError(
      Call(&Stub::GetGrantTotals, "group_by: GRANT_GROUPING_YEAR known_at { position: 100000 }")
          .status(),
      absl::StatusCode::kInvalidArgument,
      absl::StrCat("known_at: position 100000 is beyond the log head ", Head()));
}

// --------------------------------------------------------------------- roles

TEST_F(GrantServiceTest, EveryRoleMayReadAndAnUnknownCallerMayNot) {
  const std::string get = absl::StrCat("grant_id: \"", kHelsinki, "\"");
  for (const char* token : {kAdmin, kRecorder, kNgo, kAuditor, kPublic}) {
    auto response = Call(&Stub::GetGrant, get, token);
    ASSERT_TRUE(response.ok()) << token << ": " << response.status();
    EXPECT_EQ(response->grant().amounts().paid_cents(), 125000000) << token;
  }
  ExpectError(Call(&Stub::GetGrant, get, "").status(), absl::StatusCode::kUnauthenticated,
              "authorization: no bearer token");
  ExpectError(Call(&Stub::ListGrants, "", "stolen-token").status(),
              absl::StatusCode::kUnauthenticated, "unknown token");
  ExpectError(Call(&Stub::GetGrantTotals, "group_by: GRANT_GROUPING_YEAR", "").status(),
              absl::StatusCode::kUnauthenticated, "authorization: no bearer token");
}

}  // namespace
}  // namespace kumppani::api
