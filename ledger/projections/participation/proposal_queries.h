// Queries of the "proposals" read model: one proposal, and the proposals
// citing an input.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PROPOSAL_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PROPOSAL_QUERIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/participation_views.pb.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The proposal. NOT_FOUND naming the id when it does not exist or was made
// after as_of; INVALID_ARGUMENT for a malformed as_of.
absl::StatusOr<v1::ProposalView> GetProposal(const RowView& proposals, std::string_view proposal_id,
                                             std::optional<v1::Date> as_of);

// The proposal, or nullopt when it does not exist or was made after as_of.
absl::StatusOr<std::optional<v1::ProposalView>> FindProposal(const RowView& proposals,
                                                             std::string_view proposal_id,
                                                             std::optional<v1::Date> as_of);

v1::ProposalSummary SummarizeProposal(const v1::ProposalView& proposal);

// Ids of the proposals made by as_of that cite `input_id`, in id order.
absl::StatusOr<std::vector<std::string>> ProposalsCiting(const RowView& proposals,
                                                         std::string_view input_id,
                                                         std::optional<v1::Date> as_of);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PROPOSAL_QUERIES_H_
