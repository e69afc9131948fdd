// The grants read models on the demo scenario: the six state grants for
// regional preparation (docs/examples/demo-scenario.ndjson, lines 83-101),
// each awarded in full on 2021-09-15 and half paid on 2021-10-15.
#include <string>
#include <utility>
#include <vector>

#include "ledger/domain/stream_reader.h"
#include "tests/projections/grants_fixture.h"

namespace kumppani::projections::testing {
namespace {

class GrantsDemoTest : public GrantsTest {
 protected:
  GrantsDemoTest() { LoadDemo(); }
};

TEST_F(GrantsDemoTest, GrantBeforeAndAfterItsFirstInstalment) {
  absl::StatusOr<v1::GrantView> awarded = Get("grant-stm-valmistelu-helsinki", D(2021, 10, 14));
  ASSERT_TRUE(awarded.ok()) << awarded.status();
  EXPECT_EQ(awarded->stage(), v1::GRANT_STAGE_AWARDED);
  EXPECT_EQ(awarded->applicant_organisation_id(), "org-helsinki");
  ExpectProto(awarded->amounts(), "applied_cents: 250000000 awarded_cents: 250000000");
  absl::StatusOr<v1::GrantView> paid = Get("grant-stm-valmistelu-helsinki");
  ASSERT_TRUE(paid.ok()) << paid.status();
  EXPECT_EQ(paid->stage(), v1::GRANT_STAGE_PAID);
  ExpectProto(paid->amounts(), R"pb(applied_cents: 250000000
                                    awarded_cents: 250000000
                                    paid_cents: 125000000
                                    outstanding_cents: 125000000)pb");
  ExpectProto(paid->usage_ends_on(), "year: 2022 month: 12 day: 31");
}

TEST_F(GrantsDemoTest, TotalsPerOrganisationYearAndRegion) {
  absl::StatusOr<v1::GrantTotals> per_org = Totals(v1::GRANT_GROUPING_ORGANISATION);
  ASSERT_TRUE(per_org.ok()) << per_org.status();
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

  absl::StatusOr<v1::GrantTotals> per_year = Totals(v1::GRANT_GROUPING_YEAR);
  ASSERT_TRUE(per_year.ok()) << per_year.status();
  ASSERT_EQ(per_year->groups_size(), 1);
  ExpectProto(per_year->groups(0), "key: \"2021\" " + all);
  absl::StatusOr<v1::GrantTotals> per_region = Totals(v1::GRANT_GROUPING_REGION);
  ASSERT_TRUE(per_region.ok()) << per_region.status();
  ASSERT_EQ(per_region->groups_size(), 1);
  ExpectProto(per_region->groups(0), "key: \"org-stm\" " + all);

  // Before the payments; before the awards.
  absl::StatusOr<v1::GrantTotals> awarded = Totals(v1::GRANT_GROUPING_YEAR, "", D(2021, 10, 14));
  ASSERT_TRUE(awarded.ok()) << awarded.status();
  ExpectProto(awarded->total(),
              R"pb(grant_count: 6
                   awarded_count: 6
                   amounts { applied_cents: 1110000000 awarded_cents: 1110000000 })pb");
  absl::StatusOr<v1::GrantTotals> applied = Totals(v1::GRANT_GROUPING_YEAR, "", D(2021, 9, 14));
  ASSERT_TRUE(applied.ok()) << applied.status();
  ExpectProto(applied->total(), "grant_count: 6 amounts { applied_cents: 1110000000 }");
}

TEST_F(GrantsDemoTest, RetractingAPaymentShowsFromItsKnownAtOn) {
  const Position before = Head();
  // The Helsinki grant's instalment is the stream's third event.
  absl::StatusOr<domain::LoadedStream> stream =
      domain::ReadLoadedStream(*store_, "grant-stm-valmistelu-helsinki");
  ASSERT_TRUE(stream.ok()) << stream.status();
  ASSERT_EQ(stream->envelopes.size(), 3u);
  ASSERT_EQ(stream->envelopes[2].event_type(), "GrantPaid");
  absl::StatusOr<EventId> paid = EventId::FromBytes(stream->envelopes[2].event_id(), "event_id");
  ASSERT_TRUE(paid.ok());
  Ok("retract_event { stream_id: \"grant-stm-valmistelu-helsinki\" target_event_id: \"" +
     paid->ToString() + "\" reason { fi: \"Virhe\" authoritative: LANGUAGE_FI } }");

  absl::StatusOr<v1::GrantTotals> old = Totals(v1::GRANT_GROUPING_REGION, "", std::nullopt, before);
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->total().amounts().paid_cents(), 555000000);
  absl::StatusOr<v1::GrantTotals> now = Totals(v1::GRANT_GROUPING_REGION);
  ASSERT_TRUE(now.ok()) << now.status();
  ExpectProto(now->total().amounts(), R"pb(applied_cents: 1110000000
                                           awarded_cents: 1110000000
                                           paid_cents: 430000000
                                           outstanding_cents: 430000000)pb");
  absl::StatusOr<v1::GrantView> helsinki = Get("grant-stm-valmistelu-helsinki");
  ASSERT_TRUE(helsinki.ok()) << helsinki.status();
  EXPECT_EQ(helsinki->stage(), v1::GRANT_STAGE_AWARDED);
  EXPECT_EQ(helsinki->payments_size(), 0);
}

}  // namespace
}  // namespace kumppani::projections::testing
