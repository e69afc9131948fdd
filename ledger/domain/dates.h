// Civil dates in Finland: validation, comparison and formatting of
// kumppani.v1.Date, and conversion between instants and Finnish civil dates.
//
// Finland's civil time is EET (UTC+2) with EU summer time (UTC+3 from the last
// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC). The
// rule is built in, so results do not depend on the machine's tz database.
#ifndef KUMPPANI_LEDGER_DOMAIN_DATES_H_
#define KUMPPANI_LEDGER_DOMAIN_DATES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/timestamp.pb.h"
#include "kumppani/v1/domain.pb.h"

namespace kumppani::domain {

// True when any of year, month, day is non-zero.
bool IsSet(const v1::Date& date);

// OK when `date` is a real calendar day with year 1900..2200. When unset:
// INVALID_ARGUMENT "<field>: is required" if `required`, else OK.
absl::Status ValidateDate(const v1::Date& date, absl::string_view field, bool required);

// OK when range.start is a valid date and range.end, when set, is a valid
// date not before start. Fields are named "<field>.start" and "<field>.end".
absl::Status ValidateDateRange(const v1::DateRange& range, absl::string_view field);

absl::CivilDay ToCivilDay(const v1::Date& date);
v1::Date FromCivilDay(absl::CivilDay day);

// -1, 0 or 1 as a is before, equal to or after b. Both must be valid.
int CompareDates(const v1::Date& a, const v1::Date& b);
inline bool Before(const v1::Date& a, const v1::Date& b) { return CompareDates(a, b) < 0; }
inline bool After(const v1::Date& a, const v1::Date& b) { return CompareDates(a, b) > 0; }

// ISO 8601 form, e.g. "2019-02-15"; "(unset)" for an unset date.
std::string FormatDate(const v1::Date& date);

// Finland's UTC offset in seconds (7200 or 10800) at the instant `unix_seconds`.
int HelsinkiUtcOffsetSeconds(int64_t unix_seconds);

// The Finnish civil date of an instant.
v1::Date HelsinkiDate(int64_t unix_seconds);
v1::Date HelsinkiDate(const google::protobuf::Timestamp& instant);

// The instant at which `date` begins in Finland (00:00 local time).
google::protobuf::Timestamp HelsinkiStartOfDay(const v1::Date& date);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_DATES_H_
