// Proposals and decisions with influence assessments.
#include "tests/domain/domain_fixture.h"

namespace kumppani::domain::testing {
namespace {

using absl::StatusCode;

class DecisionTest : public DomainTest {
 protected:
  DecisionTest() {
    RegisterOrg("org-ph-hva", "ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY");
    RegisterOrg("org-ngo");
    Ok(R"pb(establish_body { body_id: "body-ph-hyte" kind: BODY_KIND_COMMITTEE parent_organisation_id: "org-ph-hva"
            name { fi: "Hyte-lautakunta" authoritative: LANGUAGE_FI } mandate { fi: "M" authoritative: LANGUAGE_FI }
            established_on { year: 2022 month: 3 day: 1 } })pb");
    Ok(R"pb(establish_body { body_id: "body-ph-ah" kind: BODY_KIND_REGIONAL_GOVERNMENT parent_organisation_id: "org-ph-hva"
            name { fi: "Aluehallitus" authoritative: LANGUAGE_FI } mandate { fi: "M" authoritative: LANGUAGE_FI }
            established_on { year: 2022 month: 3 day: 1 } })pb");
    Ok(R"pb(record_meeting { meeting_id: "meeting-hyte-6" body_id: "body-ph-hyte" held_on { year: 2022 month: 6 day: 14 }
            title { fi: "Kokous" authoritative: LANGUAGE_FI } })pb");
    Ok(R"pb(record_meeting { meeting_id: "meeting-ah-8" body_id: "body-ph-ah" held_on { year: 2022 month: 8 day: 8 }
            title { fi: "Kokous" authoritative: LANGUAGE_FI } })pb");
    Ok(R"pb(open_consultation { consultation_id: "consultation-survey" organiser_organisation_id: "org-ph-hva"
            subject { fi: "Kysely" authoritative: LANGUAGE_FI } method: CONSULTATION_METHOD_SURVEY channels: CHANNEL_SURVEY
            opens_on { year: 2022 month: 6 day: 1 } deadline { year: 2022 month: 6 day: 30 } })pb");
    Ok(R"pb(receive_submission { submission_id: "submission-ngo" consultation_id: "consultation-survey"
            submitter_organisation_id: "org-ngo" channel: CHANNEL_SURVEY received_at { seconds: 1655200000 }
            text: "Neuvottelukunta" language: LANGUAGE_FI })pb");
  }
};

TEST_F(DecisionTest, ProposalCitesInputs) {
  ExpectEvents(Ok(R"pb(make_proposal { proposal_id: "proposal-hyte" from_body_id: "body-ph-hyte" to_body_id: "body-ph-ah"
                        meeting_id: "meeting-hyte-6" section: "§ 40" proposed_on { year: 2022 month: 6 day: 14 }
                        title { fi: "Järjestöneuvottelukunta" authoritative: LANGUAGE_FI }
                        input_ids: "consultation-survey" unanimous: true })pb"),
               {R"pb(proposal_made { proposal_id: "proposal-hyte" from_body_id: "body-ph-hyte" to_body_id: "body-ph-ah"
                     meeting_id: "meeting-hyte-6" section: "§ 40" proposed_on { year: 2022 month: 6 day: 14 }
                     title { fi: "Järjestöneuvottelukunta" authoritative: LANGUAGE_FI }
                     input_ids: "consultation-survey" unanimous: true })pb"});
  const std::string base = R"pb(proposal_id: "proposal-x" proposed_on { year: 2022 month: 6 day: 14 }
                                title { fi: "P" authoritative: LANGUAGE_FI } )pb";
  Fails("make_proposal { " + base + "from_body_id: \"body-ph-ah\" to_body_id: \"body-ph-ah\" }",
        StatusCode::kInvalidArgument, {"make_proposal.to_body_id: must differ from from_body_id"});
  Fails("make_proposal { " + base + "from_body_id: \"body-ph-hyte\" to_body_id: \"body-none\" }",
        StatusCode::kNotFound, {"make_proposal.to_body_id: body \"body-none\""});
  Fails("make_proposal { " + base + "from_body_id: \"body-ph-hyte\" to_body_id: \"body-ph-ah\" meeting_id: \"meeting-ah-8\" }",
        StatusCode::kFailedPrecondition, {"make_proposal.meeting_id: must be a meeting of \"body-ph-hyte\""});
  Fails("make_proposal { " + base + "from_body_id: \"body-ph-hyte\" to_body_id: \"body-ph-ah\" input_ids: \"submission-none\" }",
        StatusCode::kNotFound, {"make_proposal.input_ids[0]: submission \"submission-none\" does not exist"});
  Fails("make_proposal { " + base + "from_body_id: \"body-ph-hyte\" to_body_id: \"body-ph-ah\" input_ids: \"org-ngo\" }",
        StatusCode::kInvalidArgument, {"make_proposal.input_ids[0]: must be the id of a submission, consultation"});
  Fails("make_proposal { " + base + "from_body_id: \"body-ph-hyte\" to_body_id: \"body-ph-ah\" input_ids: \"meeting-ah-8\" }",
        StatusCode::kFailedPrecondition,
        {"make_proposal.input_ids[0]: an input must not be dated after the record citing it; meeting \"meeting-ah-8\" "
         "is dated 2022-08-08, after proposed_on 2022-06-14"});
  Fails("make_proposal { " + base + "from_body_id: \"body-ph-hyte\" to_body_id: \"body-ph-ah\" input_ids: \"consultation-survey\" "
        "input_ids: \"consultation-survey\" }",
        StatusCode::kInvalidArgument, {"make_proposal.input_ids[1]: cites \"consultation-survey\" a second time"});
  Fails(R"pb(make_proposal { proposal_id: "proposal-hyte" from_body_id: "body-ph-hyte" to_body_id: "body-ph-ah"
             proposed_on { year: 2022 month: 6 day: 14 } title { fi: "P" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kAlreadyExists, {"make_proposal.proposal_id: proposal \"proposal-hyte\" already exists"});
}

TEST_F(DecisionTest, RecordDecisionWithAssessments) {
  Ok(R"pb(make_proposal { proposal_id: "proposal-hyte" from_body_id: "body-ph-hyte" to_body_id: "body-ph-ah"
          proposed_on { year: 2022 month: 6 day: 14 } title { fi: "P" authoritative: LANGUAGE_FI } unanimous: true })pb");
  CommandResult r = Ok(R"pb(record_decision { decision_id: "decision-ph-jnk" body_id: "body-ph-ah" meeting_id: "meeting-ah-8"
      section: "§ 120" diary_number: "PHHVA/100/2022" decided_on { year: 2022 month: 8 day: 8 } outcome: DECISION_OUTCOME_ADOPTED
      title { fi: "Järjestöneuvottelukunnan perustaminen" authoritative: LANGUAGE_FI }
      considered_inputs { input_id: "proposal-hyte" assessment: INFLUENCE_ASSESSMENT_ADOPTED changed_section: "päätös" }
      considered_inputs { input_id: "submission-ngo" assessment: INFLUENCE_ASSESSMENT_PARTLY_ADOPTED
                          rationale { fi: "Osin" authoritative: LANGUAGE_FI } changed_section: "kohta 2" }
      considered_inputs { input_id: "consultation-survey" assessment: INFLUENCE_ASSESSMENT_NOTED } })pb");
  ExpectEvents(r, {R"pb(decision_recorded { decision_id: "decision-ph-jnk" body_id: "body-ph-ah" meeting_id: "meeting-ah-8"
      section: "§ 120" diary_number: "PHHVA/100/2022" decided_on { year: 2022 month: 8 day: 8 } outcome: DECISION_OUTCOME_ADOPTED
      title { fi: "Järjestöneuvottelukunnan perustaminen" authoritative: LANGUAGE_FI }
      considered_inputs { input_id: "proposal-hyte" assessment: INFLUENCE_ASSESSMENT_ADOPTED changed_section: "päätös" }
      considered_inputs { input_id: "submission-ngo" assessment: INFLUENCE_ASSESSMENT_PARTLY_ADOPTED
                          rationale { fi: "Osin" authoritative: LANGUAGE_FI } changed_section: "kohta 2" }
      considered_inputs { input_id: "consultation-survey" assessment: INFLUENCE_ASSESSMENT_NOTED } })pb"});

  ExpectEvents(Ok(R"pb(revise_assessment { decision_id: "decision-ph-jnk" revised_on { year: 2022 month: 9 day: 1 }
                        considered_input { input_id: "submission-ngo" assessment: INFLUENCE_ASSESSMENT_ADOPTED } })pb"),
               {R"pb(influence_assessment_revised { decision_id: "decision-ph-jnk" revised_on { year: 2022 month: 9 day: 1 }
                     considered_input { input_id: "submission-ngo" assessment: INFLUENCE_ASSESSMENT_ADOPTED } })pb"});
  Fails(R"pb(revise_assessment { decision_id: "decision-ph-jnk" revised_on { year: 2022 month: 9 day: 1 }
             considered_input { input_id: "submission-other" assessment: INFLUENCE_ASSESSMENT_ADOPTED } })pb",
        StatusCode::kFailedPrecondition, {"revise_assessment.considered_input.input_id: only a considered input can be reassessed"});
  Fails(R"pb(revise_assessment { decision_id: "decision-ph-jnk" revised_on { year: 2022 month: 7 day: 1 }
             considered_input { input_id: "submission-ngo" assessment: INFLUENCE_ASSESSMENT_ADOPTED } })pb",
        StatusCode::kFailedPrecondition, {"revise_assessment.revised_on: must not be before the decision (2022-08-08)"});
  ExpectEvents(Ok(R"pb(send_feedback { decision_id: "decision-ph-jnk" input_id: "submission-ngo" channel: CHANNEL_EMAIL
                        sent_on { year: 2022 month: 8 day: 15 } })pb"),
               {R"pb(feedback_sent { decision_id: "decision-ph-jnk" input_id: "submission-ngo" channel: CHANNEL_EMAIL
                     sent_on { year: 2022 month: 8 day: 15 } })pb"});
  Fails(R"pb(send_feedback { decision_id: "decision-ph-jnk" input_id: "submission-x" channel: CHANNEL_EMAIL
             sent_on { year: 2022 month: 8 day: 15 } })pb",
        StatusCode::kFailedPrecondition, {"send_feedback.input_id: feedback concerns a considered input"});
  Fails(R"pb(send_feedback { decision_id: "decision-ph-jnk" input_id: "submission-ngo" sent_on { year: 2022 month: 8 day: 15 } })pb",
        StatusCode::kInvalidArgument, {"send_feedback.channel: is required"});
  Fails(R"pb(send_feedback { decision_id: "decision-none" input_id: "submission-ngo" channel: CHANNEL_EMAIL
             sent_on { year: 2022 month: 8 day: 15 } })pb",
        StatusCode::kNotFound, {"send_feedback.decision_id: decision \"decision-none\""});
  ExpectEvents(Ok(R"pb(appeal_decision { decision_id: "decision-ph-jnk" appealed_on { year: 2022 month: 9 day: 1 }
                        appellant_organisation_id: "org-ngo" appealed_to: "Hämeenlinnan hallinto-oikeus" })pb"),
               {R"pb(decision_appealed { decision_id: "decision-ph-jnk" appealed_on { year: 2022 month: 9 day: 1 }
                     appellant_organisation_id: "org-ngo" appealed_to: "Hämeenlinnan hallinto-oikeus" })pb"});
  Fails(R"pb(appeal_decision { decision_id: "decision-ph-jnk" appealed_on { year: 2022 month: 9 day: 1 } })pb",
        StatusCode::kInvalidArgument, {"appeal_decision.appealed_to: is required"});
  ExpectEvents(Ok(R"pb(correct_decision { decision_id: "decision-ph-jnk" corrected_on { year: 2022 month: 9 day: 2 }
                        text { fi: "Korjattu" authoritative: LANGUAGE_FI } reason { fi: "Kirjoitusvirhe" authoritative: LANGUAGE_FI } })pb"),
               {R"pb(decision_corrected { decision_id: "decision-ph-jnk" corrected_on { year: 2022 month: 9 day: 2 }
                     text { fi: "Korjattu" authoritative: LANGUAGE_FI } reason { fi: "Kirjoitusvirhe" authoritative: LANGUAGE_FI } })pb"});
  Fails(R"pb(annul_decision { decision_id: "decision-ph-jnk" annulled_on { year: 2023 month: 1 day: 1 } annulled_by: "HaO" })pb",
        StatusCode::kInvalidArgument, {"annul_decision.reason: is required"});
  ExpectEvents(Ok(R"pb(annul_decision { decision_id: "decision-ph-jnk" annulled_on { year: 2023 month: 1 day: 1 } annulled_by: "HaO"
                        reason { fi: "Menettelyvirhe" authoritative: LANGUAGE_FI } })pb"),
               {R"pb(decision_annulled { decision_id: "decision-ph-jnk" annulled_on { year: 2023 month: 1 day: 1 } annulled_by: "HaO"
                     reason { fi: "Menettelyvirhe" authoritative: LANGUAGE_FI } })pb"});
  Fails(R"pb(annul_decision { decision_id: "decision-ph-jnk" annulled_on { year: 2023 month: 2 day: 1 } annulled_by: "HaO"
             reason { fi: "X" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kFailedPrecondition, {"annul_decision.decision_id: must not be an annulled decision; \"decision-ph-jnk\" was annulled on 2023-01-01"});
  Fails(R"pb(correct_decision { decision_id: "decision-ph-jnk" corrected_on { year: 2023 month: 2 day: 2 }
             text { fi: "K" authoritative: LANGUAGE_FI } reason { fi: "K" authoritative: LANGUAGE_FI } })pb",
        StatusCode::kFailedPrecondition, {"must not be an annulled decision"});
  Fails(R"pb(appeal_decision { decision_id: "decision-ph-jnk" appealed_on { year: 2023 month: 2 day: 1 } appealed_to: "KHO" })pb",
        StatusCode::kFailedPrecondition, {"must not be an annulled decision"});
}

TEST_F(DecisionTest, RecordDecisionRejections) {
  const std::string base = R"pb(decision_id: "decision-x" body_id: "body-ph-ah" decided_on { year: 2022 month: 8 day: 8 }
                                outcome: DECISION_OUTCOME_ADOPTED title { fi: "D" authoritative: LANGUAGE_FI } )pb";
  Fails("record_decision { decision_id: \"decision-x\" body_id: \"body-ph-ah\" decided_on { year: 2022 month: 8 day: 8 } "
        "title { fi: \"D\" authoritative: LANGUAGE_FI } }",
        StatusCode::kInvalidArgument, {"record_decision.outcome: is required"});
  Fails("record_decision { " + base + "considered_inputs { input_id: \"submission-ngo\" } }",
        StatusCode::kInvalidArgument, {"record_decision.considered_inputs[0].assessment: is required"});
  Fails("record_decision { " + base + "considered_inputs { input_id: \"submission-ngo\" assessment: INFLUENCE_ASSESSMENT_NOT_ADOPTED } }",
        StatusCode::kInvalidArgument,
        {"record_decision.considered_inputs[0].rationale: is required when the assessment is INFLUENCE_ASSESSMENT_NOT_ADOPTED"});
  Fails("record_decision { " + base + "considered_inputs { input_id: \"submission-ngo\" assessment: INFLUENCE_ASSESSMENT_NOTED "
        "changed_section: \"1\" } }",
        StatusCode::kInvalidArgument, {"record_decision.considered_inputs[0].changed_section: is only for ADOPTED and PARTLY_ADOPTED"});
  Fails("record_decision { " + base + "considered_inputs { input_id: \"submission-ngo\" assessment: INFLUENCE_ASSESSMENT_NOTED } "
        "considered_inputs { input_id: \"submission-ngo\" assessment: INFLUENCE_ASSESSMENT_NOTED } }",
        StatusCode::kInvalidArgument, {"record_decision.considered_inputs[1].input_id: cites \"submission-ngo\" a second time"});
  Fails("record_decision { " + base + "considered_inputs { input_id: \"proposal-none\" assessment: INFLUENCE_ASSESSMENT_NOTED } }",
        StatusCode::kNotFound, {"record_decision.considered_inputs[0].input_id: proposal \"proposal-none\" does not exist"});
  Fails("record_decision { " + base + "meeting_id: \"meeting-hyte-6\" }",
        StatusCode::kFailedPrecondition, {"record_decision.meeting_id: must be a meeting of \"body-ph-ah\""});
  Fails("record_decision { decision_id: \"decision-x\" body_id: \"body-ph-ah\" decided_on { year: 2022 month: 8 day: 9 } "
        "outcome: DECISION_OUTCOME_ADOPTED title { fi: \"D\" authoritative: LANGUAGE_FI } meeting_id: \"meeting-ah-8\" }",
        StatusCode::kFailedPrecondition, {"record_decision.decided_on: must be the day of meeting \"meeting-ah-8\" (2022-08-08), got 2022-08-09"});
  Fails("record_decision { decision_id: \"decision-x\" body_id: \"body-ph-ah\" decided_on { year: 2022 month: 6 day: 1 } "
        "outcome: DECISION_OUTCOME_ADOPTED title { fi: \"D\" authoritative: LANGUAGE_FI } "
        "considered_inputs { input_id: \"submission-ngo\" assessment: INFLUENCE_ASSESSMENT_NOTED } }",
        StatusCode::kFailedPrecondition, {"submission \"submission-ngo\" is dated 2022-06-14, after decided_on 2022-06-01"});
  Fails("record_decision { decision_id: \"decision-x\" body_id: \"body-ph-ah\" decided_on { year: 2099 month: 6 day: 1 } "
        "outcome: DECISION_OUTCOME_ADOPTED title { fi: \"D\" authoritative: LANGUAGE_FI } }",
        StatusCode::kInvalidArgument, {"record_decision.decided_on: must not be in the future"});
  Fails("record_decision { decision_id: \"decision-x\" body_id: \"body-none\" decided_on { year: 2022 month: 6 day: 1 } "
        "outcome: DECISION_OUTCOME_ADOPTED title { fi: \"D\" authoritative: LANGUAGE_FI } }",
        StatusCode::kNotFound, {"record_decision.body_id: body \"body-none\""});
  Ok(R"pb(withdraw_submission { submission_id: "submission-ngo" withdrawn_on { year: 2022 month: 6 day: 20 } })pb");
  Fails("record_decision { " + base + "considered_inputs { input_id: \"submission-ngo\" assessment: INFLUENCE_ASSESSMENT_NOTED } }",
        StatusCode::kFailedPrecondition, {"must not be a withdrawn submission"});
  Ok("record_decision { " + base + "}");
  Fails("record_decision { " + base + "}", StatusCode::kAlreadyExists, {"decision \"decision-x\" already exists"});
}

}  // namespace
}  // namespace kumppani::domain::testing
