// RegistryService request decoding.
#include "api/registry_requests.h"

#include "absl/strings/str_cat.h"
#include "api/read_point.h"

namespace kumppani::api {

std::optional<v1::Date> OptionalDate(bool has_date, const v1::Date& date) {
  if (!has_date || (date.year() == 0 && date.month() == 0 && date.day() == 0)) {
    return std::nullopt;
  }
  return date;
}

absl::StatusOr<projections::RowView> ViewAt(const store::EventStore& store,
                                            const projections::ProjectionEngine& engine,
                                            std::string_view projection,
                                            const v1::KnownAt* known_at) {
  absl::StatusOr<Position> position = ResolveReadPoint(store, known_at);
  if (!position.ok()) return position.status();
  return engine.View(projection, *position);
}

absl::StatusOr<ListingPage> ToListingPage(const store::EventStore& store,
                                          const v1::KnownAt* known_at, int32_t page_size,
                                          const std::string& page_token) {
  if (page_size < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: must not be negative, got ", page_size));
  }
  ListingPage listing;
  listing.page.page_size = static_cast<size_t>(page_size);
  listing.page.page_token = page_token;
  absl::StatusOr<std::optional<Position>> point =
      ListingReadPoint(store, known_at, !page_token.empty());
  if (!point.ok()) return point.status();
  if (!page_token.empty()) {
    absl::StatusOr<Position> pinned = projections::PageTokenPosition(page_token);
    if (!pinned.ok()) return pinned.status();
    listing.read_position = *pinned;
    return listing;
  }
  // A first page: pin the head now, so that the page and read_position agree.
  if (!point->has_value()) {
    absl::StatusOr<Position> head = ResolveReadPoint(store, nullptr);
    if (!head.ok()) return head.status();
    *point = *head;
  }
  listing.known_at = **point;
  listing.read_position = **point;
  return listing;
}

absl::StatusOr<projections::OrganisationFilter> ToOrganisationFilter(
    const v1::OrganisationFilter& filter) {
  if (!v1::OrganisationKind_IsValid(filter.kind())) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter.kind: ", filter.kind(), " is not an OrganisationKind"));
  }
  projections::OrganisationFilter out;
  out.kind = filter.kind();
  return out;
}

projections::BodyFilter ToBodyFilter(const v1::BodyFilter& filter) {
  projections::BodyFilter out;
  out.kind = filter.kind();
  out.status = filter.status();
  out.parent_organisation_id = filter.parent_organisation_id();
  out.convener_organisation_id = filter.convener_organisation_id();
  return out;
}

projections::MembershipFilter ToMembershipFilter(const v1::MembershipFilter& filter) {
  projections::MembershipFilter out;
  switch (filter.subject_case()) {
    case v1::MembershipFilter::kPersonId:
      out.person_id = filter.person_id();
      break;
    case v1::MembershipFilter::kOrganisationId:
      out.organisation_id = filter.organisation_id();
      break;
    case v1::MembershipFilter::kBodyId:
      out.body_id = filter.body_id();
      break;
    case v1::MembershipFilter::SUBJECT_NOT_SET:
      break;  // the query says which field is missing
  }
  return out;
}

projections::MeetingFilter ToMeetingFilter(const v1::MeetingFilter& filter) {
  projections::MeetingFilter out;
  out.body_id = filter.body_id();
  out.from = OptionalDate(filter.has_from(), filter.from());
  out.to = OptionalDate(filter.has_to(), filter.to());
  return out;
}

absl::Status CheckIdentifier(const v1::OrganisationIdentifier& identifier) {
  if (!v1::IdentifierScheme_IsValid(identifier.scheme())) {
    return absl::InvalidArgumentError(
        absl::StrCat("identifier.scheme: ", identifier.scheme(), " is not an IdentifierScheme"));
  }
  return absl::OkStatus();
}

}  // namespace kumppani::api
