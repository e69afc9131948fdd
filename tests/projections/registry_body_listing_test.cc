// ListBodies (ledger/projections/registry/body_listing.h) on the demo
// scenario: every body in id order, each filter alone and together, as_of
// deciding status and convener, known_at, pages that stay stable while
// bodies are established between them, and bad arguments.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "ledger/domain/stream_reader.h"
#include "ledger/projections/registry/body_listing.h"
#include "ledger/projections/registry/organisation_queries.h"
#include "tests/projections/registry_fixture.h"

namespace kumppani::projections::testing {
namespace {

using ::testing::HasSubstr;

const std::vector<std::string> kAllBodies = {
    "body-ks-jarjestoareena",
    "body-ks-kumppanuuspoyta",
    "body-ks-maakunnan-yhteistyoryhma",
    "body-kumaja-tulevaisuusfoorumi",
    "body-ph-aluehallitus",
    "body-ph-aluevaltuusto",
    "body-ph-asiakas-ja-osallisuuslautakunta",
    "body-ph-hyte-lautakunta",
    "body-ph-jarjestoneuvottelukunta",
    "body-u19-asiantuntijapooli",
    "body-u19-kehittajaryhma",
};

const std::vector<std::string> kPaijatHameBodies = {
    "body-ph-aluehallitus",
    "body-ph-aluevaltuusto",
    "body-ph-asiakas-ja-osallisuuslautakunta",
    "body-ph-hyte-lautakunta",
    "body-ph-jarjestoneuvottelukunta",
};

std::vector<std::string> Ids(const BodyPage& page) {
  std::vector<std::string> ids;
  for (const v1::BodyView& body : page.bodies) ids.push_back(body.body_id());
  return ids;
}

class BodyListingTest : public RegistryTest {
 protected:
  BodyListingTest() { LoadDemo(); }

  // The ids of a one-page listing (failing the test when it has more pages).
  std::vector<std::string> List(const BodyFilter& filter,
                                const std::optional<v1::Date>& as_of = std::nullopt,
                                std::optional<Position> known_at = std::nullopt) {
    BodyPage page = Value(ListBodies(*engine_, filter, as_of, PageRequest{}, known_at));
    EXPECT_EQ(page.next_page_token, "");
    return Ids(page);
  }

  // The position of the first event of `stream_id`.
  Position FirstPosition(const std::string& stream_id) {
    absl::StatusOr<domain::LoadedStream> stream = domain::ReadLoadedStream(*store_, stream_id);
    EXPECT_TRUE(stream.ok() && !stream->envelopes.empty()) << stream_id;
    return stream.ok() && !stream->envelopes.empty() ? Position(stream->envelopes[0].position())
                                                     : Position();
  }
};

TEST_F(BodyListingTest, EveryBodyInIdOrderWithoutItsRows) {
  BodyPage page = Value(ListBodies(*engine_, BodyFilter{}, std::nullopt, PageRequest{}));
  EXPECT_EQ(Ids(page), kAllBodies);
  EXPECT_EQ(page.next_page_token, "");
  // The main part as GetBody shows it; mandate and seats are GetBody's.
  const v1::BodyView& table = page.bodies[1];
  EXPECT_EQ(table.kind(), v1::BODY_KIND_PARTNERSHIP_TABLE);
  EXPECT_EQ(table.parent_organisation_id(), "org-ks2021");
  EXPECT_EQ(table.status(), v1::BODY_STATUS_ACTIVE);
  EXPECT_EQ(table.convener_organisation_id(), "org-keski-suomen-liitto");
  EXPECT_EQ(table.convener_history_size(), 2);
  ExpectProto(table.established_on(), "year: 2019 month: 2 day: 1");
  EXPECT_FALSE(table.has_as_of());
  EXPECT_FALSE(table.has_mandate());
  EXPECT_EQ(table.mandate_history_size(), 0);
  EXPECT_EQ(table.seats_size(), 0);
}

TEST_F(BodyListingTest, ByParentKindAndConvener) {
  BodyFilter paijat_hame;
  paijat_hame.parent_organisation_id = "org-paijat-hame-hva";
  EXPECT_EQ(List(paijat_hame), kPaijatHameBodies);

  BodyFilter committees;
  committees.kind = v1::BODY_KIND_COMMITTEE;
  EXPECT_EQ(List(committees), (std::vector<std::string>{"body-ph-asiakas-ja-osallisuuslautakunta",
                                                        "body-ph-hyte-lautakunta"}));
  BodyFilter forums;
  forums.kind = v1::BODY_KIND_NGO_FORUM;
  EXPECT_EQ(List(forums),
            (std::vector<std::string>{"body-ks-jarjestoareena", "body-kumaja-tulevaisuusfoorumi"}));
  forums.parent_organisation_id = "org-kumaja";
  EXPECT_EQ(List(forums), std::vector<std::string>{"body-kumaja-tulevaisuusfoorumi"});

  // The convener in force on as_of: the partnership table passed from the
  // KS2021 project to the regional council on 22.3.2019.
  BodyFilter liitto;
  liitto.convener_organisation_id = "org-keski-suomen-liitto";
  EXPECT_EQ(List(liitto, D(2019, 3, 21)),
            std::vector<std::string>{"body-ks-maakunnan-yhteistyoryhma"});
  EXPECT_EQ(
      List(liitto, D(2019, 3, 22)),
      (std::vector<std::string>{"body-ks-kumppanuuspoyta", "body-ks-maakunnan-yhteistyoryhma"}));
  EXPECT_EQ(List(liitto), (std::vector<std::string>{"body-ks-kumppanuuspoyta",
                                                    "body-ks-maakunnan-yhteistyoryhma"}));
  BodyFilter ks2021;
  ks2021.convener_organisation_id = "org-ks2021";
  EXPECT_EQ(List(ks2021, D(2019, 3, 21)), std::vector<std::string>{"body-ks-kumppanuuspoyta"});
  EXPECT_EQ(List(ks2021), std::vector<std::string>{});
  BodyPage on_21_march = Value(ListBodies(*engine_, ks2021, D(2019, 3, 21), PageRequest{}));
  ASSERT_EQ(on_21_march.bodies.size(), 1u);
  ExpectProto(on_21_march.bodies[0].as_of(), "year: 2019 month: 3 day: 21");
  EXPECT_EQ(on_21_march.bodies[0].convener_organisation_id(), "org-ks2021");
}

TEST_F(BodyListingTest, ByStatusOnADate) {
  BodyFilter active;
  active.status = v1::BODY_STATUS_ACTIVE;
  EXPECT_EQ(List(active, D(2018, 12, 31)),
            (std::vector<std::string>{"body-ks-jarjestoareena", "body-ks-maakunnan-yhteistyoryhma",
                                      "body-u19-asiantuntijapooli", "body-u19-kehittajaryhma"}));
  BodyFilter not_yet;
  not_yet.status = v1::BODY_STATUS_NOT_YET_ESTABLISHED;
  EXPECT_EQ(List(not_yet, D(2018, 12, 31)),
            (std::vector<std::string>{
                "body-ks-kumppanuuspoyta", "body-kumaja-tulevaisuusfoorumi", "body-ph-aluehallitus",
                "body-ph-aluevaltuusto", "body-ph-asiakas-ja-osallisuuslautakunta",
                "body-ph-hyte-lautakunta", "body-ph-jarjestoneuvottelukunta"}));
  EXPECT_EQ(List(not_yet), std::vector<std::string>{});  // without as_of: after every event

  // Every filter together: the county's bodies active the day before its
  // NGO advisory board was set up.
  BodyFilter county_active;
  county_active.parent_organisation_id = "org-paijat-hame-hva";
  county_active.status = v1::BODY_STATUS_ACTIVE;
  county_active.kind = v1::BODY_KIND_COMMITTEE;
  county_active.convener_organisation_id = "org-paijat-hame-hva";
  EXPECT_EQ(List(county_active, D(2022, 8, 7)),
            (std::vector<std::string>{"body-ph-asiakas-ja-osallisuuslautakunta",
                                      "body-ph-hyte-lautakunta"}));

  Ok(R"pb(dissolve_body {
            body_id: "body-u19-kehittajaryhma"
            effective_on { year: 2020 month: 1 day: 1 }
          })pb");
  BodyFilter dissolved;
  dissolved.status = v1::BODY_STATUS_DISSOLVED;
  EXPECT_EQ(List(dissolved, D(2019, 12, 31)), std::vector<std::string>{});
  EXPECT_EQ(List(dissolved, D(2020, 1, 1)), std::vector<std::string>{"body-u19-kehittajaryhma"});
  EXPECT_EQ(List(dissolved), std::vector<std::string>{"body-u19-kehittajaryhma"});
  EXPECT_EQ(List(active).size(), kAllBodies.size() - 1);
}

TEST_F(BodyListingTest, KnownAtReadsTheLedgerAsItWasThen) {
  BodyFilter paijat_hame;
  paijat_hame.parent_organisation_id = "org-paijat-hame-hva";
  Position board = FirstPosition("body-ph-jarjestoneuvottelukunta");
  EXPECT_EQ(List(paijat_hame, std::nullopt, Position(board.value() - 1)),
            (std::vector<std::string>{"body-ph-aluehallitus", "body-ph-aluevaltuusto",
                                      "body-ph-asiakas-ja-osallisuuslautakunta",
                                      "body-ph-hyte-lautakunta"}));
  EXPECT_EQ(List(paijat_hame, std::nullopt, board), kPaijatHameBodies);
  EXPECT_EQ(List(BodyFilter{}, std::nullopt, Position(0)), std::vector<std::string>{});
}

TEST_F(BodyListingTest, PagesStayOnTheFirstPagesPositionWhileBodiesAreEstablished) {
  Position before = store_->HeadPosition();
  BodyPage page = Value(ListBodies(*engine_, BodyFilter{}, std::nullopt, PageRequest{4, ""}));
  std::vector<std::string> listed = Ids(page);
  EXPECT_EQ(listed.size(), 4u);
  ASSERT_NE(page.next_page_token, "");
  EXPECT_EQ(Value(PageTokenPosition(page.next_page_token)), before);

  EstablishBody("body-aaa-uusi", "org-kumaja", "year: 2024 month: 1 day: 1");
  page =
      Value(ListBodies(*engine_, BodyFilter{}, std::nullopt, PageRequest{4, page.next_page_token}));
  EXPECT_EQ(page.bodies.size(), 4u);
  for (const std::string& id : Ids(page)) listed.push_back(id);
  EstablishBody("body-zzz-uusi", "org-kumaja", "year: 2024 month: 1 day: 1");
  EXPECT_EQ(Value(PageTokenPosition(page.next_page_token)), before);
  page =
      Value(ListBodies(*engine_, BodyFilter{}, std::nullopt, PageRequest{4, page.next_page_token}));
  EXPECT_EQ(page.next_page_token, "");
  for (const std::string& id : Ids(page)) listed.push_back(id);
  EXPECT_EQ(listed, kAllBodies);

  // A new listing sees both.
  std::vector<std::string> now = List(BodyFilter{});
  EXPECT_EQ(now.size(), kAllBodies.size() + 2);
  EXPECT_EQ(now.front(), "body-aaa-uusi");
  EXPECT_EQ(now.back(), "body-zzz-uusi");
}

TEST_F(BodyListingTest, FilteredPagesEndExactlyAtTheLastMatch) {
  BodyFilter paijat_hame;
  paijat_hame.parent_organisation_id = "org-paijat-hame-hva";
  // Five matches on a page of five: no token, since no sixth exists.
  BodyPage all = Value(ListBodies(*engine_, paijat_hame, std::nullopt, PageRequest{5, ""}));
  EXPECT_EQ(Ids(all), kPaijatHameBodies);
  EXPECT_EQ(all.next_page_token, "");

  std::vector<std::string> listed;
  std::string token;
  int pages = 0;
  do {
    BodyPage page = Value(ListBodies(*engine_, paijat_hame, std::nullopt, PageRequest{2, token}));
    EXPECT_LE(page.bodies.size(), 2u);
    for (const std::string& id : Ids(page)) listed.push_back(id);
    token = page.next_page_token;
  } while (!token.empty() && ++pages < 10);
  EXPECT_EQ(pages, 2);  // tokens after pages 1 and 2; page 3 is the last
  EXPECT_EQ(listed, kPaijatHameBodies);
}

TEST_F(BodyListingTest, BadArgumentsNameTheField) {
  auto error = [&](const BodyFilter& filter, const std::optional<v1::Date>& as_of,
                   const std::string& token = "") {
    absl::StatusOr<BodyPage> page = ListBodies(*engine_, filter, as_of, PageRequest{0, token});
    EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(page.status().message());
  };
  BodyFilter kind;
  kind.kind = static_cast<v1::BodyKind>(99);
  EXPECT_EQ(error(kind, std::nullopt), "filter.kind: 99 is not a BodyKind");
  BodyFilter status;
  status.status = static_cast<v1::BodyStatus>(42);
  EXPECT_EQ(error(status, std::nullopt), "filter.status: 42 is not a BodyStatus");
  BodyFilter parent;
  parent.parent_organisation_id = "body-ks-kumppanuuspoyta";
  EXPECT_THAT(error(parent, std::nullopt),
              HasSubstr("filter.parent_organisation_id: must be \"org-<slug>\""));
  BodyFilter convener;
  convener.convener_organisation_id = "org-";
  EXPECT_THAT(error(convener, std::nullopt), HasSubstr("filter.convener_organisation_id: "));
  EXPECT_EQ(error(BodyFilter{}, D(2019, 13, 1)), "as_of.month: must be in 1..12, got 13");

  EXPECT_EQ(error(BodyFilter{}, std::nullopt, "not a token!"),
            "page_token: is not a token this server issued");
  // A token of another listing: of organisations, or of bodies with another
  // filter or as_of.
  v1::OrganisationList organisations =
      Value(ListOrganisations(*engine_, OrganisationFilter{}, std::nullopt, PageRequest{2, ""}));
  EXPECT_THAT(error(BodyFilter{}, std::nullopt, organisations.next_page_token()),
              HasSubstr("page_token: does not belong to this list"));
  std::string token =
      Value(ListBodies(*engine_, BodyFilter{}, std::nullopt, PageRequest{2, ""})).next_page_token;
  BodyFilter committees;
  committees.kind = v1::BODY_KIND_COMMITTEE;
  EXPECT_THAT(error(committees, std::nullopt, token),
              HasSubstr("page_token: does not belong to this list"));
  EXPECT_THAT(error(BodyFilter{}, D(2020, 1, 1), token),
              HasSubstr("page_token: does not belong to this list"));

  EXPECT_EQ(PageTokenPosition("not a token!").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PageTokenPosition("").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kumppani::projections::testing
