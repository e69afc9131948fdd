// The audit queries over the participation read models: influence trails
// (hand-made world and the demo's Päijät-Häme decision), coverage
// statistics and outstanding duties, with exact values.
#include <string>
#include <vector>

#include "google/protobuf/arena.h"
#include "google/protobuf/util/message_differencer.h"
#include "ledger/audit/coverage.h"
#include "ledger/audit/influence_trail.h"
#include "ledger/audit/outstanding_duties.h"
#include "tests/projections/participation_world.h"

namespace kumppani::audit {
namespace {

using domain::FormatDate;
using projections::testing::D;
using projections::testing::Fi;
using projections::testing::Instant;
using projections::testing::T;
using ::testing::ElementsAre;

std::vector<std::string> InputIds(const v1::InfluenceTrail& trail) {
  std::vector<std::string> ids;
  for (const auto& input : trail.inputs()) ids.push_back(input.input_id());
  return ids;
}

std::vector<std::string> Uncited(const v1::InfluenceTrail& trail) {
  std::vector<std::string> ids;
  for (const auto& u : trail.uncited_submissions()) {
    ids.push_back(
        absl::StrCat(u.submission().submission_id(), "/", v1::UncitedRelation_Name(u.relation())));
  }
  return ids;
}

class AuditQueriesTest : public projections::testing::ParticipationWorldTest {
 protected:
  v1::InfluenceTrail Trail(const std::string& id, std::optional<v1::Date> as_of) {
    auto trail = InfluenceTrail(Views(), id, as_of);
    EXPECT_TRUE(trail.ok()) << trail.status();
    return trail.ok() ? *trail : v1::InfluenceTrail();
  }
};

TEST_F(AuditQueriesTest, TrailListsDirectAndProposalInputsAndUncitedSubmissions) {
  BuildWorld();
  v1::InfluenceTrail trail = Trail("decision-plan", std::nullopt);
  EXPECT_EQ(trail.decision().decision_id(), "decision-plan");
  EXPECT_EQ(trail.decision().body_id(), "body-gov");
  EXPECT_THAT(InputIds(trail), ElementsAre("proposal-committee", "submission-a",
                                           "consultation-plan-v1", "submission-b"));
  const v1::TrailInput& proposal = trail.inputs(0);
  EXPECT_TRUE(proposal.cited_directly());
  EXPECT_TRUE(proposal.found());
  EXPECT_EQ(proposal.kind(), v1::INPUT_KIND_PROPOSAL);
  EXPECT_EQ(proposal.proposal().from_body_id(), "body-committee");
  EXPECT_EQ(FormatDate(proposal.proposal().proposed_on()), "2019-04-02");
  EXPECT_EQ(proposal.assessment().assessment(), v1::INFLUENCE_ASSESSMENT_ADOPTED);
  EXPECT_FALSE(proposal.feedback_sent());

  const v1::TrailInput& a = trail.inputs(1);
  EXPECT_EQ(a.submission().submitter_organisation_id(), "org-a");
  EXPECT_EQ(a.submission().channel(), v1::CHANNEL_EMAIL);
  EXPECT_FALSE(a.submission().late());
  EXPECT_EQ(a.consultation().consultation_id(), "consultation-plan-v1");
  EXPECT_EQ(FormatDate(a.consultation().opens_on()), "2019-01-10");
  EXPECT_EQ(FormatDate(a.consultation().deadline()), "2019-02-28");
  EXPECT_EQ(FormatDate(a.consultation().closed_on()), "2019-03-05");
  EXPECT_THAT(a.consultation().channels(),
              ElementsAre(v1::CHANNEL_EMAIL, v1::CHANNEL_LAUSUNTOPALVELU));
  EXPECT_TRUE(a.assessed());
  EXPECT_EQ(a.assessment().assessment(), v1::INFLUENCE_ASSESSMENT_ADOPTED);
  ASSERT_EQ(a.assessment_history_size(), 1);
  EXPECT_EQ(FormatDate(a.assessment_history(0).revised_on()), "2019-04-20");
  EXPECT_TRUE(a.feedback_sent());
  EXPECT_EQ(FormatDate(a.feedback(0).sent_on()), "2019-04-22");

  const v1::TrailInput& consultation = trail.inputs(2);
  EXPECT_TRUE(consultation.cited_directly());
  EXPECT_THAT(consultation.via_proposal_ids(), ElementsAre("proposal-committee"));
  EXPECT_EQ(consultation.assessment().assessment(), v1::INFLUENCE_ASSESSMENT_NOTED);
  EXPECT_EQ(consultation.consultation().status(), v1::CONSULTATION_STATUS_CLOSED);

  const v1::TrailInput& b = trail.inputs(3);
  EXPECT_FALSE(b.cited_directly());
  EXPECT_THAT(b.via_proposal_ids(), ElementsAre("proposal-committee"));
  EXPECT_FALSE(b.assessed());
  EXPECT_FALSE(b.has_assessment());
  EXPECT_THAT(b.submission().on_behalf_of_organisation_ids(), ElementsAre("org-d"));

  // submission-c was withdrawn; submission-v2 shares the document's URI.
  EXPECT_THAT(Uncited(trail), ElementsAre("submission-late/UNCITED_RELATION_CONSULTATION_CITED",
                                          "submission-v2/UNCITED_RELATION_SAME_SUBJECT_DOCUMENT"));
  EXPECT_TRUE(trail.uncited_submissions(0).submission().late());
  EXPECT_EQ(trail.uncited_submissions(1).consultation().consultation_id(), "consultation-plan-v2");
}

TEST_F(AuditQueriesTest, TrailAsOfBeforeTheRevisionAndFeedback) {
  BuildWorld();
  v1::InfluenceTrail trail = Trail("decision-plan", D(2019, 4, 15));
  EXPECT_EQ(FormatDate(trail.as_of()), "2019-04-15");
  const v1::TrailInput& a = trail.inputs(1);
  EXPECT_EQ(a.assessment().assessment(), v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED);
  EXPECT_EQ(a.assessment().rationale().fi(), "Osin");
  EXPECT_EQ(a.assessment_history_size(), 0);
  EXPECT_FALSE(a.feedback_sent());
  auto early = InfluenceTrail(Views(), "decision-plan", D(2019, 4, 9));
  EXPECT_EQ(early.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(AuditQueriesTest, TrailBuiltOnAnArenaEqualsTheHeapTrail) {
  BuildWorld();
  const std::optional<v1::Date> days[] = {std::nullopt, D(2019, 4, 15)};
  for (const std::optional<v1::Date>& as_of : days) {
    v1::InfluenceTrail heap = Trail("decision-plan", as_of);
    ASSERT_EQ(heap.uncited_submissions_size(), 2);
    google::protobuf::Arena arena;
    auto* built = google::protobuf::Arena::CreateMessage<v1::InfluenceTrail>(&arena);
    *built->add_uncited_submissions()->mutable_submission()->mutable_submission_id() = "stale";
    ASSERT_TRUE(InfluenceTrail(Views(), "decision-plan", as_of, *built).ok());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(heap, *built))
        << built->DebugString() << "\nexpected\n"
        << heap.DebugString();
  }
}

TEST_F(AuditQueriesTest, CoverageOfTheRegion) {
  BuildWorld();
  CoverageRequest request{"org-region", D(2019, 1, 1), D(2019, 12, 31), std::nullopt};
  auto stats = CoverageStatistics(Views(), request, ParentOf);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->decisions(), 3);  // decision-elsewhere is another region's
  EXPECT_EQ(stats->decisions_preceded_by_consultation(), 2);
  EXPECT_DOUBLE_EQ(stats->share_preceded_by_consultation(), 2.0 / 3.0);
  EXPECT_THAT(stats->decisions_without_consultation(), ElementsAre("decision-committee"));
  ASSERT_EQ(stats->consultations_size(), 2);
  EXPECT_EQ(stats->consultations(0).consultation_id(), "consultation-plan-v1");
  EXPECT_EQ(stats->consultations(0).invited(), 3);
  EXPECT_EQ(stats->consultations(0).responded(), 2);
  EXPECT_EQ(stats->consultations(1).invited(), 0);
  EXPECT_EQ(stats->invited_organisations(), 3);
  EXPECT_EQ(stats->invited_responded(), 2);
  EXPECT_DOUBLE_EQ(stats->invited_response_rate(), 2.0 / 3.0);
  // v1 closed 03-05 -> decision-plan 04-10: 36; v2 closed 03-31 -> 05-02: 32.
  EXPECT_EQ(stats->close_to_decision_samples(), 2);
  EXPECT_EQ(stats->close_to_decision_days_min(), 32);
  EXPECT_EQ(stats->close_to_decision_days_median(), 34.0);
  EXPECT_EQ(stats->close_to_decision_days_max(), 36);
  EXPECT_EQ(stats->considered_inputs(), 4);
  EXPECT_EQ(stats->inputs_assessed(), 4);
  EXPECT_EQ(stats->share_assessed(), 1.0);
  EXPECT_EQ(stats->inputs_with_feedback(), 1);
  EXPECT_EQ(stats->share_with_feedback(), 0.25);

  // As of 04-21: decision-other is not made yet, feedback not yet sent.
  request.as_of = D(2019, 4, 21);
  auto earlier = CoverageStatistics(Views(), request, ParentOf);
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(earlier->decisions(), 2);
  EXPECT_EQ(earlier->close_to_decision_samples(), 1);
  EXPECT_EQ(earlier->close_to_decision_days_median(), 36.0);
  EXPECT_EQ(earlier->inputs_with_feedback(), 0);

  CoverageRequest backwards{"org-region", D(2019, 12, 31), D(2019, 1, 1), std::nullopt};
  auto refused = CoverageStatistics(Views(), backwards, ParentOf);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(refused.status().message()),
            "to: must not be before from (2019-12-31), got 2019-01-01");
  CoverageRequest no_region{"", D(2019, 1, 1), D(2019, 12, 31), std::nullopt};
  EXPECT_EQ(std::string(CoverageStatistics(Views(), no_region, ParentOf).status().message()),
            "region_organisation_id: is required");
  EXPECT_EQ(CoverageStatistics(Views(), request, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
}

std::vector<std::string> Unassessed(const v1::OutstandingDuties& duties) {
  std::vector<std::string> ids;
  for (const auto& u : duties.unassessed_submissions())
    ids.push_back(u.submission().submission_id());
  return ids;
}

std::vector<std::string> Uninformed(const v1::OutstandingDuties& duties) {
  std::vector<std::string> ids;
  for (const auto& u : duties.uninformed_inputs()) {
    ids.push_back(absl::StrCat(u.decision_id(), ":", u.input_id()));
  }
  return ids;
}

TEST_F(AuditQueriesTest, OutstandingDutiesOfTheRegion) {
  BuildWorld();
  DutiesRequest request;
  request.region_organisation_id = "org-region";
  auto duties = OutstandingDuties(Views(), request, ParentOf);
  ASSERT_TRUE(duties.ok()) << duties.status();
  EXPECT_THAT(Unassessed(*duties), ElementsAre("submission-b", "submission-late", "submission-v2"));
  EXPECT_THAT(duties->unassessed_submissions(0).citing_proposal_ids(),
              ElementsAre("proposal-committee"));
  EXPECT_THAT(duties->unassessed_submissions(0).decisions_citing_consultation(),
              ElementsAre("decision-plan"));
  EXPECT_TRUE(duties->unassessed_submissions(1).citing_proposal_ids().empty());
  EXPECT_THAT(duties->unassessed_submissions(2).decisions_citing_consultation(),
              ElementsAre("decision-other"));
  EXPECT_THAT(Uninformed(*duties),
              ElementsAre("decision-plan:proposal-committee", "decision-plan:consultation-plan-v1",
                          "decision-other:consultation-plan-v2"));
  EXPECT_EQ(duties->uninformed_inputs(1).kind(), v1::INPUT_KIND_CONSULTATION);
  EXPECT_EQ(duties->uninformed_inputs(1).assessment().assessment(), v1::INFLUENCE_ASSESSMENT_NOTED);

  request.as_of = D(2019, 4, 21);
  auto earlier = OutstandingDuties(Views(), request, ParentOf);
  ASSERT_TRUE(earlier.ok());
  EXPECT_THAT(Unassessed(*earlier),
              ElementsAre("submission-b", "submission-late", "submission-v2"));
  EXPECT_TRUE(earlier->unassessed_submissions(2).decisions_citing_consultation().empty());
  EXPECT_THAT(Uninformed(*earlier),
              ElementsAre("decision-plan:proposal-committee", "decision-plan:submission-a",
                          "decision-plan:consultation-plan-v1"));
  EXPECT_EQ(earlier->uninformed_inputs(1).submitter_organisation_id(), "org-a");
  // Before v1 closed, nothing is unassessed yet.
  request.as_of = D(2019, 3, 5);
  EXPECT_TRUE(OutstandingDuties(Views(), request, ParentOf)->unassessed_submissions().empty());

  DutiesRequest committee;
  committee.body_ids = {"body-committee"};
  auto scoped = OutstandingDuties(Views(), committee, nullptr);
  ASSERT_TRUE(scoped.ok()) << scoped.status();
  EXPECT_TRUE(scoped->unassessed_submissions().empty());
  EXPECT_TRUE(scoped->uninformed_inputs().empty());
  EXPECT_EQ(OutstandingDuties(Views(), request, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// The demo's bodies "body-ph-…" belong to Päijät-Häme's county.
std::optional<std::string> DemoParentOf(std::string_view body_id) {
  if (body_id.substr(0, 8) == "body-ph-") return "org-paijat-hame-hva";
  return std::nullopt;
}

TEST_F(AuditQueriesTest, DemoPaijatHameTrail) {
  LoadDemo();
  v1::InfluenceTrail trail = Trail("decision-ph-ah-jarjestoneuvottelukunta-2022-08", std::nullopt);
  EXPECT_EQ(trail.decision().body_id(), "body-ph-aluehallitus");
  EXPECT_EQ(FormatDate(trail.decision().decided_on()), "2022-08-08");
  std::vector<std::string> inputs;
  for (const auto& input : trail.inputs()) {
    inputs.push_back(absl::StrCat(input.input_id(), " ", v1::InputKind_Name(input.kind()), " ",
                                  v1::InfluenceAssessment_Name(input.assessment().assessment()),
                                  input.cited_directly() ? " direct" : " indirect",
                                  input.feedback_sent() ? " informed" : ""));
  }
  EXPECT_THAT(inputs,
              ElementsAre("proposal-ph-hyte-jarjestoneuvottelukunta INPUT_KIND_PROPOSAL "
                          "INFLUENCE_ASSESSMENT_ADOPTED direct",
                          "proposal-ph-asiakas-jarjestoneuvottelukunta INPUT_KIND_PROPOSAL "
                          "INFLUENCE_ASSESSMENT_ADOPTED direct",
                          "consultation-ph-kysely-jarjestot-2022-06 INPUT_KIND_CONSULTATION "
                          "INFLUENCE_ASSESSMENT_PARTLY_ADOPTED direct",
                          "consultation-ph-kysely-kunnat-2022-06 INPUT_KIND_CONSULTATION "
                          "INFLUENCE_ASSESSMENT_NOTED direct",
                          "submission-ph-kysely-esimerkkiyhdistys INPUT_KIND_SUBMISSION "
                          "INFLUENCE_ASSESSMENT_ALREADY_INCLUDED direct informed"));
  const v1::TrailInput& hyte = trail.inputs(0);
  EXPECT_EQ(hyte.proposal().from_body_id(), "body-ph-hyte-lautakunta");
  EXPECT_EQ(FormatDate(hyte.proposal().proposed_on()), "2022-06-14");
  EXPECT_EQ(hyte.assessment().changed_section(), "Päätösesitys");
  const v1::TrailInput& survey = trail.inputs(2);
  EXPECT_EQ(survey.assessment().rationale().fi(),
            "Kyselyn tulokset ohjaavat järjestöyhteistyön mallia; neuvottelukunta on sen osa.");
  EXPECT_EQ(survey.consultation().method(), v1::CONSULTATION_METHOD_SURVEY);
  EXPECT_EQ(FormatDate(survey.consultation().opens_on()), "2022-06-01");
  EXPECT_EQ(FormatDate(survey.consultation().deadline()), "2022-06-30");
  EXPECT_EQ(FormatDate(survey.consultation().closed_on()), "2022-06-30");
  const v1::TrailInput& answer = trail.inputs(4);
  EXPECT_EQ(answer.submission().submitter_organisation_id(), "org-ph-esimerkkiyhdistys");
  EXPECT_EQ(answer.submission().channel(), v1::CHANNEL_SURVEY);
  EXPECT_EQ(answer.consultation().consultation_id(), "consultation-ph-kysely-jarjestot-2022-06");
  ASSERT_EQ(answer.feedback_size(), 1);
  EXPECT_EQ(answer.feedback(0).channel(), v1::CHANNEL_EMAIL);
  EXPECT_EQ(FormatDate(answer.feedback(0).sent_on()), "2022-08-15");
  // The demo records one survey answer, and the decision cites it.
  EXPECT_EQ(trail.uncited_submissions_size(), 0);

  // Two more answers, backfilled after the surveys closed, are not cited;
  // listed by consultation id (jarjestot < kunnat), then arrival.
  Ok(
      absl::StrCat("register_organisation { organisation_id: \"org-ph-toinen\" kind: "
                   "ORGANISATION_KIND_ASSOCIATION name ",
                   Fi("Toinen yhdistys"), " }"));
  Ok(
      absl::StrCat("receive_submission { submission_id: \"submission-ph-kysely-toinen\" "
                   "consultation_id: \"consultation-ph-kysely-jarjestot-2022-06\" "
                   "submitter_organisation_id: \"org-ph-toinen\" channel: CHANNEL_SURVEY "
                   "received_at ",
                   Instant(2022, 6, 20, 9), " language: LANGUAGE_FI text: \"Vastaus\" }"));
  Ok(
      absl::StrCat("receive_submission { submission_id: \"submission-ph-kunnat-toinen\" "
                   "consultation_id: \"consultation-ph-kysely-kunnat-2022-06\" "
                   "submitter_organisation_id: \"org-ph-toinen\" channel: CHANNEL_SURVEY "
                   "received_at ",
                   Instant(2022, 6, 21, 9), " language: LANGUAGE_FI text: \"Vastaus\" }"));
  trail = Trail("decision-ph-ah-jarjestoneuvottelukunta-2022-08", std::nullopt);
  EXPECT_EQ(trail.inputs_size(), 5);
  EXPECT_THAT(Uncited(trail),
              ElementsAre("submission-ph-kysely-toinen/UNCITED_RELATION_CONSULTATION_CITED",
                          "submission-ph-kunnat-toinen/UNCITED_RELATION_CONSULTATION_CITED"));
}

TEST_F(AuditQueriesTest, DemoPaijatHameCoverageAndDuties) {
  LoadDemo();
  CoverageRequest request{"org-paijat-hame-hva", D(2022, 1, 1), D(2022, 12, 31), std::nullopt};
  auto stats = CoverageStatistics(Views(), request, DemoParentOf);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->decisions(), 2);
  EXPECT_EQ(stats->decisions_preceded_by_consultation(), 2);
  EXPECT_EQ(stats->share_preceded_by_consultation(), 1.0);
  EXPECT_EQ(stats->consultations_size(), 5);
  EXPECT_EQ(stats->invited_organisations(), 0);
  EXPECT_EQ(stats->invited_response_rate(), 0.0);
  // Strategy hearing closed 05-31 -> 06-20: 20 days; both surveys closed
  // 06-30 -> 08-08: 39 days each.
  EXPECT_EQ(stats->close_to_decision_samples(), 3);
  EXPECT_EQ(stats->close_to_decision_days_min(), 20);
  EXPECT_EQ(stats->close_to_decision_days_median(), 39.0);
  EXPECT_EQ(stats->close_to_decision_days_max(), 39);
  EXPECT_EQ(stats->considered_inputs(), 6);
  EXPECT_EQ(stats->inputs_assessed(), 6);
  EXPECT_EQ(stats->inputs_with_feedback(), 1);
  EXPECT_DOUBLE_EQ(stats->share_with_feedback(), 1.0 / 6.0);

  DutiesRequest duties_request;
  duties_request.region_organisation_id = "org-paijat-hame-hva";
  auto duties = OutstandingDuties(Views(), duties_request, DemoParentOf);
  ASSERT_TRUE(duties.ok()) << duties.status();
  EXPECT_TRUE(duties->unassessed_submissions().empty());
  EXPECT_THAT(
      Uninformed(*duties),
      ElementsAre(
          "decision-ph-av-strategia-2022-06:consultation-ph-strategia-kuuleminen-2022-05",
          "decision-ph-ah-jarjestoneuvottelukunta-2022-08:proposal-ph-hyte-jarjestoneuvottelukunta",
          "decision-ph-ah-jarjestoneuvottelukunta-2022-08:proposal-ph-asiakas-"
          "jarjestoneuvottelukunta",
          "decision-ph-ah-jarjestoneuvottelukunta-2022-08:consultation-ph-kysely-jarjestot-2022-06",
          "decision-ph-ah-jarjestoneuvottelukunta-2022-08:consultation-ph-kysely-kunnat-2022-06"));
}

}  // namespace
}  // namespace kumppani::audit
