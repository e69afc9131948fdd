// Queries of the "bodies" read model: a body on a date, and its roster (who
// held which seat on a date).
//
// as_of: what was in force on that civil date (convener periods, mandate
// versions and continuations by their effective day; memberships by term
// and end day; seats until their removal day); absent = everything known
// (memberships not ended, seats not removed, the latest convener).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODY_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODY_QUERIES_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "kumppani/v1/registry_views.pb.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The body as in force on `as_of`, with its mandate history, continuations
// and seats. INVALID_ARGUMENT for a malformed id ("body_id: ...") or date
// ("as_of: ..."); NOT_FOUND "body_id: body \"<id>\" does not exist". A body
// not yet established on as_of is returned with status NOT_YET_ESTABLISHED
// and no mandate or seats.
absl::StatusOr<v1::BodyView> GetBody(const RowView& bodies, std::string_view body_id,
                                     const std::optional<v1::Date>& as_of = std::nullopt);

// Who sat on the body on `as_of`: each seat in force with the membership(s)
// holding it (person, represented organisation, deputy, term), the convener
// then in force and the number of vacancies. `persons` (a view at the same
// position) marks members who have been erased. Seats are listed only while
// the body is ACTIVE on the date. Errors as GetBody.
absl::StatusOr<v1::BodyRoster> Roster(const RowView& bodies, const RowView& persons,
                                      std::string_view body_id,
                                      const std::optional<v1::Date>& as_of = std::nullopt);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODY_QUERIES_H_
