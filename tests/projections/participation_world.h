// A hand-made participation world for the participation read-model and
// audit-query tests: a region with two bodies (and a body of another
// region), two versions of one consultation (same document URI), four
// submissions (one withdrawn, one late, one joint), a committee proposal,
// and decisions with a revision, feedback, a correction, an appeal and an
// annulment. The clock follows the story so that every event is recorded
// on the day it happened (deadline extensions take their day from it).
//
// Story (2019):
//   01-05  orgs, bodies; consultation-plan-v1 opens 01-10, deadline 02-15,
//          invited org-a, org-b, org-c; late submissions allowed
//   02-01  submission-a (org-a, e-mail)
//   02-05  submission-c (org-c)           02-25 withdrawn
//   02-10  deadline extended to 02-28
//   02-20  submission-b (org-b on behalf of org-d, lausuntopalvelu)
//   03-05  submission-late (org-d, late); consultation-plan-v1 closed (5)
//   03-10  consultation-plan-v2 opens (same URI, version 2), deadline 03-31
//   03-15  submission-v2 (org-c)           04-01 v2 closed
//   04-02  proposal-committee (committee -> government) cites submission-b
//          and consultation-plan-v1
//   04-10  decision-plan (government): proposal ADOPTED, submission-a
//          PARTLY_ADOPTED, consultation-plan-v1 NOTED;
//          decision-committee (committee), no inputs
//   04-15  decision-elsewhere (another region's body)
//   04-20  submission-a's assessment revised to ADOPTED
//   04-22  feedback to submission-a by e-mail
//   05-02  decision-other (government) cites consultation-plan-v2 (NOTED)
//   05-10  decision-plan's text corrected; decision-other appealed
//   06-01  decision-other annulled
#ifndef KUMPPANI_TESTS_PROJECTIONS_PARTICIPATION_WORLD_H_
#define KUMPPANI_TESTS_PROJECTIONS_PARTICIPATION_WORLD_H_

#include <map>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "ledger/domain/dates.h"
#include "ledger/projections/participation/participation_projections.h"
#include "ledger/projections/participation/view_set.h"
#include "tests/projections/projection_fixture.h"

namespace kumppani::projections::testing {

inline v1::Date D(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

// "{ year: 2019 month: 2 day: 1 }"
inline std::string T(int year, int month, int day) {
  return absl::StrCat("{ year: ", year, " month: ", month, " day: ", day, " }");
}

// "{ seconds: N }" for a UTC instant.
inline std::string Instant(int year, int month, int day, int hour) {
  absl::Time time = absl::FromCivil(absl::CivilHour(year, month, day, hour), absl::UTCTimeZone());
  return absl::StrCat("{ seconds: ", absl::ToUnixSeconds(time), " }");
}

inline std::string Fi(const std::string& text) {
  return absl::StrCat("{ fi: \"", text, "\" authoritative: LANGUAGE_FI }");
}

class ParticipationWorldTest : public ProjectionTest {
 protected:
  ParticipationWorldTest() : ProjectionTest(ParticipationProjections) {}

  // Sets the clock to noon of a Finnish day.
  void Day(int year, int month, int day) {
    google::protobuf::Timestamp start = domain::HelsinkiStartOfDay(D(year, month, day));
    clock_.Set((start.seconds() + 12 * 3600) * 1000000);
  }

  ParticipationViews Views(std::optional<Position> known_at = std::nullopt) {
    auto views = ParticipationViews::At(*engine_, known_at);
    EXPECT_TRUE(views.ok()) << views.status();
    return *views;
  }

  // The bodies' parent organisations, as the registry would give them.
  static std::optional<std::string> ParentOf(std::string_view body_id) {
    static const std::map<std::string, std::string, std::less<>> kParents = {
        {"body-gov", "org-region"},
        {"body-committee", "org-region"},
        {"body-elsewhere", "org-other-region"}};
    auto it = kParents.find(body_id);
    if (it == kParents.end()) return std::nullopt;
    return it->second;
  }

  void RegisterOrg(const std::string& id, const std::string& kind) {
    Ok(absl::StrCat("register_organisation { organisation_id: \"", id, "\" kind: ", kind, " name ",
                    Fi(id), " }"));
  }

  void EstablishBody(const std::string& id, const std::string& kind, const std::string& parent) {
    Ok(absl::StrCat("establish_body { body_id: \"", id, "\" kind: ", kind, " name ", Fi(id),
                    " parent_organisation_id: \"", parent, "\" mandate ", Fi("Tehtävät"),
                    " established_on ", T(2018, 1, 1), " }"));
  }

  void Submit(const std::string& id, const std::string& consultation, const std::string& org,
              const std::string& instant, const std::string& extra = "") {
    Ok(absl::StrCat("receive_submission { submission_id: \"", id, "\" consultation_id: \"",
                    consultation, "\" submitter_organisation_id: \"", org, "\" received_at ",
                    instant, " language: LANGUAGE_FI text: \"Lausunto ", id, "\" ", extra, " }"));
  }

  void BuildWorld() {
    Day(2019, 1, 5);
    RegisterOrg("org-region", "ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY");
    RegisterOrg("org-other-region", "ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY");
    for (const char* org : {"org-a", "org-b", "org-c", "org-d"}) {
      RegisterOrg(org, "ORGANISATION_KIND_ASSOCIATION");
    }
    EstablishBody("body-gov", "BODY_KIND_REGIONAL_GOVERNMENT", "org-region");
    EstablishBody("body-committee", "BODY_KIND_COMMITTEE", "org-region");
    EstablishBody("body-elsewhere", "BODY_KIND_REGIONAL_GOVERNMENT", "org-other-region");
    Ok(absl::StrCat(
        "open_consultation { consultation_id: \"consultation-plan-v1\" organiser_organisation_id: "
        "\"org-region\" body_id: \"body-gov\" subject ",
        Fi("Järjestämissuunnitelma"),
        " subject_document { uri: \"https://example.fi/plan.pdf\" version: \"1\" sha256: \"",
        std::string(64, 'a'),
        "\" } method: CONSULTATION_METHOD_STATEMENT_REQUEST "
        "channels: [CHANNEL_EMAIL, CHANNEL_LAUSUNTOPALVELU] "
        "invited_organisation_ids: [\"org-a\", \"org-b\", \"org-c\"] opens_on ",
        T(2019, 1, 10), " deadline ", T(2019, 2, 15), " late_submissions_allowed: true }"));

    Day(2019, 2, 1);
    Submit("submission-a", "consultation-plan-v1", "org-a", Instant(2019, 2, 1, 8),
           "channel: CHANNEL_EMAIL");
    Day(2019, 2, 5);
    Submit("submission-c", "consultation-plan-v1", "org-c", Instant(2019, 2, 5, 8),
           "channel: CHANNEL_EMAIL");
    Day(2019, 2, 10);
    Ok(
        absl::StrCat("extend_consultation_deadline { consultation_id: \"consultation-plan-v1\" "
                     "deadline ",
                     T(2019, 2, 28), " reason ", Fi("Lisäaikaa pyydettiin"), " }"));
    Day(2019, 2, 20);
    Submit("submission-b", "consultation-plan-v1", "org-b", Instant(2019, 2, 20, 8),
           "channel: CHANNEL_LAUSUNTOPALVELU on_behalf_of_organisation_ids: [\"org-d\"]");
    Day(2019, 2, 25);
    Ok(absl::StrCat("withdraw_submission { submission_id: \"submission-c\" withdrawn_on ",
                    T(2019, 2, 25), " }"));
    Day(2019, 3, 5);
    Submit("submission-late", "consultation-plan-v1", "org-d", Instant(2019, 3, 5, 8),
           "channel: CHANNEL_EMAIL");
    Ok(absl::StrCat("close_consultation { consultation_id: \"consultation-plan-v1\" closed_on ",
                    T(2019, 3, 5), " responses_received: 5 }"));
    Day(2019, 3, 10);
    Ok(absl::StrCat(
        "open_consultation { consultation_id: \"consultation-plan-v2\" organiser_organisation_id: "
        "\"org-region\" subject ",
        Fi("Järjestämissuunnitelma, versio 2"),
        " subject_document { uri: \"https://example.fi/plan.pdf\" version: \"2\" sha256: \"",
        std::string(64, 'b'),
        "\" } method: CONSULTATION_METHOD_COMMENT_ROUND "
        "channels: [CHANNEL_EMAIL] opens_on ",
        T(2019, 3, 10), " deadline ", T(2019, 3, 31), " }"));
    Day(2019, 3, 15);
    Submit("submission-v2", "consultation-plan-v2", "org-c", Instant(2019, 3, 15, 8),
           "channel: CHANNEL_EMAIL");
    Day(2019, 4, 1);
    Ok(absl::StrCat("close_consultation { consultation_id: \"consultation-plan-v2\" closed_on ",
                    T(2019, 3, 31), " responses_received: 1 }"));
    Day(2019, 4, 2);
    Ok(
        absl::StrCat("make_proposal { proposal_id: \"proposal-committee\" from_body_id: "
                     "\"body-committee\" to_body_id: \"body-gov\" section: \"§ 7\" proposed_on ",
                     T(2019, 4, 2), " title ", Fi("Esitys suunnitelmasta"),
                     " input_ids: [\"submission-b\", \"consultation-plan-v1\"] unanimous: true }"));
    Day(2019, 4, 10);
    decision_plan_ = Ok(absl::StrCat(
        "record_decision { decision_id: \"decision-plan\" body_id: \"body-gov\" section: \"§ 12\" "
        "diary_number: \"REG/1/2019\" decided_on ",
        T(2019, 4, 10), " outcome: DECISION_OUTCOME_AMENDED title ",
        Fi("Suunnitelman hyväksyminen"), " text ", Fi("Hyväksytään."),
        " considered_inputs { input_id: \"proposal-committee\" assessment: "
        "INFLUENCE_ASSESSMENT_ADOPTED }"
        " considered_inputs { input_id: \"submission-a\" assessment: "
        "INFLUENCE_ASSESSMENT_PARTLY_ADOPTED rationale ",
        Fi("Osin"),
        " changed_section: \"3\" }"
        " considered_inputs { input_id: \"consultation-plan-v1\" assessment: "
        "INFLUENCE_ASSESSMENT_NOTED } }"));
    Ok(
        absl::StrCat("record_decision { decision_id: \"decision-committee\" body_id: "
                     "\"body-committee\" decided_on ",
                     T(2019, 4, 10), " outcome: DECISION_OUTCOME_ADOPTED title ", Fi("Talousarvio"),
                     " text ", Fi("Hyväksytään."), " }"));
    Day(2019, 4, 15);
    Ok(
        absl::StrCat("record_decision { decision_id: \"decision-elsewhere\" body_id: "
                     "\"body-elsewhere\" decided_on ",
                     T(2019, 4, 15), " outcome: DECISION_OUTCOME_ADOPTED title ", Fi("Muualla"),
                     " text ", Fi("Hyväksytään."), " }"));
    Day(2019, 4, 20);
    revision_ = Ok(absl::StrCat(
        "revise_assessment { decision_id: \"decision-plan\" considered_input { input_id: "
        "\"submission-a\" assessment: INFLUENCE_ASSESSMENT_ADOPTED changed_section: \"3\" } "
        "revised_on ",
        T(2019, 4, 20), " }"));
    Day(2019, 4, 22);
    Ok(
        absl::StrCat("send_feedback { decision_id: \"decision-plan\" input_id: \"submission-a\" "
                     "channel: CHANNEL_EMAIL sent_on ",
                     T(2019, 4, 22), " }"));
    Day(2019, 5, 2);
    Ok(
        absl::StrCat("record_decision { decision_id: \"decision-other\" body_id: \"body-gov\" "
                     "decided_on ",
                     T(2019, 5, 2), " outcome: DECISION_OUTCOME_ADOPTED title ", Fi("Toinen"),
                     " text ", Fi("Hyväksytään."),
                     " considered_inputs { input_id: \"consultation-plan-v2\" assessment: "
                     "INFLUENCE_ASSESSMENT_NOTED } }"));
    Day(2019, 5, 10);
    Ok(absl::StrCat("correct_decision { decision_id: \"decision-plan\" corrected_on ",
                    T(2019, 5, 10), " text ", Fi("Hyväksytään muutettuna."), " reason ",
                    Fi("Kirjoitusvirhe"), " }"));
    Ok(absl::StrCat("appeal_decision { decision_id: \"decision-other\" appealed_on ",
                    T(2019, 5, 10),
                    " appellant_organisation_id: \"org-d\" appealed_to: "
                    "\"Hämeenlinnan hallinto-oikeus\" case_reference: \"123/2019\" }"));
    Day(2019, 6, 1);
    Ok(absl::StrCat("annul_decision { decision_id: \"decision-other\" annulled_on ", T(2019, 6, 1),
                    " annulled_by: \"Hämeenlinnan hallinto-oikeus\" reason ", Fi("Menettelyvirhe"),
                    " }"));
  }

  domain::CommandResult decision_plan_;
  domain::CommandResult revision_;
};

}  // namespace kumppani::projections::testing

#endif  // KUMPPANI_TESTS_PROJECTIONS_PARTICIPATION_WORLD_H_
