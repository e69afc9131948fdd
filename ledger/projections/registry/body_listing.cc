// ListBodies: a filtered scan of the bodies' main rows.
#include "ledger/projections/registry/body_listing.h"

#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ledger/projections/registry/body_as_of.h"
#include "ledger/projections/registry/query_support.h"
#include "ledger/projections/registry/registry_keys.h"
#include "ledger/projections/registry/registry_listing.h"

namespace kumppani::projections {
namespace {

absl::Status CheckFilter(const BodyFilter& filter) {
  if (!v1::BodyKind_IsValid(filter.kind)) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter.kind: ", static_cast<int>(filter.kind), " is not a BodyKind"));
  }
  if (!v1::BodyStatus_IsValid(filter.status)) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter.status: ", static_cast<int>(filter.status), " is not a BodyStatus"));
  }
  if (!filter.parent_organisation_id.empty()) {
    if (absl::Status s = registry::CheckId(filter.parent_organisation_id, "org",
                                           "filter.parent_organisation_id");
        !s.ok()) {
      return s;
    }
  }
  if (!filter.convener_organisation_id.empty()) {
    if (absl::Status s = registry::CheckId(filter.convener_organisation_id, "org",
                                           "filter.convener_organisation_id");
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

bool Matches(const BodyFilter& filter, const v1::BodyView& body) {
  return (filter.kind == v1::BODY_KIND_UNSPECIFIED || body.kind() == filter.kind) &&
         (filter.status == v1::BODY_STATUS_UNSPECIFIED || body.status() == filter.status) &&
         (filter.parent_organisation_id.empty() ||
          body.parent_organisation_id() == filter.parent_organisation_id) &&
         (filter.convener_organisation_id.empty() ||
          body.convener_organisation_id() == filter.convener_organisation_id);
}

// The ids are checked well-formed, so they hold no '&' or '=' and the name
// is unambiguous.
std::string ListName(const BodyFilter& filter, const std::optional<v1::Date>& as_of) {
  return absl::StrCat(
      "bodies?kind=", static_cast<int>(filter.kind), "&status=", static_cast<int>(filter.status),
      "&parent=", filter.parent_organisation_id, "&convener=", filter.convener_organisation_id,
      "&as_of=", registry::AsOfLabel(as_of));
}

}  // namespace

absl::StatusOr<BodyPage> ListBodies(const ProjectionEngine& engine, const BodyFilter& filter,
                                    const std::optional<v1::Date>& as_of, const PageRequest& page,
                                    std::optional<Position> known_at) {
  if (absl::Status s = CheckFilter(filter); !s.ok()) return s;
  if (absl::Status s = registry::CheckAsOf(as_of); !s.ok()) return s;
  std::string list_name = ListName(filter, as_of);
  absl::StatusOr<registry::Listing> listing =
      registry::OpenListing(engine, registry::kBodies, list_name, page, known_at);
  if (!listing.ok()) return listing.status();
  const std::string& last_key = listing->cursor.last_key;
  if (!last_key.empty() && !std::string_view(last_key).starts_with(registry::kBodyPrefix)) {
    return absl::InvalidArgumentError("page_token: does not point into this list");
  }

  BodyPage result;
  std::string last_stream;
  bool more = false;
  absl::Status parsed;
  absl::Status scan = listing->view.ScanStreams(
      registry::kBodyPrefix, last_key, [&](std::string_view stream, std::string_view main_row) {
        v1::BodyView row;
        parsed = registry::ParseRow(main_row, stream, registry::kMainRow, &row);
        if (!parsed.ok()) return false;
        v1::BodyView body = registry::BodyMainAsOf(row, as_of);
        if (!Matches(filter, body)) return true;
        if (result.bodies.size() == listing->page_size) {
          more = true;  // one match beyond the page: the page is not the last
          return false;
        }
        result.bodies.push_back(std::move(body));
        last_stream = std::string(stream);
        return true;
      });
  if (!scan.ok()) return scan;
  if (!parsed.ok()) return parsed;
  if (more) {
    result.next_page_token =
        EncodePageToken(list_name, PageCursor{listing->cursor.known_at, last_stream});
  }
  return result;
}

}  // namespace kumppani::projections
