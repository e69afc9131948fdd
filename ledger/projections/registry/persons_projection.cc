// The persons fold: a person exists, and may be erased.
#include "ledger/projections/registry/persons_projection.h"

#include <string>

#include "kumppani/v1/registry_views.pb.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::projections::registry {
namespace {

class PersonsProjection final : public Projection {
 public:
  std::string_view name() const override { return kPersons; }
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override {
    return stream_id.substr(0, kPersonPrefix.size()) == kPersonPrefix;
  }

  void Apply(const AppliedEvent& applied, AggregateRows& rows) override {
    const v1::Event& event = applied.event;
    if (event.has_person_registered()) {
      if (rows.Get(kMainRow).has_value()) return;  // registered once
      v1::PersonView row;
      row.set_person_id(rows.stream_id());
      row.set_display(rows.stream_id());
      PutMessage(rows, kMainRow, row);
    } else if (event.has_person_erased()) {
      v1::PersonView row;
      if (!GetMessage(rows, kMainRow, &row) || row.erased()) return;
      const v1::PersonErased& erased = event.person_erased();
      row.set_erased(true);
      if (erased.has_erased_at()) *row.mutable_erased_at() = erased.erased_at();
      row.set_erasure_legal_basis(erased.legal_basis());
      row.set_display(std::string(kErasedDisplay));
      PutMessage(rows, kMainRow, row);
    }
  }
};

}  // namespace

std::unique_ptr<Projection> MakePersonsProjection() {
  return std::make_unique<PersonsProjection>();
}

}  // namespace kumppani::projections::registry
