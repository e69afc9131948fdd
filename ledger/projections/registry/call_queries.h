// Queries of the "calls" read model: one membership call with its
// applications and nominations, and a body's calls by opening day.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_CALL_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_CALL_QUERIES_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "kumppani/v1/registry_views.pb.h"
#include "ledger/common/ids.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The call with its entries (in entry id order) as known at the view's
// position. INVALID_ARGUMENT "call_id: ..." for a malformed id; NOT_FOUND
// "call_id: membership call \"<id>\" does not exist".
absl::StatusOr<v1::CallView> GetCall(const RowView& calls, std::string_view call_id);

// One page of the calls for members of `body_id`, by opening day (then id),
// each with its entries, read at the position the listing's first page was
// read at (`known_at`, default the head). INVALID_ARGUMENT "body_id: ..." or
// "page_token: ...". A body without calls gives an empty page.
absl::StatusOr<v1::CallList> ListCalls(const ProjectionEngine& engine, std::string_view body_id,
                                       const PageRequest& page,
                                       std::optional<Position> known_at = std::nullopt);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_CALL_QUERIES_H_
