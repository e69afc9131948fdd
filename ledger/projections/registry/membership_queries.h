// Membership history over the "bodies" read model: every membership of one
// person, of one represented organisation or of one body, by term start,
// with how and when each ended. Erased persons are flagged (from "persons"
// at the same position); their memberships stay.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_MEMBERSHIP_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_MEMBERSHIP_QUERIES_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "kumppani/v1/registry_views.pb.h"
#include "ledger/common/ids.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"

namespace kumppani::projections {

// Whose memberships to list: exactly one field is set.
struct MembershipFilter {
  // The member (person-…).
  std::string person_id;
  // The organisation represented (org-…).
  std::string organisation_id;
  // The body (body-…).
  std::string body_id;
};

// One page of the memberships matching `filter`, by term start (then body
// and membership id), read at the position the listing's first page was
// read at (`known_at`, default the head). INVALID_ARGUMENT "filter: ..."
// unless exactly one filter field is set, "filter.<field>: ..." for a
// malformed id, "page_token: ..." for a token of another listing. An id
// with no memberships gives an empty page, not NOT_FOUND.
absl::StatusOr<v1::MembershipList> MembershipHistory(
    const ProjectionEngine& engine, const MembershipFilter& filter, const PageRequest& page,
    std::optional<Position> known_at = std::nullopt);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_MEMBERSHIP_QUERIES_H_
