// Argument checks and row reading shared by the registry queries.
#include "ledger/projections/registry/query_support.h"

#include "absl/strings/str_cat.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"
#include "ledger/projections/registry/registry_keys.h"

namespace kumppani::projections::registry {
namespace {

absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace

absl::Status CheckId(std::string_view id, std::string_view category, std::string_view field) {
  return domain::ValidateAggregateId(Sv(id), Sv(category), Sv(field));
}

absl::Status CheckAsOf(const std::optional<v1::Date>& as_of) {
  if (!as_of.has_value()) return absl::OkStatus();
  return domain::ValidateDate(*as_of, "as_of", true);
}

std::string AsOfLabel(const std::optional<v1::Date>& as_of) {
  return as_of.has_value() ? DateKey(*as_of) : "";
}

absl::Status ReadMainRow(const RowView& view, std::string_view stream_id, std::string_view field,
                         std::string_view kind, google::protobuf::Message* row) {
  absl::StatusOr<std::optional<std::string>> bytes = view.Get(stream_id, kMainRow);
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return domain::NotFound(Sv(field), Sv(kind), Sv(stream_id));
  return ParseRow(**bytes, stream_id, kMainRow, row);
}

absl::Status ParseRow(std::string_view bytes, std::string_view stream_id, std::string_view name,
                      google::protobuf::Message* row) {
  if (!row->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return DataLossParsing(stream_id, name);
  }
  return absl::OkStatus();
}

}  // namespace kumppani::projections::registry
