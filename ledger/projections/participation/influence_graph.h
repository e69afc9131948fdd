// The influence graph of a decision: which inputs led to it, through which
// proposals (input -> proposal -> decision chains), joined across the
// participation read models at query time.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_INFLUENCE_GRAPH_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_INFLUENCE_GRAPH_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/participation_views.pb.h"
#include "ledger/projections/participation/view_set.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The most nodes InfluenceGraph returns; beyond it the graph is truncated.
inline constexpr size_t kMaxInfluenceNodes = 1000;

// The graph of `decision_id` on as_of, breadth first from the decision:
//  - a decision (the root, or an earlier decision it cites) -> each input it
//    considers (edge CITED, with the assessment in force on as_of);
//  - a proposal -> each input it cites (edge CITED);
//  - a consultation -> each submission to it not withdrawn by as_of (edge
//    SUBMITTED_TO);
//  - submissions, meetings and unknown ids are leaves.
// Every node appears once; records made after as_of are nodes with
// found = false and are not followed. NOT_FOUND when the decision does not
// exist or was decided after as_of; INVALID_ARGUMENT for a malformed as_of.
absl::StatusOr<v1::InfluenceGraph> InfluenceGraph(const ParticipationViews& views,
                                                  std::string_view decision_id,
                                                  std::optional<v1::Date> as_of);

// An input that reached a decision, directly or through proposals.
struct ReachedInput {
  std::string input_id;
  v1::InputKind kind = v1::INPUT_KIND_UNSPECIFIED;
  // The decision considers it itself.
  bool cited_directly = false;
  // The proposals that cite it (a proposal the decision cites, or one cited
  // by such a proposal), in discovery order.
  std::vector<std::string> via_proposal_ids;
  // For a proposal: as read on the way (nullopt when missing or made after
  // as_of).
  std::optional<v1::ProposalView> proposal;
};

// The inputs of `decision` (already read as of as_of): its own, in its
// order, then those reached only through the proposals it cites,
// recursively, breadth first. Proposals made after as_of (or missing) are
// not followed. Each input appears once.
absl::StatusOr<std::vector<ReachedInput>> ReachInputs(const RowView& proposals,
                                                      const v1::DecisionView& decision,
                                                      std::optional<v1::Date> as_of);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_INFLUENCE_GRAPH_H_
