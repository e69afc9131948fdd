// The participation read models (consultations, submissions, proposals,
// decisions) and their queries, on the hand-made world of
// participation_world.h and on the demo scenario: as_of (effective dates)
// and known_at (positions), corrections, pagination, the influence graph,
// and rebuild determinism.
#include <string>
#include <vector>

#include "google/protobuf/util/message_differencer.h"
#include "ledger/domain/event_codec.h"
#include "ledger/projections/participation/consultation_queries.h"
#include "ledger/projections/participation/decision_queries.h"
#include "ledger/projections/participation/influence_graph.h"
#include "ledger/projections/participation/proposal_queries.h"
#include "ledger/projections/participation/participation_keys.h"
#include "ledger/projections/participation/submission_queries.h"
#include "ledger/projections/row_keys.h"
#include "tests/projections/participation_world.h"

namespace kumppani::projections::testing {
namespace {

using domain::FormatDate;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> SubmissionIds(const v1::ConsultationView& view) {
  std::vector<std::string> ids;
  for (const auto& s : view.submissions()) ids.push_back(s.submission_id());
  return ids;
}

std::vector<std::string> Ids(const v1::ListConsultationsResponse& page) {
  std::vector<std::string> ids;
  for (const auto& c : page.consultations()) ids.push_back(c.consultation_id());
  return ids;
}

std::vector<std::string> Ids(const v1::ListDecisionsResponse& page) {
  std::vector<std::string> ids;
  for (const auto& d : page.decisions()) ids.push_back(d.decision_id());
  return ids;
}

class ParticipationTest : public ParticipationWorldTest {
 protected:
  v1::ConsultationView Consultation(const std::string& id, std::optional<v1::Date> as_of) {
    ParticipationViews views = Views();
    auto view = GetConsultation(views.consultations, views.submissions, id, as_of);
    EXPECT_TRUE(view.ok()) << view.status();
    return view.ok() ? *view : v1::ConsultationView();
  }
};

TEST_F(ParticipationTest, ConsultationBeforeOpening) {
  BuildWorld();
  v1::ConsultationView view = Consultation("consultation-plan-v1", D(2019, 1, 9));
  EXPECT_EQ(view.status(), v1::CONSULTATION_STATUS_NOT_YET_OPEN);
  EXPECT_EQ(FormatDate(view.opens_on()), "2019-01-10");
  EXPECT_EQ(FormatDate(view.deadline()), "2019-02-15");
  EXPECT_EQ(view.deadline_history_size(), 0);
  EXPECT_FALSE(view.has_closed_on());
  EXPECT_EQ(view.submissions_size(), 0);
  EXPECT_THAT(view.invited_organisation_ids(), ElementsAre("org-a", "org-b", "org-c"));
  EXPECT_EQ(view.responded_organisation_ids_size(), 0);
  EXPECT_THAT(view.not_responded_organisation_ids(), ElementsAre("org-a", "org-b", "org-c"));
  EXPECT_EQ(view.invited_response_rate(), 0.0);
  EXPECT_EQ(FormatDate(view.as_of()), "2019-01-09");
}

TEST_F(ParticipationTest, ConsultationWhileOpenFollowsTheExtendedDeadline) {
  BuildWorld();
  // Before the extension was made (02-10): the original deadline.
  v1::ConsultationView early = Consultation("consultation-plan-v1", D(2019, 2, 5));
  EXPECT_EQ(early.status(), v1::CONSULTATION_STATUS_OPEN);
  EXPECT_EQ(FormatDate(early.deadline()), "2019-02-15");
  EXPECT_EQ(early.deadline_history_size(), 0);
  EXPECT_THAT(SubmissionIds(early), ElementsAre("submission-a", "submission-c"));
  EXPECT_THAT(early.responded_organisation_ids(), ElementsAre("org-a", "org-c"));
  EXPECT_THAT(early.not_responded_organisation_ids(), ElementsAre("org-b"));
  EXPECT_DOUBLE_EQ(early.invited_response_rate(), 2.0 / 3.0);

  // 02-20: extended on 02-10 to 02-28, so still open; org-b answers jointly.
  v1::ConsultationView open = Consultation("consultation-plan-v1", D(2019, 2, 20));
  EXPECT_EQ(open.status(), v1::CONSULTATION_STATUS_OPEN);
  EXPECT_EQ(FormatDate(open.deadline()), "2019-02-28");
  EXPECT_EQ(FormatDate(open.original_deadline()), "2019-02-15");
  ASSERT_EQ(open.deadline_history_size(), 1);
  EXPECT_EQ(FormatDate(open.deadline_history(0).deadline()), "2019-02-28");
  EXPECT_EQ(FormatDate(open.deadline_history(0).previous_deadline()), "2019-02-15");
  EXPECT_EQ(FormatDate(open.deadline_history(0).extended_on()), "2019-02-10");
  EXPECT_EQ(open.deadline_history(0).reason().fi(), "Lisäaikaa pyydettiin");
  EXPECT_THAT(SubmissionIds(open), ElementsAre("submission-a", "submission-c", "submission-b"));
  EXPECT_FALSE(open.submissions(1).withdrawn());  // withdrawn only on 02-25
  EXPECT_THAT(open.submissions(2).on_behalf_of_organisation_ids(), ElementsAre("org-d"));
  EXPECT_EQ(open.submissions(2).channel(), v1::CHANNEL_LAUSUNTOPALVELU);
  EXPECT_THAT(open.responded_organisation_ids(), ElementsAre("org-a", "org-b", "org-c"));
  EXPECT_EQ(open.invited_response_rate(), 1.0);

  // 03-01: past the extended deadline, not closed; org-c has withdrawn.
  v1::ConsultationView past = Consultation("consultation-plan-v1", D(2019, 3, 1));
  EXPECT_EQ(past.status(), v1::CONSULTATION_STATUS_PAST_DEADLINE);
  EXPECT_TRUE(past.submissions(1).withdrawn());
  EXPECT_EQ(FormatDate(past.submissions(1).withdrawn_on()), "2019-02-25");
  EXPECT_THAT(past.responded_organisation_ids(), ElementsAre("org-a", "org-b"));
  EXPECT_THAT(past.not_responded_organisation_ids(), ElementsAre("org-c"));
}

TEST_F(ParticipationTest, ConsultationAfterClosing) {
  BuildWorld();
  // The closing day itself still receives (late) views.
  EXPECT_EQ(Consultation("consultation-plan-v1", D(2019, 3, 5)).status(),
            v1::CONSULTATION_STATUS_PAST_DEADLINE);
  for (std::optional<v1::Date> as_of :
       {std::optional<v1::Date>(D(2019, 3, 6)), std::optional<v1::Date>()}) {
    v1::ConsultationView closed = Consultation("consultation-plan-v1", as_of);
    EXPECT_EQ(closed.status(), v1::CONSULTATION_STATUS_CLOSED);
    EXPECT_EQ(FormatDate(closed.closed_on()), "2019-03-05");
    EXPECT_EQ(closed.responses_received(), 5);
    EXPECT_THAT(SubmissionIds(closed),
                ElementsAre("submission-a", "submission-c", "submission-b", "submission-late"));
    EXPECT_TRUE(closed.submissions(3).late());
    EXPECT_FALSE(closed.submissions(2).late());
    EXPECT_EQ(closed.late_submissions(), 1);
    EXPECT_DOUBLE_EQ(closed.invited_response_rate(), 2.0 / 3.0);
    EXPECT_EQ(closed.subject_document().version(), "1");
  }
  auto missing =
      GetConsultation(Views().consultations, Views().submissions, "consultation-x", std::nullopt);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(missing.status().message()),
            "consultation \"consultation-x\" does not exist");
  auto bad = GetConsultation(Views().consultations, Views().submissions, "consultation-plan-v1",
                             D(2019, 2, 30));
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("as_of"));
}

TEST_F(ParticipationTest, ListConsultationsFiltersAndPaginates) {
  BuildWorld();
  auto all = ListConsultations(*engine_, {}, std::nullopt, {});
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(Ids(*all), ElementsAre("consultation-plan-v1", "consultation-plan-v2"));
  EXPECT_EQ(all->next_page_token(), "");

  ConsultationFilter by_body;
  by_body.body_id = "body-gov";
  EXPECT_THAT(Ids(*ListConsultations(*engine_, by_body, std::nullopt, {})),
              ElementsAre("consultation-plan-v1"));
  ConsultationFilter open;
  open.organiser_organisation_id = "org-region";
  open.status = v1::CONSULTATION_STATUS_OPEN;
  auto open_page = ListConsultations(*engine_, open, D(2019, 3, 15), {});
  ASSERT_TRUE(open_page.ok());
  EXPECT_THAT(Ids(*open_page), ElementsAre("consultation-plan-v2"));
  EXPECT_EQ(open_page->consultations(0).status(), v1::CONSULTATION_STATUS_OPEN);
  EXPECT_EQ(FormatDate(open_page->consultations(0).deadline()), "2019-03-31");

  ConsultationFilter by_organiser;
  by_organiser.organiser_organisation_id = "org-region";
  auto first = ListConsultations(*engine_, by_organiser, std::nullopt, {1, ""});
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(Ids(*first), ElementsAre("consultation-plan-v1"));
  ASSERT_NE(first->next_page_token(), "");
  // A consultation opened meanwhile does not show up in this listing.
  Ok(absl::StrCat(
      "open_consultation { consultation_id: \"consultation-plan-v3\" "
      "organiser_organisation_id: \"org-region\" subject ",
      Fi("Kolmas"), " method: CONSULTATION_METHOD_SURVEY channels: [CHANNEL_SURVEY] opens_on ",
      T(2019, 6, 1), " deadline ", T(2019, 6, 30), " }"));
  auto second =
      ListConsultations(*engine_, by_organiser, std::nullopt, {1, first->next_page_token()});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(Ids(*second), ElementsAre("consultation-plan-v2"));
  EXPECT_EQ(second->next_page_token(), "");
  auto wrong = ListConsultations(*engine_, by_body, std::nullopt, {1, first->next_page_token()});
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(wrong.status().message()), HasSubstr("page_token"));
}

TEST_F(ParticipationTest, SubmissionsAndProposals) {
  BuildWorld();
  ParticipationViews views = Views();
  auto late = GetSubmission(views.submissions, "submission-late", std::nullopt);
  ASSERT_TRUE(late.ok()) << late.status();
  EXPECT_TRUE(late->summary().late());
  EXPECT_EQ(late->summary().consultation_id(), "consultation-plan-v1");
  EXPECT_EQ(late->summary().submitter_organisation_id(), "org-d");
  EXPECT_EQ(FormatDate(late->summary().received_on()), "2019-03-05");
  EXPECT_EQ(late->text(), "Lausunto submission-late");
  EXPECT_EQ(late->language(), v1::LANGUAGE_FI);

  auto before = GetSubmission(views.submissions, "submission-late", D(2019, 3, 4));
  EXPECT_EQ(before.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(
      std::string(before.status().message()),
      "submission \"submission-late\" was not yet received on 2019-03-04 (received 2019-03-05)");
  auto withdrawn = GetSubmission(views.submissions, "submission-c", std::nullopt);
  EXPECT_TRUE(withdrawn->summary().withdrawn());
  EXPECT_FALSE(
      GetSubmission(views.submissions, "submission-c", D(2019, 2, 24))->summary().withdrawn());

  auto proposal = GetProposal(views.proposals, "proposal-committee", std::nullopt);
  ASSERT_TRUE(proposal.ok()) << proposal.status();
  EXPECT_EQ(proposal->from_body_id(), "body-committee");
  EXPECT_EQ(proposal->to_body_id(), "body-gov");
  EXPECT_EQ(proposal->section(), "§ 7");
  EXPECT_TRUE(proposal->unanimous());
  EXPECT_THAT(proposal->input_ids(), ElementsAre("submission-b", "consultation-plan-v1"));
  EXPECT_EQ(GetProposal(views.proposals, "proposal-committee", D(2019, 4, 1)).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_THAT(*ProposalsCiting(views.proposals, "submission-b", std::nullopt),
              ElementsAre("proposal-committee"));
  EXPECT_THAT(*DecisionsCiting(views.decisions, "consultation-plan-v1", std::nullopt),
              ElementsAre("decision-plan"));
  EXPECT_TRUE(DecisionsCiting(views.decisions, "consultation-plan-v1", D(2019, 4, 9))->empty());
}

TEST_F(ParticipationTest, DecisionAsOfRevisionFeedbackCorrectionAppealAnnulment) {
  BuildWorld();
  ParticipationViews views = Views();
  auto before = GetDecision(views.decisions, "decision-plan", D(2019, 4, 15));
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->body_id(), "body-gov");
  EXPECT_EQ(before->diary_number(), "REG/1/2019");
  EXPECT_EQ(before->outcome(), v1::DECISION_OUTCOME_AMENDED);
  ASSERT_EQ(before->considered_inputs_size(), 3);
  EXPECT_EQ(before->considered_inputs(0).input_id(), "proposal-committee");
  EXPECT_EQ(before->considered_inputs(0).kind(), v1::INPUT_KIND_PROPOSAL);
  EXPECT_EQ(before->considered_inputs(1).input_id(), "submission-a");
  EXPECT_EQ(before->considered_inputs(2).input_id(), "consultation-plan-v1");
  EXPECT_EQ(before->considered_inputs(2).kind(), v1::INPUT_KIND_CONSULTATION);
  EXPECT_EQ(before->considered_inputs(1).assessment().assessment(),
            v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED);
  EXPECT_EQ(before->considered_inputs(1).assessment().rationale().fi(), "Osin");
  EXPECT_EQ(before->considered_inputs(1).revisions_size(), 0);
  EXPECT_EQ(before->considered_inputs(1).feedback_size(), 0);
  EXPECT_EQ(before->text().fi(), "Hyväksytään.");
  EXPECT_EQ(before->corrections_size(), 0);

  auto after = GetDecision(views.decisions, "decision-plan", std::nullopt);
  ASSERT_TRUE(after.ok());
  const v1::ConsideredInputView& a = after->considered_inputs(1);
  EXPECT_EQ(a.assessment().assessment(), v1::INFLUENCE_ASSESSMENT_ADOPTED);
  EXPECT_EQ(a.original_assessment().assessment(), v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED);
  ASSERT_EQ(a.revisions_size(), 1);
  EXPECT_EQ(FormatDate(a.revisions(0).revised_on()), "2019-04-20");
  ASSERT_EQ(a.feedback_size(), 1);
  EXPECT_EQ(a.feedback(0).channel(), v1::CHANNEL_EMAIL);
  EXPECT_EQ(FormatDate(a.feedback(0).sent_on()), "2019-04-22");
  EXPECT_EQ(after->text().fi(), "Hyväksytään muutettuna.");
  EXPECT_EQ(after->original_text().fi(), "Hyväksytään.");
  ASSERT_EQ(after->corrections_size(), 1);
  EXPECT_EQ(after->corrections(0).reason().fi(), "Kirjoitusvirhe");

  auto other = GetDecision(views.decisions, "decision-other", D(2019, 5, 31));
  ASSERT_EQ(other->appeals_size(), 1);
  EXPECT_EQ(other->appeals(0).appealed_to(), "Hämeenlinnan hallinto-oikeus");
  EXPECT_EQ(other->appeals(0).appellant_organisation_id(), "org-d");
  EXPECT_FALSE(other->annulled());
  auto annulled = GetDecision(views.decisions, "decision-other", D(2019, 6, 1));
  EXPECT_TRUE(annulled->annulled());
  EXPECT_EQ(annulled->annulment_reason().fi(), "Menettelyvirhe");

  auto early = GetDecision(views.decisions, "decision-plan", D(2019, 4, 9));
  EXPECT_EQ(early.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(early.status().message()),
            "decision \"decision-plan\" was not yet made on 2019-04-09 (decided 2019-04-10)");
}

TEST_F(ParticipationTest, KnownAtBeforeAndAfterAnAssessmentRevision) {
  BuildWorld();
  Position revised = revision_.last_position;
  auto at = [&](Position known_at) {
    auto view = GetDecision(Views(known_at).decisions, "decision-plan", std::nullopt);
    EXPECT_TRUE(view.ok()) << view.status();
    return view->considered_inputs(1);
  };
  v1::ConsideredInputView before = at(Position(revised.value() - 1));
  EXPECT_EQ(before.assessment().assessment(), v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED);
  EXPECT_EQ(before.revisions_size(), 0);
  v1::ConsideredInputView after = at(revised);
  EXPECT_EQ(after.assessment().assessment(), v1::INFLUENCE_ASSESSMENT_ADOPTED);
  EXPECT_EQ(after.revisions_size(), 1);
  EXPECT_EQ(after.feedback_size(), 0);  // sent only after the revision
}

TEST_F(ParticipationTest, CorrectionOfDecisionRecordedAppliesFromItsPosition) {
  BuildWorld();
  Position before = store_->HeadPosition();
  std::string target = decision_plan_.event_ids[0].ToString();
  domain::CommandResult corrected =
      Ok(absl::StrCat("correct_event { stream_id: \"decision-plan\" target_event_id: \"", target,
                      "\" "
                      "replacement { [type.googleapis.com/kumppani.v1.DecisionRecorded] { "
                      "decision_id: \"decision-plan\" body_id: \"body-gov\" section: \"§ 13\" "
                      "diary_number: \"REG/1/2019\" decided_on ",
                      T(2019, 4, 11), " outcome: DECISION_OUTCOME_AMENDED title ",
                      Fi("Suunnitelman hyväksyminen (korjattu)"), " text ", Fi("Hyväksytään."),
                      " considered_inputs { input_id: \"proposal-committee\" assessment: "
                      "INFLUENCE_ASSESSMENT_ADOPTED }"
                      " considered_inputs { input_id: \"submission-a\" assessment: "
                      "INFLUENCE_ASSESSMENT_PARTLY_ADOPTED rationale ",
                      Fi("Osin"),
                      " changed_section: \"3\" } } } "
                      "reason ",
                      Fi("Väärä päivä ja pykälä"), " }"));
  ASSERT_EQ(corrected.events.size(), 1u);

  auto old_view = GetDecision(Views(before).decisions, "decision-plan", std::nullopt);
  ASSERT_TRUE(old_view.ok());
  EXPECT_EQ(old_view->section(), "§ 12");
  EXPECT_EQ(FormatDate(old_view->decided_on()), "2019-04-10");
  EXPECT_EQ(old_view->considered_inputs_size(), 3);

  auto new_view = GetDecision(Views().decisions, "decision-plan", std::nullopt);
  ASSERT_TRUE(new_view.ok());
  EXPECT_EQ(new_view->section(), "§ 13");
  EXPECT_EQ(FormatDate(new_view->decided_on()), "2019-04-11");
  EXPECT_EQ(new_view->title().fi(), "Suunnitelman hyväksyminen (korjattu)");
  ASSERT_EQ(new_view->considered_inputs_size(), 2);
  // The later events of the stream are applied again on the corrected one.
  EXPECT_EQ(new_view->considered_inputs(1).assessment().assessment(),
            v1::INFLUENCE_ASSESSMENT_ADOPTED);
  EXPECT_EQ(new_view->considered_inputs(1).feedback_size(), 1);
  EXPECT_EQ(new_view->text().fi(), "Hyväksytään muutettuna.");

  // The register and the input index follow the correction.
  DecisionRegisterFilter day;
  day.body_id = "body-gov";
  day.from = D(2019, 4, 10);
  day.to = D(2019, 4, 10);
  EXPECT_THAT(Ids(*DecisionRegister(*engine_, day, {}, before)), ElementsAre("decision-plan"));
  EXPECT_TRUE(DecisionRegister(*engine_, day, {})->decisions().empty());
  EXPECT_THAT(*DecisionsCiting(Views(before).decisions, "consultation-plan-v1", std::nullopt),
              ElementsAre("decision-plan"));
  EXPECT_TRUE(DecisionsCiting(Views().decisions, "consultation-plan-v1", std::nullopt)->empty());
}

TEST_F(ParticipationTest, DecisionSummaryReadsOnlyWhatTheSummaryNeeds) {
  BuildWorld();
  ParticipationViews views = Views();
  for (const char* id : {"decision-plan", "decision-other"}) {
    for (const std::optional<v1::Date>& as_of :
         {std::optional<v1::Date>(), std::optional<v1::Date>(D(2019, 5, 31))}) {
      auto full = FindDecision(views.decisions, id, as_of);
      auto summary = FindDecisionSummary(views.decisions, id, as_of);
      ASSERT_TRUE(full.ok() && summary.ok() && full->has_value() && summary->has_value()) << id;
      EXPECT_TRUE(
          google::protobuf::util::MessageDifferencer::Equals(SummarizeDecision(**full), **summary))
          << (*summary)->DebugString();
    }
  }
  // Annulled on 1.6.2019: not yet on 31.5.
  EXPECT_FALSE(
      (*FindDecisionSummary(views.decisions, "decision-other", D(2019, 5, 31)))->annulled());
  EXPECT_TRUE((*FindDecisionSummary(views.decisions, "decision-other", std::nullopt))->annulled());
  EXPECT_EQ((*FindDecisionSummary(views.decisions, "decision-other", std::nullopt))->title().fi(),
            (*FindDecision(views.decisions, "decision-other", std::nullopt))->title().fi());
  // Decided 10.4.2019; and an id nobody used.
  EXPECT_FALSE(FindDecisionSummary(views.decisions, "decision-plan", D(2019, 4, 9))->has_value());
  EXPECT_FALSE(FindDecisionSummary(views.decisions, "decision-none", std::nullopt)->has_value());
}

TEST_F(ParticipationTest, DecisionRegisterInDateOrderWithPages) {
  BuildWorld();
  auto all = DecisionRegister(*engine_, {}, {});
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(Ids(*all), ElementsAre("decision-committee", "decision-plan", "decision-elsewhere",
                                     "decision-other"));
  EXPECT_TRUE(all->decisions(3).annulled());
  EXPECT_EQ(all->decisions(1).section(), "§ 12");

  DecisionRegisterFilter gov;
  gov.body_id = "body-gov";
  EXPECT_THAT(Ids(*DecisionRegister(*engine_, gov, {})),
              ElementsAre("decision-plan", "decision-other"));

  std::vector<std::string> paged;
  std::string token;
  int pages = 0;
  do {
    auto page = DecisionRegister(*engine_, {}, {3, token});
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& d : page->decisions()) paged.push_back(d.decision_id());
    token = page->next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 2);
  EXPECT_THAT(paged, ElementsAre("decision-committee", "decision-plan", "decision-elsewhere",
                                 "decision-other"));
  auto single = DecisionRegister(*engine_, {}, {1, ""});
  auto next = DecisionRegister(*engine_, {}, {1, single->next_page_token()});
  EXPECT_THAT(Ids(*next), ElementsAre("decision-plan"));

  DecisionRegisterFilter range;
  range.from = D(2019, 4, 11);
  range.to = D(2019, 5, 2);
  EXPECT_THAT(Ids(*DecisionRegister(*engine_, range, {})),
              ElementsAre("decision-elsewhere", "decision-other"));
  DecisionRegisterFilter backwards;
  backwards.from = D(2019, 5, 2);
  backwards.to = D(2019, 4, 11);
  auto refused = DecisionRegister(*engine_, backwards, {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(refused.status().message()),
            "to: must not be before from (2019-05-02), got 2019-04-11");
  auto foreign = DecisionRegister(*engine_, gov, {1, single->next_page_token()});
  EXPECT_EQ(foreign.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ParticipationTest, InfluenceGraphWalksProposalsAndConsultations) {
  BuildWorld();
  auto graph = InfluenceGraph(Views(), "decision-plan", std::nullopt);
  ASSERT_TRUE(graph.ok()) << graph.status();
  std::vector<std::string> nodes;
  for (const auto& n : graph->nodes()) nodes.push_back(absl::StrCat(n.id(), "@", n.depth()));
  EXPECT_THAT(nodes, ElementsAre("decision-plan@0", "proposal-committee@1", "submission-a@1",
                                 "consultation-plan-v1@1", "submission-b@2", "submission-late@2"));
  std::vector<std::string> edges;
  for (const auto& e : graph->edges()) {
    edges.push_back(absl::StrCat(
        e.from_id(), (e.relation() == v1::INFLUENCE_RELATION_CITED ? ">" : "~"), e.to_id()));
  }
  EXPECT_THAT(
      edges,
      ElementsAre("proposal-committee>decision-plan", "submission-a>decision-plan",
                  "consultation-plan-v1>decision-plan", "submission-b>proposal-committee",
                  "consultation-plan-v1>proposal-committee", "submission-a~consultation-plan-v1",
                  "submission-b~consultation-plan-v1", "submission-late~consultation-plan-v1"));
  EXPECT_EQ(graph->edges(1).assessment().assessment(), v1::INFLUENCE_ASSESSMENT_ADOPTED);
  EXPECT_FALSE(graph->edges(3).has_assessment());
  EXPECT_TRUE(graph->nodes(3).found());
  EXPECT_EQ(FormatDate(graph->nodes(3).date()), "2019-01-10");
  EXPECT_FALSE(graph->truncated());

  // On 04-15 the assessment of submission-a was still PARTLY_ADOPTED.
  auto earlier = InfluenceGraph(Views(), "decision-plan", D(2019, 4, 15));
  EXPECT_EQ(earlier->edges(1).assessment().assessment(), v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED);
  EXPECT_EQ(InfluenceGraph(Views(), "decision-nope", std::nullopt).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ParticipationTest, RebuildGivesIdenticalRows) {
  BuildWorld();
  Ok(absl::StrCat("correct_event { stream_id: \"decision-plan\" target_event_id: \"",
                  decision_plan_.event_ids[0].ToString(),
                  "\" replacement { [type.googleapis.com/kumppani.v1.DecisionRecorded] { "
                  "decision_id: \"decision-plan\" body_id: \"body-gov\" decided_on ",
                  T(2019, 4, 11), " outcome: DECISION_OUTCOME_ADOPTED title ", Fi("K"), " text ",
                  Fi("T"), " } } reason ", Fi("Korjaus"), " }"));
  for (const char* name : {"consultations", "submissions", "proposals", "decisions"}) {
    EXPECT_TRUE(engine_->VerifyRebuild(name).ok()) << name;
  }
}

TEST_F(ParticipationTest, AConsultationEntryWithoutItsSummaryIsDataLoss) {
  BuildWorld();
  const uint32_t table = Views().submissions.table();
  // Entries that sort first among the consultation's: one with no summary,
  // then one whose summary does not parse.
  const std::string key =
      participation::SubmissionConsultationPrefix("consultation-plan-v1") + "0";
  for (const std::string& payload : {std::string(), std::string("\xff")}) {
    store::IndexBatch batch;
    batch.puts.emplace_back(IndexKey(table, key, "submission-zz", 1),
                            std::string(1, kPresent) + payload);
    ASSERT_TRUE(store_->WriteIndex(batch).ok());
    auto submissions =
        SubmissionsToConsultation(Views().submissions, "consultation-plan-v1", std::nullopt);
    EXPECT_EQ(submissions.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_EQ(submissions.status().message(),
              "projections: the consultation index entry of submission-zz carries no readable "
              "summary");
  }
}

TEST_F(ParticipationTest, FoldsAcceptEventsTheDomainWouldRefuse) {
  // Through the low-level API: a closing of a consultation never opened, a
  // decision citing an id with '\0' (which cannot be a key) and feedback on
  // an input it does not consider. The appends succeed; the rows ignore
  // what they cannot use.
  auto append = [&](const std::string& stream, const v1::Event& event) {
    store::AppendRequest request;
    request.stream_id = stream;
    request.events.push_back(domain::EncodeEvent(event));
    auto appended = store_->Append(std::move(request));
    ASSERT_TRUE(appended.ok()) << appended.status();
  };
  v1::Event closed;
  closed.mutable_consultation_closed()->set_consultation_id("consultation-ghost");
  append("consultation-ghost", closed);
  v1::Event recorded;
  v1::DecisionRecorded* decision = recorded.mutable_decision_recorded();
  decision->set_decision_id("decision-odd");
  decision->set_body_id(std::string("body-\0odd", 9));
  *decision->mutable_decided_on() = D(2020, 1, 1);
  decision->add_considered_inputs()->set_input_id(std::string("submission-\0x", 13));
  decision->add_considered_inputs()->set_input_id("submission-fine");
  append("decision-odd", recorded);
  v1::Event feedback;
  feedback.mutable_feedback_sent()->set_decision_id("decision-odd");
  feedback.mutable_feedback_sent()->set_input_id("submission-other");
  append("decision-odd", feedback);

  ParticipationViews views = Views();
  EXPECT_EQ(
      GetConsultation(views.consultations, views.submissions, "consultation-ghost", std::nullopt)
          .status()
          .code(),
      absl::StatusCode::kNotFound);
  auto odd = GetDecision(views.decisions, "decision-odd", std::nullopt);
  ASSERT_TRUE(odd.ok()) << odd.status();
  ASSERT_EQ(odd->considered_inputs_size(), 1);
  EXPECT_EQ(odd->considered_inputs(0).input_id(), "submission-fine");
  EXPECT_EQ(odd->considered_inputs(0).feedback_size(), 0);
  EXPECT_THAT(Ids(*DecisionRegister(*engine_, {}, {})), ElementsAre("decision-odd"));
  EXPECT_TRUE(engine_->VerifyRebuild("decisions").ok());
}

class ParticipationDemoTest : public ParticipationWorldTest {};

TEST_F(ParticipationDemoTest, PaijatHameDecisionAndItsSurvey) {
  LoadDemo();
  ParticipationViews views = Views();
  auto decision =
      GetDecision(views.decisions, "decision-ph-ah-jarjestoneuvottelukunta-2022-08", std::nullopt);
  ASSERT_TRUE(decision.ok()) << decision.status();
  EXPECT_EQ(decision->body_id(), "body-ph-aluehallitus");
  EXPECT_EQ(decision->section(), "§ 150");
  EXPECT_EQ(FormatDate(decision->decided_on()), "2022-08-08");
  std::vector<std::string> inputs;
  for (const auto& input : decision->considered_inputs()) {
    inputs.push_back(absl::StrCat(input.input_id(), "=",
                                  v1::InfluenceAssessment_Name(input.assessment().assessment())));
  }
  EXPECT_THAT(
      inputs,
      ElementsAre("proposal-ph-hyte-jarjestoneuvottelukunta=INFLUENCE_ASSESSMENT_ADOPTED",
                  "proposal-ph-asiakas-jarjestoneuvottelukunta=INFLUENCE_ASSESSMENT_ADOPTED",
                  "consultation-ph-kysely-jarjestot-2022-06=INFLUENCE_ASSESSMENT_PARTLY_ADOPTED",
                  "consultation-ph-kysely-kunnat-2022-06=INFLUENCE_ASSESSMENT_NOTED",
                  "submission-ph-kysely-esimerkkiyhdistys=INFLUENCE_ASSESSMENT_ALREADY_INCLUDED"));
  EXPECT_EQ(decision->considered_inputs(4).feedback_size(), 1);

  auto survey = GetConsultation(views.consultations, views.submissions,
                                "consultation-ph-kysely-jarjestot-2022-06", D(2022, 6, 15));
  ASSERT_TRUE(survey.ok());
  EXPECT_EQ(survey->status(), v1::CONSULTATION_STATUS_OPEN);
  EXPECT_THAT(SubmissionIds(*survey), ElementsAre("submission-ph-kysely-esimerkkiyhdistys"));
  auto closed = GetConsultation(views.consultations, views.submissions,
                                "consultation-ph-kysely-jarjestot-2022-06", D(2022, 7, 1));
  EXPECT_EQ(closed->status(), v1::CONSULTATION_STATUS_CLOSED);
  EXPECT_EQ(closed->responses_received(), 64);

  DecisionRegisterFilter ph;
  ph.body_id = "body-ph-aluehallitus";
  EXPECT_THAT(Ids(*DecisionRegister(*engine_, ph, {})),
              ElementsAre("decision-ph-ah-jarjestoneuvottelukunta-2022-08"));
  ConsultationFilter organiser;
  organiser.organiser_organisation_id = "org-paijat-hame-hva";
  EXPECT_THAT(
      Ids(*ListConsultations(*engine_, organiser, std::nullopt, {})),
      ElementsAre("consultation-ph-kysely-jarjestot-2022-06",
                  "consultation-ph-kysely-kunnat-2022-06", "consultation-ph-palvelustrategia-2022",
                  "consultation-ph-strategia-kuuleminen-2022-05",
                  "consultation-ph-yhteistyomalli-2022-08"));
}

}  // namespace
}  // namespace kumppani::projections::testing
