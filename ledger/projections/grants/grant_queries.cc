// GetGrant and ListGrants (see grant_queries.h).
#include "ledger/projections/grants/grant_queries.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"
#include "ledger/projections/grants/grant_as_of.h"
#include "ledger/projections/grants/grant_rows.h"
#include "ledger/projections/grants/grant_scan.h"

namespace kumppani::projections {
namespace {

// The list name mixed into page tokens: a token works only with the filter
// and as_of of the listing that made it.
std::string ListName(const v1::GrantFilter& filter, const std::optional<v1::Date>& as_of) {
  return absl::StrCat("grants?recipient=", filter.recipient_organisation_id(),
                      "&programme=", filter.programme_id(), "&year=", filter.year(),
                      "&region=", filter.region_organisation_id(),
                      "&as_of=", as_of.has_value() ? domain::FormatDate(*as_of) : "");
}

}  // namespace

absl::StatusOr<v1::GrantView> GetGrant(const RowView& grants, std::string_view grant_id,
                                       const std::optional<v1::Date>& as_of) {
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(
      absl::string_view(grant_id.data(), grant_id.size()), "grant", "grant_id"));
  KUMPPANI_RETURN_IF_ERROR(grants::ValidateAsOf(as_of));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<grants::GrantRows> rows,
                            grants::ReadGrantRows(grants, grant_id));
  if (!rows.has_value()) return domain::NotFound("grant_id", "grant", std::string(grant_id));
  KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::GrantView> view, grants::GrantAsOf(*rows, as_of));
  if (!view.has_value()) {
    return absl::NotFoundError(absl::StrCat("grant_id: grant \"", std::string(grant_id),
                                            "\" was applied for only on ",
                                            domain::FormatDate(rows->applied.applied_on()),
                                            ", after as_of ", domain::FormatDate(*as_of)));
  }
  return *std::move(view);
}

absl::StatusOr<v1::ListGrantsResponse> ListGrants(const ProjectionEngine& engine,
                                                  const v1::GrantFilter& filter,
                                                  const std::optional<v1::Date>& as_of,
                                                  const PageRequest& page,
                                                  std::optional<Position> known_at) {
  KUMPPANI_RETURN_IF_ERROR(grants::ValidateGrantFilter(filter));
  KUMPPANI_RETURN_IF_ERROR(grants::ValidateAsOf(as_of));
  KUMPPANI_ASSIGN_OR_RETURN(RowView head, engine.View(grants::kGrantsProjection, known_at));
  const std::string list_name = ListName(filter, as_of);
  KUMPPANI_ASSIGN_OR_RETURN(PageCursor cursor,
                            DecodePageToken(list_name, page.page_token, head.position()));
  KUMPPANI_ASSIGN_OR_RETURN(RowView grants_view,
                            engine.View(grants::kGrantsProjection, cursor.known_at));
  KUMPPANI_ASSIGN_OR_RETURN(RowView programmes_view,
                            engine.View(grants::kProgrammesProjection, cursor.known_at));
  const size_t page_size = EffectivePageSize(page.page_size);

  v1::ListGrantsResponse response;
  response.set_read_position(cursor.known_at.value());
  grants::ProgrammeRegions regions(programmes_view);
  bool more = false;
  auto add = [&](std::string_view grant_id) -> absl::StatusOr<bool> {
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<grants::GrantRows> rows,
                              grants::ReadGrantRows(grants_view, grant_id));
    if (!rows.has_value()) return true;
    KUMPPANI_ASSIGN_OR_RETURN(bool matches, grants::GrantMatches(rows->applied, filter, regions));
    if (!matches) return true;
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::GrantView> view, grants::GrantAsOf(*rows, as_of));
    if (!view.has_value()) return true;
    if (static_cast<size_t>(response.grants_size()) == page_size) {
      more = true;  // one more beyond the page: there is a next page
      return false;
    }
    *response.add_grants() = *std::move(view);
    return true;
  };
  KUMPPANI_RETURN_IF_ERROR(
      grants::ScanCandidateGrants(grants_view, programmes_view, filter, cursor.last_key, add));
  if (more) {
    response.set_next_page_token(EncodePageToken(
        list_name,
        PageCursor{cursor.known_at, response.grants(response.grants_size() - 1).grant_id()}));
  }
  return response;
}

}  // namespace kumppani::projections
