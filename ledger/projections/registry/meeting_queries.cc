// Queries of the "meetings" read model.
#include "ledger/projections/registry/meeting_queries.h"

#include "absl/strings/str_cat.h"
#include "ledger/domain/dates.h"
#include "ledger/projections/registry/effective_dates.h"
#include "ledger/projections/registry/query_support.h"
#include "ledger/projections/registry/registry_keys.h"
#include "ledger/projections/registry/registry_listing.h"

namespace kumppani::projections {
namespace {

constexpr std::string_view kIdField = "meeting_id";

// Adds the minutes approval, when there is one, to `meeting`.
absl::Status AddMinutes(const RowView& meetings, std::string_view meeting_id,
                        v1::MeetingView& meeting) {
  v1::MinutesApproval approval;
  absl::StatusOr<bool> found = meetings.GetMessage(meeting_id, registry::kMinutesRow, &approval);
  if (!found.ok()) return found.status();
  if (*found) *meeting.mutable_minutes_approval() = std::move(approval);
  return absl::OkStatus();
}

absl::Status CheckFilter(const MeetingFilter& filter) {
  if (!filter.body_id.empty()) {
    if (absl::Status s = registry::CheckId(filter.body_id, "body", "filter.body_id"); !s.ok()) {
      return s;
    }
  }
  if (filter.from.has_value()) {
    if (absl::Status s = domain::ValidateDate(*filter.from, "filter.from", true); !s.ok()) return s;
  }
  if (filter.to.has_value()) {
    if (absl::Status s = domain::ValidateDate(*filter.to, "filter.to", true); !s.ok()) return s;
    if (filter.from.has_value() && registry::Compare(*filter.to, *filter.from) < 0) {
      return absl::InvalidArgumentError(absl::StrCat("filter.to: must not be before filter.from (",
                                                     domain::FormatDate(*filter.from), "), got ",
                                                     domain::FormatDate(*filter.to)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::MeetingView> GetMeeting(const RowView& meetings, std::string_view meeting_id) {
  if (absl::Status s = registry::CheckId(meeting_id, "meeting", kIdField); !s.ok()) return s;
  v1::MeetingView meeting;
  if (absl::Status s = registry::ReadMainRow(meetings, meeting_id, kIdField, "meeting", &meeting);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = AddMinutes(meetings, meeting_id, meeting); !s.ok()) return s;
  return meeting;
}

absl::StatusOr<v1::MeetingList> ListMeetings(const ProjectionEngine& engine,
                                             const MeetingFilter& filter, const PageRequest& page,
                                             std::optional<Position> known_at) {
  if (absl::Status s = CheckFilter(filter); !s.ok()) return s;
  std::string prefix = filter.body_id.empty() ? std::string(registry::kMeetingByDatePrefix)
                                              : registry::MeetingByBodyPrefix(filter.body_id);
  std::string first_key =
      filter.from.has_value() ? registry::MeetingIndex(prefix, *filter.from) : "";
  std::string last_key = filter.to.has_value() ? registry::MeetingIndex(prefix, *filter.to) : "";
  std::string list_name = absl::StrCat("meetings?", prefix, "&from=", first_key, "&to=", last_key);
  absl::StatusOr<registry::Listing> listing =
      registry::OpenListing(engine, registry::kMeetings, list_name, page, known_at);
  if (!listing.ok()) return listing.status();
  absl::StatusOr<registry::EntryPage> entries = registry::IndexPage(
      listing->view, prefix, listing->cursor.last_key, listing->page_size, first_key, last_key);
  if (!entries.ok()) return entries.status();
  v1::MeetingList list;
  for (const registry::Entry& entry : entries->entries) {
    v1::MeetingView meeting;
    absl::StatusOr<bool> found =
        listing->view.GetMessage(entry.stream, registry::kMainRow, &meeting);
    if (!found.ok()) return found.status();
    if (!*found) continue;
    if (absl::Status s = AddMinutes(listing->view, entry.stream, meeting); !s.ok()) return s;
    *list.add_meetings() = std::move(meeting);
  }
  list.set_next_page_token(registry::NextPageToken(list_name, *listing, *entries));
  return list;
}

}  // namespace kumppani::projections
