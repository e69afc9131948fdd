// Queries of the "persons" read model. Pseudonymous only: a person is an id
// and an erased flag; personal data is read (decrypted) elsewhere, by
// domain::ReadPerson, and never through a read model.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_PERSON_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_PERSON_QUERIES_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "kumppani/v1/registry_views.pb.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The person as known at the view's position. INVALID_ARGUMENT
// "person_id: ..." for a malformed id; NOT_FOUND "person_id: person \"<id>\"
// does not exist".
absl::StatusOr<v1::PersonView> GetPerson(const RowView& persons, std::string_view person_id);

// True when `person_id` is registered and erased at the view's position
// (false for an unknown person).
absl::StatusOr<bool> IsErased(const RowView& persons, std::string_view person_id);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_PERSON_QUERIES_H_
