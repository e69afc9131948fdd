// Queries of the "meetings" read model: one meeting, and meetings by date
// (of one body or of all) within a date range.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_MEETING_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_MEETING_QUERIES_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "kumppani/v1/registry_views.pb.h"
#include "ledger/common/ids.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The meeting as known at the view's position. INVALID_ARGUMENT
// "meeting_id: ..." for a malformed id; NOT_FOUND "meeting_id: meeting
// \"<id>\" does not exist".
absl::StatusOr<v1::MeetingView> GetMeeting(const RowView& meetings, std::string_view meeting_id);

// Filters of ListMeetings.
struct MeetingFilter {
  // Only this body's meetings; empty: every meeting (open events included).
  std::string body_id;
  // First and last day (inclusive); absent: unbounded.
  std::optional<v1::Date> from;
  std::optional<v1::Date> to;
};

// One page of the meetings matching `filter` in date order (then id), read
// at the position the listing's first page was read at (`known_at`, default
// the head). INVALID_ARGUMENT "filter.body_id: ...", "filter.from: ...",
// "filter.to: ..." (also when before from) or "page_token: ...".
absl::StatusOr<v1::MeetingList> ListMeetings(const ProjectionEngine& engine,
                                             const MeetingFilter& filter, const PageRequest& page,
                                             std::optional<Position> known_at = std::nullopt);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_MEETING_QUERIES_H_
