// The influence trail report of one decision (see trail_report.h).
#include "tools/kumppani/report/trail_report.h"

#include <string>
#include <vector>

#include "tools/kumppani/report/report_common.h"
#include "tools/kumppani/report/text_format.h"

namespace kumppani::report {
namespace {

KeyValue Count(const std::string& key, int64_t value, const std::string& csv_key) {
  return {key, FormatCount(value), csv_key, std::to_string(value)};
}

void AppendDecision(const TrailReportData& data, const Names& names, std::vector<Block>& blocks) {
  const v1::DecisionSummary& d = data.trail.decision();
  const v1::DecisionView& full = data.decision;
  blocks.push_back(Heading{2, "Decision"});
  KeyValues facts;
  facts.csv_name = "decision";
  facts.items.push_back({"Decision", d.decision_id(), "decision_id", {}});
  facts.items.push_back({"Title", Localized(d.title()), "title", {}});
  facts.items.push_back({"Body", names.Body(d.body_id()), "body_id", d.body_id()});
  if (!full.meeting_id().empty()) {
    facts.items.push_back({"Meeting", full.meeting_id(), "meeting_id", {}});
  }
  if (!d.section().empty()) facts.items.push_back({"Section", d.section(), "section", {}});
  if (!d.diary_number().empty()) {
    facts.items.push_back({"Diary number", d.diary_number(), "diary_number", {}});
  }
  facts.items.push_back({"Decided on", FormatDate(d.decided_on()), "decided_on", {}});
  facts.items.push_back({"Outcome", EnumLabel(v1::DecisionOutcome_descriptor(), d.outcome()),
                         "outcome", EnumCsv(v1::DecisionOutcome_descriptor(), d.outcome())});
  if (full.annulled()) {
    facts.items.push_back({"Annulled",
                           FormatDate(full.annulled_on()) + " by " + full.annulled_by() + ": " +
                               Localized(full.annulment_reason()),
                           "annulled_on", FormatDate(full.annulled_on())});
  }
  if (full.corrections_size() > 0) {
    facts.items.push_back(Count("Corrections of the text", full.corrections_size(), "corrections"));
  }
  std::string appeals;
  for (const v1::AppealRecord& appeal : full.appeals()) {
    if (!appeals.empty()) appeals += "; ";
    appeals += FormatDate(appeal.appealed_on()) + " to " + appeal.appealed_to();
    if (!appeal.appellant_organisation_id().empty()) {
      appeals += " by " + names.Organisation(appeal.appellant_organisation_id());
    }
  }
  facts.items.push_back({"Appeals", appeals.empty() ? "none" : appeals, "appeals",
                         std::to_string(full.appeals_size())});
  blocks.push_back(std::move(facts));
  const std::string text = Localized(full.text());
  if (!text.empty()) {
    blocks.push_back(Heading{3, "Text"});
    blocks.push_back(Paragraph{text});
  }
}

void AppendSummary(const v1::InfluenceTrail& trail, std::vector<Block>& blocks) {
  int64_t direct = 0, through = 0, assessed = 0, feedback = 0;
  for (const v1::TrailInput& input : trail.inputs()) {
    if (!input.cited_directly()) {
      ++through;
      continue;
    }
    ++direct;
    assessed += input.assessed() ? 1 : 0;
    feedback += input.feedback_sent() ? 1 : 0;
  }
  blocks.push_back(Heading{2, "Summary"});
  KeyValues facts;
  facts.csv_name = "summary";
  facts.items = {
      Count("Inputs considered", trail.inputs_size(), "inputs"),
      Count("Cited by the decision itself", direct, "inputs_cited_directly"),
      Count("Reached it only through proposals", through, "inputs_through_proposals"),
      {"Assessed",
       FormatCount(assessed) + " of " + FormatCount(direct) + " (" +
           FormatPercent(assessed, direct) + ")",
       "inputs_assessed", std::to_string(assessed)},
      {"Feedback sent",
       FormatCount(feedback) + " of " + FormatCount(direct) + " (" +
           FormatPercent(feedback, direct) + ")",
       "inputs_with_feedback", std::to_string(feedback)},
      Count("Submissions on the subject not cited", trail.uncited_submissions_size(),
            "uncited_submissions"),
  };
  blocks.push_back(std::move(facts));
}

void AppendRevisions(const v1::InfluenceTrail& trail, std::vector<Block>& blocks) {
  Table table;
  table.name = "assessment_revisions";
  table.caption = "Revisions of assessments";
  table.columns = {{"Input", "input_id"},
                   {"Revised on", "revised_on"},
                   {"Assessment", "assessment"},
                   {"Rationale", "rationale"}};
  for (const v1::TrailInput& input : trail.inputs()) {
    for (const v1::AssessmentRevision& revision : input.assessment_history()) {
      const int value = revision.assessment().assessment();
      table.rows.push_back({{input.input_id()},
                            {FormatDate(revision.revised_on())},
                            {EnumLabel(v1::InfluenceAssessment_descriptor(), value),
                             EnumCsv(v1::InfluenceAssessment_descriptor(), value)},
                            {Localized(revision.assessment().rationale())}});
    }
  }
  table.empty_text = "No assessment was revised.";
  blocks.push_back(std::move(table));
}

}  // namespace

Document BuildTrailReport(const TrailReportData& data) {
  Names names;
  names.Add(data.organisations);
  names.Add(data.bodies);
  const v1::InfluenceTrail& trail = data.trail;
  const v1::DecisionSummary& d = trail.decision();

  Document document;
  document.title = "Influence trail: " + Localized(d.title());
  std::string intro = "What " + names.Body(d.body_id()) +
                      " did with the input it was given when it decided \"" + Localized(d.title()) +
                      "\" on " + FormatDate(d.decided_on()) +
                      ": every input it considered, directly or through the proposals it cites, "
                      "with its assessment and the feedback sent, and the submissions on the same "
                      "subject it did not cite";
  const v1::Date& as_of = data.provenance.as_of;
  intro += IsSet(as_of) ? ", as of " + FormatDate(as_of) + "." : ".";
  document.blocks.push_back(Paragraph{intro});
  AppendProvenance(data.provenance, document.blocks);
  AppendDecision(data, names, document.blocks);
  AppendSummary(trail, document.blocks);

  document.blocks.push_back(Heading{2, "What the decision did with its inputs"});
  OutcomeCounts counts{};
  CountOutcomes(trail, counts);
  document.blocks.push_back(OutcomeChart("Outcome shares of the inputs cited directly", counts));
  document.blocks.push_back(OutcomeTable("Outcome of the inputs cited directly", counts));

  document.blocks.push_back(Heading{2, "Inputs"});
  document.blocks.push_back(InputsTable(trail, names));
  AppendRevisions(trail, document.blocks);

  document.blocks.push_back(Heading{2, "Submissions not cited"});
  document.blocks.push_back(UncitedTable(trail, names));
  return document;
}

}  // namespace kumppani::report
