// Argument checks and row reading shared by the registry queries.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_QUERY_SUPPORT_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_QUERY_SUPPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "kumppani/v1/domain.pb.h"
#include "ledger/projections/row_view.h"

namespace kumppani::projections::registry {

// INVALID_ARGUMENT "<field>: ..." unless `id` is a well-formed aggregate id
// of `category` (e.g. "org").
absl::Status CheckId(std::string_view id, std::string_view category, std::string_view field);

// INVALID_ARGUMENT "as_of: ..." for a given but invalid date.
absl::Status CheckAsOf(const std::optional<v1::Date>& as_of);

// "YYYY-MM-DD", or "" without a date (for list names in page tokens).
std::string AsOfLabel(const std::optional<v1::Date>& as_of);

// The main row of `stream_id` parsed into `row`; NOT_FOUND "<field>: <kind>
// \"<id>\" does not exist" when absent.
absl::Status ReadMainRow(const RowView& view, std::string_view stream_id, std::string_view field,
                         std::string_view kind, google::protobuf::Message* row);

// Parses `bytes` (row `name` of `stream_id`) into `row`; DATA_LOSS otherwise.
absl::Status ParseRow(std::string_view bytes, std::string_view stream_id, std::string_view name,
                      google::protobuf::Message* row);

// The rows of `stream_id` named `name_prefix`…, in name order, parsed as
// `Row`s and appended to `out`. DATA_LOSS for a row that does not parse.
template <typename Row>
absl::Status ScanMessages(const RowView& view, std::string_view stream_id,
                          std::string_view name_prefix, std::vector<Row>* out) {
  absl::Status status;
  absl::Status scan =
      view.ScanRows(stream_id, name_prefix, [&](std::string_view name, std::string_view value) {
        Row row;
        status = ParseRow(value, stream_id, name, &row);
        if (!status.ok()) return false;
        out->push_back(std::move(row));
        return true;
      });
  return scan.ok() ? status : scan;
}

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_QUERY_SUPPORT_H_
