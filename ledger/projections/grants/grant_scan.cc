// Selecting grants by filter (see grant_scan.h).
#include "ledger/projections/grants/grant_scan.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"
#include "ledger/projections/grants/grant_rows.h"

namespace kumppani::projections::grants {
namespace {

// Scans the grant ids under one index key, in id order after start_after.
absl::Status ScanIndexKey(const RowView& view, const std::string& key, std::string_view start_after,
                          const GrantIdVisitor& visit) {
  absl::Status failed = absl::OkStatus();
  KUMPPANI_RETURN_IF_ERROR(
      view.ScanIndex(key, start_after.empty() ? std::string_view() : std::string_view(key),
                     start_after, [&](std::string_view, std::string_view stream_id) {
                       absl::StatusOr<bool> more = visit(stream_id);
                       if (!more.ok()) failed = more.status();
                       return more.ok() && *more;
                     }));
  return failed;
}

// The grants of every programme of `region`, gathered and sorted (a region
// has several programmes, each index is ordered on its own).
absl::Status ScanRegion(const RowView& grants, const RowView& programmes, const std::string& region,
                        std::string_view start_after, const GrantIdVisitor& visit) {
  std::vector<std::string> programme_ids;
  KUMPPANI_RETURN_IF_ERROR(programmes.ScanIndex(
      RegionIndexKey(region), "", "", [&](std::string_view, std::string_view programme_id) {
        programme_ids.emplace_back(programme_id);
        return true;
      }));
  std::set<std::string> grant_ids;
  for (const std::string& programme_id : programme_ids) {
    KUMPPANI_RETURN_IF_ERROR(ScanIndexKey(grants, ProgrammeIndexKey(programme_id), start_after,
                                          [&](std::string_view grant_id) -> absl::StatusOr<bool> {
                                            grant_ids.emplace(grant_id);
                                            return true;
                                          }));
  }
  for (const std::string& grant_id : grant_ids) {
    KUMPPANI_ASSIGN_OR_RETURN(bool more, visit(grant_id));
    if (!more) break;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateGrantFilter(const v1::GrantFilter& filter) {
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(filter.recipient_organisation_id(), "org",
                                                       "filter.recipient_organisation_id", false));
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(filter.programme_id(), "programme",
                                                       "filter.programme_id", false));
  KUMPPANI_RETURN_IF_ERROR(domain::ValidateAggregateId(filter.region_organisation_id(), "org",
                                                       "filter.region_organisation_id", false));
  if (filter.year() != 0 && (filter.year() < 1900 || filter.year() > 2200)) {
    return domain::Invalid(
        "filter.year", absl::StrCat("must be 1900..2200, or 0 for any year, got ", filter.year()));
  }
  return absl::OkStatus();
}

absl::Status ValidateAsOf(const std::optional<v1::Date>& as_of) {
  if (!as_of.has_value()) return absl::OkStatus();
  return domain::ValidateDate(*as_of, "as_of", true);
}

absl::Status RequireSamePosition(const RowView& grants, const RowView& programmes) {
  if (grants.position() == programmes.position()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("programmes: the grant_programmes view must be at the grants view's position (",
                   grants.position().value(), "), got ", programmes.position().value()));
}

absl::StatusOr<std::string> ProgrammeRegions::RegionOf(const std::string& programme_id) {
  auto it = regions_.find(programme_id);
  if (it != regions_.end()) return it->second;
  v1::GrantProgrammeView programme;
  KUMPPANI_ASSIGN_OR_RETURN(bool found, programmes_.GetMessage(programme_id, kMainRow, &programme));
  std::string region = found ? programme.region_organisation_id() : std::string();
  regions_.emplace(programme_id, region);
  return region;
}

absl::StatusOr<bool> GrantMatches(const v1::GrantApplied& applied, const v1::GrantFilter& filter,
                                  ProgrammeRegions& regions) {
  if (!filter.recipient_organisation_id().empty() &&
      applied.applicant_organisation_id() != filter.recipient_organisation_id()) {
    return false;
  }
  if (!filter.programme_id().empty() && applied.programme_id() != filter.programme_id()) {
    return false;
  }
  if (filter.year() != 0 && applied.applied_on().year() != filter.year()) return false;
  if (!filter.region_organisation_id().empty()) {
    KUMPPANI_ASSIGN_OR_RETURN(std::string region, regions.RegionOf(applied.programme_id()));
    if (region != filter.region_organisation_id()) return false;
  }
  return true;
}

absl::Status ScanCandidateGrants(const RowView& grants, const RowView& programmes,
                                 const v1::GrantFilter& filter, std::string_view start_after,
                                 const GrantIdVisitor& visit) {
  if (!filter.programme_id().empty()) {
    return ScanIndexKey(grants, ProgrammeIndexKey(filter.programme_id()), start_after, visit);
  }
  if (!filter.recipient_organisation_id().empty()) {
    return ScanIndexKey(grants, RecipientIndexKey(filter.recipient_organisation_id()), start_after,
                        visit);
  }
  if (filter.year() != 0) {
    return ScanIndexKey(grants, YearIndexKey(filter.year()), start_after, visit);
  }
  if (!filter.region_organisation_id().empty()) {
    return ScanRegion(grants, programmes, filter.region_organisation_id(), start_after, visit);
  }
  absl::Status failed = absl::OkStatus();
  KUMPPANI_RETURN_IF_ERROR(grants.ScanStreams(kGrantStreamPrefix, start_after,
                                              [&](std::string_view grant_id, std::string_view) {
                                                absl::StatusOr<bool> more = visit(grant_id);
                                                if (!more.ok()) failed = more.status();
                                                return more.ok() && *more;
                                              }));
  return failed;
}

}  // namespace kumppani::projections::grants
