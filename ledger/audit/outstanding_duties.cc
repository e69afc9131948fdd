// OutstandingDuties: a pass over the consultations (their submissions and
// the decisions citing them) and one over the decision register.
#include "ledger/audit/outstanding_duties.h"

#include <string_view>

#include "ledger/projections/participation/as_of.h"
#include "ledger/projections/participation/consultation_queries.h"
#include "ledger/projections/participation/decision_queries.h"
#include "ledger/projections/participation/participation_keys.h"
#include "ledger/projections/participation/proposal_queries.h"
#include "ledger/projections/participation/submission_queries.h"

namespace kumppani::audit {
namespace {

namespace p = ::kumppani::projections;

class DutiesBuilder {
 public:
  DutiesBuilder(const p::ParticipationViews& views, const DutiesRequest& request,
                const p::ParentOf& parent_of)
      : views_(views),
        as_of_(request.as_of),
        scope_(request.region_organisation_id, request.body_ids, parent_of) {}

  absl::StatusOr<v1::OutstandingDuties> Build() {
    if (as_of_.has_value()) *duties_.mutable_as_of() = *as_of_;
    if (absl::Status s = FindUnassessed(); !s.ok()) return s;
    if (absl::Status s = FindUninformed(); !s.ok()) return s;
    return std::move(duties_);
  }

 private:
  absl::Status FindUnassessed() {
    std::vector<std::string> ids;
    absl::Status scanned = views_.consultations.ScanStreams(
        p::participation::kConsultationPrefix, "", [&](std::string_view id, std::string_view) {
          ids.emplace_back(id);
          return true;
        });
    if (!scanned.ok()) return scanned;
    for (const std::string& id : ids) {
      absl::StatusOr<std::optional<p::ConsultationRecord>> record =
          p::LoadConsultation(views_.consultations, id);
      if (!record.ok()) return record.status();
      if (!record->has_value() || !scope_.ContainsConsultation((*record)->row.opened())) continue;
      v1::ConsultationSummary consultation = p::SummarizeConsultation(**record, as_of_);
      if (consultation.status() != v1::CONSULTATION_STATUS_CLOSED) continue;
      absl::StatusOr<std::vector<v1::SubmissionSummary>> submissions =
          p::SubmissionsToConsultation(views_.submissions, id, as_of_);
      if (!submissions.ok()) return submissions.status();
      std::optional<std::vector<std::string>> citing_consultation;  // read once, when needed
      for (const v1::SubmissionSummary& submission : *submissions) {
        if (submission.withdrawn()) continue;
        absl::StatusOr<std::vector<std::string>> deciding =
            p::DecisionsCiting(views_.decisions, submission.submission_id(), as_of_);
        if (!deciding.ok()) return deciding.status();
        if (!deciding->empty()) continue;
        if (!citing_consultation.has_value()) {
          absl::StatusOr<std::vector<std::string>> citing =
              p::DecisionsCiting(views_.decisions, id, as_of_);
          if (!citing.ok()) return citing.status();
          citing_consultation = *std::move(citing);
        }
        absl::StatusOr<std::vector<std::string>> proposals =
            p::ProposalsCiting(views_.proposals, submission.submission_id(), as_of_);
        if (!proposals.ok()) return proposals.status();
        v1::UnassessedSubmission* unassessed = duties_.add_unassessed_submissions();
        *unassessed->mutable_submission() = submission;
        *unassessed->mutable_consultation() = consultation;
        for (const std::string& decision : *citing_consultation) {
          unassessed->add_decisions_citing_consultation(decision);
        }
        for (const std::string& proposal : *proposals)
          unassessed->add_citing_proposal_ids(proposal);
      }
    }
    return absl::OkStatus();
  }

  absl::Status FindUninformed() {
    std::vector<std::string> ids;
    p::DecisionRegisterFilter filter;
    filter.to = as_of_;
    absl::Status scanned =
        p::ScanDecisionRegister(views_.decisions, filter, [&](std::string_view id) {
          ids.emplace_back(id);
          return true;
        });
    if (!scanned.ok()) return scanned;
    for (const std::string& id : ids) {
      absl::StatusOr<std::optional<v1::DecisionView>> decision =
          p::FindDecision(views_.decisions, id, as_of_);
      if (!decision.ok()) return decision.status();
      if (!decision->has_value() || !scope_.ContainsBody((*decision)->body_id())) continue;
      for (const v1::ConsideredInputView& input : (*decision)->considered_inputs()) {
        if (input.feedback_size() > 0) continue;
        v1::UninformedInput* uninformed = duties_.add_uninformed_inputs();
        uninformed->set_decision_id(id);
        uninformed->set_body_id((*decision)->body_id());
        *uninformed->mutable_decided_on() = (*decision)->decided_on();
        uninformed->set_input_id(input.input_id());
        uninformed->set_kind(input.kind());
        *uninformed->mutable_assessment() = input.assessment();
        if (input.kind() != v1::INPUT_KIND_SUBMISSION) continue;
        absl::StatusOr<std::optional<v1::SubmissionSummary>> submission =
            p::FindSubmission(views_.submissions, input.input_id(), as_of_);
        if (!submission.ok()) return submission.status();
        if (submission->has_value()) {
          uninformed->set_submitter_organisation_id((*submission)->submitter_organisation_id());
          uninformed->set_submitter_person_id((*submission)->submitter_person_id());
        }
      }
    }
    return absl::OkStatus();
  }

  const p::ParticipationViews& views_;
  const std::optional<v1::Date> as_of_;
  p::BodyScope scope_;
  v1::OutstandingDuties duties_;
};

}  // namespace

absl::StatusOr<v1::OutstandingDuties> OutstandingDuties(
    const projections::ParticipationViews& views, const DutiesRequest& request,
    const projections::ParentOf& parent_of) {
  if (absl::Status valid = p::participation::ValidateAsOf(request.as_of); !valid.ok()) return valid;
  if (!request.region_organisation_id.empty() && !parent_of) {
    return absl::InvalidArgumentError("parent_of: is required with region_organisation_id");
  }
  return DutiesBuilder(views, request, parent_of).Build();
}

}  // namespace kumppani::audit
