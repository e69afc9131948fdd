// The summary, grants, outstanding duties and coverage sections of the
// annual cooperation report (see annual_sections.h).
#include "tools/kumppani/report/annual_sections.h"

#include <algorithm>
#include <climits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "tools/kumppani/report/text_format.h"

namespace kumppani::report {
namespace {

std::string Year(int year) { return std::to_string(year); }

KeyValue Count(const std::string& key, int64_t value, const std::string& csv_key) {
  return {key, FormatCount(value), csv_key, std::to_string(value)};
}

KeyValue Money(const std::string& key, int64_t cents, const std::string& csv_key) {
  return {key, FormatEuros(cents), csv_key, CsvEuros(cents)};
}

// "3 of 4 (75.0%)".
KeyValue Part(const std::string& key, int64_t part, int64_t whole, const std::string& csv_key) {
  return {key,
          FormatCount(part) + " of " + FormatCount(whole) + " (" + FormatPercent(part, whole) + ")",
          csv_key, std::to_string(part)};
}

Cell MoneyCell(int64_t cents) { return {FormatEuros(cents), CsvEuros(cents)}; }
Cell CountCell(int64_t value) { return {FormatCount(value), std::to_string(value)}; }

bool ByTime(const google::protobuf::Timestamp& a, const google::protobuf::Timestamp& b) {
  return std::make_tuple(a.seconds(), a.nanos()) < std::make_tuple(b.seconds(), b.nanos());
}

std::string SortedJoin(const google::protobuf::RepeatedPtrField<std::string>& items,
                       const std::string& separator) {
  std::vector<std::string> sorted(items.begin(), items.end());
  std::sort(sorted.begin(), sorted.end());
  std::string joined;
  for (const std::string& item : sorted) {
    if (!joined.empty()) joined += separator;
    joined += item;
  }
  return joined;
}

}  // namespace

void AppendSummary(const AnnualReportData& data, const SummaryCounts& counts,
                   std::vector<Block>& blocks) {
  blocks.push_back(Heading{2, "Summary"});
  int64_t cited = 0, assessed = 0, feedback = 0, uncited = 0;
  for (const v1::InfluenceTrail& trail : data.decisions) {
    uncited += trail.uncited_submissions_size();
    for (const v1::TrailInput& input : trail.inputs()) {
      if (!input.cited_directly()) continue;
      ++cited;
      assessed += input.assessed() ? 1 : 0;
      feedback += input.feedback_sent() ? 1 : 0;
    }
  }
  const v1::GrantTotalsGroup& grants = data.grant_totals.total();
  KeyValues facts;
  facts.csv_name = "summary";
  facts.items = {
      Count("Cooperation bodies", counts.bodies, "bodies"),
      Count("Changes in bodies and memberships", counts.body_changes, "body_changes"),
      Count("Consultations opened", static_cast<int64_t>(data.consultations.size()),
            "consultations_opened"),
      Count("Statements recorded in them", counts.statements, "statements_recorded"),
      Count("Decisions", static_cast<int64_t>(data.decisions.size()), "decisions"),
      Count("Inputs the decisions cited directly", cited, "inputs_cited"),
      Part("Of these, assessed", assessed, cited, "inputs_assessed"),
      Part("Of these, feedback sent", feedback, cited, "inputs_with_feedback"),
      Count("Submissions on the subjects not cited", uncited, "uncited_submissions"),
      Count("Grant applications", grants.grant_count(), "grant_applications"),
      Count("Grants awarded", grants.awarded_count(), "grants_awarded"),
      Money("Amount awarded", grants.amounts().awarded_cents(), "awarded_eur"),
      Money("Amount paid", grants.amounts().paid_cents(), "paid_eur"),
      Count("Statements still unassessed", static_cast<int64_t>(data.unassessed_submissions.size()),
            "unassessed_submissions"),
      Count("Cited inputs without feedback", static_cast<int64_t>(data.uninformed_inputs.size()),
            "uninformed_inputs"),
  };
  blocks.push_back(std::move(facts));
}

void AppendGrants(const AnnualReportData& data, const Names& names, std::vector<Block>& blocks) {
  std::map<std::string, std::string> titles;
  for (const v1::GrantProgrammeView& p : data.programmes)
    titles[p.programme_id()] = Localized(p.title());
  auto programme = [&titles](const std::string& id) {
    auto it = titles.find(id);
    return it == titles.end() || it->second.empty() ? id : it->second;
  };

  blocks.push_back(Heading{2, "Grants applied for in " + Year(data.year)});
  blocks.push_back(
      Paragraph{"Grants of the programmes the region funds whose application was "
                "made in " +
                Year(data.year) + ", each as it stood on the as-of date."});
  const v1::GrantTotalsGroup& total = data.grant_totals.total();
  const v1::GrantAmounts& sum = total.amounts();
  KeyValues totals;
  totals.csv_name = "grant_totals";
  totals.items = {Count("Applications", total.grant_count(), "applications"),
                  Count("Awarded", total.awarded_count(), "awarded"),
                  Count("Rejected", total.rejected_count(), "rejected"),
                  Money("Applied for", sum.applied_cents(), "applied_eur"),
                  Money("Awarded", sum.awarded_cents(), "awarded_eur"),
                  Money("Paid", sum.paid_cents(), "paid_eur"),
                  Money("Returned", sum.returned_cents(), "returned_eur"),
                  Money("Reclaimed", sum.reclaimed_cents(), "reclaimed_eur"),
                  Money("Outstanding (paid - returned - reclaimed)", sum.outstanding_cents(),
                        "outstanding_eur")};
  blocks.push_back(std::move(totals));

  std::vector<const v1::GrantTotalsGroup*> groups;
  for (const v1::GrantTotalsGroup& g : data.grant_totals.groups()) groups.push_back(&g);
  std::sort(groups.begin(), groups.end(),
            [](const v1::GrantTotalsGroup* a, const v1::GrantTotalsGroup* b) {
              return a->key() < b->key();
            });
  Table by_programme;
  by_programme.name = "grants_by_programme";
  by_programme.caption = "By programme";
  by_programme.columns = {{"Programme", "programme"},
                          {"Id", "programme_id"},
                          {"Applications", "applications", true},
                          {"Awarded", "awarded", true},
                          {"Rejected", "rejected", true},
                          {"Awarded €", "awarded_eur", true},
                          {"Paid €", "paid_eur", true},
                          {"Returned €", "returned_eur", true},
                          {"Reclaimed €", "reclaimed_eur", true},
                          {"Outstanding €", "outstanding_eur", true}};
  for (const v1::GrantTotalsGroup* g : groups) {
    by_programme.rows.push_back({{programme(g->key())},
                                 {g->key()},
                                 CountCell(g->grant_count()),
                                 CountCell(g->awarded_count()),
                                 CountCell(g->rejected_count()),
                                 MoneyCell(g->amounts().awarded_cents()),
                                 MoneyCell(g->amounts().paid_cents()),
                                 MoneyCell(g->amounts().returned_cents()),
                                 MoneyCell(g->amounts().reclaimed_cents()),
                                 MoneyCell(g->amounts().outstanding_cents())});
  }
  by_programme.empty_text = "No grant applications.";
  blocks.push_back(std::move(by_programme));

  std::vector<const v1::GrantView*> grants;
  for (const v1::GrantView& g : data.grants) grants.push_back(&g);
  std::sort(grants.begin(), grants.end(), [](const v1::GrantView* a, const v1::GrantView* b) {
    return a->grant_id() < b->grant_id();
  });
  Table table;
  table.name = "grants";
  table.caption = "Grants";
  table.columns = {{"Grant", "grant_id"},
                   {"Recipient", "recipient"},
                   {"Recipient id", "recipient_organisation_id", false, true},
                   {"Programme", "programme_id"},
                   {"Applied on", "applied_on"},
                   {"Stage", "stage"},
                   {"Decided on", "decided_on"},
                   {"Applied €", "applied_eur", true},
                   {"Awarded €", "awarded_eur", true},
                   {"Paid €", "paid_eur", true},
                   {"Returned €", "returned_eur", true},
                   {"Reclaimed €", "reclaimed_eur", true}};
  for (const v1::GrantView* g : grants) {
    const v1::GrantAmounts& a = g->amounts();
    table.rows.push_back({{g->grant_id()},
                          {names.Organisation(g->applicant_organisation_id())},
                          {g->applicant_organisation_id()},
                          {g->programme_id()},
                          {FormatDate(g->applied_on())},
                          {EnumLabel(v1::GrantStage_descriptor(), g->stage()),
                           EnumCsv(v1::GrantStage_descriptor(), g->stage())},
                          {FormatDate(g->decision().decided_on())},
                          MoneyCell(a.applied_cents()),
                          MoneyCell(a.awarded_cents()),
                          MoneyCell(a.paid_cents()),
                          MoneyCell(a.returned_cents()),
                          MoneyCell(a.reclaimed_cents())});
  }
  table.empty_text = "No grant applications.";
  blocks.push_back(std::move(table));
}

void AppendOutstandingDuties(const AnnualReportData& data, const Names& names,
                             std::vector<Block>& blocks) {
  std::map<std::string, std::string> decision_titles;
  for (const v1::InfluenceTrail& t : data.decisions) {
    decision_titles[t.decision().decision_id()] = Localized(t.decision().title());
  }
  blocks.push_back(Heading{2, "Outstanding duties"});
  blocks.push_back(Paragraph{
      "What the region still owed on the as-of date to those who gave their views, whatever "
      "the year: statements to closed consultations that no decision assessed, and inputs "
      "that decisions cited without telling their submitters what became of them."});

  std::vector<const v1::UnassessedSubmission*> unassessed;
  for (const v1::UnassessedSubmission& u : data.unassessed_submissions) unassessed.push_back(&u);
  std::stable_sort(
      unassessed.begin(), unassessed.end(),
      [](const v1::UnassessedSubmission* a, const v1::UnassessedSubmission* b) {
        if (a->consultation().consultation_id() != b->consultation().consultation_id()) {
          return a->consultation().consultation_id() < b->consultation().consultation_id();
        }
        if (ByTime(a->submission().received_at(), b->submission().received_at())) return true;
        if (ByTime(b->submission().received_at(), a->submission().received_at())) return false;
        return a->submission().submission_id() < b->submission().submission_id();
      });
  Table table;
  table.name = "unassessed_submissions";
  table.caption = "Statements no decision assessed";
  table.columns = {
      {"Submission", "submission_id"},
      {"Submitter", "submitter"},
      {"Consultation", "consultation"},
      {"Consultation id", "consultation_id", false, true},
      {"Received", "received_on"},
      {"Consultation closed", "closed_on"},
      {"Decisions citing the consultation as a whole", "decisions_citing_consultation"}};
  for (const v1::UnassessedSubmission* u : unassessed) {
    table.rows.push_back({{u->submission().submission_id()},
                          {SubmitterText(u->submission(), names)},
                          {Localized(u->consultation().subject())},
                          {u->consultation().consultation_id()},
                          {FormatDate(u->submission().received_on())},
                          {FormatDate(u->consultation().closed_on())},
                          {SortedJoin(u->decisions_citing_consultation(), ", "),
                           SortedJoin(u->decisions_citing_consultation(), ";")}});
  }
  table.empty_text = "None: every statement to a closed consultation was assessed.";
  blocks.push_back(std::move(table));

  // Within a decision, its inputs in the decision's own order (their order
  // in its trail), then by id: never the order of the answers.
  std::map<std::pair<std::string, std::string>, int> rank_in_decision;
  for (const v1::InfluenceTrail& t : data.decisions) {
    int rank = 0;
    for (const v1::TrailInput& input : t.inputs()) {
      rank_in_decision.try_emplace({t.decision().decision_id(), input.input_id()}, rank++);
    }
  }
  auto rank = [&](const v1::UninformedInput& u) {
    auto found = rank_in_decision.find({u.decision_id(), u.input_id()});
    return found == rank_in_decision.end() ? INT_MAX : found->second;
  };
  std::vector<const v1::UninformedInput*> uninformed;
  for (const v1::UninformedInput& u : data.uninformed_inputs) uninformed.push_back(&u);
  std::sort(uninformed.begin(), uninformed.end(),
            [&](const v1::UninformedInput* a, const v1::UninformedInput* b) {
              int by_date = CompareDates(a->decided_on(), b->decided_on());
              if (by_date != 0) return by_date < 0;
              if (a->decision_id() != b->decision_id()) return a->decision_id() < b->decision_id();
              if (rank(*a) != rank(*b)) return rank(*a) < rank(*b);
              if (a->input_id() != b->input_id()) return a->input_id() < b->input_id();
              return a->SerializeAsString() < b->SerializeAsString();
            });
  Table inputs;
  inputs.name = "uninformed_inputs";
  inputs.caption = "Cited inputs whose submitters were not told the outcome";
  inputs.columns = {{"Decided", "decided_on"},
                    {"Decision", "decision"},
                    {"Decision id", "decision_id", false, true},
                    {"Body", "body"},
                    {"Input", "input_id"},
                    {"Kind", "kind"},
                    {"Assessment", "assessment"},
                    {"Submitter", "submitter"}};
  for (const v1::UninformedInput* u : uninformed) {
    auto title = decision_titles.find(u->decision_id());
    std::string submitter;
    if (!u->submitter_organisation_id().empty()) {
      submitter = names.Organisation(u->submitter_organisation_id());
    } else if (u->kind() == v1::INPUT_KIND_SUBMISSION) {
      submitter = "a private person";
    }
    inputs.rows.push_back(
        {{FormatDate(u->decided_on())},
         {title == decision_titles.end() || title->second.empty() ? u->decision_id()
                                                                  : title->second},
         {u->decision_id()},
         {names.Body(u->body_id()), u->body_id()},
         {u->input_id()},
         {EnumLabel(v1::InputKind_descriptor(), u->kind()),
          EnumCsv(v1::InputKind_descriptor(), u->kind())},
         {EnumLabel(v1::InfluenceAssessment_descriptor(), u->assessment().assessment()),
          EnumCsv(v1::InfluenceAssessment_descriptor(), u->assessment().assessment())},
         {submitter, u->submitter_organisation_id()}});
  }
  inputs.empty_text = "None: feedback was sent on every cited input.";
  blocks.push_back(std::move(inputs));
}

void AppendCoverage(const AnnualReportData& data, std::vector<Block>& blocks) {
  const v1::CoverageStatistics& c = data.coverage;
  blocks.push_back(Heading{2, "Coverage statistics for " + Year(data.year)});
  blocks.push_back(Paragraph{"AuditService coverage statistics for the decision days " +
                             FormatDate(c.from()) + " to " + FormatDate(c.to()) +
                             ": how well the region consulted before it decided."});
  std::string days = "no consultation closed before a decision";
  if (c.close_to_decision_samples() > 0) {
    days = "min " + FormatCount(c.close_to_decision_days_min()) + ", median " +
           FormatHalves(c.close_to_decision_days_median()) + ", max " +
           FormatCount(c.close_to_decision_days_max()) + " (" +
           FormatCount(c.close_to_decision_samples()) + " decision-consultation pairs)";
  }
  std::string without = SortedJoin(c.decisions_without_consultation(), ", ");
  KeyValues facts;
  facts.csv_name = "coverage";
  facts.items = {
      Count("Decisions counted", c.decisions(), "decisions"),
      Part("Preceded by a consultation", c.decisions_preceded_by_consultation(), c.decisions(),
           "decisions_preceded_by_consultation"),
      {"Decisions without a consultation", without.empty() ? "none" : without,
       "decisions_without_consultation", SortedJoin(c.decisions_without_consultation(), ";")},
      Count("Consultations opened", c.consultations_size(), "consultations"),
      Count("Organisations invited individually", c.invited_organisations(),
            "invited_organisations"),
      Part("Invited organisations that responded", c.invited_responded(), c.invited_organisations(),
           "invited_responded"),
      {"Days from a consultation's close to the decision", days, "close_to_decision_days",
       c.close_to_decision_samples() > 0 ? std::to_string(c.close_to_decision_days_min()) + ";" +
                                               FormatHalves(c.close_to_decision_days_median()) +
                                               ";" + std::to_string(c.close_to_decision_days_max())
                                         : ""},
      Count("Inputs cited directly", c.considered_inputs(), "considered_inputs"),
      Part("Assessed", c.inputs_assessed(), c.considered_inputs(), "inputs_assessed"),
      Part("Feedback sent", c.inputs_with_feedback(), c.considered_inputs(),
           "inputs_with_feedback"),
  };
  blocks.push_back(std::move(facts));
}

}  // namespace kumppani::report
