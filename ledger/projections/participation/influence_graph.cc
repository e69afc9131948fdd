// InfluenceGraph and ReachInputs: breadth-first walks over the participation
// read models.
#include "ledger/projections/participation/influence_graph.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <tuple>

#include "ledger/projections/participation/as_of.h"
#include "ledger/projections/participation/consultation_queries.h"
#include "ledger/projections/participation/decision_queries.h"
#include "ledger/projections/participation/participation_keys.h"
#include "ledger/projections/participation/proposal_queries.h"
#include "ledger/projections/participation/submission_queries.h"

namespace kumppani::projections {
namespace {

class GraphBuilder {
 public:
  GraphBuilder(const ParticipationViews& views, std::optional<v1::Date> as_of)
      : views_(views), as_of_(std::move(as_of)) {}

  absl::StatusOr<v1::InfluenceGraph> Build(const v1::DecisionView& root) {
    graph_.set_decision_id(root.decision_id());
    AddNode(root.decision_id(), 0);
    while (!queue_.empty()) {
      int index = queue_.front();
      queue_.pop_front();
      if (absl::Status s = Expand(index, index == 0 ? &root : nullptr); !s.ok()) return s;
    }
    return std::move(graph_);
  }

 private:
  // Adds a node unless present; false when the node limit stops it.
  bool AddNode(const std::string& id, int depth) {
    if (index_.contains(id)) return true;
    if (static_cast<size_t>(graph_.nodes_size()) >= kMaxInfluenceNodes) {
      graph_.set_truncated(true);
      return false;
    }
    v1::InfluenceNode* node = graph_.add_nodes();
    node->set_id(id);
    node->set_kind(participation::InputKindOf(id));
    node->set_depth(depth);
    index_[id] = graph_.nodes_size() - 1;
    queue_.push_back(graph_.nodes_size() - 1);
    return true;
  }

  void AddEdge(const std::string& from, const std::string& to, v1::InfluenceRelation relation,
               const v1::ConsideredInput* assessment, int depth) {
    if (!AddNode(from, depth)) return;
    if (!edges_.emplace(from, to, relation).second) return;
    v1::InfluenceEdge* edge = graph_.add_edges();
    edge->set_from_id(from);
    edge->set_to_id(to);
    edge->set_relation(relation);
    if (assessment != nullptr) *edge->mutable_assessment() = *assessment;
  }

  absl::Status Expand(int index, const v1::DecisionView* known) {
    // Copies: AddNode may grow (and move) the node list.
    const std::string id = graph_.nodes(index).id();
    const int depth = graph_.nodes(index).depth();
    switch (graph_.nodes(index).kind()) {
      case v1::INPUT_KIND_DECISION: {
        std::optional<v1::DecisionView> decision;
        if (known != nullptr) {
          decision = *known;
        } else {
          absl::StatusOr<std::optional<v1::DecisionView>> found =
              FindDecision(views_.decisions, id, as_of_);
          if (!found.ok()) return found.status();
          decision = *std::move(found);
        }
        if (!decision.has_value()) return absl::OkStatus();
        Describe(index, decision->decided_on(), decision->title());
        for (const v1::ConsideredInputView& input : decision->considered_inputs()) {
          AddEdge(input.input_id(), id, v1::INFLUENCE_RELATION_CITED, &input.assessment(),
                  depth + 1);
        }
        return absl::OkStatus();
      }
      case v1::INPUT_KIND_PROPOSAL: {
        absl::StatusOr<std::optional<v1::ProposalView>> proposal =
            FindProposal(views_.proposals, id, as_of_);
        if (!proposal.ok()) return proposal.status();
        if (!proposal->has_value()) return absl::OkStatus();
        Describe(index, (*proposal)->proposed_on(), (*proposal)->title());
        for (const std::string& input : (*proposal)->input_ids()) {
          AddEdge(input, id, v1::INFLUENCE_RELATION_CITED, nullptr, depth + 1);
        }
        return absl::OkStatus();
      }
      case v1::INPUT_KIND_CONSULTATION: {
        absl::StatusOr<std::optional<ConsultationRecord>> record =
            LoadConsultation(views_.consultations, id);
        if (!record.ok()) return record.status();
        if (!record->has_value()) return absl::OkStatus();
        Describe(index, (*record)->row.opened().opens_on(), (*record)->row.opened().subject());
        absl::StatusOr<std::vector<v1::SubmissionSummary>> submissions =
            SubmissionsToConsultation(views_.submissions, id, as_of_);
        if (!submissions.ok()) return submissions.status();
        for (const v1::SubmissionSummary& submission : *submissions) {
          if (submission.withdrawn()) continue;
          AddEdge(submission.submission_id(), id, v1::INFLUENCE_RELATION_SUBMITTED_TO, nullptr,
                  depth + 1);
        }
        return absl::OkStatus();
      }
      case v1::INPUT_KIND_SUBMISSION: {
        absl::StatusOr<std::optional<v1::SubmissionSummary>> submission =
            FindSubmission(views_.submissions, id, as_of_);
        if (!submission.ok()) return submission.status();
        if (submission->has_value()) Describe(index, (*submission)->received_on(), {});
        return absl::OkStatus();
      }
      default:
        return absl::OkStatus();  // meetings and unknown ids: leaves, not found here
    }
  }

  void Describe(int index, const v1::Date& date, const v1::LocalizedText& title) {
    v1::InfluenceNode* node = graph_.mutable_nodes(index);
    node->set_found(true);
    *node->mutable_date() = date;
    *node->mutable_title() = title;
  }

  const ParticipationViews& views_;
  const std::optional<v1::Date> as_of_;
  v1::InfluenceGraph graph_;
  std::map<std::string, int> index_;
  std::set<std::tuple<std::string, std::string, v1::InfluenceRelation>> edges_;
  std::deque<int> queue_;
};

}  // namespace

absl::StatusOr<v1::InfluenceGraph> InfluenceGraph(const ParticipationViews& views,
                                                  std::string_view decision_id,
                                                  std::optional<v1::Date> as_of) {
  absl::StatusOr<v1::DecisionView> decision = GetDecision(views.decisions, decision_id, as_of);
  if (!decision.ok()) return decision.status();
  return GraphBuilder(views, as_of).Build(*decision);
}

absl::StatusOr<std::vector<ReachedInput>> ReachInputs(const RowView& proposals,
                                                      const v1::DecisionView& decision,
                                                      std::optional<v1::Date> as_of) {
  std::vector<ReachedInput> reached;
  std::map<std::string, size_t> index;
  std::deque<std::string> pending_proposals;
  auto reach = [&](const std::string& id) -> ReachedInput& {
    auto [it, added] = index.emplace(id, reached.size());
    if (added) {
      ReachedInput input;
      input.input_id = id;
      input.kind = participation::InputKindOf(id);
      reached.push_back(std::move(input));
      if (reached.back().kind == v1::INPUT_KIND_PROPOSAL) pending_proposals.push_back(id);
    }
    return reached[it->second];
  };
  for (const v1::ConsideredInputView& input : decision.considered_inputs()) {
    reach(input.input_id()).cited_directly = true;
  }
  while (!pending_proposals.empty()) {
    std::string proposal_id = std::move(pending_proposals.front());
    pending_proposals.pop_front();
    absl::StatusOr<std::optional<v1::ProposalView>> proposal =
        FindProposal(proposals, proposal_id, as_of);
    if (!proposal.ok()) return proposal.status();
    if (!proposal->has_value()) continue;
    for (const std::string& input : (*proposal)->input_ids()) {
      if (input == decision.decision_id()) continue;
      std::vector<std::string>& via = reach(input).via_proposal_ids;
      if (std::find(via.begin(), via.end(), proposal_id) == via.end()) via.push_back(proposal_id);
    }
    reached[index.at(proposal_id)].proposal = *std::move(proposal);
  }
  return reached;
}

}  // namespace kumppani::projections
