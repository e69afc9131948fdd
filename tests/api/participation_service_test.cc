// ParticipationService through an in-process channel on the demo scenario:
// every RPC's answer with exact values, as_of and known_at (before and after
// a correction), pagination that stays stable while events are appended,
// bad input, NOT_FOUND, UNAUTHENTICATED, and the privacy rule (a private
// person's submission is redacted for ngo and public tokens).
#include "api/participation_service.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "api/status_mapping.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "kumppani/v1/participation_service.grpc.pb.h"
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
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

using Stub = v1::ParticipationService::Stub;

constexpr char kPhDecision[] = "decision-ph-ah-jarjestoneuvottelukunta-2022-08";
constexpr char kSurvey[] = "consultation-ph-kysely-jarjestot-2022-06";
constexpr char kSurveyAnswer[] = "submission-ph-kysely-esimerkkiyhdistys";

// A consultation of 2023-12 and a private person's answer to it, recorded
// by the tests that need one.
constexpr char kResidentSurvey[] = R"pb(
  open_consultation {
    consultation_id: "consultation-ph-asukaskysely-2023"
    organiser_organisation_id: "org-paijat-hame-hva"
    subject { fi: "Asukaskysely" authoritative: LANGUAGE_FI }
    method: CONSULTATION_METHOD_SURVEY
    channels: CHANNEL_SURVEY
    opens_on { year: 2023 month: 12 day: 1 }
    deadline { year: 2024 month: 1 day: 31 }
  })pb";
constexpr char kPerson[] = "person-ph-0001";
constexpr char kPersonsText[] = "Toivon lisää kerhotiloja Lahteen.";
constexpr char kPersonsAnswer[] = "submission-ph-asukas-0001";

std::vector<std::string> ConsultationIds(const v1::ListConsultationsResponse& page) {
  std::vector<std::string> ids;
  for (const auto& consultation : page.consultations())
    ids.push_back(consultation.consultation_id());
  return ids;
}

std::vector<std::string> DecisionIds(const v1::ListDecisionsResponse& page) {
  std::vector<std::string> ids;
  for (const auto& decision : page.decisions()) ids.push_back(decision.decision_id());
  return ids;
}

std::vector<std::string> SubmissionIds(const v1::ConsultationView& consultation) {
  std::vector<std::string> ids;
  for (const auto& submission : consultation.submissions())
    ids.push_back(submission.submission_id());
  return ids;
}

void ExpectError(const absl::Status& status, absl::StatusCode code, const std::string& message) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_EQ(std::string(status.message()), message);
}

class ParticipationServiceTest
    : public testing::DemoQueryServiceTest<ParticipationService, v1::ParticipationService> {
 protected:
  // Records kResidentSurvey and a private person's answer to it.
  void RecordPersonsAnswer() {
    Ok(absl::StrCat("register_person { person_id: \"", kPerson,
                    "\" personal_data { full_name: \"Aino Esimerkki\" } }"));
    Ok(kResidentSurvey);
    Ok(absl::StrCat("receive_submission { submission_id: \"", kPersonsAnswer,
                    "\" consultation_id: \"consultation-ph-asukaskysely-2023\" "
                    "submitter_person_id: \"",
                    kPerson,
                    "\" channel: CHANNEL_SURVEY received_at { seconds: 1702641600 } "
                    "language: LANGUAGE_FI text: \"",
                    kPersonsText, "\" }"));
  }

  // Corrects the Päijät-Häme decision's section from "§ 150" to "§ 151".
  void CorrectPhDecisionSection() {
    absl::StatusOr<domain::LoadedStream> stream = domain::ReadLoadedStream(store(), kPhDecision);
    ASSERT_TRUE(stream.ok()) << stream.status();
    v1::DecisionRecorded recorded = stream->decoded[0].decision_recorded();
    ASSERT_EQ(recorded.section(), "§ 150");
    recorded.set_section("§ 151");
    absl::StatusOr<EventId> target = EventId::FromBytes(stream->envelopes[0].event_id(), "id");
    ASSERT_TRUE(target.ok());
    v1::Command command;
    command.set_request_id("correct-ph-section");
    v1::CorrectEvent* correct = command.mutable_correct_event();
    correct->set_stream_id(kPhDecision);
    correct->set_target_event_id(target->ToString());
    correct->mutable_replacement()->PackFrom(recorded);
    correct->mutable_reason()->set_fi("Pykälänumero korjattu");
    correct->mutable_reason()->set_authoritative(v1::LANGUAGE_FI);
    absl::StatusOr<domain::CommandResult> result = handler_->Execute(command, "tester");
    ASSERT_TRUE(result.ok()) << result.status();
  }
};

// ----------------------------------------------------------------- decisions

TEST_F(ParticipationServiceTest, GetDecisionReturnsThePaijatHameDecisionWithItsFiveInputs) {
  auto response = Call(&Stub::GetDecision, absl::StrCat("decision_id: \"", kPhDecision, "\""));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->read_position(), Head());
  const v1::DecisionView& decision = response->decision();
  EXPECT_EQ(decision.decision_id(), kPhDecision);
  EXPECT_EQ(decision.body_id(), "body-ph-aluehallitus");
  EXPECT_EQ(decision.meeting_id(), "meeting-ph-aluehallitus-2022-08-08");
  EXPECT_EQ(decision.section(), "§ 150");
  EXPECT_EQ(domain::FormatDate(decision.decided_on()), "2022-08-08");
  EXPECT_EQ(decision.outcome(), v1::DECISION_OUTCOME_ADOPTED);
  EXPECT_EQ(decision.title().en(), "Establishing the NGO advisory board");
  std::vector<std::string> inputs;
  for (const auto& input : decision.considered_inputs()) {
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
  EXPECT_EQ(decision.considered_inputs(2).assessment().changed_section(), "Perustelut");
  ASSERT_EQ(decision.considered_inputs(4).feedback_size(), 1);
  EXPECT_EQ(decision.considered_inputs(4).feedback(0).channel(), v1::CHANNEL_EMAIL);
  EXPECT_EQ(domain::FormatDate(decision.considered_inputs(4).feedback(0).sent_on()), "2022-08-15");
  EXPECT_FALSE(decision.has_as_of());
}

TEST_F(ParticipationServiceTest, GetDecisionAsOfShowsFeedbackFromTheDayItWasSent) {
  auto before = Call(&Stub::GetDecision, absl::StrCat("decision_id: \"", kPhDecision,
                                                      "\" as_of { year: 2022 month: 8 day: 14 }"));
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->decision().considered_inputs(4).feedback_size(), 0);
  EXPECT_EQ(domain::FormatDate(before->decision().as_of()), "2022-08-14");
  auto on = Call(&Stub::GetDecision, absl::StrCat("decision_id: \"", kPhDecision,
                                                  "\" as_of { year: 2022 month: 8 day: 15 }"));
  ASSERT_TRUE(on.ok()) << on.status();
  EXPECT_EQ(on->decision().considered_inputs(4).feedback_size(), 1);

  // Known at the decision's own event, before its feedback was recorded
  // (docs/api.md's example: events 123 and 124 of the demo).
  absl::StatusOr<domain::LoadedStream> stream = domain::ReadLoadedStream(store(), kPhDecision);
  ASSERT_TRUE(stream.ok()) << stream.status();
  ASSERT_EQ(stream->envelopes.size(), 2u);
  ASSERT_EQ(stream->envelopes[1].event_type(), "FeedbackSent");
  const uint64_t recorded = stream->envelopes[0].position();
  auto unaware = Call(&Stub::GetDecision, absl::StrCat("decision_id: \"", kPhDecision,
                                                       "\" known_at { position: ", recorded, " }"));
  ASSERT_TRUE(unaware.ok()) << unaware.status();
  EXPECT_EQ(unaware->read_position(), recorded);
  EXPECT_EQ(unaware->decision().considered_inputs(4).feedback_size(), 0);

  ExpectError(Call(&Stub::GetDecision, absl::StrCat("decision_id: \"", kPhDecision,
                                                    "\" as_of { year: 2022 month: 8 day: 1 }"))
                  .status(),
              absl::StatusCode::kNotFound,
              absl::StrCat("decision_id: decision \"", kPhDecision,
                           "\" was not yet made on 2022-08-01 (decided 2022-08-08)"));
  // An all-zero as_of is no as_of.
  auto zero = Call(&Stub::GetDecision,
                   absl::StrCat("decision_id: \"", kPhDecision, "\" as_of { year: 0 }"));
  ASSERT_TRUE(zero.ok()) << zero.status();
  EXPECT_FALSE(zero->decision().has_as_of());
}

TEST_F(ParticipationServiceTest, KnownAtBeforeACorrectionShowsWhatTheLedgerKnewThen) {
  const uint64_t before = Head();
  clock_.Advance(3600LL * 1000000);  // the correction is recorded at 01:00
  CorrectPhDecisionSection();
  ASSERT_GT(Head(), before);

  auto now = Call(&Stub::GetDecision, absl::StrCat("decision_id: \"", kPhDecision, "\""));
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_EQ(now->decision().section(), "§ 151");
  EXPECT_EQ(now->read_position(), Head());

  auto then = Call(&Stub::GetDecision, absl::StrCat("decision_id: \"", kPhDecision,
                                                    "\" known_at { position: ", before, " }"));
  ASSERT_TRUE(then.ok()) << then.status();
  EXPECT_EQ(then->decision().section(), "§ 150");
  EXPECT_EQ(then->read_position(), before);

  // By recorded time: 00:30 is before the correction.
  auto by_time =
      Call(&Stub::GetDecision,
           absl::StrCat("decision_id: \"", kPhDecision, "\" known_at { recorded_time { seconds: ",
                        testing::k2024Micros / 1000000 + 1800, " } }"));
  ASSERT_TRUE(by_time.ok()) << by_time.status();
  EXPECT_EQ(by_time->decision().section(), "§ 150");
  EXPECT_EQ(by_time->read_position(), before);
  // A malformed recorded time is refused, not read as "before the log".
  auto bad_time = Call(
      &Stub::GetDecision,
      absl::StrCat("decision_id: \"", kPhDecision, "\" known_at { recorded_time { seconds: ",
                   testing::k2024Micros / 1000000 + 1800, " nanos: -1 } }"));
  ExpectError(bad_time.status(), absl::StatusCode::kInvalidArgument,
              "known_at.recorded_time.nanos: must be in [0, 999999999]");

  // The register too.
  auto register_then =
      Call(&Stub::ListDecisions,
           absl::StrCat("body_id: \"body-ph-aluehallitus\" known_at { position: ", before, " }"));
  ASSERT_TRUE(register_then.ok()) << register_then.status();
  ASSERT_EQ(register_then->decisions_size(), 1);
  EXPECT_EQ(register_then->decisions(0).section(), "§ 150");
  EXPECT_EQ(register_then->read_position(), before);
  auto register_now = Call(&Stub::ListDecisions, "body_id: \"body-ph-aluehallitus\"");
  ASSERT_TRUE(register_now.ok()) << register_now.status();
  EXPECT_EQ(register_now->decisions(0).section(), "§ 151");
  EXPECT_EQ(register_now->read_position(), Head());

  // Before the decision was recorded at all.
  auto empty = Call(&Stub::GetDecision,
                    absl::StrCat("decision_id: \"", kPhDecision, "\" known_at { position: 1 }"));
  ExpectError(empty.status(), absl::StatusCode::kNotFound,
              absl::StrCat("decision_id: decision \"", kPhDecision, "\" does not exist"));
  ExpectError(Call(&Stub::GetDecision,
                   absl::StrCat("decision_id: \"", kPhDecision, "\" known_at { position: 99999 }"))
                  .status(),
              absl::StatusCode::kInvalidArgument,
              absl::StrCat("known_at: position 99999 is beyond the log head ", Head()));
}

TEST_F(ParticipationServiceTest, ListDecisionsIsTheRegisterInDateOrder) {
  auto all = Call(&Stub::ListDecisions, "");
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(DecisionIds(*all), ElementsAre("decision-ks-kp-jatko-2019-03-22",
                                             "decision-ph-av-strategia-2022-06", kPhDecision));
  EXPECT_EQ(all->next_page_token(), "");
  EXPECT_EQ(all->read_position(), Head());
  EXPECT_EQ(all->decisions(0).body_id(), "body-ks-kumppanuuspoyta");
  EXPECT_EQ(all->decisions(0).section(), "§ 1");

  auto ph = Call(&Stub::ListDecisions, "body_id: \"body-ph-aluehallitus\"");
  ASSERT_TRUE(ph.ok()) << ph.status();
  EXPECT_THAT(DecisionIds(*ph), ElementsAre(kPhDecision));

  auto in_2022 = Call(&Stub::ListDecisions,
                      "decided_from { year: 2022 month: 1 day: 1 } "
                      "decided_to { year: 2022 month: 6 day: 20 }");
  ASSERT_TRUE(in_2022.ok()) << in_2022.status();
  EXPECT_THAT(DecisionIds(*in_2022), ElementsAre("decision-ph-av-strategia-2022-06"));
}

TEST_F(ParticipationServiceTest, DecisionRegisterPagesStayStableWhileDecisionsAreRecorded) {
  auto first = Call(&Stub::ListDecisions, "page_size: 1");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(DecisionIds(*first), ElementsAre("decision-ks-kp-jatko-2019-03-22"));
  ASSERT_NE(first->next_page_token(), "");
  const uint64_t pinned = first->read_position();

  // A decision of 2022-07-01 would be the second entry of a new listing.
  Ok(R"pb(record_decision {
            decision_id: "decision-ph-ah-heinakuu-2022-07"
            body_id: "body-ph-aluehallitus"
            decided_on { year: 2022 month: 7 day: 1 }
            outcome: DECISION_OUTCOME_ADOPTED
            title { fi: "Heinäkuun päätös" authoritative: LANGUAGE_FI }
            text { fi: "Päätetään." authoritative: LANGUAGE_FI }
          })pb");
  ASSERT_GT(Head(), pinned);

  std::vector<std::string> rest;
  std::string token = first->next_page_token();
  while (!token.empty()) {
    auto page =
        Call(&Stub::ListDecisions, absl::StrCat("page_size: 1 page_token: \"", token, "\""));
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(page->read_position(), pinned);
    for (const std::string& id : DecisionIds(*page)) rest.push_back(id);
    token = page->next_page_token();
  }
  EXPECT_THAT(rest, ElementsAre("decision-ph-av-strategia-2022-06", kPhDecision));

  auto fresh = Call(&Stub::ListDecisions, "");
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_THAT(DecisionIds(*fresh),
              ElementsAre("decision-ks-kp-jatko-2019-03-22", "decision-ph-av-strategia-2022-06",
                          "decision-ph-ah-heinakuu-2022-07", kPhDecision));
  EXPECT_EQ(fresh->read_position(), Head());
}

TEST_F(ParticipationServiceTest, ListDecisionsRefusesBadArguments) {
  ExpectError(Call(&Stub::ListDecisions,
                   "decided_from { year: 2022 month: 6 day: 1 } "
                   "decided_to { year: 2022 month: 5 day: 31 }")
                  .status(),
              absl::StatusCode::kInvalidArgument,
              "decided_to: must not be before decided_from (2022-06-01), got 2022-05-31");
  ExpectError(Call(&Stub::ListDecisions, "decided_from { year: 2022 month: 2 day: 30 }").status(),
              absl::StatusCode::kInvalidArgument, "decided_from.day: 30 is not a day of 2022-02");
  ExpectError(Call(&Stub::ListDecisions, "decided_to { year: 1800 month: 1 day: 1 }").status(),
              absl::StatusCode::kInvalidArgument,
              "decided_to.year: must be in 1900..2200, got 1800");
  ExpectError(Call(&Stub::ListDecisions, "body_id: \"org-ph\"").status(),
              absl::StatusCode::kInvalidArgument,
              "body_id: must be \"body-<slug>\", got \"org-ph\"");
  ExpectError(Call(&Stub::ListDecisions, "page_size: -1").status(),
              absl::StatusCode::kInvalidArgument, "page_size: must not be negative, got -1");
  ExpectError(Call(&Stub::ListDecisions, "page_token: \"not a token\"").status(),
              absl::StatusCode::kInvalidArgument, "page_token: is not a token this server issued");

  auto first = Call(&Stub::ListDecisions, "page_size: 1");
  ASSERT_TRUE(first.ok()) << first.status();
  ExpectError(Call(&Stub::ListDecisions,
                   absl::StrCat("page_size: 1 known_at { position: 3 } page_token: \"",
                                first->next_page_token(), "\""))
                  .status(),
              absl::StatusCode::kInvalidArgument,
              "known_at: must be unset with a page_token (the token pins the listing's point)");
  // A token is valid only with the filters it was made for, and only for its
  // own listing.
  auto other_filter =
      Call(&Stub::ListDecisions, absl::StrCat("page_size: 1 body_id: \"body-ph-aluehallitus\" "
                                              "page_token: \"",
                                              first->next_page_token(), "\""));
  EXPECT_EQ(other_filter.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(other_filter.status().message()),
              StartsWith("page_token: does not belong to this list"));
  auto other_list = Call(&Stub::ListConsultations,
                         absl::StrCat("page_token: \"", first->next_page_token(), "\""));
  EXPECT_EQ(other_list.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(other_list.status().message()),
              StartsWith("page_token: does not belong to this list"));
}

// ------------------------------------------------------------- consultations

TEST_F(ParticipationServiceTest, GetConsultationAsOfOpenAndClosed) {
  auto open = Call(
      &Stub::GetConsultation,
      absl::StrCat("consultation_id: \"", kSurvey, "\" as_of { year: 2022 month: 6 day: 15 }"));
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_EQ(open->read_position(), Head());
  EXPECT_FALSE(open->personal_data_redacted());
  const v1::ConsultationView& survey = open->consultation();
  EXPECT_EQ(survey.organiser_organisation_id(), "org-paijat-hame-hva");
  EXPECT_EQ(survey.method(), v1::CONSULTATION_METHOD_SURVEY);
  EXPECT_EQ(domain::FormatDate(survey.opens_on()), "2022-06-01");
  EXPECT_EQ(domain::FormatDate(survey.deadline()), "2022-06-30");
  EXPECT_EQ(survey.status(), v1::CONSULTATION_STATUS_OPEN);
  EXPECT_THAT(SubmissionIds(survey), ElementsAre(kSurveyAnswer));
  EXPECT_EQ(survey.submissions(0).submitter_organisation_id(), "org-ph-esimerkkiyhdistys");
  EXPECT_EQ(survey.responses_received(), 0);

  auto closed =
      Call(&Stub::GetConsultation,
           absl::StrCat("consultation_id: \"", kSurvey, "\" as_of { year: 2022 month: 7 day: 1 }"));
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->consultation().status(), v1::CONSULTATION_STATUS_CLOSED);
  EXPECT_EQ(domain::FormatDate(closed->consultation().closed_on()), "2022-06-30");
  EXPECT_EQ(closed->consultation().responses_received(), 64);

  // Before the answer arrived on 2022-06-10.
  auto early =
      Call(&Stub::GetConsultation,
           absl::StrCat("consultation_id: \"", kSurvey, "\" as_of { year: 2022 month: 6 day: 5 }"));
  ASSERT_TRUE(early.ok()) << early.status();
  EXPECT_EQ(early->consultation().status(), v1::CONSULTATION_STATUS_OPEN);
  EXPECT_THAT(SubmissionIds(early->consultation()), IsEmpty());
  auto not_yet = Call(
      &Stub::GetConsultation,
      absl::StrCat("consultation_id: \"", kSurvey, "\" as_of { year: 2022 month: 5 day: 31 }"));
  ASSERT_TRUE(not_yet.ok()) << not_yet.status();
  EXPECT_EQ(not_yet->consultation().status(), v1::CONSULTATION_STATUS_NOT_YET_OPEN);
}

TEST_F(ParticipationServiceTest, GetConsultationRefusesBadInput) {
  ExpectError(Call(&Stub::GetConsultation, "").status(), absl::StatusCode::kInvalidArgument,
              "consultation_id: is required");
  ExpectError(
      Call(&Stub::GetConsultation, absl::StrCat("consultation_id: \"", kPhDecision, "\"")).status(),
      absl::StatusCode::kInvalidArgument,
      absl::StrCat("consultation_id: must be \"consultation-<slug>\", got \"", kPhDecision, "\""));
  ExpectError(Call(&Stub::GetConsultation, absl::StrCat("consultation_id: \"", kSurvey,
                                                        "\" as_of { year: 2022 month: 13 day: 1 }"))
                  .status(),
              absl::StatusCode::kInvalidArgument, "as_of.month: must be in 1..12, got 13");
  ExpectError(Call(&Stub::GetConsultation, "consultation_id: \"consultation-nope\"").status(),
              absl::StatusCode::kNotFound,
              "consultation_id: consultation \"consultation-nope\" does not exist");
}

TEST_F(ParticipationServiceTest, ListConsultationsFiltersByOrganiserAndStatus) {
  auto ph = Call(&Stub::ListConsultations, "organiser_organisation_id: \"org-paijat-hame-hva\"");
  ASSERT_TRUE(ph.ok()) << ph.status();
  EXPECT_THAT(ConsultationIds(*ph), ElementsAre("consultation-ph-kysely-jarjestot-2022-06",
                                                "consultation-ph-kysely-kunnat-2022-06",
                                                "consultation-ph-palvelustrategia-2022",
                                                "consultation-ph-strategia-kuuleminen-2022-05",
                                                "consultation-ph-yhteistyomalli-2022-08"));
  EXPECT_EQ(ph->read_position(), Head());
  EXPECT_EQ(ph->next_page_token(), "");

  // On 2022-06-15 the two surveys were open; the others not yet, or closed.
  auto open = Call(&Stub::ListConsultations,
                   "organiser_organisation_id: \"org-paijat-hame-hva\" "
                   "status: CONSULTATION_STATUS_OPEN as_of { year: 2022 month: 6 day: 15 }");
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_THAT(ConsultationIds(*open), ElementsAre("consultation-ph-kysely-jarjestot-2022-06",
                                                  "consultation-ph-kysely-kunnat-2022-06"));
  EXPECT_EQ(open->consultations(0).status(), v1::CONSULTATION_STATUS_OPEN);

  ExpectError(Call(&Stub::ListConsultations, "organiser_organisation_id: \"paijat-hame\"").status(),
              absl::StatusCode::kInvalidArgument,
              "organiser_organisation_id: must be \"org-<slug>\", got \"paijat-hame\"");
  ExpectError(Call(&Stub::ListConsultations, "status: 99").status(),
              absl::StatusCode::kInvalidArgument, "status: must be a ConsultationStatus, got 99");
  ExpectError(Call(&Stub::ListConsultations, "as_of { year: 2022 month: 0 day: 1 }").status(),
              absl::StatusCode::kInvalidArgument, "as_of.month: must be in 1..12, got 0");
}

TEST_F(ParticipationServiceTest, ConsultationPagesStayStableWhileConsultationsAreOpened) {
  const std::string filter = "organiser_organisation_id: \"org-paijat-hame-hva\" page_size: 2";
  auto first = Call(&Stub::ListConsultations, filter);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(ConsultationIds(*first), ElementsAre("consultation-ph-kysely-jarjestot-2022-06",
                                                   "consultation-ph-kysely-kunnat-2022-06"));
  const uint64_t pinned = first->read_position();

  // Sorts between the first and the second page's ids.
  Ok(R"pb(open_consultation {
            consultation_id: "consultation-ph-lisakysely-2023"
            organiser_organisation_id: "org-paijat-hame-hva"
            subject { fi: "Lisäkysely" authoritative: LANGUAGE_FI }
            method: CONSULTATION_METHOD_SURVEY
            channels: CHANNEL_SURVEY
            opens_on { year: 2023 month: 12 day: 1 }
            deadline { year: 2024 month: 1 day: 31 }
          })pb");

  auto second = Call(&Stub::ListConsultations,
                     absl::StrCat(filter, " page_token: \"", first->next_page_token(), "\""));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(ConsultationIds(*second),
              ElementsAre("consultation-ph-palvelustrategia-2022",
                          "consultation-ph-strategia-kuuleminen-2022-05"));
  EXPECT_EQ(second->read_position(), pinned);
  auto third = Call(&Stub::ListConsultations,
                    absl::StrCat(filter, " page_token: \"", second->next_page_token(), "\""));
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_THAT(ConsultationIds(*third), ElementsAre("consultation-ph-yhteistyomalli-2022-08"));
  EXPECT_EQ(third->next_page_token(), "");
  EXPECT_EQ(third->read_position(), pinned);

  // A new listing sees it; one at the old position does not.
  auto fresh = Call(&Stub::ListConsultations, filter);
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_THAT(ConsultationIds(*fresh), ElementsAre("consultation-ph-kysely-jarjestot-2022-06",
                                                   "consultation-ph-kysely-kunnat-2022-06"));
  auto fresh_second = Call(&Stub::ListConsultations,
                           absl::StrCat(filter, " page_token: \"", fresh->next_page_token(), "\""));
  ASSERT_TRUE(fresh_second.ok()) << fresh_second.status();
  EXPECT_THAT(ConsultationIds(*fresh_second), ElementsAre("consultation-ph-lisakysely-2023",
                                                          "consultation-ph-palvelustrategia-2022"));
  auto old = Call(&Stub::ListConsultations,
                  absl::StrCat("organiser_organisation_id: \"org-paijat-hame-hva\" "
                               "known_at { position: ",
                               pinned, " }"));
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->consultations_size(), 5);
  EXPECT_EQ(old->read_position(), pinned);
}

// ------------------------------------------------ submissions and proposals

TEST_F(ParticipationServiceTest, GetSubmissionOfAnOrganisationIsPublic) {
  auto response =
      Call(&Stub::GetSubmission, absl::StrCat("submission_id: \"", kSurveyAnswer, "\""));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_FALSE(response->personal_data_redacted());
  EXPECT_EQ(response->read_position(), Head());
  const v1::SubmissionView& submission = response->submission();
  EXPECT_EQ(submission.summary().consultation_id(), kSurvey);
  EXPECT_EQ(submission.summary().submitter_organisation_id(), "org-ph-esimerkkiyhdistys");
  EXPECT_EQ(submission.summary().channel(), v1::CHANNEL_SURVEY);
  EXPECT_EQ(domain::FormatDate(submission.summary().received_on()), "2022-06-10");
  EXPECT_FALSE(submission.summary().late());
  EXPECT_EQ(submission.language(), v1::LANGUAGE_FI);
  EXPECT_EQ(submission.text(),
            "Toivomme järjestöneuvottelukuntaa sekä viestintä-, tila-, tapahtuma- ja "
            "avustusyhteistyötä.");

  ExpectError(Call(&Stub::GetSubmission, absl::StrCat("submission_id: \"", kSurveyAnswer,
                                                      "\" as_of { year: 2022 month: 6 day: 5 }"))
                  .status(),
              absl::StatusCode::kNotFound,
              absl::StrCat("submission_id: submission \"", kSurveyAnswer,
                           "\" was not yet received on 2022-06-05 (received 2022-06-10)"));
  ExpectError(Call(&Stub::GetSubmission, "submission_id: \"submission-\"").status(),
              absl::StatusCode::kInvalidArgument,
              "submission_id: must be \"submission-<slug>\", got \"submission-\"");
  ExpectError(Call(&Stub::GetSubmission, "submission_id: \"submission-nope\"").status(),
              absl::StatusCode::kNotFound,
              "submission_id: submission \"submission-nope\" does not exist");
}

TEST_F(ParticipationServiceTest, APrivatePersonsSubmissionIsRedactedForNgoAndPublic) {
  RecordPersonsAnswer();
  const std::string get = absl::StrCat("submission_id: \"", kPersonsAnswer, "\"");
  for (const char* token : {kAdmin, kRecorder, kAuditor}) {
    auto full = Call(&Stub::GetSubmission, get, token);
    ASSERT_TRUE(full.ok()) << token << ": " << full.status();
    EXPECT_FALSE(full->personal_data_redacted()) << token;
    EXPECT_EQ(full->submission().summary().submitter_person_id(), kPerson) << token;
    EXPECT_EQ(full->submission().text(), kPersonsText) << token;
  }
  for (const char* token : {kNgo, kPublic}) {
    auto redacted = Call(&Stub::GetSubmission, get, token);
    ASSERT_TRUE(redacted.ok()) << token << ": " << redacted.status();
    EXPECT_TRUE(redacted->personal_data_redacted()) << token;
    const v1::SubmissionView& submission = redacted->submission();
    EXPECT_EQ(submission.summary().submission_id(), kPersonsAnswer) << token;
    EXPECT_EQ(submission.summary().submitter_person_id(), "") << token;
    EXPECT_EQ(submission.summary().submitter_organisation_id(), "") << token;
    EXPECT_EQ(submission.text(), "") << token;
    EXPECT_FALSE(submission.has_document()) << token;
    // What oversight needs stays.
    EXPECT_EQ(submission.summary().channel(), v1::CHANNEL_SURVEY) << token;
    EXPECT_EQ(domain::FormatDate(submission.summary().received_on()), "2023-12-15") << token;
    const std::string bytes = redacted->SerializeAsString();
    EXPECT_THAT(bytes, ::testing::Not(HasSubstr(kPerson))) << token;
    EXPECT_THAT(bytes, ::testing::Not(HasSubstr("kerhotiloja"))) << token;
  }

  // The consultation lists the answer without its submitter.
  const std::string consultation = "consultation_id: \"consultation-ph-asukaskysely-2023\"";
  auto as_auditor = Call(&Stub::GetConsultation, consultation, kAuditor);
  ASSERT_TRUE(as_auditor.ok()) << as_auditor.status();
  EXPECT_FALSE(as_auditor->personal_data_redacted());
  ASSERT_EQ(as_auditor->consultation().submissions_size(), 1);
  EXPECT_EQ(as_auditor->consultation().submissions(0).submitter_person_id(), kPerson);
  auto as_public = Call(&Stub::GetConsultation, consultation, kPublic);
  ASSERT_TRUE(as_public.ok()) << as_public.status();
  EXPECT_TRUE(as_public->personal_data_redacted());
  ASSERT_EQ(as_public->consultation().submissions_size(), 1);
  EXPECT_EQ(as_public->consultation().submissions(0).submission_id(), kPersonsAnswer);
  EXPECT_EQ(as_public->consultation().submissions(0).submitter_person_id(), "");
  EXPECT_THAT(as_public->SerializeAsString(), ::testing::Not(HasSubstr(kPerson)));

  // An organisation's statement is not redacted for the public.
  auto organisation =
      Call(&Stub::GetConsultation, absl::StrCat("consultation_id: \"", kSurvey, "\""), kPublic);
  ASSERT_TRUE(organisation.ok()) << organisation.status();
  EXPECT_FALSE(organisation->personal_data_redacted());
  EXPECT_EQ(organisation->consultation().submissions(0).submitter_organisation_id(),
            "org-ph-esimerkkiyhdistys");
}

TEST_F(ParticipationServiceTest, GetProposal) {
  auto response =
      Call(&Stub::GetProposal, "proposal_id: \"proposal-ph-hyte-jarjestoneuvottelukunta\"");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->read_position(), Head());
  const v1::ProposalView& proposal = response->proposal();
  EXPECT_EQ(proposal.from_body_id(), "body-ph-hyte-lautakunta");
  EXPECT_EQ(proposal.to_body_id(), "body-ph-aluehallitus");
  EXPECT_EQ(proposal.meeting_id(), "meeting-ph-hyte-2022-06-14");
  EXPECT_EQ(proposal.section(), "§ 45");
  EXPECT_EQ(domain::FormatDate(proposal.proposed_on()), "2022-06-14");
  EXPECT_EQ(proposal.title().fi(), "Järjestöneuvottelukunnan perustaminen");
  EXPECT_TRUE(proposal.unanimous());

  ExpectError(Call(&Stub::GetProposal,
                   "proposal_id: \"proposal-ph-hyte-jarjestoneuvottelukunta\" "
                   "as_of { year: 2022 month: 6 day: 13 }")
                  .status(),
              absl::StatusCode::kNotFound,
              "proposal_id: proposal \"proposal-ph-hyte-jarjestoneuvottelukunta\" was not yet "
              "made on 2022-06-13 (made 2022-06-14)");
  ExpectError(Call(&Stub::GetProposal, "proposal_id: \"proposal ph\"").status(),
              absl::StatusCode::kInvalidArgument,
              "proposal_id: must be \"proposal-<slug>\", got \"proposal ph\"");
  ExpectError(Call(&Stub::GetProposal, "proposal_id: \"proposal-nope\"").status(),
              absl::StatusCode::kNotFound,
              "proposal_id: proposal \"proposal-nope\" does not exist");
}

// ---------------------------------------------------------- influence graph

TEST_F(ParticipationServiceTest, GetInfluenceGraphLinksTheSurveysAndProposalsToTheDecision) {
  auto response =
      Call(&Stub::GetInfluenceGraph, absl::StrCat("decision_id: \"", kPhDecision, "\""));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->read_position(), Head());
  const v1::InfluenceGraph& graph = response->graph();
  EXPECT_EQ(graph.decision_id(), kPhDecision);
  EXPECT_FALSE(graph.truncated());
  std::vector<std::string> nodes;
  for (const auto& node : graph.nodes()) {
    nodes.push_back(absl::StrCat(node.id(), "@", node.depth(), node.found() ? "" : " (not found)",
                                 " ", domain::FormatDate(node.date())));
  }
  EXPECT_THAT(nodes, ElementsAre(absl::StrCat(kPhDecision, "@0 2022-08-08"),
                                 "proposal-ph-hyte-jarjestoneuvottelukunta@1 2022-06-14",
                                 "proposal-ph-asiakas-jarjestoneuvottelukunta@1 2022-06-15",
                                 "consultation-ph-kysely-jarjestot-2022-06@1 2022-06-01",
                                 "consultation-ph-kysely-kunnat-2022-06@1 2022-06-01",
                                 "submission-ph-kysely-esimerkkiyhdistys@1 2022-06-10"));
  std::vector<std::string> edges;
  for (const auto& edge : graph.edges()) {
    edges.push_back(absl::StrCat(edge.from_id(), " -> ", edge.to_id(), " ",
                                 v1::InfluenceRelation_Name(edge.relation())));
  }
  EXPECT_THAT(edges, ElementsAre(absl::StrCat("proposal-ph-hyte-jarjestoneuvottelukunta -> ",
                                              kPhDecision, " INFLUENCE_RELATION_CITED"),
                                 absl::StrCat("proposal-ph-asiakas-jarjestoneuvottelukunta -> ",
                                              kPhDecision, " INFLUENCE_RELATION_CITED"),
                                 absl::StrCat("consultation-ph-kysely-jarjestot-2022-06 -> ",
                                              kPhDecision, " INFLUENCE_RELATION_CITED"),
                                 absl::StrCat("consultation-ph-kysely-kunnat-2022-06 -> ",
                                              kPhDecision, " INFLUENCE_RELATION_CITED"),
                                 absl::StrCat("submission-ph-kysely-esimerkkiyhdistys -> ",
                                              kPhDecision, " INFLUENCE_RELATION_CITED"),
                                 "submission-ph-kysely-esimerkkiyhdistys -> "
                                 "consultation-ph-kysely-jarjestot-2022-06 "
                                 "INFLUENCE_RELATION_SUBMITTED_TO"));
  EXPECT_EQ(graph.edges(2).assessment().assessment(), v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED);

  ExpectError(
      Call(&Stub::GetInfluenceGraph,
           absl::StrCat("decision_id: \"", kPhDecision, "\" as_of { year: 2022 month: 7 day: 1 }"))
          .status(),
      absl::StatusCode::kNotFound,
      absl::StrCat("decision_id: decision \"", kPhDecision,
                   "\" was not yet made on 2022-07-01 (decided 2022-08-08)"));
  ExpectError(Call(&Stub::GetInfluenceGraph, "decision_id: \"decision-nope\"").status(),
              absl::StatusCode::kNotFound,
              "decision_id: decision \"decision-nope\" does not exist");
  ExpectError(Call(&Stub::GetInfluenceGraph, "decision_id: \"\"").status(),
              absl::StatusCode::kInvalidArgument, "decision_id: is required");
}

// --------------------------------------------------------------------- roles

TEST_F(ParticipationServiceTest, EveryRoleMayReadAndAnUnknownCallerMayNot) {
  const std::string get = absl::StrCat("decision_id: \"", kPhDecision, "\"");
  for (const char* token : {kAdmin, kRecorder, kNgo, kAuditor, kPublic}) {
    auto response = Call(&Stub::GetDecision, get, token);
    ASSERT_TRUE(response.ok()) << token << ": " << response.status();
    EXPECT_EQ(response->decision().section(), "§ 150");
  }
  ExpectError(Call(&Stub::GetDecision, get, "").status(), absl::StatusCode::kUnauthenticated,
              "authorization: no bearer token");
  ExpectError(Call(&Stub::ListConsultations, "", "stolen-token").status(),
              absl::StatusCode::kUnauthenticated, "unknown token");
  ExpectError(Call(&Stub::GetInfluenceGraph, get, "").status(), absl::StatusCode::kUnauthenticated,
              "authorization: no bearer token");
}

}  // namespace
}  // namespace kumppani::api
