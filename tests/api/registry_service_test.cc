// RegistryService through an in-process gRPC channel on the demo scenario
// (docs/examples/demo-scenario.ndjson): every RPC's answer with exact
// values, as_of and known_at changing it, read_position, pages that stay on
// their first page's position while commands are recorded, bad arguments
// naming the field, NOT_FOUND, authentication, and that no role — the
// public one least — receives personal data.
#include "api/registry_service.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "kumppani/v1/registry_service.grpc.pb.h"
#include "ledger/domain/stream_reader.h"
#include "tests/api/fake_authenticator.h"
#include "tests/api/service_fixture.h"

namespace kumppani::api {
namespace {

using ::kumppani::api::testing::Context;
using ::kumppani::api::testing::kAdmin;
using ::kumppani::api::testing::kAuditor;
using ::kumppani::api::testing::kNgo;
using ::kumppani::api::testing::kPublic;
using ::kumppani::api::testing::kRecorder;
using ::testing::HasSubstr;
using Stub = v1::RegistryService::Stub;

constexpr char kTable[] = "body-ks-kumppanuuspoyta";

// The message of type M written in text format.
template <typename M>
M Parse(const std::string& text) {
  M message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

// `actual` equals `expected` (text format) field by field.
void ExpectProto(const google::protobuf::Message& actual, const std::string& expected) {
  std::unique_ptr<google::protobuf::Message> want(actual.New());
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(expected, want.get())) << expected;
  std::string diff;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(*want, actual)) << diff << "\nactual:\n" << actual.DebugString();
}

class RegistryServiceTest : public testing::ServiceTest {
 protected:
  RegistryServiceTest() {
    LoadDemo();
    service_ = std::make_unique<RegistryService>(store(), engine(), authenticator_);
    StartServer({service_.get()});
    stub_ = v1::RegistryService::NewStub(channel());
  }
  ~RegistryServiceTest() override { StopServer(); }

  // Calls `method` with `request` (text format) as `token`; the status.
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    const std::string& request, Response* response,
                    const std::string& token = kPublic) {
    auto context = Context(token);
    return (stub_.get()->*method)(context.get(), Parse<Request>(request), response);
  }
  // Like Call, for a call that must succeed; the response.
  template <typename Request, typename Response>
  Response Get(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
               const std::string& request, const std::string& token = kPublic) {
    Response response;
    grpc::Status status = Call(method, request, &response, token);
    EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message() << "\nfor "
                             << request;
    return response;
  }
  // Like Call, for a call that must fail with `code`; the message.
  template <typename Request, typename Response>
  std::string Fail(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                   const std::string& request, grpc::StatusCode code,
                   const std::string& token = kPublic) {
    Response response;
    grpc::Status status = Call(method, request, &response, token);
    EXPECT_EQ(status.error_code(), code) << status.error_message() << "\nfor " << request;
    return status.error_message();
  }

  uint64_t Head() { return store().HeadPosition().value(); }

  // The position of the first `event_type` event in `stream_id`.
  uint64_t PositionOf(const std::string& stream_id, const std::string& event_type) {
    absl::StatusOr<domain::LoadedStream> stream = domain::ReadLoadedStream(store(), stream_id);
    EXPECT_TRUE(stream.ok()) << stream.status();
    if (stream.ok()) {
      for (const v1::EventEnvelope& envelope : stream->envelopes) {
        if (envelope.event_type() == event_type) return envelope.position();
      }
    }
    ADD_FAILURE() << "no " << event_type << " in " << stream_id;
    return 0;
  }

  std::unique_ptr<RegistryService> service_;
  std::unique_ptr<Stub> stub_;
};

template <typename List>
std::vector<std::string> OrganisationIds(const List& list) {
  std::vector<std::string> ids;
  for (const v1::OrganisationView& o : list.organisations()) ids.push_back(o.organisation_id());
  return ids;
}

std::vector<std::string> BodyIds(const v1::ListBodiesResponse& list) {
  std::vector<std::string> ids;
  for (const v1::BodyView& b : list.bodies()) ids.push_back(b.body_id());
  return ids;
}

// ------------------------------------------------------------ organisations

TEST_F(RegistryServiceTest, GetOrganisationOnADateAndAsKnownThen) {
  auto active = Get(&Stub::GetOrganisation, R"pb(organisation_id: "org-ks2021"
                                                 as_of { year: 2019 month: 6 day: 29 })pb");
  EXPECT_EQ(active.read_position(), Head());
  EXPECT_EQ(active.organisation().organisation_id(), "org-ks2021");
  EXPECT_EQ(active.organisation().name().fi(), "Keski-Suomi 2021 -projekti");
  EXPECT_EQ(active.organisation().kind(), v1::ORGANISATION_KIND_PREPARATION_PROJECT);
  EXPECT_EQ(active.organisation().status(), v1::ORGANISATION_STATUS_ACTIVE);
  ExpectProto(active.organisation().as_of(), "year: 2019 month: 6 day: 29");

  auto succeeded = Get(&Stub::GetOrganisation, R"pb(organisation_id: "org-ks2021"
                                                    as_of { year: 2023 month: 1 day: 1 })pb");
  EXPECT_EQ(succeeded.organisation().status(), v1::ORGANISATION_STATUS_DISSOLVED);
  EXPECT_EQ(succeeded.organisation().successor_organisation_id(), "org-keski-suomen-hva");
  EXPECT_EQ(succeeded.organisation().status_history_size(), 2);

  // Before the succession was recorded the ledger did not know of it, even
  // for a date after it.
  uint64_t succession = PositionOf("org-ks2021", "OrganisationSucceeded");
  auto before = Get(&Stub::GetOrganisation, absl::StrCat(R"pb(organisation_id: "org-ks2021"
                                                              as_of { year: 2023 month: 1 day: 1 }
                                                              known_at { position:)pb",
                                                         succession - 1, "}"));
  EXPECT_EQ(before.read_position(), succession - 1);
  EXPECT_EQ(before.organisation().status(), v1::ORGANISATION_STATUS_DISSOLVED);
  EXPECT_EQ(before.organisation().successor_organisation_id(), "");
  EXPECT_EQ(before.organisation().status_history_size(), 1);

  // An all-zero as_of is no date: everything known.
  auto everything = Get(&Stub::GetOrganisation, R"pb(organisation_id: "org-ks2021"
                                                     as_of {})pb");
  EXPECT_FALSE(everything.organisation().has_as_of());
  EXPECT_EQ(everything.organisation().successor_organisation_id(), "org-keski-suomen-hva");
}

TEST_F(RegistryServiceTest, ListOrganisationsByKind) {
  auto counties = Get(&Stub::ListOrganisations,
                      R"pb(filter { kind: ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY })pb");
  EXPECT_EQ(OrganisationIds(counties),
            (std::vector<std::string>{"org-ita-uusimaa-hva", "org-keski-suomen-hva",
                                      "org-keski-uusimaa-hva", "org-lansi-uusimaa-hva",
                                      "org-paijat-hame-hva", "org-vantaa-kerava-hva"}));
  EXPECT_EQ(counties.next_page_token(), "");
  EXPECT_EQ(counties.read_position(), Head());

  // as_of applies to every organisation listed.
  auto projects = Get(&Stub::ListOrganisations,
                      R"pb(filter { kind: ORGANISATION_KIND_PREPARATION_PROJECT }
                           as_of { year: 2019 month: 6 day: 30 })pb");
  ASSERT_EQ(OrganisationIds(projects), (std::vector<std::string>{"org-ks2021", "org-uusimaa2019"}));
  EXPECT_EQ(projects.organisations(0).status(), v1::ORGANISATION_STATUS_DISSOLVED);

  EXPECT_EQ(Fail(&Stub::ListOrganisations, "filter { kind: 99 }", grpc::INVALID_ARGUMENT),
            "filter.kind: 99 is not an OrganisationKind");
}

TEST_F(RegistryServiceTest, ListOrganisationsPagesStayPutWhileCommandsAreRecorded) {
  const uint64_t first = Head();
  std::vector<std::string> listed;
  auto page = Get(&Stub::ListOrganisations, "page_size: 7");
  EXPECT_EQ(page.organisations_size(), 7);
  EXPECT_EQ(page.read_position(), first);
  for (const std::string& id : OrganisationIds(page)) listed.push_back(id);
  Ok(R"pb(register_organisation {
            organisation_id: "org-aaa-uusi"
            kind: ORGANISATION_KIND_ASSOCIATION
            name { fi: "Uusi ry" authoritative: LANGUAGE_FI }
          })pb");
  Ok(R"pb(rename_organisation {
            organisation_id: "org-kyt"
            name { fi: "KYT ry" authoritative: LANGUAGE_FI }
            effective_on { year: 2023 month: 1 day: 1 }
          })pb");
  ASSERT_GT(Head(), first);
  page = Get(&Stub::ListOrganisations,
             absl::StrCat("page_size: 7 page_token: \"", page.next_page_token(), "\""));
  EXPECT_EQ(page.organisations_size(), 7);
  EXPECT_EQ(page.read_position(), first);
  for (const v1::OrganisationView& o : page.organisations()) {
    listed.push_back(o.organisation_id());
    if (o.organisation_id() == "org-kyt") {
      EXPECT_EQ(o.name().fi(), "Keski-Suomen Yhteisöjen Tuki ry");
    }
  }
  page = Get(&Stub::ListOrganisations,
             absl::StrCat("page_size: 7 page_token: \"", page.next_page_token(), "\""));
  EXPECT_EQ(page.read_position(), first);
  EXPECT_EQ(page.next_page_token(), "");
  for (const std::string& id : OrganisationIds(page)) listed.push_back(id);
  EXPECT_EQ(listed, (std::vector<std::string>{
                        "org-helsinki", "org-hus", "org-ita-uusimaa-hva", "org-keski-suomen-hva",
                        "org-keski-suomen-liitto", "org-keski-uusimaa-hva", "org-ks-shp",
                        "org-ks2021", "org-kumaja", "org-kyt", "org-lansi-uusimaa-hva",
                        "org-paijat-hame-hva", "org-ph-esimerkkiyhdistys", "org-sote-muutostuki",
                        "org-stm", "org-uudenmaan-liitto", "org-uusimaa2019",
                        "org-valtiovarainministerio", "org-vantaa-kerava-hva"}));
  auto now = Get(&Stub::ListOrganisations, "");
  EXPECT_EQ(now.organisations_size(), 20);
  EXPECT_EQ(now.organisations(0).organisation_id(), "org-aaa-uusi");
  EXPECT_EQ(now.read_position(), Head());

  // known_at pins a first page too; its token carries it on.
  auto then = Get(&Stub::ListOrganisations,
                  absl::StrCat("page_size: 15 known_at { position: ", first, " }"));
  EXPECT_EQ(then.read_position(), first);
  EXPECT_EQ(then.organisations(0).organisation_id(), "org-helsinki");
  auto rest = Get(&Stub::ListOrganisations,
                  absl::StrCat("page_size: 15 page_token: \"", then.next_page_token(), "\""));
  EXPECT_EQ(rest.read_position(), first);
  EXPECT_EQ(rest.organisations_size(), 4);
}

TEST_F(RegistryServiceTest, FindOrganisationsByIdentifier) {
  auto business =
      Get(&Stub::FindOrganisations,
          R"pb(identifier { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "2345671-3" })pb");
  EXPECT_EQ(OrganisationIds(business), std::vector<std::string>{"org-ph-esimerkkiyhdistys"});
  EXPECT_EQ(business.read_position(), Head());
  EXPECT_EQ(business.organisations(0).name().fi(), "Päijät-Hämeen Esimerkkiyhdistys ry");
  // Registered as "212.345": found without the dot.
  auto association = Get(&Stub::FindOrganisations,
                         R"pb(identifier {
                                scheme: IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER
                                value: "212345"
                              })pb");
  EXPECT_EQ(OrganisationIds(association), std::vector<std::string>{"org-ph-esimerkkiyhdistys"});
  auto dotted = Get(&Stub::FindOrganisations,
                    R"pb(identifier {
                           scheme: IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER
                           value: "212.345"
                         })pb");
  EXPECT_EQ(OrganisationIds(dotted), std::vector<std::string>{"org-ph-esimerkkiyhdistys"});

  EXPECT_EQ(
      Fail(&Stub::FindOrganisations, R"pb(identifier { value: "9999999-9" })pb", grpc::NOT_FOUND),
      "identifier.value: no organisation has identifier \"9999999-9\"");
  EXPECT_EQ(Fail(&Stub::FindOrganisations, "", grpc::INVALID_ARGUMENT),
            "identifier.value: is required");
  EXPECT_EQ(Fail(&Stub::FindOrganisations, R"pb(identifier { scheme: 77 value: "1" })pb",
                 grpc::INVALID_ARGUMENT),
            "identifier.scheme: 77 is not an IdentifierScheme");
}

TEST_F(RegistryServiceTest, LineageOfTheCounty) {
  auto lineage =
      Get(&Stub::GetOrganisationLineage, R"pb(organisation_id: "org-keski-suomen-hva")pb");
  EXPECT_EQ(lineage.read_position(), Head());
  ExpectProto(lineage.lineage(), R"pb(organisation_id: "org-keski-suomen-hva"
                                      predecessors {
                                        from_organisation_id: "org-ks2021"
                                        to_organisation_id: "org-keski-suomen-hva"
                                        relation: ORGANISATION_CHANGE_KIND_SUCCEEDED
                                        effective_on { year: 2023 month: 1 day: 1 }
                                        distance: 1
                                      })pb");
  auto before = Get(&Stub::GetOrganisationLineage,
                    R"pb(organisation_id: "org-keski-suomen-hva"
                         as_of { year: 2022 month: 12 day: 31 })pb");
  ExpectProto(before.lineage(), R"pb(organisation_id: "org-keski-suomen-hva")pb");
}

// --------------------------------------------------------------------- persons

TEST_F(RegistryServiceTest, GetPersonIsPseudonymousAndShowsAnErasure) {
  auto person = Get(&Stub::GetPerson, R"pb(person_id: "person-ks-0001")pb");
  ExpectProto(person.person(), R"pb(person_id: "person-ks-0001" display: "person-ks-0001")pb");
  const uint64_t before_erasure = Head();
  EXPECT_EQ(person.read_position(), before_erasure);

  Ok(R"pb(erase_person { person_id: "person-ks-0001" legal_basis: "GDPR 17" })pb");
  auto erased = Get(&Stub::GetPerson, R"pb(person_id: "person-ks-0001")pb");
  ExpectProto(erased.person(), absl::StrCat(R"pb(person_id: "person-ks-0001"
                                                 erased: true
                                                 erased_at { seconds:)pb",
                                            testing::k2024Micros / 1000000,
                                            R"pb(}
                                                 erasure_legal_basis: "GDPR 17"
                                                 display: "erased")pb"));
  EXPECT_EQ(erased.read_position(), Head());
  auto then = Get(&Stub::GetPerson, absl::StrCat(R"pb(person_id: "person-ks-0001"
                                                      known_at { position:)pb",
                                                 before_erasure, "}"));
  EXPECT_FALSE(then.person().erased());
  EXPECT_EQ(then.read_position(), before_erasure);

  // The roster keeps the erased chair, flagged.
  auto roster = Get(&Stub::GetBodyRoster, R"pb(body_id: "body-ks-kumppanuuspoyta"
                                               as_of { year: 2019 month: 3 day: 22 })pb");
  ASSERT_EQ(roster.roster().seats_size(), 2);
  ASSERT_EQ(roster.roster().seats(0).holders_size(), 1);
  EXPECT_EQ(roster.roster().seats(0).holders(0).person_id(), "person-ks-0001");
  EXPECT_TRUE(roster.roster().seats(0).holders(0).person_erased());
  EXPECT_FALSE(roster.roster().seats(1).holders(0).person_erased());
}

// ----------------------------------------------------------------------- bodies

TEST_F(RegistryServiceTest, PartnershipTableConvenerBeforeAndAfter22March2019) {
  auto before = Get(&Stub::GetBody, R"pb(body_id: "body-ks-kumppanuuspoyta"
                                         as_of { year: 2019 month: 3 day: 21 })pb");
  EXPECT_EQ(before.read_position(), Head());
  EXPECT_EQ(before.body().convener_organisation_id(), "org-ks2021");
  EXPECT_EQ(before.body().continuations_size(), 0);
  EXPECT_EQ(before.body().mandate_history_size(), 1);
  ASSERT_EQ(before.body().seats_size(), 2);
  EXPECT_EQ(before.body().seats(0).seat_id(), "chair");

  auto after = Get(&Stub::GetBody, R"pb(body_id: "body-ks-kumppanuuspoyta"
                                        as_of { year: 2019 month: 3 day: 22 })pb");
  EXPECT_EQ(after.body().convener_organisation_id(), "org-keski-suomen-liitto");
  ASSERT_EQ(after.body().convener_history_size(), 2);
  ExpectProto(after.body().convener_history(0),
              R"pb(organisation_id: "org-ks2021"
                   effective_on { year: 2019 month: 2 day: 1 })pb");
  ASSERT_EQ(after.body().continuations_size(), 1);
  EXPECT_EQ(after.body().continuations(0).meeting_id(), "meeting-ks-kumppanuuspoyta-2019-03-22");
  ASSERT_EQ(after.body().mandate_history_size(), 2);
  EXPECT_EQ(after.body().mandate_history(1).decision_id(), "decision-ks-kp-jatko-2019-03-22");

  // As the ledger knew it just before the change was recorded.
  uint64_t change = PositionOf(kTable, "BodyConvenerChanged");
  auto then = Get(&Stub::GetBody, absl::StrCat(R"pb(body_id: "body-ks-kumppanuuspoyta"
                                                    as_of { year: 2019 month: 3 day: 22 }
                                                    known_at { position:)pb",
                                               change - 1, "}"));
  EXPECT_EQ(then.read_position(), change - 1);
  EXPECT_EQ(then.body().convener_organisation_id(), "org-ks2021");
  auto at_change = Get(&Stub::GetBody, absl::StrCat(R"pb(body_id: "body-ks-kumppanuuspoyta"
                                                         as_of { year: 2019 month: 3 day: 22 }
                                                         known_at { position:)pb",
                                                    change, "}"));
  EXPECT_EQ(at_change.body().convener_organisation_id(), "org-keski-suomen-liitto");

  auto not_yet = Get(&Stub::GetBody, R"pb(body_id: "body-ks-kumppanuuspoyta"
                                          as_of { year: 2019 month: 1 day: 31 })pb");
  EXPECT_EQ(not_yet.body().status(), v1::BODY_STATUS_NOT_YET_ESTABLISHED);
  EXPECT_EQ(not_yet.body().seats_size(), 0);
}

TEST_F(RegistryServiceTest, ListBodiesOfARegionAndByConvener) {
  auto county = Get(&Stub::ListBodies, R"pb(filter { parent_organisation_id: "org-paijat-hame-hva" }
                                            as_of { year: 2022 month: 8 day: 7 })pb");
  EXPECT_EQ(county.read_position(), Head());
  EXPECT_EQ(BodyIds(county), (std::vector<std::string>{
                                 "body-ph-aluehallitus", "body-ph-aluevaltuusto",
                                 "body-ph-asiakas-ja-osallisuuslautakunta",
                                 "body-ph-hyte-lautakunta", "body-ph-jarjestoneuvottelukunta"}));
  EXPECT_EQ(county.bodies(4).status(), v1::BODY_STATUS_NOT_YET_ESTABLISHED);
  auto active = Get(&Stub::ListBodies, R"pb(filter {
                                              parent_organisation_id: "org-paijat-hame-hva"
                                              status: BODY_STATUS_ACTIVE
                                              kind: BODY_KIND_COMMITTEE
                                            }
                                            as_of { year: 2022 month: 8 day: 7 })pb");
  EXPECT_EQ(BodyIds(active), (std::vector<std::string>{"body-ph-asiakas-ja-osallisuuslautakunta",
                                                       "body-ph-hyte-lautakunta"}));

  auto liitto_before =
      Get(&Stub::ListBodies, R"pb(filter { convener_organisation_id: "org-keski-suomen-liitto" }
                                  as_of { year: 2019 month: 3 day: 21 })pb");
  EXPECT_EQ(BodyIds(liitto_before), std::vector<std::string>{"body-ks-maakunnan-yhteistyoryhma"});
  auto liitto_after =
      Get(&Stub::ListBodies, R"pb(filter { convener_organisation_id: "org-keski-suomen-liitto" }
                                  as_of { year: 2019 month: 3 day: 22 })pb");
  EXPECT_EQ(BodyIds(liitto_after), (std::vector<std::string>{"body-ks-kumppanuuspoyta",
                                                             "body-ks-maakunnan-yhteistyoryhma"}));
  // Listings leave the bodies' rows to GetBody.
  EXPECT_EQ(liitto_after.bodies(0).seats_size(), 0);
  EXPECT_FALSE(liitto_after.bodies(0).has_mandate());

  EXPECT_EQ(Fail(&Stub::ListBodies, "filter { status: 42 }", grpc::INVALID_ARGUMENT),
            "filter.status: 42 is not a BodyStatus");
  EXPECT_THAT(Fail(&Stub::ListBodies, R"pb(filter { parent_organisation_id: "paijat-hame" })pb",
                   grpc::INVALID_ARGUMENT),
              HasSubstr("filter.parent_organisation_id: must be \"org-<slug>\""));
}

TEST_F(RegistryServiceTest, ListBodiesPagesStayPutWhileBodiesAreEstablished) {
  const uint64_t first = Head();
  auto page = Get(&Stub::ListBodies, "page_size: 6");
  ASSERT_EQ(page.bodies_size(), 6);
  ASSERT_NE(page.next_page_token(), "");
  std::vector<std::string> listed = BodyIds(page);
  Ok(R"pb(establish_body {
            body_id: "body-zzz-uusi"
            kind: BODY_KIND_WORKING_GROUP
            name { fi: "Uusi työryhmä" authoritative: LANGUAGE_FI }
            parent_organisation_id: "org-kumaja"
            mandate { fi: "Valmistella" authoritative: LANGUAGE_FI }
            established_on { year: 2024 month: 1 day: 1 }
          })pb");
  page = Get(&Stub::ListBodies,
             absl::StrCat("page_size: 6 page_token: \"", page.next_page_token(), "\""));
  EXPECT_EQ(page.read_position(), first);
  EXPECT_EQ(page.next_page_token(), "");
  for (const std::string& id : BodyIds(page)) listed.push_back(id);
  EXPECT_EQ(listed, (std::vector<std::string>{
                        "body-ks-jarjestoareena", "body-ks-kumppanuuspoyta",
                        "body-ks-maakunnan-yhteistyoryhma", "body-kumaja-tulevaisuusfoorumi",
                        "body-ph-aluehallitus", "body-ph-aluevaltuusto",
                        "body-ph-asiakas-ja-osallisuuslautakunta", "body-ph-hyte-lautakunta",
                        "body-ph-jarjestoneuvottelukunta", "body-u19-asiantuntijapooli",
                        "body-u19-kehittajaryhma"}));
  auto now = Get(&Stub::ListBodies, "");
  EXPECT_EQ(now.bodies_size(), 12);
  EXPECT_EQ(now.bodies(11).body_id(), "body-zzz-uusi");
}

TEST_F(RegistryServiceTest, PartnershipTableRoster) {
  auto roster = Get(&Stub::GetBodyRoster, R"pb(body_id: "body-ks-kumppanuuspoyta"
                                               as_of { year: 2019 month: 3 day: 22 })pb");
  EXPECT_EQ(roster.read_position(), Head());
  ExpectProto(roster.roster(), R"pb(
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
  auto before = Get(&Stub::GetBodyRoster, R"pb(body_id: "body-ks-kumppanuuspoyta"
                                               as_of { year: 2019 month: 1 day: 31 })pb");
  ExpectProto(before.roster(), R"pb(body_id: "body-ks-kumppanuuspoyta"
                                    as_of { year: 2019 month: 1 day: 31 }
                                    status: BODY_STATUS_NOT_YET_ESTABLISHED)pb");
  // Before the chair's appointment was recorded, the chair seat was vacant.
  uint64_t appointed = PositionOf(kTable, "MemberAppointed");
  auto vacant = Get(&Stub::GetBodyRoster, absl::StrCat(R"pb(body_id: "body-ks-kumppanuuspoyta"
                                                            as_of { year: 2019 month: 3 day: 1 }
                                                            known_at { position:)pb",
                                                       appointed - 1, "}"));
  EXPECT_EQ(vacant.read_position(), appointed - 1);
  EXPECT_EQ(vacant.roster().vacancies(), 2);
  EXPECT_EQ(vacant.roster().convener_organisation_id(), "org-ks2021");
}

TEST_F(RegistryServiceTest, ListMembershipsOfAPersonAndAnOrganisation) {
  auto person = Get(&Stub::ListMemberships, R"pb(filter { person_id: "person-u19-0002" })pb");
  EXPECT_EQ(person.read_position(), Head());
  EXPECT_EQ(person.next_page_token(), "");
  ASSERT_EQ(person.memberships_size(), 1);
  ExpectProto(person.memberships(0), R"pb(body_id: "body-u19-kehittajaryhma"
                                          membership_id: "m-01"
                                          seat_id: "member-01"
                                          post: POST_KIND_MEMBER
                                          person_id: "person-u19-0002"
                                          term {
                                            start { year: 2018 month: 10 day: 15 }
                                            end { year: 2019 month: 12 day: 31 }
                                          }
                                          call_id: "call-u19-kehittajaryhma"
                                          application_id: "app-001")pb");
  auto kyt = Get(&Stub::ListMemberships, R"pb(filter { organisation_id: "org-kyt" })pb");
  ASSERT_EQ(kyt.memberships_size(), 2);
  EXPECT_EQ(kyt.memberships(0).body_id(), "body-ks-jarjestoareena");
  EXPECT_EQ(kyt.memberships(1).body_id(), "body-ks-kumppanuuspoyta");

  // A body's memberships, a page at a time.
  auto first = Get(&Stub::ListMemberships, R"pb(filter { body_id: "body-u19-kehittajaryhma" }
                                                page_size: 2)pb");
  ASSERT_EQ(first.memberships_size(), 2);
  EXPECT_EQ(first.memberships(0).membership_id(), "m-01");
  EXPECT_EQ(first.memberships(1).membership_id(), "m-02");
  auto second =
      Get(&Stub::ListMemberships, absl::StrCat(R"pb(filter { body_id: "body-u19-kehittajaryhma" }
                                                    page_size: 2
                                                    page_token: ")pb",
                                               first.next_page_token(), "\""));
  ASSERT_EQ(second.memberships_size(), 1);
  EXPECT_EQ(second.memberships(0).membership_id(), "m-03");
  EXPECT_EQ(second.next_page_token(), "");
  EXPECT_EQ(second.read_position(), first.read_position());

  EXPECT_EQ(Fail(&Stub::ListMemberships, "", grpc::INVALID_ARGUMENT),
            "filter: exactly one of person_id, organisation_id and body_id must be set, got 0");
  EXPECT_THAT(Fail(&Stub::ListMemberships, R"pb(filter { person_id: "ks-0001" })pb",
                   grpc::INVALID_ARGUMENT),
              HasSubstr("filter.person_id: must be \"person-<slug>\""));
  auto nobody = Get(&Stub::ListMemberships, R"pb(filter { person_id: "person-nobody" })pb");
  EXPECT_EQ(nobody.memberships_size(), 0);
}

// ------------------------------------------------------------ calls and meetings

TEST_F(RegistryServiceTest, CallsOfTheDeveloperGroup) {
  auto call = Get(&Stub::GetCall, R"pb(call_id: "call-u19-kehittajaryhma")pb");
  EXPECT_EQ(call.read_position(), Head());
  EXPECT_EQ(call.call().body_id(), "body-u19-kehittajaryhma");
  EXPECT_TRUE(call.call().closed());
  EXPECT_EQ(call.call().applications_received(), 97);
  EXPECT_EQ(call.call().seats_offered(), 22);
  ASSERT_EQ(call.call().entries_size(), 3);
  ExpectProto(call.call().entries(0), R"pb(entry_id: "app-001"
                                           kind: CALL_ENTRY_KIND_APPLICATION
                                           person_id: "person-u19-0002"
                                           entered_on { year: 2018 month: 9 day: 6 })pb");
  // Before the closing was recorded the call was open.
  uint64_t closed = PositionOf("call-u19-kehittajaryhma", "MembershipCallClosed");
  auto open = Get(&Stub::GetCall, absl::StrCat(R"pb(call_id: "call-u19-kehittajaryhma"
                                                    known_at { position:)pb",
                                               closed - 1, "}"));
  EXPECT_FALSE(open.call().closed());
  EXPECT_EQ(open.call().applications_received(), 0);

  auto calls = Get(&Stub::ListCalls, R"pb(body_id: "body-u19-kehittajaryhma")pb");
  EXPECT_EQ(calls.read_position(), Head());
  ASSERT_EQ(calls.calls_size(), 1);
  EXPECT_EQ(calls.calls(0).call_id(), "call-u19-kehittajaryhma");
  EXPECT_EQ(calls.calls(0).entries_size(), 3);
  EXPECT_EQ(Get(&Stub::ListCalls, R"pb(body_id: "body-ks-kumppanuuspoyta")pb").calls_size(), 0);
  EXPECT_THAT(Fail(&Stub::ListCalls, "", grpc::INVALID_ARGUMENT), HasSubstr("body_id: "));
}

TEST_F(RegistryServiceTest, MeetingsOfTheFutureForum) {
  auto meeting =
      Get(&Stub::GetMeeting, R"pb(meeting_id: "meeting-ks-kumppanuuspoyta-2019-03-22")pb");
  EXPECT_EQ(meeting.read_position(), Head());
  EXPECT_EQ(meeting.meeting().body_id(), kTable);
  ExpectProto(meeting.meeting().held_on(), "year: 2019 month: 3 day: 22");
  EXPECT_EQ(meeting.meeting().agenda_size(), 4);
  EXPECT_EQ(meeting.meeting().attendance_count(), 2);

  auto forum = Get(&Stub::ListMeetings, R"pb(filter { body_id: "body-kumaja-tulevaisuusfoorumi" }
                                             page_size: 2)pb");
  ASSERT_EQ(forum.meetings_size(), 2);
  EXPECT_EQ(forum.meetings(0).meeting_id(), "meeting-kumaja-tulevaisuusfoorumi-1");
  EXPECT_EQ(forum.meetings(1).meeting_id(), "meeting-kumaja-tulevaisuusfoorumi-2");
  auto rest = Get(&Stub::ListMeetings,
                  absl::StrCat(R"pb(filter { body_id: "body-kumaja-tulevaisuusfoorumi" }
                                    page_size: 2
                                    page_token: ")pb",
                               forum.next_page_token(), "\""));
  ASSERT_EQ(rest.meetings_size(), 1);
  EXPECT_EQ(rest.meetings(0).meeting_id(), "meeting-kumaja-tulevaisuusfoorumi-3");
  EXPECT_EQ(rest.next_page_token(), "");
  EXPECT_EQ(rest.read_position(), forum.read_position());

  auto winter = Get(&Stub::ListMeetings, R"pb(filter {
                                                from { year: 2021 month: 11 day: 1 }
                                                to { year: 2022 month: 2 day: 9 }
                                              })pb");
  ASSERT_EQ(winter.meetings_size(), 2);
  EXPECT_EQ(winter.meetings(0).meeting_id(), "meeting-kumaja-tulevaisuusfoorumi-2");
  EXPECT_EQ(winter.meetings(1).meeting_id(), "meeting-kumaja-tulevaisuusfoorumi-3");

  EXPECT_EQ(Fail(&Stub::ListMeetings, R"pb(filter { from { year: 2021 month: 13 day: 1 } })pb",
                 grpc::INVALID_ARGUMENT),
            "filter.from.month: must be in 1..12, got 13");
  EXPECT_THAT(Fail(&Stub::ListMeetings, R"pb(filter {
                                               from { year: 2022 month: 1 day: 1 }
                                               to { year: 2021 month: 1 day: 1 }
                                             })pb",
                   grpc::INVALID_ARGUMENT),
              HasSubstr("filter.to: must not be before filter.from"));
}

// ---------------------------------------------------------------------- errors

TEST_F(RegistryServiceTest, MalformedIdsAndDatesNameTheField) {
  EXPECT_EQ(
      Fail(&Stub::GetOrganisation, R"pb(organisation_id: "ks2021")pb", grpc::INVALID_ARGUMENT),
      "organisation_id: must be \"org-<slug>\", got \"ks2021\"");
  EXPECT_THAT(Fail(&Stub::GetOrganisationLineage, "", grpc::INVALID_ARGUMENT),
              HasSubstr("organisation_id: "));
  EXPECT_THAT(Fail(&Stub::GetPerson, R"pb(person_id: "org-kyt")pb", grpc::INVALID_ARGUMENT),
              HasSubstr("person_id: must be \"person-<slug>\""));
  EXPECT_THAT(Fail(&Stub::GetBody, R"pb(body_id: "kumppanuuspoyta")pb", grpc::INVALID_ARGUMENT),
              HasSubstr("body_id: must be \"body-<slug>\""));
  EXPECT_THAT(Fail(&Stub::GetBodyRoster, R"pb(body_id: "")pb", grpc::INVALID_ARGUMENT),
              HasSubstr("body_id: "));
  EXPECT_THAT(Fail(&Stub::GetCall, R"pb(call_id: "body-x")pb", grpc::INVALID_ARGUMENT),
              HasSubstr("call_id: must be \"call-<slug>\""));
  EXPECT_THAT(Fail(&Stub::GetMeeting, R"pb(meeting_id: "m")pb", grpc::INVALID_ARGUMENT),
              HasSubstr("meeting_id: must be \"meeting-<slug>\""));

  EXPECT_EQ(Fail(&Stub::GetBody, R"pb(body_id: "body-ks-kumppanuuspoyta"
                                      as_of { year: 2019 month: 13 day: 1 })pb",
                 grpc::INVALID_ARGUMENT),
            "as_of.month: must be in 1..12, got 13");
  EXPECT_EQ(Fail(&Stub::GetOrganisation, R"pb(organisation_id: "org-kyt"
                                              as_of { year: 2019 month: 2 day: 30 })pb",
                 grpc::INVALID_ARGUMENT),
            "as_of.day: 30 is not a day of 2019-02");
  EXPECT_EQ(Fail(&Stub::GetBodyRoster, R"pb(body_id: "body-ks-kumppanuuspoyta"
                                            as_of { year: 1800 month: 1 day: 1 })pb",
                 grpc::INVALID_ARGUMENT),
            "as_of.year: must be in 1900..2200, got 1800");
  EXPECT_EQ(Fail(&Stub::ListBodies, R"pb(as_of { year: 2019 })pb", grpc::INVALID_ARGUMENT),
            "as_of.month: must be in 1..12, got 0");
  EXPECT_EQ(Fail(&Stub::ListOrganisations, R"pb(as_of { year: 2019 month: 4 day: 31 })pb",
                 grpc::INVALID_ARGUMENT),
            "as_of.day: 31 is not a day of 2019-04");
  EXPECT_THAT(Fail(&Stub::GetBody,
                   absl::StrCat(R"pb(body_id: "body-ks-kumppanuuspoyta"
                                     known_at { position:)pb",
                                Head() + 1, "}"),
                   grpc::INVALID_ARGUMENT),
              HasSubstr("is beyond the log head"));
}

TEST_F(RegistryServiceTest, PageSizesAndTokens) {
  EXPECT_EQ(Fail(&Stub::ListOrganisations, "page_size: -1", grpc::INVALID_ARGUMENT),
            "page_size: must not be negative, got -1");
  EXPECT_EQ(Fail(&Stub::ListBodies, "page_size: -5", grpc::INVALID_ARGUMENT),
            "page_size: must not be negative, got -5");
  EXPECT_EQ(Fail(&Stub::ListMeetings, R"pb(page_token: "not a token!")pb", grpc::INVALID_ARGUMENT),
            "page_token: is not a token this server issued");
  EXPECT_EQ(Fail(&Stub::ListBodies, R"pb(page_token: "bm90IG91cnM")pb", grpc::INVALID_ARGUMENT),
            "page_token: is not a token this server issued");

  std::string organisations_token = Get(&Stub::ListOrganisations, "page_size: 2").next_page_token();
  ASSERT_NE(organisations_token, "");
  // Another listing's token, or the same listing's with another filter.
  EXPECT_THAT(Fail(&Stub::ListBodies, absl::StrCat("page_token: \"", organisations_token, "\""),
                   grpc::INVALID_ARGUMENT),
              HasSubstr("page_token: does not belong to this list"));
  EXPECT_THAT(Fail(&Stub::ListOrganisations,
                   absl::StrCat("filter { kind: ORGANISATION_KIND_ASSOCIATION } page_token: \"",
                                organisations_token, "\""),
                   grpc::INVALID_ARGUMENT),
              HasSubstr("page_token: does not belong to this list"));
  EXPECT_THAT(Fail(&Stub::ListMemberships,
                   absl::StrCat(R"pb(filter { body_id: "body-u19-kehittajaryhma" }
                                     page_token: ")pb",
                                organisations_token, "\""),
                   grpc::INVALID_ARGUMENT),
              HasSubstr("page_token: does not belong to this list"));
  // A token already pins the listing's point.
  EXPECT_EQ(Fail(&Stub::ListOrganisations,
                 absl::StrCat("known_at { position: 5 } page_token: \"", organisations_token, "\""),
                 grpc::INVALID_ARGUMENT),
            "known_at: must be unset with a page_token (the token pins the listing's point)");

  // Sizes above 1,000 are reduced, 0 is the default: both list all 19.
  EXPECT_EQ(Get(&Stub::ListOrganisations, "page_size: 100000").organisations_size(), 19);
  EXPECT_EQ(Get(&Stub::ListOrganisations, "page_size: 0").organisations_size(), 19);
}

TEST_F(RegistryServiceTest, MissingThingsAreNotFoundByName) {
  EXPECT_EQ(Fail(&Stub::GetOrganisation, R"pb(organisation_id: "org-puuttuva")pb", grpc::NOT_FOUND),
            "organisation_id: organisation \"org-puuttuva\" does not exist");
  EXPECT_EQ(Fail(&Stub::GetOrganisationLineage, R"pb(organisation_id: "org-puuttuva")pb",
                 grpc::NOT_FOUND),
            "organisation_id: organisation \"org-puuttuva\" does not exist");
  EXPECT_EQ(Fail(&Stub::GetPerson, R"pb(person_id: "person-puuttuva")pb", grpc::NOT_FOUND),
            "person_id: person \"person-puuttuva\" does not exist");
  EXPECT_EQ(Fail(&Stub::GetBody, R"pb(body_id: "body-puuttuva")pb", grpc::NOT_FOUND),
            "body_id: body \"body-puuttuva\" does not exist");
  EXPECT_EQ(Fail(&Stub::GetBodyRoster, R"pb(body_id: "body-puuttuva")pb", grpc::NOT_FOUND),
            "body_id: body \"body-puuttuva\" does not exist");
  EXPECT_EQ(Fail(&Stub::GetCall, R"pb(call_id: "call-puuttuva")pb", grpc::NOT_FOUND),
            "call_id: membership call \"call-puuttuva\" does not exist");
  EXPECT_EQ(Fail(&Stub::GetMeeting, R"pb(meeting_id: "meeting-puuttuva")pb", grpc::NOT_FOUND),
            "meeting_id: meeting \"meeting-puuttuva\" does not exist");
  // What did not exist yet at known_at is missing there.
  uint64_t established = PositionOf(kTable, "BodyEstablished");
  EXPECT_EQ(Fail(&Stub::GetBody,
                 absl::StrCat(R"pb(body_id: "body-ks-kumppanuuspoyta"
                                   known_at { position:)pb",
                              established - 1, "}"),
                 grpc::NOT_FOUND),
            "body_id: body \"body-ks-kumppanuuspoyta\" does not exist");
}

// ------------------------------------------------------------- roles, privacy

TEST_F(RegistryServiceTest, EveryRpcNeedsAToken) {
  std::vector<std::function<grpc::Status(const std::string&)>> calls = {
      [&](const std::string& t) {
        v1::GetOrganisationResponse r;
        return Call(&Stub::GetOrganisation, R"pb(organisation_id: "org-kyt")pb", &r, t);
      },
      [&](const std::string& t) {
        v1::ListOrganisationsResponse r;
        return Call(&Stub::ListOrganisations, "", &r, t);
      },
      [&](const std::string& t) {
        v1::FindOrganisationsResponse r;
        return Call(&Stub::FindOrganisations, R"pb(identifier { value: "2345671-3" })pb", &r, t);
      },
      [&](const std::string& t) {
        v1::GetOrganisationLineageResponse r;
        return Call(&Stub::GetOrganisationLineage, R"pb(organisation_id: "org-kyt")pb", &r, t);
      },
      [&](const std::string& t) {
        v1::GetPersonResponse r;
        return Call(&Stub::GetPerson, R"pb(person_id: "person-ks-0001")pb", &r, t);
      },
      [&](const std::string& t) {
        v1::GetBodyResponse r;
        return Call(&Stub::GetBody, R"pb(body_id: "body-ks-kumppanuuspoyta")pb", &r, t);
      },
      [&](const std::string& t) {
        v1::ListBodiesResponse r;
        return Call(&Stub::ListBodies, "", &r, t);
      },
      [&](const std::string& t) {
        v1::GetBodyRosterResponse r;
        return Call(&Stub::GetBodyRoster, R"pb(body_id: "body-ks-kumppanuuspoyta")pb", &r, t);
      },
      [&](const std::string& t) {
        v1::ListMembershipsResponse r;
        return Call(&Stub::ListMemberships, R"pb(filter { organisation_id: "org-kyt" })pb", &r, t);
      },
      [&](const std::string& t) {
        v1::GetCallResponse r;
        return Call(&Stub::GetCall, R"pb(call_id: "call-u19-kehittajaryhma")pb", &r, t);
      },
      [&](const std::string& t) {
        v1::ListCallsResponse r;
        return Call(&Stub::ListCalls, R"pb(body_id: "body-u19-kehittajaryhma")pb", &r, t);
      },
      [&](const std::string& t) {
        v1::GetMeetingResponse r;
        return Call(&Stub::GetMeeting, R"pb(meeting_id: "meeting-ks-kumppanuuspoyta-2019-03-22")pb",
                    &r, t);
      },
      [&](const std::string& t) {
        v1::ListMeetingsResponse r;
        return Call(&Stub::ListMeetings, "", &r, t);
      },
  };
  ASSERT_EQ(calls.size(), 13u);  // every RPC of the service
  for (size_t i = 0; i < calls.size(); ++i) {
    grpc::Status none = calls[i]("");
    EXPECT_EQ(none.error_code(), grpc::UNAUTHENTICATED) << "rpc " << i;
    EXPECT_EQ(none.error_message(), "authorization: no bearer token") << "rpc " << i;
    EXPECT_EQ(calls[i]("not-a-token").error_code(), grpc::UNAUTHENTICATED) << "rpc " << i;
    for (const char* token : {kAdmin, kRecorder, kNgo, kAuditor, kPublic}) {
      grpc::Status status = calls[i](token);
      EXPECT_TRUE(status.ok()) << "rpc " << i << " as " << token << ": " << status.error_message();
    }
  }
}

TEST_F(RegistryServiceTest, NoRoleReceivesPersonalData) {
  // What the demo registered for its persons, encrypted in the log.
  const std::vector<std::string> personal_data = {
      "Kirsi Keksitty",  "Matti Mallikas", "Sanna Sepitetty", "Juho Kuviteltu", "Kaisa Esimerkki",
      "Tuula Kuvitelma", "Eeva Malli",     "@example.org",    "Keksitty",       "Esimerkki"};
  // Every answer that mentions persons, as each role gets it.
  auto answers = [&](const std::string& token) {
    std::vector<std::unique_ptr<google::protobuf::Message>> out;
    auto keep = [&](auto response) {
      out.push_back(std::make_unique<decltype(response)>(std::move(response)));
    };
    keep(Get(&Stub::GetPerson, R"pb(person_id: "person-ks-0001")pb", token));
    keep(Get(&Stub::GetBodyRoster, R"pb(body_id: "body-ks-kumppanuuspoyta"
                                        as_of { year: 2019 month: 3 day: 22 })pb",
             token));
    keep(
        Get(&Stub::ListMemberships, R"pb(filter { body_id: "body-u19-kehittajaryhma" })pb", token));
    keep(Get(&Stub::ListMemberships, R"pb(filter { person_id: "person-ks-0001" })pb", token));
    keep(Get(&Stub::GetCall, R"pb(call_id: "call-u19-kehittajaryhma")pb", token));
    keep(Get(&Stub::ListCalls, R"pb(body_id: "body-u19-kehittajaryhma")pb", token));
    keep(Get(&Stub::GetMeeting, R"pb(meeting_id: "meeting-ks-kumppanuuspoyta-2019-03-22")pb",
             token));
    keep(Get(&Stub::ListMeetings, "", token));
    keep(Get(&Stub::ListBodies, "", token));
    keep(Get(&Stub::GetBody, R"pb(body_id: "body-ks-kumppanuuspoyta")pb", token));
    return out;
  };
  auto as_public = answers(kPublic);
  auto as_admin = answers(kAdmin);
  ASSERT_EQ(as_public.size(), as_admin.size());
  std::string everything;
  for (size_t i = 0; i < as_public.size(); ++i) {
    std::string bytes = as_public[i]->SerializeAsString();
    std::string text = as_public[i]->DebugString();
    for (const std::string& data : personal_data) {
      EXPECT_EQ(bytes.find(data), std::string::npos) << data << " in answer " << i;
      EXPECT_EQ(text.find(data), std::string::npos) << data << " in answer " << i;
    }
    everything += text;
    // Nothing depends on the role: an admin gets the same pseudonymous view.
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*as_public[i], *as_admin[i]))
        << "answer " << i;
  }
  // The answers do name the persons, pseudonymously (the checks above see
  // the answers that would carry personal data, were there any).
  for (const char* id : {"person-ks-0001", "person-ks-0003", "person-u19-0002", "person-u19-0003",
                         "person-u19-0004"}) {
    EXPECT_THAT(everything, HasSubstr(id));
  }
}

}  // namespace
}  // namespace kumppani::api
