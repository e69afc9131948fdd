// InfluenceTrail: the decision's inputs (ReachInputs) described from the
// participation read models, then the uncited submissions of the trail's
// consultations.
#include "ledger/audit/influence_trail.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ledger/projections/participation/as_of.h"
#include "ledger/projections/participation/consultation_queries.h"
#include "ledger/projections/participation/decision_queries.h"
#include "ledger/projections/participation/influence_graph.h"
#include "ledger/projections/participation/proposal_queries.h"
#include "ledger/projections/participation/submission_queries.h"

namespace kumppani::audit {
namespace {

namespace p = ::kumppani::projections;

class TrailBuilder {
 public:
  // Builds into `trail`, with temporaries on its arena (if any).
  TrailBuilder(const p::ParticipationViews& views, std::optional<v1::Date> as_of,
               v1::InfluenceTrail& trail)
      : views_(views), as_of_(std::move(as_of)), trail_(trail) {}

  absl::Status Build(const v1::DecisionView& decision) {
    *trail_.mutable_decision() = p::SummarizeDecision(decision);
    if (as_of_.has_value()) *trail_.mutable_as_of() = *as_of_;
    std::map<std::string, const v1::ConsideredInputView*> direct;
    for (const v1::ConsideredInputView& input : decision.considered_inputs()) {
      direct.emplace(input.input_id(), &input);
    }
    absl::StatusOr<std::vector<p::ReachedInput>> reached =
        p::ReachInputs(views_.proposals, decision, as_of_);
    if (!reached.ok()) return reached.status();
    for (const p::ReachedInput& input : *reached) {
      auto it = direct.find(input.input_id);
      absl::Status described =
          Describe(input, it != direct.end() ? it->second : nullptr, trail_.add_inputs());
      if (!described.ok()) return described;
    }
    if (absl::Status s = AddDocumentSiblings(); !s.ok()) return s;
    return AddUncited(decision.decided_on());
  }

 private:
  // Fills one trail entry from the read models.
  absl::Status Describe(const p::ReachedInput& reached, const v1::ConsideredInputView* direct,
                        v1::TrailInput* entry) {
    entry->set_input_id(reached.input_id);
    entry->set_kind(reached.kind);
    entry->set_cited_directly(reached.cited_directly);
    for (const std::string& via : reached.via_proposal_ids) entry->add_via_proposal_ids(via);
    if (direct != nullptr) {
      *entry->mutable_assessment() = direct->assessment();
      entry->set_assessed(direct->assessment().assessment() !=
                          v1::INFLUENCE_ASSESSMENT_UNSPECIFIED);
      *entry->mutable_assessment_history() = direct->revisions();
      *entry->mutable_feedback() = direct->feedback();
      entry->set_feedback_sent(direct->feedback_size() > 0);
    }
    switch (reached.kind) {
      case v1::INPUT_KIND_SUBMISSION: {
        cited_submissions_.insert(reached.input_id);
        absl::StatusOr<std::optional<v1::SubmissionSummary>> submission =
            p::FindSubmission(views_.submissions, reached.input_id, as_of_);
        if (!submission.ok()) return submission.status();
        if (!submission->has_value()) return absl::OkStatus();
        entry->set_found(true);
        *entry->mutable_submission() = **std::move(submission);
        const std::string& consultation_id = entry->submission().consultation_id();
        Relate(consultation_id, v1::UNCITED_RELATION_SAME_CONSULTATION);
        return DescribeConsultation(consultation_id, entry, /*is_input=*/false);
      }
      case v1::INPUT_KIND_CONSULTATION:
        Relate(reached.input_id, v1::UNCITED_RELATION_CONSULTATION_CITED);
        return DescribeConsultation(reached.input_id, entry, /*is_input=*/true);
      case v1::INPUT_KIND_PROPOSAL:
        if (reached.proposal.has_value()) {
          entry->set_found(true);
          *entry->mutable_proposal() = p::SummarizeProposal(*reached.proposal);
        }
        return absl::OkStatus();
      case v1::INPUT_KIND_DECISION: {
        absl::StatusOr<std::optional<v1::DecisionSummary>> cited =
            p::FindDecisionSummary(views_.decisions, reached.input_id, as_of_);
        if (!cited.ok()) return cited.status();
        if (cited->has_value()) {
          entry->set_found(true);
          *entry->mutable_decision() = **std::move(cited);
        }
        return absl::OkStatus();
      }
      default:
        return absl::OkStatus();  // meetings live in the registry area
    }
  }

  absl::Status DescribeConsultation(const std::string& consultation_id, v1::TrailInput* entry,
                                    bool is_input) {
    absl::StatusOr<const p::ConsultationRecord*> record = Consultation(consultation_id);
    if (!record.ok()) return record.status();
    if (*record == nullptr) return absl::OkStatus();
    if (is_input) entry->set_found(true);
    *entry->mutable_consultation() = p::SummarizeConsultation(**record, as_of_);
    return absl::OkStatus();
  }

  // Keeps the strongest relation (the lowest enum value) per consultation.
  void Relate(const std::string& consultation_id, v1::UncitedRelation relation) {
    auto [it, added] = related_.emplace(consultation_id, relation);
    if (!added && relation < it->second) it->second = relation;
  }

  // Cached consultation rows; nullptr when absent.
  absl::StatusOr<const p::ConsultationRecord*> Consultation(const std::string& id) {
    auto it = consultations_.find(id);
    if (it == consultations_.end()) {
      absl::StatusOr<std::optional<p::ConsultationRecord>> record =
          p::LoadConsultation(views_.consultations, id);
      if (!record.ok()) return record.status();
      it = consultations_.emplace(id, *std::move(record)).first;
    }
    return it->second.has_value() ? &*it->second : nullptr;
  }

  absl::Status AddDocumentSiblings() {
    std::vector<std::string> trail_ids;
    for (const auto& [id, relation] : related_) trail_ids.push_back(id);
    for (const std::string& id : trail_ids) {
      absl::StatusOr<const p::ConsultationRecord*> record = Consultation(id);
      if (!record.ok()) return record.status();
      if (*record == nullptr || !(*record)->row.opened().has_subject_document()) continue;
      absl::StatusOr<std::vector<std::string>> siblings = p::ConsultationsSharingDocument(
          views_.consultations, (*record)->row.opened().subject_document());
      if (!siblings.ok()) return siblings.status();
      for (const std::string& sibling : *siblings) {
        Relate(sibling, v1::UNCITED_RELATION_SAME_SUBJECT_DOCUMENT);
      }
    }
    return absl::OkStatus();
  }

  absl::Status AddUncited(const v1::Date& decided_on) {
    // Parsed into, then swapped into the trail: on the trail's arena, so
    // that the swap moves pointers.
    std::unique_ptr<v1::SubmissionSummary> owned;
    v1::SubmissionSummary* scratch =
        trail_.GetArena() != nullptr
            ? google::protobuf::Arena::CreateMessage<v1::SubmissionSummary>(trail_.GetArena())
            : (owned = std::make_unique<v1::SubmissionSummary>()).get();
    for (const auto& [id, relation] : related_) {
      absl::StatusOr<const p::ConsultationRecord*> record = Consultation(id);
      if (!record.ok()) return record.status();
      if (*record == nullptr) continue;
      v1::ConsultationSummary* summary = nullptr;  // the first uncited entry's, made once
      absl::Status visited = p::VisitSubmissionsTo(
          views_.submissions, id, as_of_, *scratch, [&](v1::SubmissionSummary& submission) {
            if (cited_submissions_.contains(submission.submission_id()) ||
                submission.withdrawn() ||
                p::participation::Compare(submission.received_on(), decided_on) > 0) {
              return true;
            }
            v1::UncitedSubmission* uncited = trail_.add_uncited_submissions();
            uncited->mutable_submission()->Swap(&submission);
            if (summary == nullptr) {
              summary = uncited->mutable_consultation();
              *summary = p::SummarizeConsultation(**record, as_of_);
            } else {
              *uncited->mutable_consultation() = *summary;
            }
            uncited->set_relation(relation);
            return true;
          });
      if (!visited.ok()) return visited;
    }
    return absl::OkStatus();
  }

  const p::ParticipationViews& views_;
  const std::optional<v1::Date> as_of_;
  v1::InfluenceTrail& trail_;
  std::set<std::string> cited_submissions_;
  // The trail's consultations (id order) and how they relate to it.
  std::map<std::string, v1::UncitedRelation> related_;
  std::map<std::string, std::optional<p::ConsultationRecord>> consultations_;
};

}  // namespace

absl::Status InfluenceTrail(const projections::ParticipationViews& views,
                            std::string_view decision_id, std::optional<v1::Date> as_of,
                            v1::InfluenceTrail& trail) {
  trail.Clear();
  absl::StatusOr<v1::DecisionView> decision =
      projections::GetDecision(views.decisions, decision_id, as_of);
  if (!decision.ok()) return decision.status();
  return TrailBuilder(views, as_of, trail).Build(*decision);
}

absl::StatusOr<v1::InfluenceTrail> InfluenceTrail(const projections::ParticipationViews& views,
                                                  std::string_view decision_id,
                                                  std::optional<v1::Date> as_of) {
  v1::InfluenceTrail trail;
  if (absl::Status s = InfluenceTrail(views, decision_id, std::move(as_of), trail); !s.ok()) {
    return s;
  }
  return trail;
}

}  // namespace kumppani::audit
