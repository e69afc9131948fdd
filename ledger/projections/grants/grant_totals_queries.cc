// GrantTotals (see grant_totals_queries.h).
#include "ledger/projections/grants/grant_totals_queries.h"

#include <map>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/validation.h"
#include "ledger/projections/grants/grant_amounts.h"
#include "ledger/projections/grants/grant_as_of.h"
#include "ledger/projections/grants/grant_scan.h"

namespace kumppani::projections {
namespace {

absl::Status ValidateGrouping(v1::GrantGrouping group_by) {
  switch (group_by) {
    case v1::GRANT_GROUPING_ORGANISATION:
    case v1::GRANT_GROUPING_PROGRAMME:
    case v1::GRANT_GROUPING_REGION:
    case v1::GRANT_GROUPING_YEAR:
      return absl::OkStatus();
    case v1::GRANT_GROUPING_UNSPECIFIED:
      return domain::Invalid("group_by", "is required");
    default:
      return domain::Invalid("group_by",
                             absl::StrCat("unknown grouping ", static_cast<int>(group_by)));
  }
}

absl::StatusOr<std::string> GroupKey(const v1::GrantView& grant, v1::GrantGrouping group_by,
                                     grants::ProgrammeRegions& regions) {
  switch (group_by) {
    case v1::GRANT_GROUPING_ORGANISATION:
      return grant.applicant_organisation_id();
    case v1::GRANT_GROUPING_PROGRAMME:
      return grant.programme_id();
    case v1::GRANT_GROUPING_REGION:
      return regions.RegionOf(grant.programme_id());
    default:
      return absl::StrFormat("%04d", grant.year());
  }
}

// Counts `grant` into `group`; `whose` names the group in errors.
absl::Status Count(const v1::GrantView& grant, const std::string& whose,
                   v1::GrantTotalsGroup* group) {
  group->set_grant_count(group->grant_count() + 1);
  if (grant.has_decision()) {
    if (grant.decision().outcome() == v1::GRANT_DECISION_OUTCOME_AWARDED) {
      group->set_awarded_count(group->awarded_count() + 1);
    } else {
      group->set_rejected_count(group->rejected_count() + 1);
    }
  }
  return grants::AddAmounts(group->mutable_amounts(), grant.amounts(), whose);
}

}  // namespace

absl::StatusOr<v1::GrantTotals> GrantTotals(const RowView& grants, const RowView& programmes,
                                            v1::GrantGrouping group_by,
                                            const v1::GrantFilter& filter,
                                            const std::optional<v1::Date>& as_of) {
  KUMPPANI_RETURN_IF_ERROR(ValidateGrouping(group_by));
  KUMPPANI_RETURN_IF_ERROR(grants::ValidateGrantFilter(filter));
  KUMPPANI_RETURN_IF_ERROR(grants::ValidateAsOf(as_of));
  KUMPPANI_RETURN_IF_ERROR(grants::RequireSamePosition(grants, programmes));

  v1::GrantTotals totals;
  totals.set_group_by(group_by);
  if (as_of.has_value()) *totals.mutable_as_of() = *as_of;
  totals.set_read_position(grants.position().value());
  std::map<std::string, v1::GrantTotalsGroup> groups;
  grants::ProgrammeRegions regions(programmes);
  auto count = [&](std::string_view grant_id) -> absl::StatusOr<bool> {
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<grants::GrantRows> rows,
                              grants::ReadGrantRows(grants, grant_id));
    if (!rows.has_value()) return true;
    KUMPPANI_ASSIGN_OR_RETURN(bool matches, grants::GrantMatches(rows->applied, filter, regions));
    if (!matches) return true;
    KUMPPANI_ASSIGN_OR_RETURN(std::optional<v1::GrantView> grant, grants::GrantAsOf(*rows, as_of));
    if (!grant.has_value()) return true;
    KUMPPANI_ASSIGN_OR_RETURN(std::string key, GroupKey(*grant, group_by, regions));
    v1::GrantTotalsGroup& group = groups[key];
    group.set_key(key);
    KUMPPANI_RETURN_IF_ERROR(Count(*grant, absl::StrCat("group \"", key, "\""), &group));
    KUMPPANI_RETURN_IF_ERROR(Count(*grant, "the grand total", totals.mutable_total()));
    return true;
  };
  KUMPPANI_RETURN_IF_ERROR(grants::ScanCandidateGrants(grants, programmes, filter, "", count));
  for (auto& [key, group] : groups) *totals.add_groups() = std::move(group);
  return totals;
}

}  // namespace kumppani::projections
