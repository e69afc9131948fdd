// The "grant_programmes" fold (see grant_programmes_projection.h).
#include "ledger/projections/grants/grant_programmes_projection.h"

#include <string>
#include <vector>

#include "kumppani/v1/grants_views.pb.h"
#include "ledger/projections/grants/grant_rows.h"

namespace kumppani::projections {
namespace {

std::vector<std::string> IndexKeys(const v1::GrantProgrammeView& programme) {
  return {grants::FunderIndexKey(programme.funder_organisation_id()),
          grants::RegionIndexKey(programme.region_organisation_id()),
          grants::YearIndexKey(programme.year())};
}

}  // namespace

std::string_view GrantProgrammesProjection::name() const { return grants::kProgrammesProjection; }

bool GrantProgrammesProjection::Wants(std::string_view stream_id) const {
  return stream_id.starts_with(grants::kProgrammeStreamPrefix);
}

void GrantProgrammesProjection::Apply(const AppliedEvent& event, AggregateRows& rows) {
  if (!event.event.has_grant_programme_opened()) return;
  const v1::GrantProgrammeOpened& opened = event.event.grant_programme_opened();
  // A second opening can only come through the low-level API; the later one
  // wins, and the earlier one's index entries go.
  std::vector<std::string> old_keys;
  v1::GrantProgrammeView previous;
  if (GetMessage(rows, grants::kMainRow, &previous)) old_keys = IndexKeys(previous);

  v1::GrantProgrammeView programme;
  programme.set_programme_id(rows.stream_id());
  programme.set_funder_organisation_id(opened.funder_organisation_id());
  programme.set_region_organisation_id(opened.funder_organisation_id());
  *programme.mutable_title() = opened.title();
  *programme.mutable_rules() = opened.rules();
  programme.set_budget_cents(opened.budget_cents());
  *programme.mutable_application_period()->mutable_start() = opened.opens_on();
  *programme.mutable_application_period()->mutable_end() = opened.application_deadline();
  programme.set_year(opened.opens_on().year());
  PutMessage(rows, grants::kMainRow, programme);
  grants::ReplaceIndexes(old_keys, IndexKeys(programme), rows);
}

}  // namespace kumppani::projections
