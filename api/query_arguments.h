// Decoding the arguments every query request shares: known_at, an optional
// effective date (as_of and date filters) and the page size and token of a
// listing; and naming the request field in a read model's NOT_FOUND. Errors
// are INVALID_ARGUMENT naming the request field and the rule. (Resolving
// known_at to a position is read_point.h's.)
//
// Thread safety: pure functions.
#ifndef KUMPPANI_API_QUERY_ARGUMENTS_H_
#define KUMPPANI_API_QUERY_ARGUMENTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "kumppani/v1/domain.pb.h"
#include "kumppani/v1/read_point.pb.h"
#include "ledger/domain/dates.h"
#include "ledger/projections/page_token.h"

namespace kumppani::api {

// The date of an optional Date field: std::nullopt when the field is unset
// (`present` false) or all zero (JSON clients sending `{}`); else the date
// when it is a real day of 1900..2200, INVALID_ARGUMENT "<field>.month: must
// be in 1..12, got 13" etc. otherwise.
inline absl::StatusOr<std::optional<v1::Date>> DecodeOptionalDate(bool present,
                                                                  const v1::Date& date,
                                                                  absl::string_view field) {
  if (!present || (date.year() == 0 && date.month() == 0 && date.day() == 0)) {
    return std::optional<v1::Date>();
  }
  if (absl::Status valid = domain::ValidateDate(date, field, /*required=*/true); !valid.ok()) {
    return valid;
  }
  return std::optional<v1::Date>(date);
}

// A listing's page request. INVALID_ARGUMENT "page_size: must not be
// negative" for a negative size; 0 means the default (100) and sizes above
// 1,000 are reduced to 1,000 by the query. The token is checked by the query
// (INVALID_ARGUMENT "page_token: ...").
inline absl::StatusOr<projections::PageRequest> DecodePageRequest(int32_t page_size,
                                                                  const std::string& page_token) {
  if (page_size < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: must not be negative, got ", page_size));
  }
  projections::PageRequest page;
  page.page_size = static_cast<size_t>(page_size);
  page.page_token = page_token;
  return page;
}

// A request's known_at, or nullptr (the head) when it has none.
template <typename Request>
const v1::KnownAt* KnownAtOf(const Request& request) {
  return request.has_known_at() ? &request.known_at() : nullptr;
}

// A request's as_of, decoded as DecodeOptionalDate does.
template <typename Request>
absl::StatusOr<std::optional<v1::Date>> AsOfOf(const Request& request) {
  return DecodeOptionalDate(request.has_as_of(), request.as_of(), "as_of");
}

// The read models' NOT_FOUND messages name the id ("decision \"x\" does not
// exist"); the API's also name the request field: "decision_id: …". Other
// statuses pass unchanged.
inline absl::Status NamingField(absl::Status status, absl::string_view field) {
  if (status.code() != absl::StatusCode::kNotFound ||
      absl::StartsWith(status.message(), absl::StrCat(field, ":"))) {
    return status;
  }
  return absl::NotFoundError(absl::StrCat(field, ": ", status.message()));
}

template <typename T>
absl::StatusOr<T> NamingField(absl::StatusOr<T> result, absl::string_view field) {
  if (result.ok()) return result;
  return NamingField(result.status(), field);
}

}  // namespace kumppani::api

#endif  // KUMPPANI_API_QUERY_ARGUMENTS_H_
