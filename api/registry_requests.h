// Decoding kumppani.v1.RegistryService requests into the registry queries'
// arguments (ledger/projections/registry/*_queries.h, body_listing.h): the
// position each answer is read at, page requests, as_of dates and filters.
// The handlers in registry_service.cc call these, then one query.
//
// Errors name the request field and the rule (INVALID_ARGUMENT); the
// queries check ids and dates themselves.
//
// Thread safety: free functions; the store and engine may be shared.
#ifndef KUMPPANI_API_REGISTRY_REQUESTS_H_
#define KUMPPANI_API_REGISTRY_REQUESTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "api/query_arguments.h"
#include "kumppani/v1/registry_service.pb.h"
#include "ledger/common/ids.h"
#include "ledger/projections/page_token.h"
#include "ledger/projections/projection_engine.h"
#include "ledger/projections/registry/body_listing.h"
#include "ledger/projections/registry/meeting_queries.h"
#include "ledger/projections/registry/membership_queries.h"
#include "ledger/projections/registry/organisation_queries.h"
#include "ledger/projections/row_view.h"
#include "ledger/store/event_store.h"

namespace kumppani::api {

// A date field as a query's optional date: nullopt when the field is unset
// or all zero (proto3 clients cannot always leave a message out).
std::optional<v1::Date> OptionalDate(bool has_date, const v1::Date& date);

// The view of `projection` at `known_at` (nullptr: the head). Errors of
// ResolveReadPoint and ProjectionEngine::View (UNAVAILABLE while the
// projection is being built).
absl::StatusOr<projections::RowView> ViewAt(const store::EventStore& store,
                                            const projections::ProjectionEngine& engine,
                                            std::string_view projection,
                                            const v1::KnownAt* known_at);

// One page of a listing, decoded.
struct ListingPage {
  // For the query function.
  projections::PageRequest page;
  // The known_at to pass to the query function: the resolved known_at (the
  // head when unset) on a first page, nullopt when the page token pins it.
  std::optional<Position> known_at;
  // The position the page is read at: the response's read_position.
  Position read_position;
};

// INVALID_ARGUMENT "page_size: must not be negative, got -1", "known_at:
// must be unset with a page_token …", "page_token: is not a token this
// server issued" and those of ResolveReadPoint. Whether the token belongs to
// the listing is the query function's check.
absl::StatusOr<ListingPage> ToListingPage(const store::EventStore& store,
                                          const v1::KnownAt* known_at, int32_t page_size,
                                          const std::string& page_token);

// The listing filters. INVALID_ARGUMENT "filter.kind: …" for a kind outside
// the enum; the query functions check ids and dates.
absl::StatusOr<projections::OrganisationFilter> ToOrganisationFilter(
    const v1::OrganisationFilter& filter);
projections::BodyFilter ToBodyFilter(const v1::BodyFilter& filter);
projections::MembershipFilter ToMembershipFilter(const v1::MembershipFilter& filter);
projections::MeetingFilter ToMeetingFilter(const v1::MeetingFilter& filter);

// INVALID_ARGUMENT "identifier.scheme: …" for a scheme outside the enum (the
// query checks the value).
absl::Status CheckIdentifier(const v1::OrganisationIdentifier& identifier);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_REGISTRY_REQUESTS_H_
