// MembershipHistory: a page of a membership index, each entry's row read
// from the body's stream.
#include "ledger/projections/registry/membership_queries.h"

#include "absl/strings/str_cat.h"
#include "ledger/projections/registry/person_queries.h"
#include "ledger/projections/registry/query_support.h"
#include "ledger/projections/registry/registry_keys.h"
#include "ledger/projections/registry/registry_listing.h"

namespace kumppani::projections {
namespace {

// The index prefix to list, after checking the filter.
absl::StatusOr<std::string> IndexPrefix(const MembershipFilter& filter) {
  int set = !filter.person_id.empty() + !filter.organisation_id.empty() + !filter.body_id.empty();
  if (set != 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "filter: exactly one of person_id, organisation_id and body_id must be set, got ", set));
  }
  if (!filter.person_id.empty()) {
    if (absl::Status s = registry::CheckId(filter.person_id, "person", "filter.person_id");
        !s.ok()) {
      return s;
    }
    return registry::MembershipByPersonPrefix(filter.person_id);
  }
  if (!filter.organisation_id.empty()) {
    if (absl::Status s = registry::CheckId(filter.organisation_id, "org", "filter.organisation_id");
        !s.ok()) {
      return s;
    }
    return registry::MembershipByOrganisationPrefix(filter.organisation_id);
  }
  if (absl::Status s = registry::CheckId(filter.body_id, "body", "filter.body_id"); !s.ok()) {
    return s;
  }
  return registry::MembershipByBodyPrefix(filter.body_id);
}

// The membership row an index key points at: the key ends in the
// membership id part.
std::string RowOf(std::string_view key) {
  return absl::StrCat(std::string(registry::kMembershipRows),
                      std::string(key.substr(key.rfind('/') + 1)));
}

}  // namespace

absl::StatusOr<v1::MembershipList> MembershipHistory(const ProjectionEngine& engine,
                                                     const MembershipFilter& filter,
                                                     const PageRequest& page,
                                                     std::optional<Position> known_at) {
  absl::StatusOr<std::string> prefix = IndexPrefix(filter);
  if (!prefix.ok()) return prefix.status();
  std::string list_name = absl::StrCat("memberships?", *prefix);
  absl::StatusOr<registry::Listing> listing =
      registry::OpenListing(engine, registry::kBodies, list_name, page, known_at);
  if (!listing.ok()) return listing.status();
  absl::StatusOr<RowView> persons = engine.View(registry::kPersons, listing->view.position());
  if (!persons.ok()) return persons.status();
  absl::StatusOr<registry::EntryPage> entries =
      registry::IndexPage(listing->view, *prefix, listing->cursor.last_key, listing->page_size);
  if (!entries.ok()) return entries.status();

  v1::MembershipList list;
  for (const registry::Entry& entry : entries->entries) {
    v1::MembershipView membership;
    absl::StatusOr<bool> found =
        listing->view.GetMessage(entry.stream, RowOf(entry.key), &membership);
    if (!found.ok()) return found.status();
    if (!*found) continue;
    absl::StatusOr<bool> erased = IsErased(*persons, membership.person_id());
    if (!erased.ok()) return erased.status();
    membership.set_person_erased(*erased);
    *list.add_memberships() = std::move(membership);
  }
  list.set_next_page_token(registry::NextPageToken(list_name, *listing, *entries));
  return list;
}

}  // namespace kumppani::projections
