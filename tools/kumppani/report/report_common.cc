// Pieces both reports share (see report_common.h).
#include "tools/kumppani/report/report_common.h"

#include <string>
#include <vector>

#include "tools/kumppani/report/text_format.h"

namespace kumppani::report {
namespace {

std::string JoinIds(const google::protobuf::RepeatedPtrField<std::string>& items,
                    const std::string& separator) {
  std::string joined;
  for (const std::string& item : items) {
    if (!joined.empty()) joined += separator;
    joined += item;
  }
  return joined;
}

std::string ProvenancePosition(const Provenance& p) {
  std::string text = FormatCount(static_cast<int64_t>(p.position));
  switch (p.source) {
    case Provenance::PositionSource::kHead:
      return text + " (the head of the log when the report was built)";
    case Provenance::PositionSource::kGivenTime:
      return text + " (the last event recorded at or before " + p.given_time + ")";
    default:
      return text;
  }
}

// Outcomes in the order the chart and table show them: from most to least
// taken up, then not assessed. Indexes into OutcomeCounts.
struct OutcomeStyle {
  int index;
  const char* css_class;
};
constexpr OutcomeStyle kOutcomeOrder[] = {
    {v1::INFLUENCE_ASSESSMENT_ADOPTED, "c1"},
    {v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED, "c2"},
    {v1::INFLUENCE_ASSESSMENT_ALREADY_INCLUDED, "c3"},
    {v1::INFLUENCE_ASSESSMENT_NOTED, "c5"},
    {v1::INFLUENCE_ASSESSMENT_NOT_ADOPTED, "c6"},
    {v1::INFLUENCE_ASSESSMENT_OUT_OF_SCOPE, "c7"},
    {7, "c4"},
    {0, "c8"},
};

std::string OutcomeLabel(int index) {
  if (index == 0) return "not assessed";
  if (index == 7) return "other assessment";
  return EnumLabel(v1::InfluenceAssessment_descriptor(), index);
}

std::string OutcomeCsv(int index) {
  if (index == 0) return "not_assessed";
  if (index == 7) return "other";
  return EnumCsv(v1::InfluenceAssessment_descriptor(), index);
}

}  // namespace

void Names::Add(const std::vector<v1::OrganisationView>& organisations) {
  for (const v1::OrganisationView& organisation : organisations) AddOrganisation(organisation);
}

void Names::Add(const std::vector<v1::BodyView>& bodies) {
  for (const v1::BodyView& body : bodies) {
    std::string name = Localized(body.name());
    bodies_[body.body_id()] = name.empty() ? body.body_id() : name;
  }
}

void Names::AddOrganisation(const v1::OrganisationView& organisation) {
  std::string name = Localized(organisation.name());
  organisations_[organisation.organisation_id()] =
      name.empty() ? organisation.organisation_id() : name;
}

std::string Names::Organisation(const std::string& organisation_id) const {
  auto it = organisations_.find(organisation_id);
  return it == organisations_.end() ? organisation_id : it->second;
}

std::string Names::Body(const std::string& body_id) const {
  auto it = bodies_.find(body_id);
  return it == bodies_.end() ? body_id : it->second;
}

void AppendProvenance(const Provenance& p, std::vector<Block>& blocks) {
  blocks.push_back(Heading{2, "Source"});
  blocks.push_back(Paragraph{
      "Every query of this report read the ledger at one log position, so the report is one "
      "consistent snapshot. Building it again with the command below gives the same bytes "
      "as long as the latest signed checkpoint is the same one."});
  KeyValues facts;
  facts.csv_name = "provenance";
  facts.items.push_back(
      {"Log position", ProvenancePosition(p), "read_position", std::to_string(p.position)});
  facts.items.push_back(
      {"As of", IsSet(p.as_of) ? FormatDate(p.as_of) : "no date: everything known at the position",
       "as_of", FormatDate(p.as_of)});
  switch (p.checkpoint) {
    case Provenance::CheckpointState::kPresent: {
      facts.items.push_back({"Checkpoint origin", p.checkpoint_origin, "checkpoint_origin", {}});
      facts.items.push_back({"Checkpoint tree size",
                             FormatCount(static_cast<int64_t>(p.checkpoint_tree_size)),
                             "checkpoint_tree_size", std::to_string(p.checkpoint_tree_size)});
      facts.items.push_back(
          {"Checkpoint root hash", p.checkpoint_root_hash, "checkpoint_root_hash", {}});
      facts.items.push_back({"Checkpoint signed by", p.checkpoint_signer, "checkpoint_signer", {}});
      std::string covers;
      std::string covers_csv;
      if (p.checkpoint_tree_size == p.position) {
        covers = "exactly: the report reads the checkpointed tree";
        covers_csv = "exactly";
      } else if (p.checkpoint_tree_size > p.position) {
        covers =
            "yes: the position is within the checkpointed tree (kumppani verify proves "
            "the log consistent with it)";
        covers_csv = "within";
      } else {
        covers = "no: the position is beyond the latest checkpoint";
        covers_csv = "no";
      }
      facts.items.push_back(
          {"Checkpoint covers the report", covers, "checkpoint_covers", covers_csv});
      break;
    }
    case Provenance::CheckpointState::kNotPermitted:
      facts.items.push_back({"Checkpoint",
                             "not readable with this token (checkpoints need an admin, recorder "
                             "or auditor token)",
                             "checkpoint", "not_permitted"});
      break;
    case Provenance::CheckpointState::kNoneYet:
      facts.items.push_back(
          {"Checkpoint", "none signed yet by the server", "checkpoint", "none_yet"});
      break;
  }
  facts.items.push_back({"Rebuild with", p.rebuild_command, "rebuild_command", {}});
  blocks.push_back(std::move(facts));
}

std::string SubmitterText(const v1::SubmissionSummary& submission, const Names& names) {
  std::string text = submission.submitter_organisation_id().empty()
                         ? "a private person"
                         : names.Organisation(submission.submitter_organisation_id());
  if (!submission.on_behalf_of_organisation_ids().empty()) {
    std::string behalf;
    for (const std::string& id : submission.on_behalf_of_organisation_ids()) {
      if (!behalf.empty()) behalf += ", ";
      behalf += names.Organisation(id);
    }
    text += " on behalf of " + behalf;
  }
  return text;
}

std::string InputText(const v1::TrailInput& input, const Names& names) {
  if (!input.found()) return input.input_id() + " (not found at this position and date)";
  switch (input.kind()) {
    case v1::INPUT_KIND_SUBMISSION: {
      std::string text = "Statement by " + SubmitterText(input.submission(), names);
      std::string subject = Localized(input.consultation().subject());
      return subject.empty() ? text : text + ": " + subject;
    }
    case v1::INPUT_KIND_CONSULTATION:
      return "Consultation: " + Localized(input.consultation().subject());
    case v1::INPUT_KIND_PROPOSAL:
      return "Proposal of " + names.Body(input.proposal().from_body_id()) + ": " +
             Localized(input.proposal().title());
    case v1::INPUT_KIND_DECISION:
      return "Decision of " + names.Body(input.decision().body_id()) + ": " +
             Localized(input.decision().title());
    default:
      return input.input_id();
  }
}

std::string InputDate(const v1::TrailInput& input) {
  switch (input.kind()) {
    case v1::INPUT_KIND_SUBMISSION:
      return FormatDate(input.submission().received_on());
    case v1::INPUT_KIND_CONSULTATION:
      return FormatDate(IsSet(input.consultation().closed_on()) ? input.consultation().closed_on()
                                                                : input.consultation().deadline());
    case v1::INPUT_KIND_PROPOSAL:
      return FormatDate(input.proposal().proposed_on());
    case v1::INPUT_KIND_DECISION:
      return FormatDate(input.decision().decided_on());
    default:
      return "";
  }
}

std::string FeedbackText(const google::protobuf::RepeatedPtrField<v1::FeedbackRecord>& feedback) {
  if (feedback.empty()) return "not sent";
  std::string text;
  for (const v1::FeedbackRecord& record : feedback) {
    if (!text.empty()) text += "; ";
    text += FormatDate(record.sent_on()) + " (" +
            EnumLabel(v1::Channel_descriptor(), record.channel()) + ")";
  }
  return text;
}

std::string FeedbackCsv(const google::protobuf::RepeatedPtrField<v1::FeedbackRecord>& feedback) {
  std::string text;
  for (const v1::FeedbackRecord& record : feedback) {
    if (!text.empty()) text += ";";
    text += FormatDate(record.sent_on());
  }
  return text;
}

void CountOutcomes(const v1::InfluenceTrail& trail, OutcomeCounts& counts) {
  for (const v1::TrailInput& input : trail.inputs()) {
    if (!input.cited_directly()) continue;
    int value = input.assessed() ? input.assessment().assessment() : 0;
    if (value < 0 || value > 6) value = 7;
    ++counts[static_cast<size_t>(value)];
  }
}

StackedBar OutcomeChart(const std::string& title, const OutcomeCounts& counts) {
  StackedBar chart;
  chart.title = title;
  for (const OutcomeStyle& style : kOutcomeOrder) {
    chart.shares.push_back(
        {OutcomeLabel(style.index), counts[static_cast<size_t>(style.index)], style.css_class});
  }
  return chart;
}

Table OutcomeTable(const std::string& caption, const OutcomeCounts& counts) {
  Table table;
  table.name = "outcome_shares";
  table.caption = caption;
  table.columns = {
      {"Assessment", "assessment"}, {"Inputs", "inputs", true}, {"Share", "share_percent", true}};
  int64_t total = 0;
  for (int64_t count : counts) total += count;
  for (const OutcomeStyle& style : kOutcomeOrder) {
    const int64_t count = counts[static_cast<size_t>(style.index)];
    table.rows.push_back({{OutcomeLabel(style.index), OutcomeCsv(style.index)},
                          {FormatCount(count), std::to_string(count)},
                          {FormatPercent(count, total), CsvPercent(count, total)}});
  }
  table.rows.push_back({{"all inputs cited directly", std::string("total")},
                        {FormatCount(total), std::to_string(total)},
                        {FormatPercent(total, total), CsvPercent(total, total)}});
  return table;
}

std::string CitedText(const v1::TrailInput& input) {
  if (input.cited_directly()) return "directly";
  return "through " + JoinIds(input.via_proposal_ids(), ", ");
}

Table InputsTable(const v1::InfluenceTrail& trail, const Names& names) {
  Table table;
  table.name = "decision_inputs";
  table.caption = "Inputs the decision considered";
  table.columns = {{"Decision", "decision_id", false, true},
                   {"#", "order", true},
                   {"Input", "input"},
                   {"Id", "input_id"},
                   {"Kind", "kind"},
                   {"Date", "input_date"},
                   {"Cited", "cited"},
                   {"Via proposals", "via_proposal_ids", false, true},
                   {"Assessment", "assessment"},
                   {"Changed section", "changed_section"},
                   {"Rationale", "rationale"},
                   {"Revisions", "revisions", true},
                   {"Feedback", "feedback_sent_on"}};
  int order = 0;
  for (const v1::TrailInput& input : trail.inputs()) {
    ++order;
    std::string assessment = "not assessed";
    std::string assessment_csv;
    if (!input.cited_directly()) {
      assessment = "(through proposals)";
    } else if (input.assessed()) {
      assessment = EnumLabel(v1::InfluenceAssessment_descriptor(), input.assessment().assessment());
      assessment_csv =
          EnumCsv(v1::InfluenceAssessment_descriptor(), input.assessment().assessment());
    }
    std::string revisions;
    if (!input.assessment_history().empty()) {
      revisions = std::to_string(input.assessment_history_size()) + " (last " +
                  FormatDate(input.assessment_history().rbegin()->revised_on()) + ")";
    }
    table.rows.push_back(
        {{trail.decision().decision_id()},
         {std::to_string(order)},
         {InputText(input, names)},
         {input.input_id()},
         {EnumLabel(v1::InputKind_descriptor(), input.kind()),
          EnumCsv(v1::InputKind_descriptor(), input.kind())},
         {InputDate(input)},
         {CitedText(input), std::string(input.cited_directly() ? "directly" : "through")},
         {JoinIds(input.via_proposal_ids(), ";")},
         {assessment, assessment_csv},
         {input.assessment().changed_section()},
         {Localized(input.assessment().rationale())},
         {revisions, std::to_string(input.assessment_history_size())},
         {input.cited_directly() ? FeedbackText(input.feedback()) : "",
          FeedbackCsv(input.feedback())}});
  }
  table.empty_text = "The decision cites no inputs.";
  return table;
}

Table UncitedTable(const v1::InfluenceTrail& trail, const Names& names) {
  Table table;
  table.name = "uncited_submissions";
  table.caption = "Submissions on the subject the decision did not cite";
  table.columns = {{"Decision", "decision_id", false, true},
                   {"Submission", "submission_id"},
                   {"Submitter", "submitter"},
                   {"Consultation", "consultation"},
                   {"Consultation id", "consultation_id", false, true},
                   {"Received", "received_on"},
                   {"Late", "late"},
                   {"Why it belongs here", "relation"}};
  for (const v1::UncitedSubmission& uncited : trail.uncited_submissions()) {
    table.rows.push_back({{trail.decision().decision_id()},
                          {uncited.submission().submission_id()},
                          {SubmitterText(uncited.submission(), names)},
                          {Localized(uncited.consultation().subject())},
                          {uncited.consultation().consultation_id()},
                          {FormatDate(uncited.submission().received_on())},
                          {uncited.submission().late() ? "yes" : "no"},
                          {EnumLabel(v1::UncitedRelation_descriptor(), uncited.relation()),
                           EnumCsv(v1::UncitedRelation_descriptor(), uncited.relation())}});
  }
  table.empty_text = "None: every submission on the subject was cited.";
  return table;
}

}  // namespace kumppani::report
