// The report renderers (tools/kumppani/report/): value formatting, escaping
// in every format, the SVG charts, CSV files, privacy and determinism, on
// hand-made report data.
#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/kumppani/report/annual_report.h"
#include "tools/kumppani/report/render.h"
#include "tools/kumppani/report/svg_chart.h"
#include "tools/kumppani/report/text_format.h"
#include "tools/kumppani/report/trail_report.h"

namespace kumppani::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

v1::LocalizedText Fi(const std::string& text) {
  v1::LocalizedText localized;
  localized.set_fi(text);
  localized.set_authoritative(v1::LANGUAGE_FI);
  return localized;
}

v1::OrganisationView Organisation(const std::string& id, const std::string& name,
                                  const std::string& parent = "") {
  v1::OrganisationView organisation;
  organisation.set_organisation_id(id);
  *organisation.mutable_name() = Fi(name);
  organisation.set_parent_organisation_id(parent);
  return organisation;
}

v1::BodyView Body(const std::string& id, const std::string& name) {
  v1::BodyView body;
  body.set_body_id(id);
  *body.mutable_name() = Fi(name);
  body.set_kind(v1::BODY_KIND_COMMITTEE);
  body.set_status(v1::BODY_STATUS_ACTIVE);
  *body.mutable_established_on() = MakeDate(2022, 3, 1);
  body.set_parent_organisation_id("org-region");
  return body;
}

Provenance CheckpointedAt(uint64_t position) {
  Provenance p;
  p.position = position;
  p.checkpoint = Provenance::CheckpointState::kPresent;
  p.checkpoint_origin = "kumppani.local/log";
  p.checkpoint_tree_size = position;
  p.checkpoint_root_hash = "q1w2e3r4t5y6u7i8o9p0AaBbCcDdEeFfGgHhIiJjKkL=";
  p.checkpoint_signer = "kumppani.local/log+0badf00d";
  p.rebuild_command = "kumppani report trail decision-x --known-at 127 --format html";
  return p;
}

v1::InfluenceTrail Trail(const std::string& decision_id, const std::string& title,
                         const v1::Date& decided_on) {
  v1::InfluenceTrail trail;
  v1::DecisionSummary* d = trail.mutable_decision();
  d->set_decision_id(decision_id);
  d->set_body_id("body-ah");
  *d->mutable_decided_on() = decided_on;
  d->set_section("§ 150");
  d->set_outcome(v1::DECISION_OUTCOME_ADOPTED);
  *d->mutable_title() = Fi(title);

  v1::TrailInput* proposal = trail.add_inputs();
  proposal->set_input_id("proposal-a");
  proposal->set_kind(v1::INPUT_KIND_PROPOSAL);
  proposal->set_found(true);
  proposal->set_cited_directly(true);
  proposal->set_assessed(true);
  proposal->mutable_assessment()->set_assessment(v1::INFLUENCE_ASSESSMENT_ADOPTED);
  proposal->mutable_assessment()->set_changed_section("Päätösesitys");
  proposal->mutable_proposal()->set_from_body_id("body-hyte");
  *proposal->mutable_proposal()->mutable_title() = Fi("Perustaminen");
  *proposal->mutable_proposal()->mutable_proposed_on() = MakeDate(2022, 6, 14);

  v1::TrailInput* consultation = trail.add_inputs();
  consultation->set_input_id("consultation-c");
  consultation->set_kind(v1::INPUT_KIND_CONSULTATION);
  consultation->set_found(true);
  consultation->set_cited_directly(true);
  consultation->set_assessed(true);
  consultation->mutable_assessment()->set_assessment(v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED);
  *consultation->mutable_assessment()->mutable_rationale() = Fi("Tulokset, osin");
  *consultation->mutable_consultation()->mutable_subject() = Fi("Kysely");
  *consultation->mutable_consultation()->mutable_closed_on() = MakeDate(2022, 6, 30);

  v1::TrailInput* statement = trail.add_inputs();
  statement->set_input_id("submission-s");
  statement->set_kind(v1::INPUT_KIND_SUBMISSION);
  statement->set_found(true);
  statement->set_cited_directly(true);
  statement->set_assessed(true);
  statement->mutable_assessment()->set_assessment(v1::INFLUENCE_ASSESSMENT_ALREADY_INCLUDED);
  statement->mutable_submission()->set_submitter_organisation_id("org-e");
  *statement->mutable_submission()->mutable_received_on() = MakeDate(2022, 6, 10);
  *statement->mutable_consultation()->mutable_subject() = Fi("Kysely");
  statement->set_feedback_sent(true);
  v1::FeedbackRecord* feedback = statement->add_feedback();
  feedback->set_channel(v1::CHANNEL_EMAIL);
  *feedback->mutable_sent_on() = MakeDate(2022, 8, 15);

  // A private person's answer: cited, not assessed.
  v1::TrailInput* person = trail.add_inputs();
  person->set_input_id("submission-p");
  person->set_kind(v1::INPUT_KIND_SUBMISSION);
  person->set_found(true);
  person->set_cited_directly(true);
  person->mutable_submission()->set_submitter_person_id("person-x-0001");
  *person->mutable_submission()->mutable_received_on() = MakeDate(2022, 6, 11);

  v1::TrailInput* through = trail.add_inputs();
  through->set_input_id("submission-v");
  through->set_kind(v1::INPUT_KIND_SUBMISSION);
  through->set_found(true);
  through->add_via_proposal_ids("proposal-a");
  through->mutable_submission()->set_submitter_organisation_id("org-f");

  v1::UncitedSubmission* uncited = trail.add_uncited_submissions();
  uncited->mutable_submission()->set_submission_id("submission-u");
  uncited->mutable_submission()->set_submitter_organisation_id("org-f");
  *uncited->mutable_submission()->mutable_received_on() = MakeDate(2022, 6, 12);
  uncited->mutable_consultation()->set_consultation_id("consultation-c");
  *uncited->mutable_consultation()->mutable_subject() = Fi("Kysely");
  uncited->set_relation(v1::UNCITED_RELATION_SAME_CONSULTATION);
  return trail;
}

TrailReportData TrailData() {
  TrailReportData data;
  data.provenance = CheckpointedAt(127);
  data.trail = Trail("decision-x", "<b>Tom & Jerry</b>", MakeDate(2022, 8, 8));
  data.decision.set_decision_id("decision-x");
  *data.decision.mutable_text() = Fi("Aluehallitus päättää | perustaa *neuvottelukunnan*.");
  data.organisations = {Organisation("org-e", "Esimerkkiyhdistys ry"),
                        Organisation("org-f", "Toinen, ry")};
  data.bodies = {Body("body-ah", "Aluehallitus"), Body("body-hyte", "Hyte-lautakunta")};
  return data;
}

v1::ConsultationView Consultation(const std::string& id, const std::string& subject, int month,
                                  int recorded, int stated) {
  v1::ConsultationView c;
  c.set_consultation_id(id);
  c.set_organiser_organisation_id("org-region");
  *c.mutable_subject() = Fi(subject);
  c.set_method(v1::CONSULTATION_METHOD_SURVEY);
  *c.mutable_opens_on() = MakeDate(2022, month, 1);
  *c.mutable_deadline() = MakeDate(2022, month, 28);
  for (int i = 0; i < recorded; ++i) {
    v1::SubmissionSummary* s = c.add_submissions();
    s->set_submission_id(id + "-" + std::to_string(i));
    s->set_submitter_organisation_id("org-e");
  }
  c.set_responses_received(stated);
  c.add_invited_organisation_ids("org-f");
  c.add_invited_organisation_ids("org-e");
  c.add_responded_organisation_ids("org-e");
  return c;
}

v1::GrantView Grant(const std::string& id, int64_t awarded, int64_t paid) {
  v1::GrantView g;
  g.set_grant_id(id);
  g.set_programme_id("programme-p");
  g.set_applicant_organisation_id("org-e");
  g.set_stage(v1::GRANT_STAGE_PAID);
  g.mutable_amounts()->set_applied_cents(awarded);
  g.mutable_amounts()->set_awarded_cents(awarded);
  g.mutable_amounts()->set_paid_cents(paid);
  return g;
}

AnnualReportData AnnualData() {
  AnnualReportData data;
  data.year = 2022;
  data.provenance = CheckpointedAt(127);
  data.provenance.as_of = MakeDate(2022, 12, 31);
  data.region = Organisation("org-region", "Alue & <hyvinvointi>");
  data.organisations = {Organisation("org-region", "Alue & <hyvinvointi>"),
                        Organisation("org-e", "Esimerkkiyhdistys ry"),
                        Organisation("org-f", "Toinen, ry")};
  data.bodies = {Body("body-ah", "Aluehallitus"), Body("body-hyte", "Hyte-lautakunta")};
  v1::MembershipView m;
  m.set_body_id("body-ah");
  m.set_membership_id("m-1");
  m.set_seat_id("chair");
  m.set_post(v1::POST_KIND_CHAIR);
  m.set_person_id("person-x-0002");
  m.set_on_behalf_of_organisation_id("org-e");
  *m.mutable_term()->mutable_start() = MakeDate(2022, 9, 1);
  data.memberships = {m};
  data.consultations = {Consultation("consultation-b", "Toinen kysely", 6, 1, 64),
                        Consultation("consultation-a", "Strategia", 5, 0, 0),
                        Consultation("consultation-c", "Kolmas", 9, 3, 0)};
  data.decisions = {Trail("decision-y", "Myöhempi", MakeDate(2022, 10, 1)),
                    Trail("decision-x", "Aiempi", MakeDate(2022, 8, 8))};
  data.grants = {Grant("grant-b", 1234567, 1000000), Grant("grant-a", 5, 0)};
  v1::GrantTotalsGroup* total = data.grant_totals.mutable_total();
  total->set_grant_count(2);
  total->set_awarded_count(2);
  total->mutable_amounts()->set_awarded_cents(1234572);
  total->mutable_amounts()->set_paid_cents(1000000);
  total->mutable_amounts()->set_outstanding_cents(1000000);
  data.coverage.set_decisions(2);
  data.coverage.set_decisions_preceded_by_consultation(2);
  data.coverage.set_close_to_decision_samples(3);
  data.coverage.set_close_to_decision_days_min(20);
  data.coverage.set_close_to_decision_days_median(29.5);
  data.coverage.set_close_to_decision_days_max(39);
  return data;
}

TEST(TextFormatTest, NumbersMoneyAndShares) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCount(-1000), "-1,000");
  EXPECT_EQ(FormatEuros(123456789), "\u20ac1,234,567.89");
  EXPECT_EQ(FormatEuros(5), "\u20ac0.05");
  EXPECT_EQ(FormatEuros(-1200), "-\u20ac12.00");
  EXPECT_EQ(CsvEuros(123456789), "1234567.89");
  EXPECT_EQ(CsvEuros(-1200), "-12.00");
  EXPECT_EQ(FormatPercent(2, 3), "66.7%");
  EXPECT_EQ(FormatPercent(1, 6), "16.7%");
  EXPECT_EQ(FormatPercent(1, 8), "12.5%");
  EXPECT_EQ(FormatPercent(1, 2000), "0.1%");  // 0.05 rounds half up
  EXPECT_EQ(FormatPercent(5, 5), "100.0%");
  EXPECT_EQ(FormatPercent(0, 0), "n/a");
  EXPECT_EQ(CsvPercent(2, 3), "66.7");
  EXPECT_EQ(CsvPercent(2, 0), "");
  EXPECT_EQ(FormatHalves(29.5), "29.5");
  EXPECT_EQ(FormatHalves(39.0), "39");
  EXPECT_EQ(FormatDate(MakeDate(2022, 8, 8)), "2022-08-08");
  EXPECT_EQ(FormatDate(v1::Date()), "");
}

TEST(TextFormatTest, EnumLabelsAndLocalizedText) {
  EXPECT_EQ(
      EnumLabel(v1::InfluenceAssessment_descriptor(), v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED),
      "partly adopted");
  EXPECT_EQ(EnumCsv(v1::InfluenceAssessment_descriptor(), v1::INFLUENCE_ASSESSMENT_NOT_ADOPTED),
            "not_adopted");
  EXPECT_EQ(EnumLabel(v1::InfluenceAssessment_descriptor(), 99), "99");
  v1::LocalizedText text;
  text.set_fi("suomeksi");
  text.set_sv("på svenska");
  text.set_authoritative(v1::LANGUAGE_SV);
  EXPECT_EQ(Localized(text), "på svenska");
  text.clear_sv();
  EXPECT_EQ(Localized(text), "suomeksi");
}

TEST(TextFormatTest, Escaping) {
  EXPECT_EQ(HtmlEscape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(MarkdownEscape("a|b*c_d\nnext [x](y) `z` <i>"),
            "a\\|b\\*c\\_d next \\[x\\](y) \\`z\\` \\<i\\>");
  EXPECT_EQ(MarkdownEscape("# 40.0% - x"), "# 40.0% - x");
  EXPECT_EQ(MarkdownBlockEscape("- item"), "\\- item");
  EXPECT_EQ(MarkdownBlockEscape("12. kohta"), "12\\. kohta");
  EXPECT_EQ(MarkdownBlockEscape("# title *x*"), "\\# title \\*x\\*");
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
}

TEST(SvgChartTest, OneBarPerValueScaledToTheLargest) {
  BarChart chart;
  chart.title = "Statements <per> consultation";
  chart.series = {{"recorded", "c3"}, {"stated", "c5"}};
  chart.groups = {{"A & B", {2, 8}}, {"C", {0, 4}}};
  const std::string svg = BarChartSvg(chart);
  EXPECT_EQ(Count(svg, "<rect class=\"bar "), 4u);
  EXPECT_THAT(svg, HasSubstr("<title>Statements &lt;per&gt; consultation</title>"));
  // Below the legend (22): 8 is the longest bar (560), 2 a quarter of it, 0
  // empty; a group is its label (18) and two bars (18 each), then 10.
  EXPECT_THAT(svg, HasSubstr("<rect class=\"bar c5\" x=\"0\" y=\"58\" width=\"560\""));
  EXPECT_THAT(svg, HasSubstr("<rect class=\"bar c3\" x=\"0\" y=\"40\" width=\"140\""));
  EXPECT_THAT(svg, HasSubstr("<rect class=\"bar c3\" x=\"0\" y=\"104\" width=\"0\""));
  EXPECT_THAT(svg, HasSubstr(">A &amp; B</text>"));
}

TEST(SvgChartTest, StackedSharesFillTheBarExactly) {
  StackedBar chart;
  chart.title = "Outcomes";
  chart.shares = {{"adopted", 1, "c1"}, {"noted", 0, "c5"}, {"not assessed", 2, "c8"}};
  const std::string svg = StackedBarSvg(chart);
  EXPECT_EQ(Count(svg, "<rect class=\"share "), 2u);
  EXPECT_THAT(svg, HasSubstr("<rect class=\"share c1\" x=\"0\" y=\"2\" width=\"240\""));
  EXPECT_THAT(svg, HasSubstr("<rect class=\"share c8\" x=\"240\" y=\"2\" width=\"480\""));
  EXPECT_THAT(svg, HasSubstr(">not assessed: 2 (66.7%)</text>"));
  EXPECT_THAT(svg, HasSubstr(">noted: 0 (0.0%)</text>"));
}

TEST(TrailReportTest, HtmlIsSelfContainedEscapedAndCharted) {
  const std::string html = RenderHtml(BuildTrailReport(TrailData()));
  EXPECT_THAT(html,
              HasSubstr("<title>Influence trail: &lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</title>"));
  EXPECT_THAT(html, Not(HasSubstr("<b>Tom")));
  EXPECT_THAT(html, HasSubstr("@media print"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  EXPECT_THAT(html, Not(HasSubstr("href=")));
  EXPECT_THAT(html, HasSubstr("Content-Security-Policy"));
  // Four outcomes occur among the direct inputs: adopted, partly adopted,
  // already included, not assessed.
  EXPECT_EQ(Count(html, "<svg "), 1u);
  EXPECT_EQ(Count(html, "<rect class=\"share "), 4u);
  EXPECT_THAT(html, HasSubstr("<td>Statement by Esimerkkiyhdistys ry: Kysely</td>"));
  EXPECT_THAT(html, HasSubstr("<td>2022-08-15 (email)</td>"));
  EXPECT_THAT(html, HasSubstr("<dt>Checkpoint covers the report</dt><dd>exactly: the report reads "
                              "the checkpointed tree</dd>"));
}

TEST(TrailReportTest, MarkdownTables) {
  const std::string md = RenderMarkdown(BuildTrailReport(TrailData()));
  EXPECT_EQ(md.rfind("# Influence trail: \\<b\\>Tom & Jerry\\</b\\>\n\n", 0), 0u);
  EXPECT_THAT(md, HasSubstr("- **Log position:** 127\n"));
  EXPECT_THAT(
      md,
      HasSubstr("| 3 | Statement by Esimerkkiyhdistys ry: Kysely | submission-s | submission "
                "| 2022-06-10 | directly | already included |  |  |  | 2022-08-15 (email) |\n"));
  EXPECT_THAT(md,
              HasSubstr("| 5 | Statement by Toinen, ry | submission-v | submission |  | through "
                        "proposal-a | (through proposals) |  |  |  |  |\n"));
  EXPECT_THAT(md, HasSubstr("Aluehallitus päättää \\| perustaa \\*neuvottelukunnan\\*."));
  EXPECT_THAT(md, Not(HasSubstr("<svg")));
  EXPECT_EQ(md.back(), '\n');
  EXPECT_NE(md.substr(md.size() - 2), "\n\n");
}

TEST(TrailReportTest, APrivatePersonIsNeverNamed) {
  const Document document = BuildTrailReport(TrailData());
  std::string all = RenderMarkdown(document) + RenderHtml(document);
  for (const CsvFile& file : RenderCsv(document)) all += file.bytes;
  EXPECT_THAT(all, Not(HasSubstr("person-x-0001")));
  EXPECT_THAT(RenderMarkdown(document), HasSubstr("| 4 | Statement by a private person |"));
}

TEST(TrailReportTest, CsvFilesAndColumns) {
  const std::vector<CsvFile> files = RenderCsv(BuildTrailReport(TrailData()));
  std::vector<std::string> names;
  for (const CsvFile& file : files) names.push_back(file.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"provenance.csv", "decision.csv", "summary.csv",
                                      "outcome_shares.csv", "decision_inputs.csv",
                                      "assessment_revisions.csv", "uncited_submissions.csv"}));
  const std::string& inputs = files[4].bytes;
  EXPECT_EQ(inputs.substr(0, inputs.find("\r\n")),
            "decision_id,order,input,input_id,kind,input_date,cited,via_proposal_ids,assessment,"
            "changed_section,rationale,revisions,feedback_sent_on");
  EXPECT_THAT(inputs, HasSubstr("\r\ndecision-x,2,Consultation: Kysely,consultation-c,"
                                "consultation,2022-06-30,directly,,partly_adopted,,"
                                "\"Tulokset, osin\",0,\r\n"));
  EXPECT_THAT(inputs, HasSubstr("\r\ndecision-x,5,\"Statement by Toinen, ry\",submission-v,"
                                "submission,,through,proposal-a,,,,0,\r\n"));
  EXPECT_THAT(files[0].bytes, HasSubstr("\r\nread_position,127\r\n"));
  EXPECT_THAT(files[0].bytes, HasSubstr("\r\ncheckpoint_covers,exactly\r\n"));
  EXPECT_EQ(files[5].bytes, "input_id,revised_on,assessment,rationale\r\n");
}

TEST(TrailReportTest, HeadPositionIsStatedAsSuch) {
  TrailReportData data = TrailData();
  data.provenance.checkpoint = Provenance::CheckpointState::kNotPermitted;
  data.provenance.source = Provenance::PositionSource::kHead;
  const std::string md = RenderMarkdown(BuildTrailReport(data));
  EXPECT_THAT(md, HasSubstr("- **Log position:** 127 (the head of the log when the report was "
                            "built)\n"));
  EXPECT_THAT(md, HasSubstr("- **Checkpoint:** not readable with this token"));
}

TEST(AnnualReportTest, ChartsTablesAndMoney) {
  const Document document = BuildAnnualReport(AnnualData());
  const std::string html = RenderHtml(document);
  EXPECT_THAT(html, HasSubstr("<title>Cooperation report 2022: Alue &amp; &lt;hyvinvointi&gt;"
                              "</title>"));
  // Two series (recorded, stated) for each of the three consultations.
  EXPECT_EQ(Count(html, "<rect class=\"bar "), 6u);
  EXPECT_EQ(Count(html, "<svg "), 2u);
  EXPECT_THAT(html, HasSubstr("<dt>Amount awarded</dt><dd>\u20ac12,345.72</dd>"));
  EXPECT_THAT(html, HasSubstr("<td class=\"num\">\u20ac12,345.67</td>"));
  EXPECT_THAT(html, HasSubstr("<dd>min 20, median 29.5, max 39 (3 decision-consultation "
                              "pairs)</dd>"));
  const std::string md = RenderMarkdown(document);
  // Consultations by opening day; the response rate from the counts.
  EXPECT_LT(md.find("| Strategia |"), md.find("| Toinen kysely |"));
  EXPECT_THAT(md, HasSubstr("| Toinen kysely | Alue & \\<hyvinvointi\\> |  | "
                            "survey | 2022-06-01 | 2022-06-28 |  | 1 | 0 | 64 | 2 | 1 | 50.0% |"));
  // Decisions by day.
  EXPECT_LT(md.find("### 2022-08-08 Aiempi"), md.find("### 2022-10-01 Myöhempi"));
  EXPECT_THAT(md, HasSubstr("| 2022-09-01 | Aluehallitus | member appointed | chair | chair | "
                            "Esimerkkiyhdistys ry |"));
  EXPECT_THAT(md, Not(HasSubstr("person-x-0002")));
  for (const CsvFile& file : RenderCsv(document)) {
    if (file.name == "grants.csv") {
      EXPECT_THAT(file.bytes, HasSubstr("\r\ngrant-b,Esimerkkiyhdistys ry,org-e,programme-p,,paid,,"
                                        "12345.67,12345.67,10000.00,0.00,0.00\r\n"));
    }
  }
}

TEST(AnnualReportTest, SameBytesWhateverTheOrderOfTheAnswers) {
  AnnualReportData data = AnnualData();
  AnnualReportData shuffled = data;
  std::reverse(shuffled.organisations.begin(), shuffled.organisations.end());
  std::reverse(shuffled.bodies.begin(), shuffled.bodies.end());
  std::rotate(shuffled.consultations.begin(), shuffled.consultations.begin() + 1,
              shuffled.consultations.end());
  std::reverse(shuffled.decisions.begin(), shuffled.decisions.end());
  std::reverse(shuffled.grants.begin(), shuffled.grants.end());
  const Document a = BuildAnnualReport(data);
  const Document b = BuildAnnualReport(shuffled);
  EXPECT_EQ(RenderMarkdown(a), RenderMarkdown(b));
  EXPECT_EQ(RenderHtml(a), RenderHtml(b));
  EXPECT_EQ(RenderHtml(a), RenderHtml(BuildAnnualReport(data)));
  const std::vector<CsvFile> csv_a = RenderCsv(a);
  const std::vector<CsvFile> csv_b = RenderCsv(b);
  ASSERT_EQ(csv_a.size(), csv_b.size());
  for (size_t i = 0; i < csv_a.size(); ++i) {
    EXPECT_EQ(csv_a[i].name, csv_b[i].name);
    EXPECT_EQ(csv_a[i].bytes, csv_b[i].bytes) << csv_a[i].name;
  }
}

// Found by the report fuzz target (tests/fuzz/report_fuzzer.cc): the
// uninformed inputs of one decision followed the order of the answers.
TEST(AnnualReportTest, UninformedInputsFollowTheDecisionsOrderWhateverTheAnswers) {
  AnnualReportData data = AnnualData();
  for (const char* input_id : {"submission-s", "consultation-c", "proposal-a"}) {
    v1::UninformedInput& u = data.uninformed_inputs.emplace_back();
    u.set_decision_id("decision-x");
    u.set_body_id("body-ah");
    *u.mutable_decided_on() = MakeDate(2022, 8, 8);
    u.set_input_id(input_id);
  }
  AnnualReportData reversed = data;
  std::reverse(reversed.uninformed_inputs.begin(), reversed.uninformed_inputs.end());
  auto uninformed_csv = [](const AnnualReportData& d) {
    for (const CsvFile& file : RenderCsv(BuildAnnualReport(d))) {
      if (file.name == "uninformed_inputs.csv") return file.bytes;
    }
    return std::string();
  };
  const std::string csv = uninformed_csv(data);
  EXPECT_EQ(csv, uninformed_csv(reversed));
  // The trail of decision-x lists proposal-a, consultation-c, submission-s.
  size_t proposal = csv.find("proposal-a");
  size_t consultation = csv.find("consultation-c");
  size_t submission = csv.find("submission-s");
  ASSERT_NE(submission, std::string::npos);
  EXPECT_LT(proposal, consultation);
  EXPECT_LT(consultation, submission);
}

TEST(AnnualReportTest, TheSameCsvFilesForAnEmptyYear) {
  AnnualReportData data;
  data.year = 2030;
  const Document document = BuildAnnualReport(data);
  std::vector<std::string> names;
  for (const CsvFile& file : RenderCsv(document)) names.push_back(file.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "provenance.csv", "summary.csv", "bodies.csv", "body_changes.csv",
                       "consultations.csv", "invited_organisations.csv", "outcome_shares.csv",
                       "decisions.csv", "decision_inputs.csv", "uncited_submissions.csv",
                       "grant_totals.csv", "grants_by_programme.csv", "grants.csv",
                       "unassessed_submissions.csv", "uninformed_inputs.csv", "coverage.csv"}));
  const std::string html = RenderHtml(document);
  EXPECT_THAT(html, HasSubstr("<p class=\"empty\">The region&#39;s bodies made no decisions in "
                              "2030.</p>"));
  EXPECT_THAT(html, Not(HasSubstr("Inputs the decision considered")));
  EXPECT_EQ(Count(html, "<rect class=\"bar "), 0u);
}

}  // namespace
}  // namespace kumppani::report
