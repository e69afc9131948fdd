// Queries of the "organisations" read model: one organisation on a date,
// listings by kind, lookup by register identifier, and lineage (mergers and
// successions, transitively).
//
// as_of: what was in force on that civil date (names by their effective
// day, mergers, dissolutions and successions by theirs); absent = everything
// known. known_at: single reads use the view they are given; listings pin
// their first page's position in the page token.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_ORGANISATION_QUERIES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_ORGANISATION_QUERIES_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "kumppani/v1/registry_views.pb.h"
#include "ledger/common/ids.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections {

// The organisation as in force on `as_of`. INVALID_ARGUMENT for a malformed
// id ("organisation_id: ...") or date ("as_of: ..."); NOT_FOUND
// "organisation_id: organisation \"<id>\" does not exist".
absl::StatusOr<v1::OrganisationView> GetOrganisation(
    const RowView& organisations, std::string_view organisation_id,
    const std::optional<v1::Date>& as_of = std::nullopt);

// Filters of ListOrganisations.
struct OrganisationFilter {
  // Only organisations of this kind; UNSPECIFIED lists all.
  v1::OrganisationKind kind = v1::ORGANISATION_KIND_UNSPECIFIED;
};

// One page of organisations matching `filter` in id order, each as in force
// on `as_of`, read at the position the listing's first page was read at
// (`known_at`, default the head). INVALID_ARGUMENT "page_token: ..." for a
// token of another listing (the filter and as_of are part of it) and
// "as_of: ..." for a malformed date.
absl::StatusOr<v1::OrganisationList> ListOrganisations(
    const ProjectionEngine& engine, const OrganisationFilter& filter,
    const std::optional<v1::Date>& as_of, const PageRequest& page,
    std::optional<Position> known_at = std::nullopt);

// The organisations that have `identifier` (the domain does not forbid two
// organisations sharing one), in id order, as in force on `as_of`. With
// scheme UNSPECIFIED every scheme is searched. Association register numbers
// match with or without thousands dots. INVALID_ARGUMENT
// "identifier.value: is required"; NOT_FOUND naming the value when no
// organisation has it.
absl::StatusOr<v1::OrganisationList> FindOrganisationByIdentifier(
    const RowView& organisations, const v1::OrganisationIdentifier& identifier,
    const std::optional<v1::Date>& as_of = std::nullopt);

// Where `organisation_id` came from and went to: every organisation that
// merged into it or was succeeded by it, and theirs, transitively; and the
// organisations it merged into or was succeeded by, and theirs. Only steps
// that took effect on or before `as_of` count. Errors as GetOrganisation.
absl::StatusOr<v1::OrganisationLineage> Lineage(
    const RowView& organisations, std::string_view organisation_id,
    const std::optional<v1::Date>& as_of = std::nullopt);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_ORGANISATION_QUERIES_H_
