// Queries of the "persons" read model.
#include "ledger/projections/registry/person_queries.h"

#include "ledger/projections/registry/query_support.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::projections {

absl::StatusOr<v1::PersonView> GetPerson(const RowView& persons, std::string_view person_id) {
  if (absl::Status s = registry::CheckId(person_id, "person", "person_id"); !s.ok()) return s;
  v1::PersonView person;
  if (absl::Status s = registry::ReadMainRow(persons, person_id, "person_id", "person", &person);
      !s.ok()) {
    return s;
  }
  return person;
}

absl::StatusOr<bool> IsErased(const RowView& persons, std::string_view person_id) {
  if (person_id.empty()) return false;
  v1::PersonView person;
  absl::StatusOr<bool> found = persons.GetMessage(person_id, registry::kMainRow, &person);
  if (!found.ok()) return found.status();
  return *found && person.erased();
}

}  // namespace kumppani::projections
