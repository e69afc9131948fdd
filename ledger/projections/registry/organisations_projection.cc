// The organisations fold: registration, dated renames, mergers, dissolutions
// and successions of one organisation.
#include "ledger/projections/registry/organisations_projection.h"

#include <string>

#include "kumppani/v1/registry_views.pb.h"
#include "ledger/projections/registry/effective_dates.h"
#include "ledger/projections/registry/organisation_as_of.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::projections::registry {
namespace {

const v1::Date& ChangeDate(const v1::OrganisationStatusChange& change) {
  return change.effective_on();
}

void AddChange(v1::OrganisationView& row, v1::OrganisationChangeKind kind, const v1::Date& date,
               const std::string& other, const v1::LocalizedText* note) {
  v1::OrganisationStatusChange* change =
      InsertByDate(row.mutable_status_history(), date, ChangeDate);
  change->set_kind(kind);
  *change->mutable_effective_on() = date;
  change->set_other_organisation_id(other);
  if (note != nullptr) *change->mutable_note() = *note;
}

class OrganisationsProjection final : public Projection {
 public:
  std::string_view name() const override { return kOrganisations; }
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override {
    return stream_id.substr(0, kOrganisationPrefix.size()) == kOrganisationPrefix;
  }

  void Apply(const AppliedEvent& applied, AggregateRows& rows) override {
    const v1::Event& event = applied.event;
    if (event.has_organisation_registered()) {
      Register(event.organisation_registered(), rows);
      return;
    }
    switch (event.payload_case()) {
      case v1::Event::kOrganisationRenamed:
      case v1::Event::kOrganisationMerged:
      case v1::Event::kOrganisationDissolved:
      case v1::Event::kOrganisationSucceeded:
        break;
      default:
        return;
    }
    v1::OrganisationView row;
    if (!GetMessage(rows, kMainRow, &row)) return;  // not registered: nothing to change
    switch (event.payload_case()) {
      case v1::Event::kOrganisationRenamed: {
        const v1::OrganisationRenamed& renamed = event.organisation_renamed();
        v1::OrganisationName* name = InsertByDate(
            row.mutable_name_history(), renamed.effective_on(),
            [](const v1::OrganisationName& n) -> const v1::Date& { return n.effective_on(); });
        *name->mutable_name() = renamed.name();
        *name->mutable_effective_on() = renamed.effective_on();
        break;
      }
      case v1::Event::kOrganisationMerged: {
        const v1::OrganisationMerged& merged = event.organisation_merged();
        AddChange(row, v1::ORGANISATION_CHANGE_KIND_MERGED, merged.effective_on(),
                  merged.into_organisation_id(), nullptr);
        rows.AddIndex(PredecessorIndex(merged.into_organisation_id()));
        break;
      }
      case v1::Event::kOrganisationDissolved: {
        const v1::OrganisationDissolved& dissolved = event.organisation_dissolved();
        AddChange(row, v1::ORGANISATION_CHANGE_KIND_DISSOLVED, dissolved.effective_on(), "",
                  dissolved.has_reason() ? &dissolved.reason() : nullptr);
        break;
      }
      case v1::Event::kOrganisationSucceeded: {
        const v1::OrganisationSucceeded& succeeded = event.organisation_succeeded();
        AddChange(row, v1::ORGANISATION_CHANGE_KIND_SUCCEEDED, succeeded.effective_on(),
                  succeeded.successor_organisation_id(),
                  succeeded.has_note() ? &succeeded.note() : nullptr);
        rows.AddIndex(PredecessorIndex(succeeded.successor_organisation_id()));
        break;
      }
      default:
        return;
    }
    PutMessage(rows, kMainRow, OrganisationAsOf(row, std::nullopt));
  }

 private:
  static void Register(const v1::OrganisationRegistered& registered, AggregateRows& rows) {
    if (rows.Get(kMainRow).has_value()) return;  // registered once; a repeat is ignored
    v1::OrganisationView row;
    row.set_organisation_id(rows.stream_id());
    row.set_kind(registered.kind());
    *row.add_name_history()->mutable_name() = registered.name();
    *row.mutable_identifiers() = registered.identifiers();
    if (registered.has_founded_on()) *row.mutable_founded_on() = registered.founded_on();
    row.set_parent_organisation_id(registered.parent_organisation_id());
    PutMessage(rows, kMainRow, OrganisationAsOf(row, std::nullopt));
    rows.AddIndex(KindIndex(registered.kind()));
    for (const v1::OrganisationIdentifier& identifier : registered.identifiers()) {
      rows.AddIndex(IdentifierIndex(identifier.scheme(), identifier.value()));
    }
  }
};

}  // namespace

std::unique_ptr<Projection> MakeOrganisationsProjection() {
  return std::make_unique<OrganisationsProjection>();
}

}  // namespace kumppani::projections::registry
