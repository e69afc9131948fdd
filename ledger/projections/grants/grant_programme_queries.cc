// GetGrantProgramme and ListGrantProgrammes (see grant_programme_queries.h).
#include "ledger/projections/grants/grant_programme_queries.h"

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

absl::Status ValidateFilter(const v1::GrantProgrammeFilter& filter) {
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(filter.funder_organisation_id(), "org",
                                                       "filter.funder_organisation_id", false));
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(filter.region_organisation_id(), "org",
                                                       "filter.region_organisation_id", false));
  if (filter.year() != 0 && (filter.year() < 1900 || filter.year() > 2200)) {
    return domain::Invalid(
        "filter.year", absl::StrCat("must be 1900..2200, or 0 for any year, got ", filter.year()));
  }
  return absl::OkStatus();
}

bool Matches(const v1::GrantProgrammeView& programme, const v1::GrantProgrammeFilter& filter,
             const std::optional<v1::Date>& as_of) {
  return (filter.funder_organisation_id().empty() ||
          programme.funder_organisation_id() == filter.funder_organisation_id()) &&
         (filter.region_organisation_id().empty() ||
          programme.region_organisation_id() == filter.region_organisation_id()) &&
         (filter.year() == 0 || programme.year() == filter.year()) &&
         grants::InForce(programme.application_period().start(), as_of);
}

std::string ListName(const v1::GrantProgrammeFilter& filter, const std::optional<v1::Date>& as_of) {
  return absl::StrCat("grant_programmes?funder=", filter.funder_organisation_id(),
                      "&region=", filter.region_organisation_id(), "&year=", filter.year(),
                      "&as_of=", as_of.has_value() ? domain::FormatDate(*as_of) : "");
}

// The index key that narrows the scan most, or "" for a scan of all
// programmes.
std::string IndexKeyFor(const v1::GrantProgrammeFilter& filter) {
  if (!filter.funder_organisation_id().empty()) {
    return grants::FunderIndexKey(filter.funder_organisation_id());
  }
  if (!filter.region_organisation_id().empty()) {
    return grants::RegionIndexKey(filter.region_organisation_id());
  }
  if (filter.year() != 0) return grants::YearIndexKey(filter.year());
  return "";
}

}  // namespace

absl::StatusOr<v1::GrantProgrammeView> GetGrantProgramme(const RowView& programmes,
                                                         std::string_view programme_id,
                                                         const std::optional<v1::Date>& as_of) {
  const std::string id(programme_id);
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(id, "programme", "programme_id"));
  KUMPPANI_RETURN_IF_ERROR(grants::ValidateAsOf(as_of));
  v1::GrantProgrammeView programme;
  KUMPPANI_ASSIGN_OR_RETURN(bool found, programmes.GetMessage(id, grants::kMainRow, &programme));
  if (!found) return domain::NotFound("programme_id", "grant programme", id);
  if (!grants::InForce(programme.application_period().start(), as_of)) {
    return absl::NotFoundError(
        absl::StrCat("programme_id: grant programme \"", id, "\" opened only on ",
                     domain::FormatDate(programme.application_period().start()), ", after as_of ",
                     domain::FormatDate(*as_of)));
  }
  return programme;
}

absl::StatusOr<v1::ListGrantProgrammesResponse> ListGrantProgrammes(
    const ProjectionEngine& engine, const v1::GrantProgrammeFilter& filter,
    const std::optional<v1::Date>& as_of, const PageRequest& page,
    std::optional<Position> known_at) {
  KUMPPANI_RETURN_IF_ERROR(ValidateFilter(filter));
  KUMPPANI_RETURN_IF_ERROR(grants::ValidateAsOf(as_of));
  KUMPPANI_ASSIGN_OR_RETURN(RowView head, engine.View(grants::kProgrammesProjection, known_at));
  const std::string list_name = ListName(filter, as_of);
  KUMPPANI_ASSIGN_OR_RETURN(PageCursor cursor,
                            DecodePageToken(list_name, page.page_token, head.position()));
  KUMPPANI_ASSIGN_OR_RETURN(RowView view,
                            engine.View(grants::kProgrammesProjection, cursor.known_at));
  const size_t page_size = EffectivePageSize(page.page_size);

  v1::ListGrantProgrammesResponse response;
  response.set_read_position(cursor.known_at.value());
  bool more = false;
  absl::Status failed = absl::OkStatus();
  // Returns false to stop: on a read error or when the page is full and one
  // more programme matched.
  auto visit = [&](std::string_view programme_id) {
    v1::GrantProgrammeView programme;
    absl::StatusOr<bool> found = view.GetMessage(programme_id, grants::kMainRow, &programme);
    if (!found.ok()) {
      failed = found.status();
      return false;
    }
    if (!*found || !Matches(programme, filter, as_of)) return true;
    if (static_cast<size_t>(response.programmes_size()) == page_size) {
      more = true;
      return false;
    }
    *response.add_programmes() = std::move(programme);
    return true;
  };
  const std::string key = IndexKeyFor(filter);
  if (key.empty()) {
    KUMPPANI_RETURN_IF_ERROR(view.ScanStreams(
        grants::kProgrammeStreamPrefix, cursor.last_key,
        [&](std::string_view programme_id, std::string_view) { return visit(programme_id); }));
  } else {
    KUMPPANI_RETURN_IF_ERROR(view.ScanIndex(
        key, cursor.last_key.empty() ? std::string_view() : std::string_view(key), cursor.last_key,
        [&](std::string_view, std::string_view programme_id) { return visit(programme_id); }));
  }
  KUMPPANI_RETURN_IF_ERROR(failed);
  if (more) {
    response.set_next_page_token(EncodePageToken(
        list_name, PageCursor{cursor.known_at,
                              response.programmes(response.programmes_size() - 1).programme_id()}));
  }
  return response;
}

}  // namespace kumppani::projections
