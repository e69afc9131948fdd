// The organisation footprint (ledger/audit/organisation_footprint.h) and the
// registry's body -> organisation join (registry_parent_of.h) on the demo
// scenario, with exact values: statements and their outcomes (direct, and
// through a proposal), memberships, grants and totals, as_of and known_at.
#include "ledger/audit/organisation_footprint.h"

#include <string>
#include <vector>

#include "ledger/audit/registry_parent_of.h"
#include "ledger/domain/dates.h"
#include "ledger/projections/all_projections.h"
#include "ledger/projections/registry/registry_keys.h"
#include "tests/projections/participation_world.h"
#include "tests/projections/projection_fixture.h"

namespace kumppani::audit {
namespace {

using domain::FormatDate;
using projections::testing::D;
using projections::testing::Fi;
using projections::testing::Instant;
using projections::testing::T;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class OrganisationFootprintTest : public projections::testing::ProjectionTest {
 protected:
  OrganisationFootprintTest() : ProjectionTest(projections::AllProjections) {}

  v1::OrganisationFootprint Footprint(const std::string& id, std::optional<v1::Date> as_of,
                                      std::optional<Position> known_at = std::nullopt) {
    auto footprint = OrganisationFootprint(*engine_, id, as_of, known_at);
    EXPECT_TRUE(footprint.ok()) << footprint.status();
    return footprint.ok() ? *footprint : v1::OrganisationFootprint();
  }

  // After the demo: a private person's statement on behalf of org-kyt, and a
  // proposal citing KYT's 2019 statement that a decision then adopts.
  // Returns the position before the person's statement.
  Position AddKytStory() {
    Ok("register_person { person_id: \"person-ph-asukas\" personal_data { full_name: "
       "\"Aino Asukas\" } }");
    domain::CommandResult statement = Ok(absl::StrCat(
        "receive_submission { submission_id: \"submission-ph-malli-asukas\" consultation_id: "
        "\"consultation-ph-yhteistyomalli-2022-08\" submitter_person_id: \"person-ph-asukas\" "
        "on_behalf_of_organisation_ids: [\"org-kyt\"] channel: CHANNEL_EMAIL received_at ",
        Instant(2022, 8, 20, 9), " language: LANGUAGE_FI text: \"Kannatan mallia.\" }"));
    Ok(
        absl::StrCat("make_proposal { proposal_id: \"proposal-ks-kp-kyt-lausunto\" from_body_id: "
                     "\"body-ks-kumppanuuspoyta\" to_body_id: \"body-ks-maakunnan-yhteistyoryhma\" "
                     "proposed_on ",
                     T(2019, 3, 25), " title ", Fi("KYT:n lausunnon huomioiminen"), " text ",
                     Fi("Esitetään."), " input_ids: [\"submission-ks-js-v3-kyt\"] }"));
    Ok(
        absl::StrCat("record_decision { decision_id: \"decision-ks-myr-2019-04\" body_id: "
                     "\"body-ks-maakunnan-yhteistyoryhma\" decided_on ",
                     T(2019, 4, 10), " outcome: DECISION_OUTCOME_ADOPTED title ",
                     Fi("Järjestöjen paikka"), " text ", Fi("Hyväksytään."),
                     " considered_inputs { input_id: \"proposal-ks-kp-kyt-lausunto\" assessment: "
                     "INFLUENCE_ASSESSMENT_ADOPTED changed_section: \"1\" } }"));
    return Position(statement.first_position.value() - 1);
  }
};

std::vector<std::string> StatementIds(const v1::OrganisationFootprint& footprint) {
  std::vector<std::string> ids;
  for (const auto& s : footprint.statements()) {
    ids.push_back(
        absl::StrCat(s.submission().submission_id(), " ", v1::StatementRole_Name(s.role())));
  }
  return ids;
}

std::vector<std::string> Memberships(const v1::OrganisationFootprint& footprint) {
  std::vector<std::string> ids;
  for (const auto& m : footprint.memberships()) {
    ids.push_back(absl::StrCat(m.membership().body_id(), "/", m.membership().membership_id(), " ",
                               m.membership().person_id(), m.in_force() ? " in force" : ""));
  }
  return ids;
}

TEST_F(OrganisationFootprintTest, DemoAssociationStatementAssessedAndFedBack) {
  LoadDemo();
  v1::OrganisationFootprint footprint = Footprint("org-ph-esimerkkiyhdistys", std::nullopt);
  EXPECT_EQ(footprint.organisation().name().fi(), "Päijät-Hämeen Esimerkkiyhdistys ry");
  EXPECT_FALSE(footprint.has_as_of());
  EXPECT_THAT(StatementIds(footprint),
              ElementsAre("submission-ph-kysely-esimerkkiyhdistys STATEMENT_ROLE_SUBMITTER"));
  const v1::FootprintStatement& statement = footprint.statements(0);
  EXPECT_EQ(statement.submission().channel(), v1::CHANNEL_SURVEY);
  EXPECT_EQ(FormatDate(statement.submission().received_on()), "2022-06-10");
  EXPECT_EQ(statement.consultation().consultation_id(), "consultation-ph-kysely-jarjestot-2022-06");
  EXPECT_EQ(statement.consultation().status(), v1::CONSULTATION_STATUS_CLOSED);
  EXPECT_EQ(FormatDate(statement.consultation().closed_on()), "2022-06-30");
  ASSERT_EQ(statement.outcomes_size(), 1);
  const v1::StatementOutcome& outcome = statement.outcomes(0);
  EXPECT_EQ(outcome.decision().decision_id(), "decision-ph-ah-jarjestoneuvottelukunta-2022-08");
  EXPECT_EQ(outcome.decision().body_id(), "body-ph-aluehallitus");
  EXPECT_EQ(FormatDate(outcome.decision().decided_on()), "2022-08-08");
  EXPECT_EQ(outcome.decision().section(), "§ 150");
  EXPECT_TRUE(outcome.cited_directly());
  EXPECT_THAT(outcome.via_proposal_ids(), IsEmpty());
  EXPECT_EQ(outcome.assessment().assessment(), v1::INFLUENCE_ASSESSMENT_ALREADY_INCLUDED);
  EXPECT_TRUE(outcome.feedback_sent());
  ASSERT_EQ(outcome.feedback_size(), 1);
  EXPECT_EQ(outcome.feedback(0).channel(), v1::CHANNEL_EMAIL);
  EXPECT_EQ(FormatDate(outcome.feedback(0).sent_on()), "2022-08-15");
  EXPECT_THAT(statement.citing_proposal_ids(), IsEmpty());
  // The decision also cites the survey as a whole.
  EXPECT_THAT(statement.decisions_citing_consultation(),
              ElementsAre("decision-ph-ah-jarjestoneuvottelukunta-2022-08"));
  EXPECT_TRUE(statement.assessed());
  EXPECT_TRUE(statement.feedback_sent());
  EXPECT_EQ(footprint.statements_considered(), 1);
  EXPECT_EQ(footprint.statements_assessed(), 1);
  EXPECT_EQ(footprint.statements_with_feedback(), 1);
  EXPECT_THAT(footprint.memberships(), IsEmpty());
  EXPECT_THAT(footprint.grants(), IsEmpty());
  EXPECT_EQ(footprint.grant_totals().group_by(), v1::GRANT_GROUPING_PROGRAMME);
  EXPECT_EQ(footprint.grant_totals().total().grant_count(), 0);

  // Between the decision (08-08) and the feedback (08-15).
  v1::OrganisationFootprint before = Footprint("org-ph-esimerkkiyhdistys", D(2022, 8, 10));
  EXPECT_EQ(FormatDate(before.as_of()), "2022-08-10");
  ASSERT_EQ(before.statements_size(), 1);
  EXPECT_TRUE(before.statements(0).assessed());
  EXPECT_FALSE(before.statements(0).feedback_sent());
  EXPECT_EQ(before.statements_with_feedback(), 0);
  // Before the decision, the statement was not yet considered.
  v1::OrganisationFootprint june = Footprint("org-ph-esimerkkiyhdistys", D(2022, 6, 30));
  ASSERT_EQ(june.statements_size(), 1);
  EXPECT_THAT(june.statements(0).outcomes(), IsEmpty());
  EXPECT_EQ(june.statements_considered(), 0);
  // Before it arrived, there is nothing.
  EXPECT_THAT(Footprint("org-ph-esimerkkiyhdistys", D(2022, 6, 9)).statements(), IsEmpty());
}

TEST_F(OrganisationFootprintTest, DemoKytStatementsThroughProposalAndMemberships) {
  LoadDemo();
  v1::OrganisationFootprint demo = Footprint("org-kyt", std::nullopt);
  EXPECT_EQ(demo.organisation().name().fi(), "Keski-Suomen Yhteisöjen Tuki ry");
  EXPECT_THAT(StatementIds(demo), ElementsAre("submission-ks-js-v3-kyt STATEMENT_ROLE_SUBMITTER"));
  EXPECT_EQ(demo.statements(0).submission().channel(), v1::CHANNEL_LAUSUNTOPALVELU);
  EXPECT_EQ(demo.statements(0).consultation().consultation_id(),
            "consultation-ks-jarjestamissuunnitelma-v3");
  EXPECT_THAT(demo.statements(0).outcomes(), IsEmpty());
  EXPECT_THAT(demo.statements(0).decisions_citing_consultation(), IsEmpty());
  EXPECT_EQ(demo.statements_considered(), 0);
  // The Arena's chair from 1.1.2019, the partnership table's from 1.2.2019.
  EXPECT_THAT(Memberships(demo),
              ElementsAre("body-ks-jarjestoareena/m-chair person-ks-0002 in force",
                          "body-ks-kumppanuuspoyta/m-chair person-ks-0001 in force"));
  EXPECT_EQ(demo.memberships(0).body_name().fi(), "Keski-Suomen Järjestöareena");
  EXPECT_EQ(demo.memberships(1).membership().post(), v1::POST_KIND_CHAIR);
  EXPECT_EQ(demo.memberships_in_force(), 2);

  // On 15.1.2019: only the Arena's chair, and no statement yet.
  v1::OrganisationFootprint january = Footprint("org-kyt", D(2019, 1, 15));
  EXPECT_THAT(january.statements(), IsEmpty());
  EXPECT_THAT(Memberships(january),
              ElementsAre("body-ks-jarjestoareena/m-chair person-ks-0002 in force"));
  EXPECT_EQ(january.memberships_in_force(), 1);

  const Position before_person = AddKytStory();
  v1::OrganisationFootprint footprint = Footprint("org-kyt", std::nullopt);
  EXPECT_THAT(StatementIds(footprint),
              ElementsAre("submission-ks-js-v3-kyt STATEMENT_ROLE_SUBMITTER",
                          "submission-ph-malli-asukas STATEMENT_ROLE_ON_BEHALF_OF"));
  const v1::FootprintStatement& kyt = footprint.statements(0);
  EXPECT_THAT(kyt.citing_proposal_ids(), ElementsAre("proposal-ks-kp-kyt-lausunto"));
  ASSERT_EQ(kyt.outcomes_size(), 1);
  EXPECT_EQ(kyt.outcomes(0).decision().decision_id(), "decision-ks-myr-2019-04");
  EXPECT_FALSE(kyt.outcomes(0).cited_directly());
  EXPECT_THAT(kyt.outcomes(0).via_proposal_ids(), ElementsAre("proposal-ks-kp-kyt-lausunto"));
  EXPECT_FALSE(kyt.outcomes(0).has_assessment());
  EXPECT_FALSE(kyt.assessed());
  const v1::FootprintStatement& person = footprint.statements(1);
  EXPECT_EQ(person.submission().submitter_person_id(), "person-ph-asukas");
  EXPECT_EQ(person.submission().submitter_organisation_id(), "");
  EXPECT_EQ(person.consultation().status(), v1::CONSULTATION_STATUS_OPEN);
  EXPECT_EQ(footprint.statements_considered(), 1);
  EXPECT_EQ(footprint.statements_assessed(), 0);

  // As of the proposal's day, the decision was not yet made.
  v1::OrganisationFootprint march = Footprint("org-kyt", D(2019, 3, 31));
  ASSERT_EQ(march.statements_size(), 1);
  EXPECT_THAT(march.statements(0).citing_proposal_ids(),
              ElementsAre("proposal-ks-kp-kyt-lausunto"));
  EXPECT_THAT(march.statements(0).outcomes(), IsEmpty());

  // As the ledger knew it before the person's statement: the demo's one.
  v1::OrganisationFootprint known = Footprint("org-kyt", std::nullopt, before_person);
  EXPECT_THAT(StatementIds(known), ElementsAre("submission-ks-js-v3-kyt STATEMENT_ROLE_SUBMITTER"));
}

TEST_F(OrganisationFootprintTest, DemoGrantsAndTotals) {
  LoadDemo();
  v1::OrganisationFootprint footprint = Footprint("org-helsinki", std::nullopt);
  ASSERT_EQ(footprint.grants_size(), 1);
  const v1::GrantView& grant = footprint.grants(0);
  EXPECT_EQ(grant.grant_id(), "grant-stm-valmistelu-helsinki");
  EXPECT_EQ(grant.stage(), v1::GRANT_STAGE_PAID);
  EXPECT_EQ(grant.amounts().applied_cents(), 250000000);
  EXPECT_EQ(grant.amounts().awarded_cents(), 250000000);
  EXPECT_EQ(grant.amounts().paid_cents(), 125000000);
  EXPECT_EQ(grant.amounts().outstanding_cents(), 125000000);
  ASSERT_EQ(footprint.grant_totals().groups_size(), 1);
  EXPECT_EQ(footprint.grant_totals().groups(0).key(), "programme-stm-alueellinen-valmistelu");
  EXPECT_EQ(footprint.grant_totals().total().grant_count(), 1);
  EXPECT_EQ(footprint.grant_totals().total().awarded_count(), 1);
  EXPECT_EQ(footprint.grant_totals().total().amounts().paid_cents(), 125000000);
  EXPECT_THAT(footprint.statements(), IsEmpty());
  EXPECT_THAT(footprint.memberships(), IsEmpty());

  // Applied 15.6.2021, awarded 15.9.2021, paid 15.10.2021.
  v1::OrganisationFootprint august = Footprint("org-helsinki", D(2021, 8, 1));
  ASSERT_EQ(august.grants_size(), 1);
  EXPECT_EQ(august.grants(0).stage(), v1::GRANT_STAGE_APPLIED);
  EXPECT_EQ(august.grant_totals().total().amounts().applied_cents(), 250000000);
  EXPECT_EQ(august.grant_totals().total().amounts().awarded_cents(), 0);
  EXPECT_THAT(Footprint("org-helsinki", D(2021, 6, 1)).grants(), IsEmpty());
}

TEST_F(OrganisationFootprintTest, Errors) {
  LoadDemo();
  auto missing = OrganisationFootprint(*engine_, "org-nobody", std::nullopt);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(missing.status().message()),
            "organisation_id: organisation \"org-nobody\" does not exist");
  auto malformed = OrganisationFootprint(*engine_, "kyt", std::nullopt);
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(malformed.status().message()),
              ::testing::StartsWith("organisation_id: "));
  auto bad_date = OrganisationFootprint(*engine_, "org-kyt", D(2019, 2, 30));
  EXPECT_EQ(bad_date.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_date.status().message()), ::testing::StartsWith("as_of.day: "));
  // Before the organisation was registered.
  auto registered = store_->ReadStream("org-kyt", StreamVersion(1), store::Direction::kForward, 1);
  ASSERT_TRUE(registered.ok() && registered->size() == 1);
  const Position before(registered->front().position() - 1);
  auto early = OrganisationFootprint(*engine_, "org-kyt", std::nullopt, before);
  EXPECT_EQ(early.status().code(), absl::StatusCode::kNotFound);
  auto beyond = OrganisationFootprint(*engine_, "org-kyt", std::nullopt, Position(1000000));
  EXPECT_EQ(beyond.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(OrganisationFootprintTest, RegistryParentOfFollowsSubOrganisations) {
  LoadDemo();
  RegistryParentOf region(View(projections::registry::kBodies),
                          View(projections::registry::kOrganisations), "org-keski-suomen-liitto");
  // body-ks-kumppanuuspoyta belongs to org-ks2021, a sub-organisation.
  EXPECT_EQ(region.ParentOf("body-ks-kumppanuuspoyta"), "org-keski-suomen-liitto");
  EXPECT_EQ(region.ParentOf("body-ks-maakunnan-yhteistyoryhma"), "org-keski-suomen-liitto");
  EXPECT_EQ(region.ParentOf("body-ks-jarjestoareena"), "org-kyt");
  EXPECT_EQ(region.ParentOf("body-nowhere"), std::nullopt);
  EXPECT_TRUE(region.status().ok());

  RegistryParentOf none(View(projections::registry::kBodies),
                        View(projections::registry::kOrganisations), "");
  EXPECT_EQ(none.AsFunction()("body-ks-kumppanuuspoyta"), "org-ks2021");

  EXPECT_TRUE(CheckOrganisationExists(View(projections::registry::kOrganisations), "org-kyt",
                                      "region_organisation_id")
                  .ok());
  absl::Status missing = CheckOrganisationExists(View(projections::registry::kOrganisations),
                                                 "org-nobody", "region_organisation_id");
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(missing.message()),
            "region_organisation_id: organisation \"org-nobody\" does not exist");
}

}  // namespace
}  // namespace kumppani::audit
