// The demo scenario (docs/examples/demo-scenario.ndjson): the five source
// articles as commands load end to end without a rejection, a second load is
// recognised as a retry, and the facts the articles state hold in the ledger.
#include "ledger/domain/dates.h"
#include "ledger/domain/person_reader.h"
#include "ledger/domain/scenario_loader.h"
#include "ledger/domain/states.h"
#include "tests/domain/domain_fixture.h"

namespace kumppani::domain::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

const std::string kScenario = std::string(KUMPPANI_SOURCE_DIR) + "/docs/examples/demo-scenario.ndjson";

class ScenarioTest : public DomainTest {
 protected:
  void LoadAll(bool expect_replayed) {
    absl::StatusOr<std::vector<ScenarioCommand>> commands = LoadScenarioFile(kScenario);
    ASSERT_TRUE(commands.ok()) << commands.status();
    ASSERT_GT(commands->size(), 100u);
    for (const ScenarioCommand& c : *commands) {
      EXPECT_FALSE(c.command.request_id().empty()) << "line " << c.line;
      absl::StatusOr<CommandResult> r = handler_->Execute(c.command, "demo-import");
      ASSERT_TRUE(r.ok()) << kScenario << ":" << c.line << ": " << r.status();
      EXPECT_EQ(r->replayed, expect_replayed) << "line " << c.line;
    }
  }
};

TEST_F(ScenarioTest, LoadsEndToEndAndStatesTheArticlesFacts) {
  LoadAll(false);
  Position head = store_->HeadPosition();
  LoadAll(true);  // an import re-run is an exact retry: nothing new
  EXPECT_EQ(store_->HeadPosition(), head);

  // Päijät-Häme 2022: June surveys and the two committees' unanimous
  // proposals -> the regional government's August decision -> the board.
  DecisionState decision = Fold<DecisionState>(Effective("decision-ph-ah-jarjestoneuvottelukunta-2022-08"));
  ASSERT_TRUE(decision.exists);
  EXPECT_EQ(decision.recorded.body_id(), "body-ph-aluehallitus");
  EXPECT_EQ(FormatDate(decision.recorded.decided_on()), "2022-08-08");
  std::vector<std::string> cited;
  for (const auto& [id, input] : decision.inputs) cited.push_back(id);
  EXPECT_THAT(cited, UnorderedElementsAre("proposal-ph-hyte-jarjestoneuvottelukunta",
                                          "proposal-ph-asiakas-jarjestoneuvottelukunta",
                                          "consultation-ph-kysely-jarjestot-2022-06",
                                          "consultation-ph-kysely-kunnat-2022-06",
                                          "submission-ph-kysely-esimerkkiyhdistys"));
  EXPECT_EQ(decision.inputs["proposal-ph-hyte-jarjestoneuvottelukunta"].assessment(),
            v1::INFLUENCE_ASSESSMENT_ADOPTED);
  for (const char* id : {"proposal-ph-hyte-jarjestoneuvottelukunta", "proposal-ph-asiakas-jarjestoneuvottelukunta"}) {
    ProposalState proposal = Fold<ProposalState>(Effective(id));
    EXPECT_TRUE(proposal.made.unanimous()) << id;
    EXPECT_EQ(proposal.made.to_body_id(), "body-ph-aluehallitus") << id;
    EXPECT_EQ(proposal.made.proposed_on().month(), 6) << id;
  }
  for (const char* id : {"consultation-ph-kysely-jarjestot-2022-06", "consultation-ph-kysely-kunnat-2022-06"}) {
    ConsultationState survey = Fold<ConsultationState>(Effective(id));
    EXPECT_EQ(survey.opened.method(), v1::CONSULTATION_METHOD_SURVEY) << id;
    EXPECT_EQ(survey.opened.opens_on().month(), 6) << id;
  }
  BodyState board = Fold<BodyState>(Effective("body-ph-jarjestoneuvottelukunta"));
  EXPECT_EQ(board.established.kind(), v1::BODY_KIND_NGO_ADVISORY_BOARD);
  EXPECT_EQ(board.established.establishing_decision_id(), "decision-ph-ah-jarjestoneuvottelukunta-2022-08");

  // Keski-Suomi 2019: the partnership table continues, convened by the
  // regional council from then on.
  BodyState table = Fold<BodyState>(Effective("body-ks-kumppanuuspoyta"));
  EXPECT_FALSE(table.dissolved);
  EXPECT_EQ(table.convener_organisation_id, "org-keski-suomen-liitto");
  EXPECT_EQ(table.established.convener_organisation_id(), "org-ks2021");
  ASSERT_NE(table.HolderOf("chair"), nullptr);
  EXPECT_EQ(table.HolderOf("chair")->appointed.on_behalf_of_organisation_id(), "org-kyt");
  OrganisationState project = Fold<OrganisationState>(Effective("org-ks2021"));
  EXPECT_EQ(project.successor, "org-keski-suomen-hva");
  ConsultationState plan = Fold<ConsultationState>(Effective("consultation-ks-jarjestamissuunnitelma-v3"));
  EXPECT_EQ(FormatDate(plan.deadline), "2019-02-15");
  EXPECT_THAT(plan.opened.channels(), ElementsAre(v1::CHANNEL_OTAKANTAA, v1::CHANNEL_LAUSUNTOPALVELU));

  // Uusimaa 2018: a 22-seat developer group from almost 100 applicants.
  BodyState group = Fold<BodyState>(Effective("body-u19-kehittajaryhma"));
  EXPECT_EQ(group.seats.size(), 22u);
  CallState call = Fold<CallState>(Effective("call-u19-kehittajaryhma"));
  EXPECT_TRUE(call.closed);
  MeetingState meeting = Fold<MeetingState>(Effective("meeting-u19-jarjestotapaaminen-2018-11-13"));
  EXPECT_EQ(meeting.held.place(), "Kalliolan Setlementti, Helsinki");

  // Uusimaa 2021-22: six state grants, none paid beyond its award.
  int grants = 0;
  for (const char* slug : {"ita-uusimaa", "lansi-uusimaa", "keski-uusimaa", "vantaa-kerava", "helsinki", "hus"}) {
    GrantState grant = Fold<GrantState>(Effective(std::string("grant-stm-valmistelu-") + slug));
    EXPECT_EQ(grant.stage, GrantState::Stage::kAwarded) << slug;
    EXPECT_LE(grant.paid_cents, grant.awarded.amount_cents()) << slug;
    grants += grant.exists ? 1 : 0;
  }
  EXPECT_EQ(grants, 6);

  // Invented persons are stored only encrypted, and readable through their key.
  absl::StatusOr<PersonView> chair = ReadPerson(*store_, "person-ks-0001");
  ASSERT_TRUE(chair.ok());
  EXPECT_EQ(chair->personal_data->full_name(), "Kaisa Esimerkki");
}

TEST(ScenarioLoaderTest, BadLineIsNamed) {
  absl::StatusOr<std::vector<ScenarioCommand>> parsed = ParseScenario(
      "# comment\n{\"request_id\": \"a\", \"erase_person\": {\"person_id\": \"person-1\"}}\n\n{\"nope\": 1}\n",
      "test.ndjson");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("test.ndjson:4: not a kumppani.v1.Command"));
  parsed = ParseScenario("{\"request_id\": \"a\", \"erase_person\": {\"person_id\": \"person-1\"}}", "t");
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ(parsed->at(0).line, 1);
  EXPECT_EQ(LoadScenarioFile("/nonexistent/x.ndjson").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace kumppani::domain::testing
