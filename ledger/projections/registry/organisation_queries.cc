// Queries of the "organisations" read model.
#include "ledger/projections/registry/organisation_queries.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ledger/projections/registry/effective_dates.h"
#include "ledger/projections/registry/organisation_as_of.h"
#include "ledger/projections/registry/query_support.h"
#include "ledger/projections/registry/registry_keys.h"
#include "ledger/projections/registry/registry_listing.h"

namespace kumppani::projections {
namespace {

using registry::OrganisationAsOf;

constexpr std::string_view kIdField = "organisation_id";
constexpr std::string_view kKind = "organisation";

// The stored row of `id`; nullopt when absent.
absl::StatusOr<std::optional<v1::OrganisationView>> LoadRow(const RowView& view,
                                                            std::string_view id) {
  v1::OrganisationView row;
  absl::StatusOr<bool> found = view.GetMessage(id, registry::kMainRow, &row);
  if (!found.ok()) return found.status();
  if (!*found) return std::nullopt;
  return row;
}

bool IsLineageStep(const v1::OrganisationStatusChange& change,
                   const std::optional<v1::Date>& as_of) {
  return (change.kind() == v1::ORGANISATION_CHANGE_KIND_MERGED ||
          change.kind() == v1::ORGANISATION_CHANGE_KIND_SUCCEEDED) &&
         registry::StartedBy(change.effective_on(), as_of);
}

v1::LineageLink Link(const std::string& from, const v1::OrganisationStatusChange& change,
                     int distance) {
  v1::LineageLink link;
  link.set_from_organisation_id(from);
  link.set_to_organisation_id(change.other_organisation_id());
  link.set_relation(change.kind());
  *link.mutable_effective_on() = change.effective_on();
  link.set_distance(distance);
  return link;
}

// Nearest first, then by date, ids and relation.
void SortLinks(google::protobuf::RepeatedPtrField<v1::LineageLink>* links) {
  std::sort(links->begin(), links->end(), [](const v1::LineageLink& a, const v1::LineageLink& b) {
    if (a.distance() != b.distance()) return a.distance() < b.distance();
    if (int dates = registry::Compare(a.effective_on(), b.effective_on()); dates != 0) {
      return dates < 0;
    }
    return std::make_tuple(a.from_organisation_id(), a.to_organisation_id(),
                           static_cast<int>(a.relation())) <
           std::make_tuple(b.from_organisation_id(), b.to_organisation_id(),
                           static_cast<int>(b.relation()));
  });
}

// Adds to `lineage` the steps out of the organisation, breadth first.
absl::Status AddSuccessors(const RowView& view, const std::optional<v1::Date>& as_of,
                           v1::OrganisationLineage& lineage) {
  std::set<std::string> seen{lineage.organisation_id()};
  std::vector<std::string> frontier{lineage.organisation_id()};
  for (int distance = 1; !frontier.empty(); ++distance) {
    std::vector<std::string> next;
    for (const std::string& node : frontier) {
      absl::StatusOr<std::optional<v1::OrganisationView>> row = LoadRow(view, node);
      if (!row.ok()) return row.status();
      if (!row->has_value()) continue;
      for (const v1::OrganisationStatusChange& change : (*row)->status_history()) {
        if (!IsLineageStep(change, as_of)) continue;
        *lineage.add_successors() = Link(node, change, distance);
        if (seen.insert(change.other_organisation_id()).second) {
          next.push_back(change.other_organisation_id());
        }
      }
    }
    frontier = std::move(next);
  }
  SortLinks(lineage.mutable_successors());
  return absl::OkStatus();
}

// Adds to `lineage` the steps into the organisation, breadth first, found
// through the predecessor index.
absl::Status AddPredecessors(const RowView& view, const std::optional<v1::Date>& as_of,
                             v1::OrganisationLineage& lineage) {
  std::set<std::string> seen{lineage.organisation_id()};
  std::vector<std::string> frontier{lineage.organisation_id()};
  for (int distance = 1; !frontier.empty(); ++distance) {
    std::vector<std::string> next;
    for (const std::string& node : frontier) {
      std::vector<std::string> predecessors;
      absl::Status scan = view.ScanIndex(registry::PredecessorIndex(node), "", "",
                                         [&](std::string_view, std::string_view stream) {
                                           predecessors.emplace_back(stream);
                                           return true;
                                         });
      if (!scan.ok()) return scan;
      for (const std::string& predecessor : predecessors) {
        absl::StatusOr<std::optional<v1::OrganisationView>> row = LoadRow(view, predecessor);
        if (!row.ok()) return row.status();
        if (!row->has_value()) continue;
        bool linked = false;
        for (const v1::OrganisationStatusChange& change : (*row)->status_history()) {
          if (!IsLineageStep(change, as_of) || change.other_organisation_id() != node) continue;
          *lineage.add_predecessors() = Link(predecessor, change, distance);
          linked = true;
        }
        if (linked && seen.insert(predecessor).second) next.push_back(predecessor);
      }
    }
    frontier = std::move(next);
  }
  SortLinks(lineage.mutable_predecessors());
  return absl::OkStatus();
}

std::string ListName(const OrganisationFilter& filter, const std::optional<v1::Date>& as_of) {
  return absl::StrCat("organisations?kind=", static_cast<int>(filter.kind),
                      "&as_of=", registry::AsOfLabel(as_of));
}

}  // namespace

absl::StatusOr<v1::OrganisationView> GetOrganisation(const RowView& organisations,
                                                     std::string_view organisation_id,
                                                     const std::optional<v1::Date>& as_of) {
  if (absl::Status s = registry::CheckId(organisation_id, "org", kIdField); !s.ok()) return s;
  if (absl::Status s = registry::CheckAsOf(as_of); !s.ok()) return s;
  v1::OrganisationView row;
  if (absl::Status s = registry::ReadMainRow(organisations, organisation_id, kIdField, kKind, &row);
      !s.ok()) {
    return s;
  }
  return OrganisationAsOf(row, as_of);
}

absl::StatusOr<v1::OrganisationList> ListOrganisations(const ProjectionEngine& engine,
                                                       const OrganisationFilter& filter,
                                                       const std::optional<v1::Date>& as_of,
                                                       const PageRequest& page,
                                                       std::optional<Position> known_at) {
  if (absl::Status s = registry::CheckAsOf(as_of); !s.ok()) return s;
  std::string list_name = ListName(filter, as_of);
  absl::StatusOr<registry::Listing> listing =
      registry::OpenListing(engine, registry::kOrganisations, list_name, page, known_at);
  if (!listing.ok()) return listing.status();
  const RowView& view = listing->view;
  absl::StatusOr<registry::EntryPage> entries =
      filter.kind == v1::ORGANISATION_KIND_UNSPECIFIED
          ? registry::StreamPage(view, registry::kOrganisationPrefix, listing->cursor.last_key,
                                 listing->page_size)
          : registry::IndexPage(view, registry::KindIndex(filter.kind), listing->cursor.last_key,
                                listing->page_size);
  if (!entries.ok()) return entries.status();
  v1::OrganisationList list;
  for (const registry::Entry& entry : entries->entries) {
    v1::OrganisationView row;
    if (entry.key.empty()) {
      if (absl::Status s =
              registry::ParseRow(entry.main_row, entry.stream, registry::kMainRow, &row);
          !s.ok()) {
        return s;
      }
    } else {
      absl::StatusOr<std::optional<v1::OrganisationView>> loaded = LoadRow(view, entry.stream);
      if (!loaded.ok()) return loaded.status();
      if (!loaded->has_value()) continue;
      row = **loaded;
    }
    *list.add_organisations() = OrganisationAsOf(row, as_of);
  }
  list.set_next_page_token(registry::NextPageToken(list_name, *listing, *entries));
  return list;
}

absl::StatusOr<v1::OrganisationList> FindOrganisationByIdentifier(
    const RowView& organisations, const v1::OrganisationIdentifier& identifier,
    const std::optional<v1::Date>& as_of) {
  if (identifier.value().empty()) {
    return absl::InvalidArgumentError("identifier.value: is required");
  }
  if (absl::Status s = registry::CheckAsOf(as_of); !s.ok()) return s;
  std::vector<v1::IdentifierScheme> schemes;
  if (identifier.scheme() == v1::IDENTIFIER_SCHEME_UNSPECIFIED) {
    schemes = {v1::IDENTIFIER_SCHEME_BUSINESS_ID, v1::IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER,
               v1::IDENTIFIER_SCHEME_OTHER};
  } else {
    schemes = {identifier.scheme()};
  }
  std::set<std::string> streams;
  for (v1::IdentifierScheme scheme : schemes) {
    std::string key = registry::IdentifierIndex(scheme, identifier.value());
    absl::Status scan =
        organisations.ScanIndex(key, "", "", [&](std::string_view found, std::string_view stream) {
          if (found != key) return false;  // a longer value that starts with this one
          streams.emplace(stream);
          return true;
        });
    if (!scan.ok()) return scan;
  }
  v1::OrganisationList list;
  for (const std::string& stream : streams) {
    absl::StatusOr<std::optional<v1::OrganisationView>> row = LoadRow(organisations, stream);
    if (!row.ok()) return row.status();
    if (row->has_value()) *list.add_organisations() = OrganisationAsOf(**row, as_of);
  }
  if (list.organisations().empty()) {
    return absl::NotFoundError(absl::StrCat("identifier.value: no organisation has identifier \"",
                                            identifier.value(), "\""));
  }
  return list;
}

absl::StatusOr<v1::OrganisationLineage> Lineage(const RowView& organisations,
                                                std::string_view organisation_id,
                                                const std::optional<v1::Date>& as_of) {
  if (absl::Status s = registry::CheckId(organisation_id, "org", kIdField); !s.ok()) return s;
  if (absl::Status s = registry::CheckAsOf(as_of); !s.ok()) return s;
  v1::OrganisationView row;
  if (absl::Status s = registry::ReadMainRow(organisations, organisation_id, kIdField, kKind, &row);
      !s.ok()) {
    return s;
  }
  v1::OrganisationLineage lineage;
  lineage.set_organisation_id(std::string(organisation_id));
  if (absl::Status s = AddPredecessors(organisations, as_of, lineage); !s.ok()) return s;
  if (absl::Status s = AddSuccessors(organisations, as_of, lineage); !s.ok()) return s;
  return lineage;
}

}  // namespace kumppani::projections
