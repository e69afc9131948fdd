// Deriving an organisation's name and status on a date.
#include "ledger/projections/registry/organisation_as_of.h"

#include "ledger/domain/dates.h"
#include "ledger/projections/registry/effective_dates.h"

namespace kumppani::projections::registry {

v1::OrganisationView OrganisationAsOf(const v1::OrganisationView& row,
                                      const std::optional<v1::Date>& as_of) {
  v1::OrganisationView view = row;
  view.clear_name();
  view.clear_name_history();
  view.clear_status_history();
  view.clear_status_since();
  view.clear_merged_into_organisation_id();
  view.clear_successor_organisation_id();
  view.clear_succeeded_on();
  view.clear_as_of();
  if (as_of.has_value()) *view.mutable_as_of() = *as_of;

  for (const v1::OrganisationName& name : row.name_history()) {
    if (StartedBy(name.effective_on(), as_of)) *view.add_name_history() = name;
  }
  // The registered name stands for the time before the organisation existed.
  if (view.name_history().empty() && !row.name_history().empty()) {
    *view.add_name_history() = row.name_history(0);
  }
  if (!view.name_history().empty()) {
    *view.mutable_name() = view.name_history(view.name_history_size() - 1).name();
  }

  view.set_status(v1::ORGANISATION_STATUS_ACTIVE);
  for (const v1::OrganisationStatusChange& change : row.status_history()) {
    if (!StartedBy(change.effective_on(), as_of)) continue;
    *view.add_status_history() = change;
    switch (change.kind()) {
      case v1::ORGANISATION_CHANGE_KIND_MERGED:
        view.set_status(v1::ORGANISATION_STATUS_MERGED);
        *view.mutable_status_since() = change.effective_on();
        view.set_merged_into_organisation_id(change.other_organisation_id());
        break;
      case v1::ORGANISATION_CHANGE_KIND_DISSOLVED:
        view.set_status(v1::ORGANISATION_STATUS_DISSOLVED);
        *view.mutable_status_since() = change.effective_on();
        view.clear_merged_into_organisation_id();
        break;
      case v1::ORGANISATION_CHANGE_KIND_SUCCEEDED:
        view.set_successor_organisation_id(change.other_organisation_id());
        *view.mutable_succeeded_on() = change.effective_on();
        break;
      default:
        break;
    }
  }
  if (as_of.has_value() && domain::IsSet(row.founded_on()) &&
      Compare(*as_of, row.founded_on()) < 0) {
    view.set_status(v1::ORGANISATION_STATUS_NOT_YET_FOUNDED);
    view.clear_status_since();
  }
  return view;
}

}  // namespace kumppani::projections::registry
