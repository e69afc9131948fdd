// The footprint of an organisation: its statements (submissions it gave or
// that were given on its behalf) and what decisions did with each, the
// memberships through which persons represent it on bodies, and its grants
// with their totals. A join at query time of the registry
// ("organisations", "bodies", "persons"), participation ("consultations",
// "submissions", "proposals", "decisions") and grants ("grants",
// "grant_programmes") read models, all read at one log position.
//
// Thread safety: a free function; safe to call concurrently (it takes its
// own views).
#ifndef KUMPPANI_LEDGER_AUDIT_ORGANISATION_FOOTPRINT_H_
#define KUMPPANI_LEDGER_AUDIT_ORGANISATION_FOOTPRINT_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "kumppani/v1/audit_views.pb.h"
#include "ledger/common/ids.h"
#include "ledger/projections/projection_engine.h"

namespace kumppani::audit {

// The footprint of `organisation_id` on `as_of` (absent: everything known)
// as the ledger knew it at `known_at` (absent: the head when called).
//
// Statements are found through the submissions' submitter and on-behalf-of
// indexes. A statement's outcomes are the decisions made by as_of that
// consider it directly (with their assessment and feedback), and those that
// cite a proposal citing it (directly or through other proposals), as in
// the influence trail. Memberships are those whose represented organisation
// it is. Grants are those it applied for; totals are grouped by programme.
//
// INVALID_ARGUMENT for a malformed organisation_id ("organisation_id: ...")
// or as_of ("as_of: ..."), or a known_at beyond the head; NOT_FOUND
// "organisation_id: organisation \"<id>\" does not exist" when it is not
// registered at known_at; UNAVAILABLE while a read model is being built;
// OUT_OF_RANGE when its grant sums overflow.
absl::StatusOr<v1::OrganisationFootprint> OrganisationFootprint(
    const projections::ProjectionEngine& engine, std::string_view organisation_id,
    const std::optional<v1::Date>& as_of, std::optional<Position> known_at = std::nullopt);

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_ORGANISATION_FOOTPRINT_H_
