// The "decisions" fold (rows and index keys: decisions_projection.h).
#include "ledger/projections/participation/decisions_projection.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "kumppani/v1/participation_views.pb.h"
#include "ledger/projections/participation/participation_keys.h"

namespace kumppani::projections {
namespace {

using participation::kDecisionPrefix;

std::string InputRow(std::string_view input_id) {
  return std::string(participation::kInputRows) + std::string(input_id);
}

std::vector<std::string> IndexKeys(const v1::DecisionRow& row) {
  std::string date = participation::DateKey(row.recorded().decided_on());
  std::vector<std::string> keys;
  keys.push_back(std::string(participation::kRegisterByDate) + date);
  keys.push_back(participation::RegisterBodyPrefix(row.recorded().body_id()) + date);
  for (const std::string& input : row.input_ids()) {
    keys.push_back(participation::CitedInputIndex(input));
  }
  std::erase_if(keys, [](const std::string& key) { return !participation::Storable(key); });
  return keys;
}

class DecisionsProjection final : public Projection {
 public:
  std::string_view name() const override { return participation::kDecisions; }
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override {
    return stream_id.substr(0, kDecisionPrefix.size()) == kDecisionPrefix;
  }

  void Apply(const AppliedEvent& applied, AggregateRows& rows) override {
    const v1::Event& event = applied.event;
    const std::string version = participation::VersionKey(applied.envelope.stream_version());
    switch (event.payload_case()) {
      case v1::Event::kDecisionRecorded:
        Record(event.decision_recorded(), rows);
        break;
      case v1::Event::kInfluenceAssessmentRevised: {
        const v1::InfluenceAssessmentRevised& revised = event.influence_assessment_revised();
        v1::ConsideredInputRow row;
        std::string name = InputRow(revised.considered_input().input_id());
        if (!participation::Storable(name) || !GetMessage(rows, name, &row)) break;
        v1::AssessmentRevision* revision = row.add_revisions();
        *revision->mutable_revised_on() = revised.revised_on();
        *revision->mutable_assessment() = revised.considered_input();
        PutMessage(rows, name, row);
        break;
      }
      case v1::Event::kFeedbackSent: {
        const v1::FeedbackSent& sent = event.feedback_sent();
        v1::ConsideredInputRow row;
        std::string name = InputRow(sent.input_id());
        if (!participation::Storable(name) || !GetMessage(rows, name, &row)) break;
        v1::FeedbackRecord* feedback = row.add_feedback();
        feedback->set_channel(sent.channel());
        *feedback->mutable_sent_on() = sent.sent_on();
        PutMessage(rows, name, row);
        break;
      }
      case v1::Event::kDecisionAppealed: {
        const v1::DecisionAppealed& appealed = event.decision_appealed();
        v1::AppealRecord row;
        *row.mutable_appealed_on() = appealed.appealed_on();
        row.set_appellant_organisation_id(appealed.appellant_organisation_id());
        row.set_appealed_to(appealed.appealed_to());
        row.set_case_reference(appealed.case_reference());
        PutMessage(rows, std::string(participation::kAppealRows) + version, row);
        break;
      }
      case v1::Event::kDecisionAnnulled: {
        v1::AnnulmentRow row;
        *row.mutable_annulled() = event.decision_annulled();
        PutMessage(rows, participation::kAnnulmentRow, row);
        break;
      }
      case v1::Event::kDecisionCorrected: {
        const v1::DecisionCorrected& corrected = event.decision_corrected();
        v1::TextCorrection row;
        *row.mutable_corrected_on() = corrected.corrected_on();
        *row.mutable_text() = corrected.text();
        *row.mutable_reason() = corrected.reason();
        PutMessage(rows, std::string(participation::kCorrectionRows) + version, row);
        break;
      }
      default:
        break;
    }
  }

 private:
  // DecisionRecorded: the main row, one row per input, the index entries. A
  // second recording (low-level API only) replaces the first's inputs.
  static void Record(const v1::DecisionRecorded& recorded, AggregateRows& rows) {
    v1::DecisionRow row;
    if (GetMessage(rows, participation::kMainRow, &row)) {
      for (const std::string& key : IndexKeys(row)) rows.RemoveIndex(key);
      for (const std::string& input : row.input_ids()) rows.Delete(InputRow(input));
    }
    row.Clear();
    *row.mutable_recorded() = recorded;
    row.mutable_recorded()->clear_considered_inputs();
    std::set<std::string> seen;
    for (const v1::ConsideredInput& input : recorded.considered_inputs()) {
      if (!participation::Storable(input.input_id())) continue;  // low-level API only
      if (!seen.insert(input.input_id()).second) continue;       // the first citation counts
      v1::ConsideredInputRow input_row;
      input_row.set_ordinal(row.input_ids_size());
      *input_row.mutable_original() = input;
      PutMessage(rows, InputRow(input.input_id()), input_row);
      row.add_input_ids(input.input_id());
    }
    for (const std::string& key : IndexKeys(row)) rows.AddIndex(key);
    PutMessage(rows, participation::kMainRow, row);
  }
};

}  // namespace

std::unique_ptr<Projection> MakeDecisionsProjection() {
  return std::make_unique<DecisionsProjection>();
}

}  // namespace kumppani::projections
