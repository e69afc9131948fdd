// Queries of the "calls" read model.
#include "ledger/projections/registry/call_queries.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "ledger/projections/registry/query_support.h"
#include "ledger/projections/registry/registry_keys.h"
#include "ledger/projections/registry/registry_listing.h"

namespace kumppani::projections {
namespace {

constexpr std::string_view kIdField = "call_id";
constexpr std::string_view kKind = "membership call";

absl::Status AddEntries(const RowView& calls, std::string_view call_id, v1::CallView& call) {
  std::vector<v1::CallEntry> entries;
  absl::Status s = registry::ScanMessages(calls, call_id, registry::kCallEntryRows, &entries);
  if (!s.ok()) return s;
  for (v1::CallEntry& entry : entries) *call.add_entries() = std::move(entry);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::CallView> GetCall(const RowView& calls, std::string_view call_id) {
  if (absl::Status s = registry::CheckId(call_id, "call", kIdField); !s.ok()) return s;
  v1::CallView call;
  if (absl::Status s = registry::ReadMainRow(calls, call_id, kIdField, kKind, &call); !s.ok()) {
    return s;
  }
  if (absl::Status s = AddEntries(calls, call_id, call); !s.ok()) return s;
  return call;
}

absl::StatusOr<v1::CallList> ListCalls(const ProjectionEngine& engine, std::string_view body_id,
                                       const PageRequest& page, std::optional<Position> known_at) {
  if (absl::Status s = registry::CheckId(body_id, "body", "body_id"); !s.ok()) return s;
  std::string prefix = registry::CallByBodyPrefix(body_id);
  std::string list_name = absl::StrCat("calls?", prefix);
  absl::StatusOr<registry::Listing> listing =
      registry::OpenListing(engine, registry::kCalls, list_name, page, known_at);
  if (!listing.ok()) return listing.status();
  absl::StatusOr<registry::EntryPage> entries =
      registry::IndexPage(listing->view, prefix, listing->cursor.last_key, listing->page_size);
  if (!entries.ok()) return entries.status();
  v1::CallList list;
  for (const registry::Entry& entry : entries->entries) {
    v1::CallView call;
    absl::StatusOr<bool> found = listing->view.GetMessage(entry.stream, registry::kMainRow, &call);
    if (!found.ok()) return found.status();
    if (!*found) continue;
    if (absl::Status s = AddEntries(listing->view, entry.stream, call); !s.ok()) return s;
    *list.add_calls() = std::move(call);
  }
  list.set_next_page_token(registry::NextPageToken(list_name, *listing, *entries));
  return list;
}

}  // namespace kumppani::projections
