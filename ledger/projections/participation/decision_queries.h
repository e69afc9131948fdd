// Queries of the "decisions" read model: one decision as it stood on a day
// (assessments after the revisions made by then, feedback, appeals,
// annulment, text after corrections), the decision register in date order,
// and the decisions citing an input.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_DECISION_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_DECISION_QUERIES_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/participation_views.pb.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The decision on as_of. NOT_FOUND naming the id when it does not exist or
// was decided after as_of; INVALID_ARGUMENT for a malformed as_of.
absl::StatusOr<v1::DecisionView> GetDecision(const RowView& decisions, std::string_view decision_id,
                                             std::optional<v1::Date> as_of);

// As GetDecision, but nullopt instead of NOT_FOUND.
absl::StatusOr<std::optional<v1::DecisionView>> FindDecision(const RowView& decisions,
                                                             std::string_view decision_id,
                                                             std::optional<v1::Date> as_of);

// The summary of FindDecision's answer, read from the decision's main and
// annulment rows only.
absl::StatusOr<std::optional<v1::DecisionSummary>> FindDecisionSummary(
    const RowView& decisions, std::string_view decision_id, std::optional<v1::Date> as_of);

v1::DecisionSummary SummarizeDecision(const v1::DecisionView& decision);

// Filters of the decision register; empty fields match everything. Both
// ends of the date range are inclusive.
struct DecisionRegisterFilter {
  std::string body_id;
  std::optional<v1::Date> from;
  std::optional<v1::Date> to;
};

// One page of the decision register: decisions in order of decision day,
// then id, read at the position of the listing's first page (the head, or
// `known_at` when given for the first page). `annulled` reflects every
// annulment known at that position. INVALID_ARGUMENT for a malformed date
// ("from: ...", "to: ..."), `to` before `from`, or a token of another
// listing ("page_token: ...").
absl::StatusOr<v1::ListDecisionsResponse> DecisionRegister(
    const ProjectionEngine& engine, const DecisionRegisterFilter& filter, const PageRequest& page,
    std::optional<Position> known_at = std::nullopt);

// Calls `visit` with the id of every decision of the register matching
// `filter` (no pagination), in register order, until it returns false.
absl::Status ScanDecisionRegister(const RowView& decisions, const DecisionRegisterFilter& filter,
                                  const std::function<bool(std::string_view decision_id)>& visit);

// Ids of the decisions decided by as_of that consider `input_id` directly,
// in id order.
absl::StatusOr<std::vector<std::string>> DecisionsCiting(const RowView& decisions,
                                                         std::string_view input_id,
                                                         std::optional<v1::Date> as_of);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_DECISION_QUERIES_H_
