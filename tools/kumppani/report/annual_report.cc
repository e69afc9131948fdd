// The annual cooperation report (see annual_report.h): the frame, the
// summary and the bodies, consultations and decisions sections. Grants,
// outstanding duties and coverage are in annual_sections.cc.
#include "tools/kumppani/report/annual_report.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "tools/kumppani/report/annual_sections.h"
#include "tools/kumppani/report/report_common.h"
#include "tools/kumppani/report/text_format.h"

namespace kumppani::report {
namespace {

std::string Year(int year) { return std::to_string(year); }

// The last day the report counts: the year's end, or as_of when earlier.
v1::Date LastDay(const AnnualReportData& data) {
  v1::Date end = MakeDate(data.year, 12, 31);
  const v1::Date& as_of = data.provenance.as_of;
  return IsSet(as_of) && CompareDates(as_of, end) < 0 ? as_of : end;
}

bool InYear(const v1::Date& date, const AnnualReportData& data) {
  return IsSet(date) && date.year() == data.year && CompareDates(date, LastDay(data)) <= 0;
}

// Bodies that existed at some time in the year (by as_of), by name then id.
std::vector<const v1::BodyView*> YearBodies(const AnnualReportData& data) {
  std::vector<const v1::BodyView*> bodies;
  for (const v1::BodyView& body : data.bodies) {
    if (!IsSet(body.established_on()) || CompareDates(body.established_on(), LastDay(data)) > 0) {
      continue;
    }
    if (IsSet(body.dissolved_on()) && body.dissolved_on().year() < data.year) continue;
    bodies.push_back(&body);
  }
  std::sort(bodies.begin(), bodies.end(), [](const v1::BodyView* a, const v1::BodyView* b) {
    return std::make_tuple(Localized(a->name()), a->body_id()) <
           std::make_tuple(Localized(b->name()), b->body_id());
  });
  return bodies;
}

struct Change {
  v1::Date date;
  std::string body_id;
  int order;  // establishment, convener, mandate, appointments, ends, dissolution
  std::string membership_id;
  std::string text;
  std::string csv;
  std::string post{};
  std::string seat_id{};
  std::string organisation_id{};
};

std::vector<Change> BodyChanges(const AnnualReportData& data,
                                const std::vector<const v1::BodyView*>& bodies,
                                const Names& names) {
  std::vector<Change> changes;
  std::vector<std::string> body_ids;
  for (const v1::BodyView* body : bodies) {
    body_ids.push_back(body->body_id());
    if (InYear(body->established_on(), data)) {
      changes.push_back(
          {body->established_on(), body->body_id(), 0, "", "body established", "established"});
    }
    for (int i = 1; i < body->convener_history_size(); ++i) {
      const v1::ConvenerPeriod& period = body->convener_history(i);
      if (!InYear(period.effective_on(), data)) continue;
      changes.push_back({period.effective_on(), body->body_id(), 1, "",
                         "convener changed to " + names.Organisation(period.organisation_id()),
                         "convener_changed", "", "", period.organisation_id()});
    }
    for (int i = 1; i < body->mandate_history_size(); ++i) {
      const v1::MandateVersion& version = body->mandate_history(i);
      if (!InYear(version.effective_on(), data)) continue;
      changes.push_back(
          {version.effective_on(), body->body_id(), 2, "", "mandate amended", "mandate_amended"});
    }
    if (InYear(body->dissolved_on(), data)) {
      changes.push_back(
          {body->dissolved_on(), body->body_id(), 5, "", "body dissolved", "dissolved"});
    }
  }
  std::sort(body_ids.begin(), body_ids.end());
  for (const v1::MembershipView& m : data.memberships) {
    if (!std::binary_search(body_ids.begin(), body_ids.end(), m.body_id())) continue;
    const std::string post = EnumLabel(v1::PostKind_descriptor(), m.post());
    if (InYear(m.term().start(), data)) {
      changes.push_back({m.term().start(), m.body_id(), 3, m.membership_id(), "member appointed",
                         "member_appointed", post, m.seat_id(), m.on_behalf_of_organisation_id()});
    }
    if (m.end() != v1::MEMBERSHIP_END_UNSPECIFIED && InYear(m.ended_on(), data)) {
      changes.push_back({m.ended_on(), m.body_id(), 4, m.membership_id(),
                         "membership ended: " + EnumLabel(v1::MembershipEnd_descriptor(), m.end()),
                         "membership_" + EnumCsv(v1::MembershipEnd_descriptor(), m.end()), post,
                         m.seat_id(), m.on_behalf_of_organisation_id()});
    }
  }
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    int by_date = CompareDates(a.date, b.date);
    if (by_date != 0) return by_date < 0;
    return std::tie(a.body_id, a.order, a.membership_id, a.text) <
           std::tie(b.body_id, b.order, b.membership_id, b.text);
  });
  return changes;
}

void AppendBodies(const AnnualReportData& data, const Names& names, std::vector<Block>& blocks,
                  int64_t& change_count) {
  const std::vector<const v1::BodyView*> bodies = YearBodies(data);
  blocks.push_back(Heading{2, "Bodies"});
  Table table;
  table.name = "bodies";
  table.caption = "The region's cooperation bodies in " + Year(data.year);
  table.columns = {{"Body", "name"},
                   {"Id", "body_id", false, true},
                   {"Kind", "kind"},
                   {"Status", "status"},
                   {"Established", "established_on"},
                   {"Dissolved", "dissolved_on"},
                   {"Convener", "convener"},
                   {"Convener id", "convener_organisation_id", false, true},
                   {"Seats", "seats", true}};
  for (const v1::BodyView* body : bodies) {
    int seats = 0;
    for (const v1::SeatView& seat : body->seats()) seats += IsSet(seat.removed_on()) ? 0 : 1;
    table.rows.push_back({{Localized(body->name())},
                          {body->body_id()},
                          {EnumLabel(v1::BodyKind_descriptor(), body->kind()),
                           EnumCsv(v1::BodyKind_descriptor(), body->kind())},
                          {EnumLabel(v1::BodyStatus_descriptor(), body->status()),
                           EnumCsv(v1::BodyStatus_descriptor(), body->status())},
                          {FormatDate(body->established_on())},
                          {FormatDate(body->dissolved_on())},
                          {names.Organisation(body->convener_organisation_id())},
                          {body->convener_organisation_id()},
                          {std::to_string(seats)}});
  }
  table.empty_text = "The region had no cooperation bodies in " + Year(data.year) + ".";
  blocks.push_back(std::move(table));

  blocks.push_back(Heading{3, "Changes in " + Year(data.year)});
  Table changes;
  changes.name = "body_changes";
  changes.caption = "Bodies established or dissolved, conveners, mandates and memberships";
  changes.columns = {{"Date", "date"},
                     {"Body", "body"},
                     {"Body id", "body_id", false, true},
                     {"Change", "change"},
                     {"Post", "post"},
                     {"Seat", "seat_id"},
                     {"Organisation", "organisation"},
                     {"Organisation id", "organisation_id", false, true}};
  for (const Change& change : BodyChanges(data, bodies, names)) {
    changes.rows.push_back({{FormatDate(change.date)},
                            {names.Body(change.body_id)},
                            {change.body_id},
                            {change.text, change.csv},
                            {change.post},
                            {change.seat_id},
                            {names.Organisation(change.organisation_id)},
                            {change.organisation_id}});
  }
  changes.empty_text = "No changes in " + Year(data.year) + ".";
  change_count = static_cast<int64_t>(changes.rows.size());
  blocks.push_back(std::move(changes));
}

void AppendConsultations(const AnnualReportData& data, const Names& names,
                         std::vector<Block>& blocks, int64_t& statement_count) {
  std::vector<const v1::ConsultationView*> consultations;
  for (const v1::ConsultationView& c : data.consultations) consultations.push_back(&c);
  std::sort(consultations.begin(), consultations.end(),
            [](const v1::ConsultationView* a, const v1::ConsultationView* b) {
              int by_date = CompareDates(a->opens_on(), b->opens_on());
              return by_date != 0 ? by_date < 0 : a->consultation_id() < b->consultation_id();
            });
  blocks.push_back(Heading{2, "Consultations opened in " + Year(data.year)});
  BarChart chart;
  chart.title = "Statements per consultation";
  chart.series = {{"statements recorded", "c3"}, {"responses stated at closing", "c5"}};
  Table table;
  table.name = "consultations";
  table.caption = "Consultations and the responses they received";
  table.columns = {{"Consultation", "subject"},
                   {"Id", "consultation_id", false, true},
                   {"Organiser", "organiser"},
                   {"For body", "body"},
                   {"Method", "method"},
                   {"Opened", "opens_on"},
                   {"Deadline", "deadline"},
                   {"Closed", "closed_on"},
                   {"Statements recorded", "statements_recorded", true},
                   {"Late", "late", true},
                   {"Responses stated", "responses_stated", true},
                   {"Invited", "invited", true},
                   {"Invited who responded", "invited_responded", true},
                   {"Response rate", "response_rate_percent", true}};
  Table invited;
  invited.name = "invited_organisations";
  invited.caption = "Organisations invited to respond";
  invited.columns = {{"Consultation", "consultation_id"},
                     {"Organisation", "organisation"},
                     {"Organisation id", "organisation_id", false, true},
                     {"Responded", "responded"}};
  invited.empty_text = "No organisation was invited individually.";
  statement_count = 0;
  for (const v1::ConsultationView* c : consultations) {
    int64_t recorded = 0;
    for (const v1::SubmissionSummary& s : c->submissions()) recorded += s.withdrawn() ? 0 : 1;
    statement_count += recorded;
    const int64_t invited_count = c->invited_organisation_ids_size();
    const int64_t responded = c->responded_organisation_ids_size();
    const std::string subject = Localized(c->subject());
    chart.groups.push_back({subject, {recorded, c->responses_received()}});
    table.rows.push_back(
        {{subject},
         {c->consultation_id()},
         {names.Organisation(c->organiser_organisation_id()), c->organiser_organisation_id()},
         {names.Body(c->body_id()), c->body_id()},
         {EnumLabel(v1::ConsultationMethod_descriptor(), c->method()),
          EnumCsv(v1::ConsultationMethod_descriptor(), c->method())},
         {FormatDate(c->opens_on())},
         {FormatDate(c->deadline())},
         {FormatDate(c->closed_on())},
         {FormatCount(recorded), std::to_string(recorded)},
         {FormatCount(c->late_submissions()), std::to_string(c->late_submissions())},
         {FormatCount(c->responses_received()), std::to_string(c->responses_received())},
         {FormatCount(invited_count), std::to_string(invited_count)},
         {FormatCount(responded), std::to_string(responded)},
         {FormatPercent(responded, invited_count), CsvPercent(responded, invited_count)}});
    std::vector<std::string> responded_ids(c->responded_organisation_ids().begin(),
                                           c->responded_organisation_ids().end());
    std::sort(responded_ids.begin(), responded_ids.end());
    std::vector<std::string> invited_ids(c->invited_organisation_ids().begin(),
                                         c->invited_organisation_ids().end());
    std::sort(invited_ids.begin(), invited_ids.end());
    for (const std::string& id : invited_ids) {
      const bool did = std::binary_search(responded_ids.begin(), responded_ids.end(), id);
      invited.rows.push_back(
          {{c->consultation_id()}, {names.Organisation(id)}, {id}, {did ? "yes" : "no"}});
    }
  }
  table.empty_text = "No consultation opened in " + Year(data.year) + ".";
  if (!chart.groups.empty()) blocks.push_back(std::move(chart));
  blocks.push_back(std::move(table));
  blocks.push_back(std::move(invited));
}

std::vector<const v1::InfluenceTrail*> SortedDecisions(const AnnualReportData& data) {
  std::vector<const v1::InfluenceTrail*> decisions;
  for (const v1::InfluenceTrail& trail : data.decisions) decisions.push_back(&trail);
  std::sort(decisions.begin(), decisions.end(),
            [](const v1::InfluenceTrail* a, const v1::InfluenceTrail* b) {
              int by_date = CompareDates(a->decision().decided_on(), b->decision().decided_on());
              return by_date != 0 ? by_date < 0
                                  : a->decision().decision_id() < b->decision().decision_id();
            });
  return decisions;
}

void AppendDecisions(const AnnualReportData& data, const Names& names, std::vector<Block>& blocks) {
  const std::vector<const v1::InfluenceTrail*> decisions = SortedDecisions(data);
  blocks.push_back(Heading{2, "Decisions in " + Year(data.year) + " and what they did with input"});
  OutcomeCounts counts{};
  for (const v1::InfluenceTrail* trail : decisions) CountOutcomes(*trail, counts);
  blocks.push_back(OutcomeChart("What the decisions did with the inputs they cited", counts));
  blocks.push_back(OutcomeTable("Outcome of the inputs the decisions cited directly", counts));
  Table table;
  table.name = "decisions";
  table.caption = "Decisions of the region's bodies";
  table.columns = {{"Decided", "decided_on"},
                   {"Decision", "title"},
                   {"Id", "decision_id", false, true},
                   {"Body", "body"},
                   {"Section", "section"},
                   {"Outcome", "outcome"},
                   {"Inputs cited", "inputs_cited", true},
                   {"Assessed", "inputs_assessed", true},
                   {"Feedback sent", "inputs_with_feedback", true},
                   {"Not cited", "uncited_submissions", true}};
  for (const v1::InfluenceTrail* trail : decisions) {
    const v1::DecisionSummary& d = trail->decision();
    int64_t cited = 0, assessed = 0, feedback = 0;
    for (const v1::TrailInput& input : trail->inputs()) {
      if (!input.cited_directly()) continue;
      ++cited;
      assessed += input.assessed() ? 1 : 0;
      feedback += input.feedback_sent() ? 1 : 0;
    }
    std::string outcome = EnumLabel(v1::DecisionOutcome_descriptor(), d.outcome());
    if (d.annulled()) outcome += " (annulled)";
    table.rows.push_back({{FormatDate(d.decided_on())},
                          {Localized(d.title())},
                          {d.decision_id()},
                          {names.Body(d.body_id()), d.body_id()},
                          {d.section()},
                          {outcome, EnumCsv(v1::DecisionOutcome_descriptor(), d.outcome()) +
                                        (d.annulled() ? ";annulled" : "")},
                          {std::to_string(cited)},
                          {std::to_string(assessed)},
                          {std::to_string(feedback)},
                          {std::to_string(trail->uncited_submissions_size())}});
  }
  table.empty_text = "The region's bodies made no decisions in " + Year(data.year) + ".";
  blocks.push_back(std::move(table));
  if (decisions.empty()) {
    // The same CSV files whatever the year held.
    for (Table empty :
         {InputsTable(v1::InfluenceTrail(), names), UncitedTable(v1::InfluenceTrail(), names)}) {
      empty.csv_only = true;
      blocks.push_back(std::move(empty));
    }
  }
  for (const v1::InfluenceTrail* trail : decisions) {
    const v1::DecisionSummary& d = trail->decision();
    blocks.push_back(Heading{3, FormatDate(d.decided_on()) + " " + Localized(d.title())});
    KeyValues facts;
    facts.items.push_back({"Decision", d.decision_id()});
    std::string body = names.Body(d.body_id());
    if (!d.section().empty()) body += " " + d.section();
    facts.items.push_back({"Body", body});
    facts.items.push_back({"Outcome", EnumLabel(v1::DecisionOutcome_descriptor(), d.outcome()) +
                                          (d.annulled() ? " (annulled)" : "")});
    blocks.push_back(std::move(facts));
    blocks.push_back(InputsTable(*trail, names));
    blocks.push_back(UncitedTable(*trail, names));
  }
}

}  // namespace

Document BuildAnnualReport(const AnnualReportData& data) {
  Names names;
  names.Add(data.organisations);
  names.AddOrganisation(data.region);
  names.Add(data.bodies);
  const std::string region_name = names.Organisation(data.region.organisation_id());

  Document document;
  document.title = "Cooperation report " + Year(data.year) + ": " + region_name;
  std::vector<Block>& blocks = document.blocks;
  std::string intro = "The annual cooperation report of " + region_name + " (" +
                      data.region.organisation_id() + ") for " + Year(data.year) +
                      ": its cooperation bodies, consultations, decisions and what they did "
                      "with the input they received, grants, outstanding duties and coverage";
  const v1::Date& as_of = data.provenance.as_of;
  intro += IsSet(as_of) ? ", as of " + FormatDate(as_of) + "." : ", as known at the position.";
  blocks.push_back(Paragraph{intro});
  AppendProvenance(data.provenance, blocks);

  // The sections are built first so that the summary can count them.
  std::vector<Block> sections;
  int64_t changes = 0, statements = 0;
  AppendBodies(data, names, sections, changes);
  AppendConsultations(data, names, sections, statements);
  AppendDecisions(data, names, sections);
  AppendGrants(data, names, sections);
  AppendOutstandingDuties(data, names, sections);
  AppendCoverage(data, sections);

  SummaryCounts summary;
  summary.bodies = static_cast<int64_t>(YearBodies(data).size());
  summary.body_changes = changes;
  summary.statements = statements;
  AppendSummary(data, summary, blocks);
  for (Block& block : sections) blocks.push_back(std::move(block));
  return document;
}

}  // namespace kumppani::report
