// The open-data converters of `kumppani export` (tools/kumppani/export/):
// JSON escaping and numbers, dates and instants, identifiers, and exact
// Popolo, 360Giving and OCDS-style output for small hand-made views,
// including that no person other than by pseudonymous id ever appears.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tools/kumppani/export/export_common.h"
#include "tools/kumppani/export/json.h"
#include "tools/kumppani/export/ocds.h"
#include "tools/kumppani/export/popolo.h"
#include "tools/kumppani/export/region.h"
#include "tools/kumppani/export/threesixty_giving.h"

namespace kumppani::exports {
namespace {

namespace v1 = kumppani::v1;
using ::testing::HasSubstr;
using ::testing::Not;

v1::Date D(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

v1::LocalizedText Fi(const std::string& text) {
  v1::LocalizedText localized;
  localized.set_fi(text);
  localized.set_authoritative(v1::LANGUAGE_FI);
  return localized;
}

v1::OrganisationView Organisation(const std::string& id, const std::string& name) {
  v1::OrganisationView organisation;
  organisation.set_organisation_id(id);
  *organisation.mutable_name() = Fi(name);
  organisation.set_kind(v1::ORGANISATION_KIND_MUNICIPALITY);
  organisation.set_status(v1::ORGANISATION_STATUS_ACTIVE);
  return organisation;
}

ReadPoint Point() {
  ReadPoint point;
  point.position = 127;
  point.recorded_at.set_seconds(1795428902);  // 2026-11-23T10:15:02Z
  return point;
}

// The string member `key` of a JSON object ("" when absent).
std::string Get(const Json& object, const std::string& key) {
  const Json* member = object.Find(key);
  return member ? member->text() : "";
}

// ------------------------------------------------------------------- JSON

TEST(JsonTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(JsonQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(JsonQuote("line\nnext\ttab\r\b\f"), "\"line\\nnext\\ttab\\r\\b\\f\"");
  EXPECT_EQ(JsonQuote(std::string("nul\0one\x01\x1f", 9)), "\"nul\\u0000one\\u0001\\u001f\"");
  EXPECT_EQ(JsonQuote("</script>"), "\"</script>\"");
}

TEST(JsonTest, KeepsUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(JsonQuote("Päijät-Häme €"), "\"Päijät-Häme €\"");
  EXPECT_EQ(JsonQuote("a\xff"
                      "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
  // A truncated sequence and an encoded surrogate are invalid too.
  EXPECT_EQ(JsonQuote("\xC3"), "\"\xEF\xBF\xBD\"");
  EXPECT_EQ(JsonQuote("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonTest, EurosAreExactDecimalsOfCents) {
  EXPECT_EQ(Json::Euros(120000000).text(), "1200000");
  EXPECT_EQ(Json::Euros(1234550).text(), "12345.50");
  EXPECT_EQ(Json::Euros(1234507).text(), "12345.07");
  EXPECT_EQ(Json::Euros(5).text(), "0.05");
  EXPECT_EQ(Json::Euros(-5).text(), "-0.05");
  EXPECT_EQ(Json::Euros(0).text(), "0");
  EXPECT_EQ(Json::Euros(INT64_MIN).text(), "-92233720368547758.08");
}

TEST(JsonTest, SerializesInInsertionOrderWithTwoSpaceIndent) {
  Json object = Json::Object();
  object.Set("b", 1).Set("a", Json::Array().Push("x").Push(true)).Set("empty", Json::Array());
  object.Set("b", "replaced");  // keeps its place
  object.SetIfPresent("skipped", "").SetIfPresent("skipped_array", Json::Array());
  object.Set("null", Json());
  EXPECT_EQ(object.Serialize(),
            "{\n"
            "  \"b\": \"replaced\",\n"
            "  \"a\": [\n"
            "    \"x\",\n"
            "    true\n"
            "  ],\n"
            "  \"empty\": [],\n"
            "  \"null\": null\n"
            "}\n");
}

// ------------------------------------------------------- dates and texts

TEST(ExportCommonTest, HelsinkiMidnightFollowsSummerTime) {
  EXPECT_EQ(HelsinkiMidnight(D(2019, 3, 22)), "2019-03-22T00:00:00+02:00");
  EXPECT_EQ(HelsinkiMidnight(D(2022, 8, 8)), "2022-08-08T00:00:00+03:00");
  // 2022: summer time from Sunday 27 March 03:00 to Sunday 30 October 04:00.
  EXPECT_EQ(HelsinkiMidnight(D(2022, 3, 27)), "2022-03-27T00:00:00+02:00");
  EXPECT_EQ(HelsinkiMidnight(D(2022, 3, 28)), "2022-03-28T00:00:00+03:00");
  EXPECT_EQ(HelsinkiMidnight(D(2022, 10, 30)), "2022-10-30T00:00:00+03:00");
  EXPECT_EQ(HelsinkiMidnight(D(2022, 10, 31)), "2022-10-31T00:00:00+02:00");
  EXPECT_EQ(HelsinkiMidnight(v1::Date()), "");
  // The end of a period's last day: 23:59:59 on the switch days is already
  // summer time in March and winter time again in October.
  EXPECT_EQ(HelsinkiEndOfDay(D(2019, 2, 15)), "2019-02-15T23:59:59+02:00");
  EXPECT_EQ(HelsinkiEndOfDay(D(2022, 3, 27)), "2022-03-27T23:59:59+03:00");
  EXPECT_EQ(HelsinkiEndOfDay(D(2022, 10, 29)), "2022-10-29T23:59:59+03:00");
  EXPECT_EQ(HelsinkiEndOfDay(D(2022, 10, 30)), "2022-10-30T23:59:59+02:00");
  // 2022-08-08T00:00:00+03:00 is 2022-08-07T21:00:00Z.
  EXPECT_EQ(HelsinkiMidnightSeconds(D(2022, 8, 8)), 1659906000);
  EXPECT_EQ(HelsinkiMidnightSeconds(D(2019, 1, 1)), 1546293600);
}

TEST(ExportCommonTest, DatesAndInstants) {
  EXPECT_EQ(DateText(D(2019, 3, 2)), "2019-03-02");
  EXPECT_EQ(DateText(v1::Date()), "");
  EXPECT_EQ(DateText(DayBefore(D(2020, 3, 1))), "2020-02-29");
  EXPECT_EQ(DateText(DayBefore(D(2019, 1, 1))), "2018-12-31");
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(1659906000);
  EXPECT_EQ(TimestampText(timestamp), "2022-08-07T21:00:00Z");
  timestamp.set_nanos(5);
  EXPECT_EQ(TimestampText(timestamp), "2022-08-07T21:00:00.000000005Z");
  EXPECT_EQ(TimestampText(google::protobuf::Timestamp()), "");
}

TEST(ExportCommonTest, TextsEnumsAndIdentifiers) {
  v1::LocalizedText name = Fi("Helsingin kaupunki");
  name.set_sv("Helsingfors stad");
  EXPECT_EQ(Text(name), "Helsingin kaupunki");
  ASSERT_EQ(Translations(name).size(), 1u);
  EXPECT_EQ(Translations(name)[0].first, "sv");
  EXPECT_EQ(Translations(name)[0].second, "Helsingfors stad");
  EXPECT_EQ(
      EnumSlug(*v1::OrganisationKind_descriptor(), v1::ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY),
      "wellbeing_services_county");
  EXPECT_EQ(EnumSlug(*v1::PostKind_descriptor(), v1::POST_KIND_VICE_CHAIR), "vice_chair");
  EXPECT_EQ(EnumSlug(*v1::PostKind_descriptor(), 0), "");

  v1::OrganisationView association = Organisation("org-ph-esimerkkiyhdistys", "Yhdistys ry");
  auto* number = association.add_identifiers();
  number->set_scheme(v1::IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER);
  number->set_value("212.345");
  EXPECT_EQ(OrgIdentifier(association), "360G-kumppani-org-ph-esimerkkiyhdistys");
  auto* business_id = association.add_identifiers();
  business_id->set_scheme(v1::IDENTIFIER_SCHEME_BUSINESS_ID);
  business_id->set_value("2345671-3");
  EXPECT_EQ(OrgIdentifier(association), "FI-PRO-2345671-3");
}

TEST(ExportCommonTest, ReadPointStatesHowToRebuild) {
  ReadPoint point = Point();
  point.as_of = D(2022, 12, 31);
  point.region_organisation_id = "org-paijat-hame-hva";
  const Json json = ReadPointJson(point, "kumppani export popolo");
  EXPECT_EQ(json.Serialize(),
            "{\n"
            "  \"readPosition\": 127,\n"
            "  \"recordedAt\": \"2026-11-23T10:15:02Z\",\n"
            "  \"asOf\": \"2022-12-31\",\n"
            "  \"region\": \"org-paijat-hame-hva\",\n"
            "  \"reproduce\": \"kumppani export popolo --known-at 127 --as-of 2022-12-31 "
            "--region org-paijat-hame-hva\"\n"
            "}\n");
}

// ---------------------------------------------------------------- 360Giving

GrantsInput HelsinkiGrants() {
  GrantsInput input;
  v1::GrantView grant;
  grant.set_grant_id("grant-stm-valmistelu-helsinki");
  grant.set_programme_id("programme-stm-alueellinen-valmistelu");
  grant.set_applicant_organisation_id("org-helsinki");
  *grant.mutable_purpose() = Fi("Sote-rakenneuudistusta tukeva alueellinen valmistelu");
  *grant.mutable_applied_on() = D(2021, 6, 15);
  auto* decision = grant.mutable_decision();
  decision->set_outcome(v1::GRANT_DECISION_OUTCOME_AWARDED);
  *decision->mutable_decided_on() = D(2021, 9, 15);
  decision->set_awarded_cents(120000000);
  *decision->mutable_usage_period()->mutable_start() = D(2021, 9, 15);
  *decision->mutable_usage_period()->mutable_end() = D(2022, 12, 31);
  auto* payment = grant.add_payments();
  payment->set_instalment(1);
  payment->set_amount_cents(60000000);
  *payment->mutable_paid_on() = D(2021, 10, 15);
  grant.mutable_amounts()->set_applied_cents(150000050);
  grant.mutable_amounts()->set_awarded_cents(120000000);
  grant.mutable_amounts()->set_paid_cents(60000000);
  input.grants.push_back(grant);

  v1::GrantView rejected;
  rejected.set_grant_id("grant-rejected");
  rejected.set_programme_id("programme-stm-alueellinen-valmistelu");
  rejected.set_applicant_organisation_id("org-hus");
  rejected.mutable_decision()->set_outcome(v1::GRANT_DECISION_OUTCOME_REJECTED);
  input.grants.push_back(rejected);

  v1::GrantProgrammeView programme;
  programme.set_programme_id("programme-stm-alueellinen-valmistelu");
  programme.set_funder_organisation_id("org-stm");
  *programme.mutable_title() = Fi("Alueellisen valmistelun valtionavustus");
  input.programmes.push_back(programme);
  input.organisations.push_back(Organisation("org-helsinki", "Helsingin kaupunki"));
  input.organisations.push_back(Organisation("org-stm", "Sosiaali- ja terveysministeriö"));
  return input;
}

TEST(ThreeSixtyGivingTest, GrantCarriesAmountsDatesAndOrganisations) {
  const GrantsInput input = HelsinkiGrants();
  const Json grant = ThreeSixtyGivingGrant(input.grants[0], input, Point());
  EXPECT_EQ(Get(grant, "id"), "360G-kumppani-grant-stm-valmistelu-helsinki");
  EXPECT_EQ(Get(grant, "title"), "Sote-rakenneuudistusta tukeva alueellinen valmistelu");
  EXPECT_EQ(Get(grant, "description"),
            "Sote-rakenneuudistusta tukeva alueellinen valmistelu "
            "(Alueellisen valmistelun valtionavustus)");
  EXPECT_EQ(Get(grant, "currency"), "EUR");
  EXPECT_EQ(Get(grant, "amountAppliedFor"), "1500000.50");
  EXPECT_EQ(Get(grant, "amountAwarded"), "1200000");
  EXPECT_EQ(Get(grant, "amountDisbursed"), "600000");
  EXPECT_EQ(Get(grant, "awardDate"), "2021-09-15");
  const Json& planned = grant.Find("plannedDates")->elements().at(0);
  EXPECT_EQ(Get(planned, "startDate"), "2021-09-15");
  EXPECT_EQ(Get(planned, "endDate"), "2022-12-31");
  EXPECT_EQ(grant.Find("actualDates"), nullptr);  // not extended
  const Json& recipient = grant.Find("recipientOrganization")->elements().at(0);
  EXPECT_EQ(Get(recipient, "id"), "360G-kumppani-org-helsinki");
  EXPECT_EQ(Get(recipient, "name"), "Helsingin kaupunki");
  const Json& funder = grant.Find("fundingOrganization")->elements().at(0);
  EXPECT_EQ(Get(funder, "id"), "360G-kumppani-org-stm");
  EXPECT_EQ(Get(funder, "name"), "Sosiaali- ja terveysministeriö");
  const Json& programme = grant.Find("grantProgramme")->elements().at(0);
  EXPECT_EQ(Get(programme, "code"), "programme-stm-alueellinen-valmistelu");
  const Json& instalment = grant.Find("disbursementTransaction")->elements().at(0);
  EXPECT_EQ(Get(instalment, "id"), "360G-kumppani-grant-stm-valmistelu-helsinki-instalment-1");
  EXPECT_EQ(Get(instalment, "transactionDate"), "2021-10-15");
  EXPECT_EQ(Get(instalment, "value"), "600000");
  EXPECT_EQ(Get(instalment, "provider"), "360G-kumppani-org-stm");
  EXPECT_EQ(Get(instalment, "recipient"), "360G-kumppani-org-helsinki");
  EXPECT_EQ(Get(grant, "dateModified"), "2026-11-23T10:15:02Z");
}

TEST(ThreeSixtyGivingTest, ExtensionsGiveActualDates) {
  GrantsInput input = HelsinkiGrants();
  v1::GrantView& grant = input.grants[0];
  auto* extension = grant.add_extensions();
  *extension->mutable_usage_ends_on() = D(2023, 6, 30);
  *extension->mutable_previous_usage_ends_on() = D(2022, 12, 31);
  *grant.mutable_usage_ends_on() = D(2023, 6, 30);
  const Json json = ThreeSixtyGivingGrant(grant, input, Point());
  const Json& actual = json.Find("actualDates")->elements().at(0);
  EXPECT_EQ(Get(actual, "startDate"), "2021-09-15");
  EXPECT_EQ(Get(actual, "endDate"), "2023-06-30");
}

TEST(ThreeSixtyGivingTest, PackageHoldsOnlyAwardedGrantsAndStatesThePosition) {
  GrantsInput input = HelsinkiGrants();
  input.command = "kumppani export 360giving --grant grant-stm-valmistelu-helsinki";
  const Json package = ThreeSixtyGivingPackage(input, Point());
  ASSERT_EQ(package.Find("grants")->size(), 1u);
  EXPECT_EQ(Get(package.Find("grants")->elements()[0], "id"),
            "360G-kumppani-grant-stm-valmistelu-helsinki");
  EXPECT_EQ(Get(package, "identifier"), "360G-kumppani-position-127");
  EXPECT_EQ(Get(package, "modified"), "2026-11-23T10:15:02Z");
  EXPECT_EQ(Get(*package.Find("kumppani"), "readPosition"), "127");
  EXPECT_EQ(Get(*package.Find("kumppani"), "reproduce"),
            "kumppani export 360giving --grant grant-stm-valmistelu-helsinki --known-at 127");
  const std::string bytes = package.Serialize();
  EXPECT_THAT(bytes, HasSubstr("\"amountAwarded\": 1200000,\n"));
  EXPECT_THAT(bytes, HasSubstr("\"amountAppliedFor\": 1500000.50,\n"));
  EXPECT_THAT(bytes, Not(HasSubstr("grant-rejected")));
  EXPECT_EQ(bytes, ThreeSixtyGivingPackage(input, Point()).Serialize());
}

// ------------------------------------------------------------------- Popolo

PopoloInput SmallRegistry() {
  PopoloInput input;
  v1::OrganisationView project = Organisation("org-ks2021", "Keski-Suomi 2021");
  project.set_kind(v1::ORGANISATION_KIND_PREPARATION_PROJECT);
  project.set_parent_organisation_id("org-keski-suomen-liitto");
  auto* first = project.add_name_history();
  *first->mutable_name() = Fi("KS2019-hanke");
  auto* second = project.add_name_history();
  *second->mutable_name() = Fi("Keski-Suomi 2021");
  *second->mutable_effective_on() = D(2019, 1, 1);
  project.set_status(v1::ORGANISATION_STATUS_DISSOLVED);
  *project.mutable_status_since() = D(2019, 6, 30);
  input.organisations.push_back(project);
  v1::OrganisationView council = Organisation("org-keski-suomen-liitto", "Keski-Suomen liitto");
  council.set_kind(v1::ORGANISATION_KIND_REGIONAL_COUNCIL);
  input.organisations.push_back(council);
  input.organisations.push_back(Organisation("org-kyt", "Keski-Suomen Yhteisöjen Tuki ry"));
  input.organisations.push_back(Organisation("org-elsewhere", "Muualla"));

  v1::BodyView table;
  table.set_body_id("body-ks-kumppanuuspoyta");
  table.set_kind(v1::BODY_KIND_PARTNERSHIP_TABLE);
  *table.mutable_name() = Fi("Kumppanuuspöytä");
  table.set_parent_organisation_id("org-ks2021");
  *table.mutable_established_on() = D(2019, 2, 1);
  auto* chair = table.add_seats();
  chair->set_seat_id("chair");
  chair->set_post(v1::POST_KIND_CHAIR);
  input.bodies.push_back(table);
  v1::BodyView other;
  other.set_body_id("body-elsewhere");
  other.set_parent_organisation_id("org-elsewhere");
  *other.mutable_name() = Fi("Muu");
  input.bodies.push_back(other);

  v1::MembershipView membership;
  membership.set_body_id("body-ks-kumppanuuspoyta");
  membership.set_membership_id("m1");
  membership.set_seat_id("chair");
  membership.set_post(v1::POST_KIND_CHAIR);
  membership.set_person_id("person-ks-0001");
  membership.set_on_behalf_of_organisation_id("org-kyt");
  *membership.mutable_term()->mutable_start() = D(2019, 2, 1);
  *membership.mutable_term()->mutable_end() = D(2020, 12, 31);
  *membership.mutable_ended_on() = D(2019, 6, 30);
  membership.set_end(v1::MEMBERSHIP_END_RESIGNED);
  input.memberships.push_back(membership);

  v1::MeetingView meeting;
  meeting.set_meeting_id("meeting-ks-kumppanuuspoyta-2019-03-22");
  meeting.set_body_id("body-ks-kumppanuuspoyta");
  *meeting.mutable_held_on() = D(2019, 3, 22);
  meeting.set_place("Jyväskylä");
  *meeting.mutable_title() = Fi("Kumppanuuspöydän kokous");
  meeting.add_attendance()->set_person_id("person-ks-0001");
  meeting.add_attendance()->set_organisation_id("org-kyt");
  input.meetings.push_back(meeting);
  return input;
}

TEST(PopoloTest, OrganisationWithFormerNameAndDissolution) {
  const Json json = PopoloOrganization(SmallRegistry().organisations[0]);
  EXPECT_EQ(Get(json, "id"), "org-ks2021");
  EXPECT_EQ(Get(json, "name"), "Keski-Suomi 2021");
  EXPECT_EQ(Get(json, "classification"), "preparation_project");
  EXPECT_EQ(Get(json, "parent_id"), "org-keski-suomen-liitto");
  EXPECT_EQ(Get(json, "dissolution_date"), "2019-06-30");
  ASSERT_EQ(json.Find("other_names")->size(), 1u);
  const Json& former = json.Find("other_names")->elements()[0];
  EXPECT_EQ(Get(former, "name"), "KS2019-hanke");
  EXPECT_EQ(Get(former, "end_date"), "2018-12-31");
  EXPECT_EQ(former.Find("start_date"), nullptr);
}

TEST(PopoloTest, DocumentHasPostsMembershipsEventsAndPseudonymousPersonsOnly) {
  const Json document = PopoloDocument(SmallRegistry(), Point());
  const Json& persons = *document.Find("persons");
  ASSERT_EQ(persons.size(), 1u);
  // A person is its pseudonymous id and nothing else.
  ASSERT_EQ(persons.elements()[0].members().size(), 1u);
  EXPECT_EQ(Get(persons.elements()[0], "id"), "person-ks-0001");

  const Json& post = document.Find("posts")->elements().at(0);
  EXPECT_EQ(Get(post, "id"), "body-ks-kumppanuuspoyta/chair");
  EXPECT_EQ(Get(post, "role"), "chair");
  EXPECT_EQ(Get(post, "organization_id"), "body-ks-kumppanuuspoyta");

  const Json& membership = document.Find("memberships")->elements().at(0);
  EXPECT_EQ(Get(membership, "person_id"), "person-ks-0001");
  EXPECT_EQ(Get(membership, "organization_id"), "body-ks-kumppanuuspoyta");
  EXPECT_EQ(Get(membership, "on_behalf_of_id"), "org-kyt");
  EXPECT_EQ(Get(membership, "post_id"), "body-ks-kumppanuuspoyta/chair");
  EXPECT_EQ(Get(membership, "start_date"), "2019-02-01");
  EXPECT_EQ(Get(membership, "end_date"), "2019-06-30");  // resigned before the term's end

  const Json& event = document.Find("events")->elements().at(0);
  EXPECT_EQ(Get(event, "start_date"), "2019-03-22");
  EXPECT_EQ(Get(event, "location"), "Jyväskylä");
  ASSERT_EQ(event.Find("attendees")->size(), 1u);
  EXPECT_EQ(Get(event.Find("attendees")->elements()[0], "id"), "person-ks-0001");

  // Organizations: organisations and bodies together, by id.
  std::vector<std::string> ids;
  for (const auto& organization : document.Find("organizations")->elements()) {
    ids.push_back(Get(organization, "id"));
  }
  EXPECT_THAT(ids,
              ::testing::ElementsAre("body-elsewhere", "body-ks-kumppanuuspoyta", "org-elsewhere",
                                     "org-keski-suomen-liitto", "org-ks2021", "org-kyt"));
  EXPECT_EQ(Get(*document.Find("meta")->Find("readPoint"), "readPosition"), "127");
}

TEST(RegionTest, SelectsTheRegionsBodiesAndWhatTheyName) {
  const PopoloInput all = SmallRegistry();
  EXPECT_EQ(RegionOrganisationIds(all.organisations, "org-keski-suomen-liitto"),
            (std::set<std::string>{"org-keski-suomen-liitto", "org-ks2021"}));
  const PopoloInput selected = SelectPopolo(all, "org-keski-suomen-liitto");
  ASSERT_EQ(selected.bodies.size(), 1u);
  EXPECT_EQ(selected.bodies[0].body_id(), "body-ks-kumppanuuspoyta");
  EXPECT_EQ(selected.memberships.size(), 1u);
  EXPECT_EQ(selected.meetings.size(), 1u);
  std::vector<std::string> ids;
  for (const auto& organisation : selected.organisations) {
    ids.push_back(organisation.organisation_id());
  }
  // The represented organisation comes along; the unrelated one does not.
  EXPECT_THAT(ids, ::testing::ElementsAre("org-ks2021", "org-keski-suomen-liitto", "org-kyt"));
  EXPECT_EQ(SelectPopolo(all, "").bodies.size(), 2u);
}

// --------------------------------------------------------------------- OCDS

OcdsInput ConsultationInput() {
  OcdsInput input;
  v1::ConsultationView consultation;
  consultation.set_consultation_id("consultation-ks-js-v3");
  consultation.set_organiser_organisation_id("org-ks2021");
  *consultation.mutable_subject() = Fi("Järjestämissuunnitelma, versio 3");
  consultation.set_method(v1::CONSULTATION_METHOD_COMMENT_ROUND);
  consultation.add_channels(v1::CHANNEL_OTAKANTAA);
  consultation.add_channels(v1::CHANNEL_LAUSUNTOPALVELU);
  consultation.add_invited_organisation_ids("org-kyt");
  *consultation.mutable_opens_on() = D(2018, 12, 5);
  *consultation.mutable_original_deadline() = D(2019, 2, 15);
  *consultation.mutable_deadline() = D(2019, 2, 15);
  *consultation.mutable_closed_on() = D(2019, 2, 16);
  consultation.set_status(v1::CONSULTATION_STATUS_CLOSED);
  consultation.set_responses_received(40);
  auto* by_person = consultation.add_submissions();
  by_person->set_submission_id("submission-ks-resident");
  by_person->set_submitter_person_id("person-ks-0003");
  by_person->mutable_received_at()->set_seconds(1549000000);
  auto* by_organisation = consultation.add_submissions();
  by_organisation->set_submission_id("submission-ks-kyt");
  by_organisation->set_submitter_organisation_id("org-kyt");
  by_organisation->mutable_received_at()->set_seconds(1549900000);
  input.consultations.push_back(consultation);
  input.organisations.push_back(Organisation("org-ks2021", "Keski-Suomi 2021"));
  input.organisations.push_back(Organisation("org-kyt", "Keski-Suomen Yhteisöjen Tuki ry"));
  return input;
}

TEST(OcdsTest, ConsultationReleasesNameOrganisationsButNeverPersons) {
  const OcdsInput input = ConsultationInput();
  const OcdsCase ocds_case = ConsultationCase(input.consultations[0], input);
  EXPECT_EQ(ocds_case.ocid, "ocds-kumppani-consultation-ks-js-v3");
  std::vector<std::string> ids;
  for (const auto& release : ocds_case.releases) ids.push_back(Get(release, "id"));
  EXPECT_THAT(ids, ::testing::ElementsAre("ocds-kumppani-consultation-ks-js-v3-opened",
                                          "ocds-kumppani-consultation-ks-js-v3-submission-ks-kyt",
                                          "ocds-kumppani-consultation-ks-js-v3-closed"));
  EXPECT_EQ(Get(ocds_case.releases[0], "date"), "2018-12-05T00:00:00+02:00");
  EXPECT_EQ(Get(ocds_case.releases[1], "date"), "2019-02-11T15:46:40Z");
  // The invited organisation keeps its role when it gives its views.
  const Json& party = ocds_case.releases[1].Find("parties")->elements().at(0);
  EXPECT_EQ(party.Find("roles")->Serialize(), "[\n  \"interestedParty\",\n  \"tenderer\"\n]\n");
  const Json& tender = *ocds_case.compiled_release.Find("tender");
  EXPECT_EQ(Get(*tender.Find("tenderPeriod"), "endDate"), "2019-02-15T23:59:59+02:00");
  EXPECT_EQ(Get(tender, "status"), "complete");
  EXPECT_EQ(Get(tender, "numberOfTenderers"), "40");
  EXPECT_EQ(Get(tender, "submissionMethodDetails"), "otakantaa, lausuntopalvelu");
  ASSERT_EQ(tender.Find("tenderers")->size(), 1u);
  EXPECT_EQ(Get(tender.Find("tenderers")->elements()[0], "id"), "org-kyt");
  EXPECT_EQ(Get(ocds_case.compiled_release, "id"),
            "ocds-kumppani-consultation-ks-js-v3-2019-02-16T00:00:00+02:00");

  const std::string bytes = OcdsRecordPackage(input, Point()).Serialize();
  EXPECT_THAT(bytes, Not(HasSubstr("person-")));
  EXPECT_THAT(bytes, Not(HasSubstr("submission-ks-resident")));
}

TEST(OcdsTest, GrantCaseHasApplicationAwardAndInstalment) {
  const GrantsInput grants = HelsinkiGrants();
  OcdsInput input;
  input.grants = grants.grants;
  input.programmes = grants.programmes;
  input.organisations = grants.organisations;
  const OcdsCase ocds_case = GrantCase(input.grants[0], input);
  std::vector<std::string> ids;
  for (const auto& release : ocds_case.releases) ids.push_back(Get(release, "id"));
  EXPECT_THAT(ids,
              ::testing::ElementsAre("ocds-kumppani-grant-stm-valmistelu-helsinki-application",
                                     "ocds-kumppani-grant-stm-valmistelu-helsinki-award",
                                     "ocds-kumppani-grant-stm-valmistelu-helsinki-instalment-1"));
  const Json& contract = ocds_case.compiled_release.Find("contracts")->elements().at(0);
  EXPECT_EQ(Get(*contract.Find("value"), "amount"), "1200000");
  const Json& transaction = contract.Find("implementation")->Find("transactions")->elements().at(0);
  EXPECT_EQ(Get(transaction, "date"), "2021-10-15T00:00:00+03:00");
  EXPECT_EQ(Get(*transaction.Find("value"), "amount"), "600000");
  EXPECT_EQ(Get(*transaction.Find("payer"), "id"), "org-stm");
  EXPECT_EQ(Get(*transaction.Find("payee"), "id"), "org-helsinki");
  // The rejected application is a case of its own with an unsuccessful award.
  const OcdsCase rejected = GrantCase(input.grants[1], input);
  const Json& award = rejected.compiled_release.Find("awards")->elements().at(0);
  EXPECT_EQ(Get(award, "status"), "unsuccessful");
  EXPECT_EQ(rejected.compiled_release.Find("contracts"), nullptr);
}

}  // namespace
}  // namespace kumppani::exports
