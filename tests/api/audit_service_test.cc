// AuditService through an in-process channel on the demo scenario: every
// RPC's answer with exact values and its read_position, as_of and known_at
// (before the Päijät-Häme decision was recorded: NOT_FOUND), pagination of
// the outstanding duties, bad input naming the field, UNAUTHENTICATED, every
// role allowed, and the privacy rule (a private person's submission loses
// its submitter id for ngo and public tokens).
#include "api/audit_service.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "api/status_mapping.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "kumppani/v1/audit_service.grpc.pb.h"
#include "ledger/domain/dates.h"
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
using ::testing::IsEmpty;
using ::testing::StartsWith;

using Stub = v1::AuditService::Stub;

constexpr char kPhDecision[] = "decision-ph-ah-jarjestoneuvottelukunta-2022-08";
constexpr char kPhRegion[] = "org-paijat-hame-hva";
constexpr char kPerson[] = "person-ph-0001";
constexpr char kPersonsAnswer[] = "submission-ph-kysely-asukas";

void ExpectError(const absl::Status& status, absl::StatusCode code, const std::string& message) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_EQ(std::string(status.message()), message);
}

std::vector<std::string> Inputs(const v1::InfluenceTrail& trail) {
  std::vector<std::string> inputs;
  for (const auto& input : trail.inputs()) {
    inputs.push_back(absl::StrCat(input.input_id(), " ",
                                  v1::InfluenceAssessment_Name(input.assessment().assessment()),
                                  input.feedback_sent() ? " informed" : ""));
  }
  return inputs;
}

std::vector<std::string> Uninformed(const v1::ListOutstandingDutiesResponse& page) {
  std::vector<std::string> ids;
  for (const auto& u : page.uninformed_inputs()) {
    ids.push_back(absl::StrCat(u.decision_id(), ":", u.input_id()));
  }
  return ids;
}

class AuditServiceTest : public testing::DemoQueryServiceTest<AuditService, v1::AuditService> {
 protected:
  absl::StatusOr<v1::GetInfluenceTrailResponse> Trail(const std::string& text,
                                                      const std::string& token = kPublic) {
    return Call(&Stub::GetInfluenceTrail, text, token);
  }
  absl::StatusOr<v1::GetOrganisationFootprintResponse> Footprint(
      const std::string& text, const std::string& token = kPublic) {
    return Call(&Stub::GetOrganisationFootprint, text, token);
  }
  absl::StatusOr<v1::GetCoverageStatisticsResponse> Coverage(const std::string& text,
                                                             const std::string& token = kPublic) {
    return Call(&Stub::GetCoverageStatistics, text, token);
  }
  absl::StatusOr<v1::ListOutstandingDutiesResponse> Duties(const std::string& text,
                                                           const std::string& token = kPublic) {
    return Call(&Stub::ListOutstandingDuties, text, token);
  }

  // The position of the first event of `stream_id`.
  uint64_t FirstPosition(const std::string& stream_id) {
    auto events = store().ReadStream(stream_id, StreamVersion(1), store::Direction::kForward, 1);
    EXPECT_TRUE(events.ok() && events->size() == 1) << stream_id;
    return events.ok() && !events->empty() ? events->front().position() : 0;
  }

  // A private person's answer to the Päijät-Häme NGO survey, received
  // 20.6.2022 (recorded after the demo): uncited by the decision, and
  // unassessed once the survey closed. On behalf of org-kyt, so that it is
  // also in KYT's footprint.
  void RecordPersonsAnswer() {
    Ok(absl::StrCat("register_person { person_id: \"", kPerson,
                    "\" personal_data { full_name: \"Aino Esimerkki\" } }"));
    Ok(absl::StrCat("receive_submission { submission_id: \"", kPersonsAnswer,
                    "\" consultation_id: \"consultation-ph-kysely-jarjestot-2022-06\" "
                    "submitter_person_id: \"",
                    kPerson,
                    "\" on_behalf_of_organisation_ids: [\"org-kyt\"] channel: CHANNEL_SURVEY "
                    "received_at { seconds: 1655715600 } language: LANGUAGE_FI "
                    "text: \"Kerhotiloja Lahteen.\" }"));
  }
};

// ----------------------------------------------------------- influence trail

TEST_F(AuditServiceTest, InfluenceTrailOfThePaijatHameDecision) {
  auto response = Trail(absl::StrCat("decision_id: \"", kPhDecision, "\""));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->read_position(), Head());
  EXPECT_FALSE(response->personal_data_redacted());
  const v1::InfluenceTrail& trail = response->trail();
  EXPECT_EQ(trail.decision().decision_id(), kPhDecision);
  EXPECT_EQ(trail.decision().body_id(), "body-ph-aluehallitus");
  EXPECT_EQ(domain::FormatDate(trail.decision().decided_on()), "2022-08-08");
  EXPECT_EQ(trail.decision().section(), "§ 150");
  EXPECT_FALSE(trail.has_as_of());
  EXPECT_THAT(
      Inputs(trail),
      ElementsAre("proposal-ph-hyte-jarjestoneuvottelukunta INFLUENCE_ASSESSMENT_ADOPTED",
                  "proposal-ph-asiakas-jarjestoneuvottelukunta INFLUENCE_ASSESSMENT_ADOPTED",
                  "consultation-ph-kysely-jarjestot-2022-06 "
                  "INFLUENCE_ASSESSMENT_PARTLY_ADOPTED",
                  "consultation-ph-kysely-kunnat-2022-06 INFLUENCE_ASSESSMENT_NOTED",
                  "submission-ph-kysely-esimerkkiyhdistys "
                  "INFLUENCE_ASSESSMENT_ALREADY_INCLUDED informed"));
  const v1::TrailInput& answer = trail.inputs(4);
  EXPECT_EQ(answer.submission().submitter_organisation_id(), "org-ph-esimerkkiyhdistys");
  EXPECT_EQ(answer.consultation().consultation_id(), "consultation-ph-kysely-jarjestot-2022-06");
  EXPECT_EQ(domain::FormatDate(answer.feedback(0).sent_on()), "2022-08-15");
  EXPECT_EQ(trail.inputs(2).assessment().rationale().fi(),
            "Kyselyn tulokset ohjaavat järjestöyhteistyön mallia; neuvottelukunta on sen osa.");
  EXPECT_THAT(trail.uncited_submissions(), IsEmpty());

  // As of 10.8.2022 the feedback (15.8.) had not been sent.
  auto before_feedback = Trail(
      absl::StrCat("decision_id: \"", kPhDecision, "\" as_of { year: 2022 month: 8 day: 10 }"));
  ASSERT_TRUE(before_feedback.ok()) << before_feedback.status();
  EXPECT_EQ(domain::FormatDate(before_feedback->trail().as_of()), "2022-08-10");
  EXPECT_FALSE(before_feedback->trail().inputs(4).feedback_sent());
  ExpectError(
      Trail(absl::StrCat("decision_id: \"", kPhDecision, "\" as_of { year: 2022 month: 8 day: 1 }"))
          .status(),
      absl::StatusCode::kNotFound,
      absl::StrCat("decision_id: decision \"", kPhDecision,
                   "\" was not yet made on 2022-08-01 (decided 2022-08-08)"));
}

TEST_F(AuditServiceTest, InfluenceTrailKnownAt) {
  const uint64_t recorded = FirstPosition(kPhDecision);
  ASSERT_GT(recorded, 1u);
  // Before the decision was recorded, the ledger did not know it.
  ExpectError(Trail(absl::StrCat("decision_id: \"", kPhDecision,
                                 "\" known_at { position: ", recorded - 1, " }"))
                  .status(),
              absl::StatusCode::kNotFound,
              absl::StrCat("decision_id: decision \"", kPhDecision, "\" does not exist"));
  // At its position it did, but no feedback had been recorded yet.
  auto at = Trail(
      absl::StrCat("decision_id: \"", kPhDecision, "\" known_at { position: ", recorded, " }"));
  ASSERT_TRUE(at.ok()) << at.status();
  EXPECT_EQ(at->read_position(), recorded);
  EXPECT_EQ(at->trail().inputs_size(), 5);
  EXPECT_FALSE(at->trail().inputs(4).feedback_sent());
  // By recorded time: everything recorded by the fixture's clock.
  auto by_time = Trail(absl::StrCat("decision_id: \"", kPhDecision,
                                    "\" known_at { recorded_time { seconds: 1704067200 } }"));
  ASSERT_TRUE(by_time.ok()) << by_time.status();
  EXPECT_EQ(by_time->read_position(), Head());
}

TEST_F(AuditServiceTest, InfluenceTrailBadInput) {
  ExpectError(Trail("").status(), absl::StatusCode::kInvalidArgument, "decision_id: is required");
  ExpectError(Trail("decision_id: \"plan\"").status(), absl::StatusCode::kInvalidArgument,
              "decision_id: must be \"decision-<slug>\", got \"plan\"");
  ExpectError(Trail("decision_id: \"decision-nothing\"").status(), absl::StatusCode::kNotFound,
              "decision_id: decision \"decision-nothing\" does not exist");
  ExpectError(Trail(absl::StrCat("decision_id: \"", kPhDecision,
                                 "\" as_of { year: 2022 month: 13 day: 1 }"))
                  .status(),
              absl::StatusCode::kInvalidArgument, "as_of.month: must be in 1..12, got 13");
  ExpectError(Trail(absl::StrCat("decision_id: \"", kPhDecision,
                                 "\" known_at { position: ", Head() + 1, " }"))
                  .status(),
              absl::StatusCode::kInvalidArgument,
              absl::StrCat("known_at: position ", Head() + 1, " is beyond the log head ", Head()));
}

TEST_F(AuditServiceTest, InfluenceTrailRedactsPrivatePersonsForNgoAndPublic) {
  RecordPersonsAnswer();
  const std::string request = absl::StrCat("decision_id: \"", kPhDecision, "\"");
  for (const char* token : {kPublic, kNgo}) {
    auto redacted = Trail(request, token);
    ASSERT_TRUE(redacted.ok()) << redacted.status();
    EXPECT_TRUE(redacted->personal_data_redacted()) << token;
    ASSERT_EQ(redacted->trail().uncited_submissions_size(), 1) << token;
    const v1::SubmissionSummary& uncited = redacted->trail().uncited_submissions(0).submission();
    EXPECT_EQ(uncited.submission_id(), kPersonsAnswer);
    EXPECT_EQ(uncited.submitter_person_id(), "");
    EXPECT_EQ(uncited.submitter_organisation_id(), "");
    EXPECT_THAT(uncited.on_behalf_of_organisation_ids(), ElementsAre("org-kyt"));
    EXPECT_EQ(redacted->trail().uncited_submissions(0).relation(),
              v1::UNCITED_RELATION_CONSULTATION_CITED);
    // Organisations' submissions stay.
    EXPECT_EQ(redacted->trail().inputs(4).submission().submitter_organisation_id(),
              "org-ph-esimerkkiyhdistys");
  }
  for (const char* token : {kAuditor, kRecorder, kAdmin}) {
    auto full = Trail(request, token);
    ASSERT_TRUE(full.ok()) << full.status();
    EXPECT_FALSE(full->personal_data_redacted()) << token;
    EXPECT_EQ(full->trail().uncited_submissions(0).submission().submitter_person_id(), kPerson)
        << token;
  }
}

// ---------------------------------------------------------------- footprint

TEST_F(AuditServiceTest, FootprintOfTheSurveyAnswerer) {
  auto response = Footprint("organisation_id: \"org-ph-esimerkkiyhdistys\"");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->read_position(), Head());
  EXPECT_FALSE(response->personal_data_redacted());
  const v1::OrganisationFootprint& footprint = response->footprint();
  EXPECT_EQ(footprint.organisation().organisation_id(), "org-ph-esimerkkiyhdistys");
  EXPECT_EQ(footprint.organisation().name().fi(), "Päijät-Hämeen Esimerkkiyhdistys ry");
  ASSERT_EQ(footprint.statements_size(), 1);
  const v1::FootprintStatement& statement = footprint.statements(0);
  EXPECT_EQ(statement.submission().submission_id(), "submission-ph-kysely-esimerkkiyhdistys");
  EXPECT_EQ(statement.role(), v1::STATEMENT_ROLE_SUBMITTER);
  ASSERT_EQ(statement.outcomes_size(), 1);
  EXPECT_EQ(statement.outcomes(0).decision().decision_id(), kPhDecision);
  EXPECT_TRUE(statement.outcomes(0).cited_directly());
  EXPECT_EQ(statement.outcomes(0).assessment().assessment(),
            v1::INFLUENCE_ASSESSMENT_ALREADY_INCLUDED);
  EXPECT_TRUE(statement.feedback_sent());
  EXPECT_EQ(footprint.statements_considered(), 1);
  EXPECT_EQ(footprint.statements_assessed(), 1);
  EXPECT_EQ(footprint.statements_with_feedback(), 1);
  EXPECT_THAT(footprint.memberships(), IsEmpty());
  EXPECT_THAT(footprint.grants(), IsEmpty());

  auto before_feedback = Footprint(
      "organisation_id: \"org-ph-esimerkkiyhdistys\" as_of { year: 2022 month: 8 day: 10 }");
  ASSERT_TRUE(before_feedback.ok()) << before_feedback.status();
  EXPECT_EQ(domain::FormatDate(before_feedback->footprint().as_of()), "2022-08-10");
  EXPECT_EQ(before_feedback->footprint().statements_assessed(), 1);
  EXPECT_EQ(before_feedback->footprint().statements_with_feedback(), 0);
}

TEST_F(AuditServiceTest, FootprintMembershipsGrantsAndKnownAt) {
  auto kyt = Footprint("organisation_id: \"org-kyt\"");
  ASSERT_TRUE(kyt.ok()) << kyt.status();
  std::vector<std::string> memberships;
  for (const auto& m : kyt->footprint().memberships()) {
    memberships.push_back(absl::StrCat(m.membership().body_id(), "/", m.membership().seat_id(), " ",
                                       m.membership().person_id()));
  }
  EXPECT_THAT(memberships, ElementsAre("body-ks-jarjestoareena/chair person-ks-0002",
                                       "body-ks-kumppanuuspoyta/chair person-ks-0001"));
  EXPECT_EQ(kyt->footprint().memberships(1).body_name().fi(),
            "Järjestöjen ja maakunnan kumppanuuspöytä");
  EXPECT_EQ(kyt->footprint().memberships_in_force(), 2);
  ASSERT_EQ(kyt->footprint().statements_size(), 1);
  EXPECT_EQ(kyt->footprint().statements(0).submission().submission_id(), "submission-ks-js-v3-kyt");

  auto helsinki = Footprint("organisation_id: \"org-helsinki\"");
  ASSERT_TRUE(helsinki.ok()) << helsinki.status();
  ASSERT_EQ(helsinki->footprint().grants_size(), 1);
  EXPECT_EQ(helsinki->footprint().grants(0).grant_id(), "grant-stm-valmistelu-helsinki");
  EXPECT_EQ(helsinki->footprint().grant_totals().total().amounts().awarded_cents(), 250000000);
  EXPECT_EQ(helsinki->footprint().grant_totals().total().amounts().paid_cents(), 125000000);
  EXPECT_EQ(helsinki->footprint().grant_totals().total().amounts().outstanding_cents(), 125000000);

  // Before KYT was registered the ledger did not know it; at its
  // registration it knew it, but nothing else yet.
  const uint64_t registered = FirstPosition("org-kyt");
  ExpectError(
      Footprint(
          absl::StrCat("organisation_id: \"org-kyt\" known_at { position: ", registered - 1, " }"))
          .status(),
      absl::StatusCode::kNotFound, "organisation_id: organisation \"org-kyt\" does not exist");
  auto early = Footprint(
      absl::StrCat("organisation_id: \"org-kyt\" known_at { position: ", registered, " }"));
  ASSERT_TRUE(early.ok()) << early.status();
  EXPECT_EQ(early->read_position(), registered);
  EXPECT_THAT(early->footprint().statements(), IsEmpty());
  EXPECT_THAT(early->footprint().memberships(), IsEmpty());
}

TEST_F(AuditServiceTest, FootprintBadInputAndPrivacy) {
  ExpectError(Footprint("").status(), absl::StatusCode::kInvalidArgument,
              "organisation_id: is required");
  ExpectError(Footprint("organisation_id: \"kyt\"").status(), absl::StatusCode::kInvalidArgument,
              "organisation_id: must be \"org-<slug>\", got \"kyt\"");
  ExpectError(Footprint("organisation_id: \"org-nobody\"").status(), absl::StatusCode::kNotFound,
              "organisation_id: organisation \"org-nobody\" does not exist");
  ExpectError(
      Footprint("organisation_id: \"org-kyt\" as_of { year: 2019 month: 2 day: 30 }").status(),
      absl::StatusCode::kInvalidArgument, "as_of.day: 30 is not a day of 2019-02");

  RecordPersonsAnswer();
  auto redacted = Footprint("organisation_id: \"org-kyt\"", kPublic);
  ASSERT_TRUE(redacted.ok()) << redacted.status();
  EXPECT_TRUE(redacted->personal_data_redacted());
  ASSERT_EQ(redacted->footprint().statements_size(), 2);
  const v1::FootprintStatement& answer = redacted->footprint().statements(1);
  EXPECT_EQ(answer.submission().submission_id(), kPersonsAnswer);
  EXPECT_EQ(answer.role(), v1::STATEMENT_ROLE_ON_BEHALF_OF);
  EXPECT_EQ(answer.submission().submitter_person_id(), "");
  auto full = Footprint("organisation_id: \"org-kyt\"", kAuditor);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_FALSE(full->personal_data_redacted());
  EXPECT_EQ(full->footprint().statements(1).submission().submitter_person_id(), kPerson);
}

// ---------------------------------------------------------------- coverage

TEST_F(AuditServiceTest, CoverageOfPaijatHameIn2022) {
  auto response = Coverage(absl::StrCat(
      "region_organisation_id: \"", kPhRegion,
      "\" period { start { year: 2022 month: 1 day: 1 } end { year: 2022 month: 12 day: 31 } }"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->read_position(), Head());
  const v1::CoverageStatistics& stats = response->statistics();
  EXPECT_EQ(stats.region_organisation_id(), kPhRegion);
  EXPECT_EQ(stats.decisions(), 2);
  EXPECT_EQ(stats.decisions_preceded_by_consultation(), 2);
  EXPECT_EQ(stats.share_preceded_by_consultation(), 1.0);
  EXPECT_EQ(stats.consultations_size(), 5);
  EXPECT_EQ(stats.invited_organisations(), 0);
  // Strategy hearing closed 31.5. -> decided 20.6.: 20 days; both surveys
  // closed 30.6. -> 8.8.: 39 days each.
  EXPECT_EQ(stats.close_to_decision_samples(), 3);
  EXPECT_EQ(stats.close_to_decision_days_min(), 20);
  EXPECT_EQ(stats.close_to_decision_days_median(), 39.0);
  EXPECT_EQ(stats.close_to_decision_days_max(), 39);
  EXPECT_EQ(stats.considered_inputs(), 6);
  EXPECT_EQ(stats.inputs_assessed(), 6);
  EXPECT_EQ(stats.inputs_with_feedback(), 1);
  EXPECT_DOUBLE_EQ(stats.share_with_feedback(), 1.0 / 6.0);

  // As of 30.6.2022 only the strategy decision had been made.
  auto june = Coverage(absl::StrCat(
      "region_organisation_id: \"", kPhRegion,
      "\" period { start { year: 2022 month: 1 day: 1 } end { year: 2022 month: 12 day: 31 } } "
      "as_of { year: 2022 month: 6 day: 30 }"));
  ASSERT_TRUE(june.ok()) << june.status();
  EXPECT_EQ(june->statistics().decisions(), 1);
  EXPECT_EQ(june->statistics().close_to_decision_samples(), 1);
  EXPECT_EQ(june->statistics().close_to_decision_days_max(), 20);
}

TEST_F(AuditServiceTest, CoverageCountsSubOrganisationsBodies) {
  // The partnership table belongs to org-ks2021, a project of the Regional
  // Council of Central Finland: its decision counts for the council.
  auto response = Coverage(
      "region_organisation_id: \"org-keski-suomen-liitto\" period { start { year: 2019 month: 1 "
      "day: 1 } end { year: 2019 month: 12 day: 31 } }");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->statistics().decisions(), 1);
  EXPECT_EQ(response->statistics().decisions_preceded_by_consultation(), 0);
  EXPECT_THAT(response->statistics().decisions_without_consultation(),
              ElementsAre("decision-ks-kp-jatko-2019-03-22"));
  // For org-ks2021 itself: the same decision, and the consultation it
  // organised (opened 5.12.2018) in the response rates.
  auto project = Coverage(
      "region_organisation_id: \"org-ks2021\" period { start { year: 2018 month: 12 day: 1 } "
      "end { year: 2019 month: 12 day: 31 } }");
  ASSERT_TRUE(project.ok()) << project.status();
  EXPECT_EQ(project->statistics().decisions(), 1);
  ASSERT_EQ(project->statistics().consultations_size(), 1);
  EXPECT_EQ(project->statistics().consultations(0).consultation_id(),
            "consultation-ks-jarjestamissuunnitelma-v3");
}

TEST_F(AuditServiceTest, CoverageBadInput) {
  const std::string year =
      "period { start { year: 2022 month: 1 day: 1 } end { year: 2022 month: 12 day: 31 } }";
  ExpectError(Coverage(year).status(), absl::StatusCode::kInvalidArgument,
              "region_organisation_id: is required");
  ExpectError(Coverage(absl::StrCat("region_organisation_id: \"org-nobody\" ", year)).status(),
              absl::StatusCode::kNotFound,
              "region_organisation_id: organisation \"org-nobody\" does not exist");
  ExpectError(Coverage("region_organisation_id: \"org-paijat-hame-hva\"").status(),
              absl::StatusCode::kInvalidArgument, "period.start: is required");
  ExpectError(Coverage("region_organisation_id: \"org-paijat-hame-hva\" period { start { year: "
                       "2022 month: 1 day: 1 } }")
                  .status(),
              absl::StatusCode::kInvalidArgument, "period.end: is required");
  ExpectError(Coverage("region_organisation_id: \"org-paijat-hame-hva\" period { start { year: "
                       "2022 month: 12 day: 31 } end { year: 2022 month: 1 day: 1 } }")
                  .status(),
              absl::StatusCode::kInvalidArgument,
              "period.end: must not be before period.start (2022-12-31), got 2022-01-01");
  ExpectError(Coverage(absl::StrCat("region_organisation_id: \"org-paijat-hame-hva\" ", year,
                                    " as_of { year: 1800 month: 1 day: 1 }"))
                  .status(),
              absl::StatusCode::kInvalidArgument, "as_of.year: must be in 1900..2200, got 1800");
  // Before the county was registered.
  ExpectError(Coverage(absl::StrCat("region_organisation_id: \"org-paijat-hame-hva\" ", year,
                                    " known_at { position: ", FirstPosition(kPhRegion) - 1, " }"))
                  .status(),
              absl::StatusCode::kNotFound,
              "region_organisation_id: organisation \"org-paijat-hame-hva\" does not exist");
}

// -------------------------------------------------------- outstanding duties

TEST_F(AuditServiceTest, OutstandingDutiesOfPaijatHamePaged) {
  const std::string scope = absl::StrCat("region_organisation_id: \"", kPhRegion, "\"");
  auto all = Duties(scope);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->read_position(), Head());
  EXPECT_THAT(all->unassessed_submissions(), IsEmpty());
  EXPECT_THAT(
      Uninformed(*all),
      ElementsAre("decision-ph-av-strategia-2022-06:consultation-ph-strategia-kuuleminen-2022-05",
                  absl::StrCat(kPhDecision, ":proposal-ph-hyte-jarjestoneuvottelukunta"),
                  absl::StrCat(kPhDecision, ":proposal-ph-asiakas-jarjestoneuvottelukunta"),
                  absl::StrCat(kPhDecision, ":consultation-ph-kysely-jarjestot-2022-06"),
                  absl::StrCat(kPhDecision, ":consultation-ph-kysely-kunnat-2022-06")));
  EXPECT_EQ(all->next_page_token(), "");
  EXPECT_FALSE(all->has_as_of());

  // Pages of 2; a person's answer recorded between pages does not show.
  auto first = Duties(absl::StrCat(scope, " page_size: 2"));
  ASSERT_TRUE(first.ok()) << first.status();
  const uint64_t pinned = first->read_position();
  EXPECT_THAT(Uninformed(*first), ElementsAre(Uninformed(*all)[0], Uninformed(*all)[1]));
  ASSERT_NE(first->next_page_token(), "");
  RecordPersonsAnswer();
  auto second =
      Duties(absl::StrCat(scope, " page_size: 2 page_token: \"", first->next_page_token(), "\""));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->read_position(), pinned);
  EXPECT_THAT(Uninformed(*second), ElementsAre(Uninformed(*all)[2], Uninformed(*all)[3]));
  auto third =
      Duties(absl::StrCat(scope, " page_size: 2 page_token: \"", second->next_page_token(), "\""));
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_THAT(Uninformed(*third), ElementsAre(Uninformed(*all)[4]));
  EXPECT_EQ(third->next_page_token(), "");
  EXPECT_THAT(third->unassessed_submissions(), IsEmpty());

  // At the head, the person's answer is unassessed (the survey closed
  // 30.6.2022) and comes first, its submitter redacted for the public.
  auto now = Duties(absl::StrCat(scope, " page_size: 1"));
  ASSERT_TRUE(now.ok()) << now.status();
  ASSERT_EQ(now->unassessed_submissions_size(), 1);
  EXPECT_EQ(now->unassessed_submissions(0).submission().submission_id(), kPersonsAnswer);
  EXPECT_EQ(now->unassessed_submissions(0).submission().submitter_person_id(), "");
  EXPECT_THAT(now->unassessed_submissions(0).decisions_citing_consultation(),
              ElementsAre(kPhDecision));
  EXPECT_TRUE(now->personal_data_redacted());
  auto auditor = Duties(absl::StrCat(scope, " page_size: 1"), kAuditor);
  ASSERT_TRUE(auditor.ok()) << auditor.status();
  EXPECT_EQ(auditor->unassessed_submissions(0).submission().submitter_person_id(), kPerson);
  EXPECT_FALSE(auditor->personal_data_redacted());
  // As of 25.6.2022 the survey was still open: nothing unassessed, and only
  // the strategy decision (20.6.) made.
  auto june = Duties(absl::StrCat(scope, " as_of { year: 2022 month: 6 day: 25 }"));
  ASSERT_TRUE(june.ok()) << june.status();
  EXPECT_EQ(domain::FormatDate(june->as_of()), "2022-06-25");
  EXPECT_THAT(june->unassessed_submissions(), IsEmpty());
  EXPECT_THAT(Uninformed(*june), ElementsAre(Uninformed(*all)[0]));
}

TEST_F(AuditServiceTest, OutstandingDutiesScopesAndBadInput) {
  // One body only: the regional council's strategy decision.
  auto council = Duties("body_ids: \"body-ph-aluevaltuusto\"");
  ASSERT_TRUE(council.ok()) << council.status();
  EXPECT_THAT(Uninformed(*council),
              ElementsAre("decision-ph-av-strategia-2022-06:consultation-ph-strategia-kuuleminen-"
                          "2022-05"));
  // Known at the demo's position of that decision: nothing else known yet.
  auto known = Duties(absl::StrCat("body_ids: \"body-ph-aluehallitus\" known_at { position: ",
                                   FirstPosition(kPhDecision) - 1, " }"));
  ASSERT_TRUE(known.ok()) << known.status();
  EXPECT_THAT(Uninformed(*known), IsEmpty());

  ExpectError(Duties("body_ids: \"aluehallitus\"").status(), absl::StatusCode::kInvalidArgument,
              "body_ids[0]: must be \"body-<slug>\", got \"aluehallitus\"");
  ExpectError(Duties("region_organisation_id: \"paijat-hame\"").status(),
              absl::StatusCode::kInvalidArgument,
              "region_organisation_id: must be \"org-<slug>\", got \"paijat-hame\"");
  ExpectError(Duties("region_organisation_id: \"org-nobody\"").status(),
              absl::StatusCode::kNotFound,
              "region_organisation_id: organisation \"org-nobody\" does not exist");
  ExpectError(Duties("page_size: -1").status(), absl::StatusCode::kInvalidArgument,
              "page_size: must not be negative, got -1");
  auto first = Duties(absl::StrCat("region_organisation_id: \"", kPhRegion, "\" page_size: 1"));
  ASSERT_TRUE(first.ok()) << first.status();
  ExpectError(Duties(absl::StrCat("region_organisation_id: \"", kPhRegion,
                                  "\" page_size: 1 known_at { position: 1 } page_token: \"",
                                  first->next_page_token(), "\""))
                  .status(),
              absl::StatusCode::kInvalidArgument,
              "known_at: must be unset with a page_token (the token pins the listing's point)");
  // A token is only valid with the scope it was made for.
  auto other = Duties(absl::StrCat("body_ids: \"body-ph-aluehallitus\" page_token: \"",
                                   first->next_page_token(), "\""));
  EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(other.status().message()),
              StartsWith("page_token: does not belong to this list"));
  ExpectError(Duties("page_token: \"???\"").status(), absl::StatusCode::kInvalidArgument,
              "page_token: is not a token this server issued");
}

// -------------------------------------------------------------------- roles

TEST_F(AuditServiceTest, EveryRoleMayAskAndTokensAreRequired) {
  const std::string trail = absl::StrCat("decision_id: \"", kPhDecision, "\"");
  for (const char* token : {kAdmin, kRecorder, kNgo, kAuditor, kPublic}) {
    EXPECT_TRUE(Trail(trail, token).ok()) << token;
    EXPECT_TRUE(Footprint("organisation_id: \"org-kyt\"", token).ok()) << token;
    EXPECT_TRUE(Coverage(absl::StrCat("region_organisation_id: \"", kPhRegion,
                                      "\" period { start { year: 2022 month: 1 day: 1 } end { "
                                      "year: 2022 month: 12 day: 31 } }"),
                         token)
                    .ok())
        << token;
    EXPECT_TRUE(Duties("", token).ok()) << token;
  }
  ExpectError(Trail(trail, "").status(), absl::StatusCode::kUnauthenticated,
              "authorization: no bearer token");
  ExpectError(Footprint("organisation_id: \"org-kyt\"", "stolen").status(),
              absl::StatusCode::kUnauthenticated, "unknown token");
  ExpectError(Duties("", "").status(), absl::StatusCode::kUnauthenticated,
              "authorization: no bearer token");
  ExpectError(Coverage("", "").status(), absl::StatusCode::kUnauthenticated,
              "authorization: no bearer token");
}

}  // namespace
}  // namespace kumppani::api
