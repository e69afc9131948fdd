// ListBodies over the "bodies" read model: the bodies matching a filter
// (kind, status, parent organisation, convener) in id order, each as in
// force on a date, one page at a time.
//
// The projection keeps no index by parent, kind or convener (status and
// convener depend on the date asked about), so a page scans the bodies'
// small main rows in id order from the page token's cursor and keeps the
// matching ones: a page costs at most one pass over the bodies, which are
// counted in hundreds per region, not millions.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODY_LISTING_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODY_LISTING_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/registry_views.pb.h"
#include "ledger/common/ids.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"

namespace kumppani::projections {

// Filters of ListBodies: a body is listed when its view as in force on the
// listing's as_of matches every set field.
struct BodyFilter {
  // Only bodies of this kind; UNSPECIFIED lists every kind.
  v1::BodyKind kind = v1::BODY_KIND_UNSPECIFIED;
  // Only bodies with this status on as_of; UNSPECIFIED lists every status.
  v1::BodyStatus status = v1::BODY_STATUS_UNSPECIFIED;
  // Only bodies belonging to this organisation ("org-…"); empty: any.
  std::string parent_organisation_id;
  // Only bodies convened by this organisation on as_of ("org-…"); empty:
  // any.
  std::string convener_organisation_id;
};

// One page of ListBodies.
struct BodyPage {
  // The bodies in id order, each as GetBody's main part: status, convener
  // and convener history, dissolution as in force on as_of; mandate,
  // mandate_history, continuations and seats are left empty.
  std::vector<v1::BodyView> bodies;
  // Token for the next page; empty on the last page.
  std::string next_page_token;
};

// One page of the bodies matching `filter`, each as in force on `as_of`,
// read at the position the listing's first page was read at (`known_at`,
// default the head). INVALID_ARGUMENT "filter.kind: ...", "filter.status:
// ..." for a value outside the enum, "filter.parent_organisation_id: ...",
// "filter.convener_organisation_id: ..." for a malformed id, "as_of: ..."
// for a malformed date and "page_token: ..." for a token of another listing
// (the filter and as_of are part of it).
absl::StatusOr<BodyPage> ListBodies(const ProjectionEngine& engine, const BodyFilter& filter,
                                    const std::optional<v1::Date>& as_of, const PageRequest& page,
                                    std::optional<Position> known_at = std::nullopt);

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODY_LISTING_H_
