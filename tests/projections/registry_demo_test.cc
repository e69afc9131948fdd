// The registry read models on the demo scenario (docs/examples/
// demo-scenario.ndjson): the Keski-Suomi partnership table's convener change
// on 22.3.2019, its roster, the KS2021 project's lineage into the wellbeing
// services county, listings, identifiers, calls, meetings and an erasure.
#include "ledger/domain/stream_reader.h"
#include "ledger/projections/registry/body_queries.h"
#include "ledger/projections/registry/call_queries.h"
#include "ledger/projections/registry/meeting_queries.h"
#include "ledger/projections/registry/membership_queries.h"
#include "ledger/projections/registry/organisation_queries.h"
#include "ledger/projections/registry/person_queries.h"
#include "tests/projections/registry_fixture.h"

namespace kumppani::projections::testing {
namespace {

constexpr char kTable[] = "body-ks-kumppanuuspoyta";

std::vector<std::string> OrganisationIds(const v1::OrganisationList& list) {
  std::vector<std::string> ids;
  for (const v1::OrganisationView& o : list.organisations()) ids.push_back(o.organisation_id());
  return ids;
}

class RegistryDemoTest : public RegistryTest {
 protected:
  RegistryDemoTest() { LoadDemo(); }

  // The position of the first `event_type` event in `stream_id`.
  Position PositionOf(const std::string& stream_id, const std::string& event_type) {
    absl::StatusOr<domain::LoadedStream> stream = domain::ReadLoadedStream(*store_, stream_id);
    EXPECT_TRUE(stream.ok()) << stream.status();
    if (stream.ok()) {
      for (const v1::EventEnvelope& envelope : stream->envelopes) {
        if (envelope.event_type() == event_type) return Position(envelope.position());
      }
    }
    ADD_FAILURE() << "no " << event_type << " in " << stream_id;
    return Position();
  }
};

TEST_F(RegistryDemoTest, PartnershipTableConvenerBeforeAndAfter22March2019) {
  EXPECT_EQ(Value(GetBody(Bodies(), kTable, D(2019, 3, 21))).convener_organisation_id(),
            "org-ks2021");
  v1::BodyView after = Value(GetBody(Bodies(), kTable, D(2019, 3, 22)));
  EXPECT_EQ(after.convener_organisation_id(), "org-keski-suomen-liitto");
  ASSERT_EQ(after.convener_history_size(), 2);
  ExpectProto(after.convener_history(0), R"pb(organisation_id: "org-ks2021"
                                              effective_on { year: 2019 month: 2 day: 1 })pb");
  EXPECT_EQ(after.convener_history(1).organisation_id(), "org-keski-suomen-liitto");
  ExpectProto(after.convener_history(1).effective_on(), "year: 2019 month: 3 day: 22");
  // The same day the table decided to continue and amended its mandate.
  ASSERT_EQ(after.continuations_size(), 1);
  EXPECT_EQ(after.continuations(0).meeting_id(), "meeting-ks-kumppanuuspoyta-2019-03-22");
  ASSERT_EQ(after.mandate_history_size(), 2);
  EXPECT_EQ(after.mandate_history(1).decision_id(), "decision-ks-kp-jatko-2019-03-22");
  EXPECT_THAT(after.mandate().fi(),
              ::testing::StartsWith(
                  "Vahvistaa luottamusta ja vuorovaikutusta järjestöjen, maakunnan ja kuntien"));
  v1::BodyView before = Value(GetBody(Bodies(), kTable, D(2019, 3, 21)));
  EXPECT_EQ(before.continuations_size(), 0);
  EXPECT_EQ(before.mandate_history_size(), 1);

  // known_at: as the ledger knew it just before the change was recorded, the
  // convener on 22.3.2019 was still KS2021.
  Position change = PositionOf(kTable, "BodyConvenerChanged");
  EXPECT_EQ(Value(GetBody(Bodies(Position(change.value() - 1)), kTable, D(2019, 3, 22)))
                .convener_organisation_id(),
            "org-ks2021");
  EXPECT_EQ(Value(GetBody(Bodies(change), kTable, D(2019, 3, 22))).convener_organisation_id(),
            "org-keski-suomen-liitto");
}

TEST_F(RegistryDemoTest, PartnershipTableRoster) {
  ExpectProto(Value(Roster(Bodies(), Persons(), kTable, D(2019, 3, 22))), R"pb(
    body_id: "body-ks-kumppanuuspoyta"
    as_of { year: 2019 month: 3 day: 22 }
    status: BODY_STATUS_ACTIVE
    convener_organisation_id: "org-keski-suomen-liitto"
    seats {
      seat { seat_id: "chair" post: POST_KIND_CHAIR }
      holders {
        body_id: "body-ks-kumppanuuspoyta"
        membership_id: "m-chair"
        seat_id: "chair"
        post: POST_KIND_CHAIR
        person_id: "person-ks-0001"
        on_behalf_of_organisation_id: "org-kyt"
        term { start { year: 2019 month: 2 day: 1 } }
      }
    }
    seats {
      seat { seat_id: "member-ks2021" post: POST_KIND_MEMBER }
      holders {
        body_id: "body-ks-kumppanuuspoyta"
        membership_id: "m-ks2021"
        seat_id: "member-ks2021"
        post: POST_KIND_MEMBER
        person_id: "person-ks-0003"
        on_behalf_of_organisation_id: "org-ks2021"
        term { start { year: 2019 month: 2 day: 1 } }
      }
    })pb");
  ExpectProto(Value(Roster(Bodies(), Persons(), kTable, D(2019, 1, 31))),
              R"pb(body_id: "body-ks-kumppanuuspoyta"
                   as_of { year: 2019 month: 1 day: 31 }
                   status: BODY_STATUS_NOT_YET_ESTABLISHED)pb");
}

TEST_F(RegistryDemoTest, PreparationProjectSucceededByTheCounty) {
  const std::string link =
      R"pb(from_organisation_id: "org-ks2021"
           to_organisation_id: "org-keski-suomen-hva"
           relation: ORGANISATION_CHANGE_KIND_SUCCEEDED
           effective_on { year: 2023 month: 1 day: 1 }
           distance: 1)pb";
  ExpectProto(Value(Lineage(Organisations(), "org-ks2021")),
              absl::StrCat(R"pb(organisation_id: "org-ks2021" successors {)pb", link, " }"));
  ExpectProto(
      Value(Lineage(Organisations(), "org-keski-suomen-hva")),
      absl::StrCat(R"pb(organisation_id: "org-keski-suomen-hva" predecessors {)pb", link, " }"));
  ExpectProto(Value(Lineage(Organisations(), "org-keski-suomen-hva", D(2022, 12, 31))),
              R"pb(organisation_id: "org-keski-suomen-hva")pb");

  EXPECT_EQ(Value(GetOrganisation(Organisations(), "org-ks2021", D(2019, 6, 29))).status(),
            v1::ORGANISATION_STATUS_ACTIVE);
  v1::OrganisationView dissolved =
      Value(GetOrganisation(Organisations(), "org-ks2021", D(2019, 6, 30)));
  EXPECT_EQ(dissolved.status(), v1::ORGANISATION_STATUS_DISSOLVED);
  EXPECT_EQ(dissolved.successor_organisation_id(), "");
  v1::OrganisationView succeeded =
      Value(GetOrganisation(Organisations(), "org-ks2021", D(2023, 1, 1)));
  EXPECT_EQ(succeeded.status(), v1::ORGANISATION_STATUS_DISSOLVED);
  EXPECT_EQ(succeeded.successor_organisation_id(), "org-keski-suomen-hva");
  EXPECT_EQ(succeeded.parent_organisation_id(), "org-keski-suomen-liitto");
  EXPECT_EQ(succeeded.status_history_size(), 2);
}

TEST_F(RegistryDemoTest, CountiesByKindAndAssociationByIdentifier) {
  OrganisationFilter counties;
  counties.kind = v1::ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY;
  EXPECT_EQ(
      OrganisationIds(Value(ListOrganisations(*engine_, counties, std::nullopt, PageRequest{}))),
      (std::vector<std::string>{"org-ita-uusimaa-hva", "org-keski-suomen-hva",
                                "org-keski-uusimaa-hva", "org-lansi-uusimaa-hva",
                                "org-paijat-hame-hva", "org-vantaa-kerava-hva"}));
  v1::OrganisationIdentifier business;
  business.set_scheme(v1::IDENTIFIER_SCHEME_BUSINESS_ID);
  business.set_value("2345671-3");
  EXPECT_EQ(OrganisationIds(Value(FindOrganisationByIdentifier(Organisations(), business))),
            std::vector<std::string>{"org-ph-esimerkkiyhdistys"});
  v1::OrganisationIdentifier register_number;
  register_number.set_value("212345");
  EXPECT_EQ(OrganisationIds(Value(FindOrganisationByIdentifier(Organisations(), register_number))),
            std::vector<std::string>{"org-ph-esimerkkiyhdistys"});
}

TEST_F(RegistryDemoTest, AllOrganisationsInThreePagesWhileAppending) {
  OrganisationFilter all;
  std::vector<std::string> listed;
  v1::OrganisationList page =
      Value(ListOrganisations(*engine_, all, std::nullopt, PageRequest{7, ""}));
  EXPECT_EQ(page.organisations_size(), 7);
  for (const std::string& id : OrganisationIds(page)) listed.push_back(id);
  RegisterOrg("org-aaa-uusi");
  Ok(R"pb(rename_organisation {
            organisation_id: "org-kyt"
            name { fi: "KYT ry" authoritative: LANGUAGE_FI }
            effective_on { year: 2023 month: 1 day: 1 }
          })pb");
  page =
      Value(ListOrganisations(*engine_, all, std::nullopt, PageRequest{7, page.next_page_token()}));
  EXPECT_EQ(page.organisations_size(), 7);
  for (const v1::OrganisationView& o : page.organisations()) {
    listed.push_back(o.organisation_id());
    if (o.organisation_id() == "org-kyt") {
      EXPECT_EQ(o.name().fi(), "Keski-Suomen Yhteisöjen Tuki ry");
    }
  }
  RegisterOrg("org-zzz-uusi");
  page =
      Value(ListOrganisations(*engine_, all, std::nullopt, PageRequest{7, page.next_page_token()}));
  EXPECT_EQ(page.organisations_size(), 5);
  EXPECT_EQ(page.next_page_token(), "");
  for (const std::string& id : OrganisationIds(page)) listed.push_back(id);
  EXPECT_EQ(listed, (std::vector<std::string>{
                        "org-helsinki", "org-hus", "org-ita-uusimaa-hva", "org-keski-suomen-hva",
                        "org-keski-suomen-liitto", "org-keski-uusimaa-hva", "org-ks-shp",
                        "org-ks2021", "org-kumaja", "org-kyt", "org-lansi-uusimaa-hva",
                        "org-paijat-hame-hva", "org-ph-esimerkkiyhdistys", "org-sote-muutostuki",
                        "org-stm", "org-uudenmaan-liitto", "org-uusimaa2019",
                        "org-valtiovarainministerio", "org-vantaa-kerava-hva"}));
  EXPECT_EQ(
      Value(ListOrganisations(*engine_, all, std::nullopt, PageRequest{})).organisations_size(),
      21);
}

TEST_F(RegistryDemoTest, CallsMembershipsAndMeetings) {
  v1::CallView call = Value(GetCall(Calls(), "call-u19-kehittajaryhma"));
  EXPECT_TRUE(call.closed());
  EXPECT_EQ(call.applications_received(), 97);
  EXPECT_EQ(call.seats_offered(), 22);
  ASSERT_EQ(call.entries_size(), 3);
  ExpectProto(call.entries(0), R"pb(entry_id: "app-001"
                                    kind: CALL_ENTRY_KIND_APPLICATION
                                    person_id: "person-u19-0002"
                                    entered_on { year: 2018 month: 9 day: 6 })pb");

  MembershipFilter by_person;
  by_person.person_id = "person-u19-0002";
  ExpectProto(Value(MembershipHistory(*engine_, by_person, PageRequest{})), R"pb(
    memberships {
      body_id: "body-u19-kehittajaryhma"
      membership_id: "m-01"
      seat_id: "member-01"
      post: POST_KIND_MEMBER
      person_id: "person-u19-0002"
      term {
        start { year: 2018 month: 10 day: 15 }
        end { year: 2019 month: 12 day: 31 }
      }
      call_id: "call-u19-kehittajaryhma"
      application_id: "app-001"
    })pb");
  MembershipFilter by_organisation;
  by_organisation.organisation_id = "org-kyt";
  v1::MembershipList kyt = Value(MembershipHistory(*engine_, by_organisation, PageRequest{}));
  ASSERT_EQ(kyt.memberships_size(), 2);
  EXPECT_EQ(kyt.memberships(0).body_id(), "body-ks-jarjestoareena");
  EXPECT_EQ(kyt.memberships(1).body_id(), "body-ks-kumppanuuspoyta");

  MeetingFilter forum;
  forum.body_id = "body-kumaja-tulevaisuusfoorumi";
  v1::MeetingList meetings = Value(ListMeetings(*engine_, forum, PageRequest{}));
  std::vector<std::string> ids;
  for (const v1::MeetingView& m : meetings.meetings()) ids.push_back(m.meeting_id());
  EXPECT_EQ(ids, (std::vector<std::string>{"meeting-kumaja-tulevaisuusfoorumi-1",
                                           "meeting-kumaja-tulevaisuusfoorumi-2",
                                           "meeting-kumaja-tulevaisuusfoorumi-3"}));
  v1::MeetingView table = Value(GetMeeting(Meetings(), "meeting-ks-kumppanuuspoyta-2019-03-22"));
  EXPECT_EQ(table.body_id(), kTable);
  EXPECT_EQ(table.agenda_size(), 4);
  EXPECT_EQ(table.attendance_count(), 2);
}

TEST_F(RegistryDemoTest, ErasedChairStaysOnTheRoster) {
  Ok(R"pb(erase_person { person_id: "person-ks-0001" legal_basis: "GDPR 17" })pb");
  v1::BodyRoster roster = Value(Roster(Bodies(), Persons(), kTable, D(2019, 3, 22)));
  ASSERT_EQ(roster.seats_size(), 2);
  ASSERT_EQ(roster.seats(0).holders_size(), 1);
  EXPECT_EQ(roster.seats(0).holders(0).person_id(), "person-ks-0001");
  EXPECT_TRUE(roster.seats(0).holders(0).person_erased());
  EXPECT_FALSE(roster.seats(1).holders(0).person_erased());
  ExpectProto(Value(GetPerson(Persons(), "person-ks-0001")),
              absl::StrCat(R"pb(person_id: "person-ks-0001"
                                erased: true
                                erased_at { seconds:)pb",
                           k2024Micros / 1000000,
                           R"pb(}
                                erasure_legal_basis: "GDPR 17" display: "erased")pb"));
  for (std::string_view name : {registry::kOrganisations, registry::kPersons, registry::kBodies,
                                registry::kCalls, registry::kMeetings}) {
    EXPECT_TRUE(engine_->VerifyRebuild(name).ok()) << name;
  }
}

}  // namespace
}  // namespace kumppani::projections::testing
