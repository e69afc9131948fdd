// Finnish civil dates: validation, comparison and the EET/EEST rule.
#include "ledger/domain/dates.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace kumppani::domain {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

int64_t DaysSinceEpoch(absl::CivilDay day) { return day - absl::CivilDay(1970, 1, 1); }

// Seconds since the epoch of 01:00 UTC on the last Sunday of `month`.
int64_t LastSundayOneAmUtc(int64_t year, int month) {
  absl::CivilDay last = absl::CivilDay(year, month + 1, 1) - 1;
  while (absl::GetWeekday(last) != absl::Weekday::sunday) last -= 1;
  return DaysSinceEpoch(last) * kSecondsPerDay + 3600;
}

}  // namespace

bool IsSet(const v1::Date& date) {
  return date.year() != 0 || date.month() != 0 || date.day() != 0;
}

absl::Status ValidateDate(const v1::Date& date, absl::string_view field, bool required) {
  if (!IsSet(date)) {
    if (required) return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
    return absl::OkStatus();
  }
  if (date.year() < 1900 || date.year() > 2200) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".year: must be in 1900..2200, got ", date.year()));
  }
  if (date.month() < 1 || date.month() > 12) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".month: must be in 1..12, got ", date.month()));
  }
  absl::CivilDay day(date.year(), date.month(), date.day());
  if (date.day() < 1 || day.month() != date.month() || day.day() != date.day()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".day: ", date.day(), " is not a day of ", date.year(), "-",
        absl::StrFormat("%02d", date.month())));
  }
  return absl::OkStatus();
}

absl::Status ValidateDateRange(const v1::DateRange& range, absl::string_view field) {
  if (absl::Status s = ValidateDate(range.start(), absl::StrCat(field, ".start"), true); !s.ok()) {
    return s;
  }
  if (absl::Status s = ValidateDate(range.end(), absl::StrCat(field, ".end"), false); !s.ok()) {
    return s;
  }
  if (IsSet(range.end()) && Before(range.end(), range.start())) {
    return absl::InvalidArgumentError(absl::StrCat(field, ".end: must not be before ", field,
                                                   ".start (", FormatDate(range.start()),
                                                   "), got ", FormatDate(range.end())));
  }
  return absl::OkStatus();
}

absl::CivilDay ToCivilDay(const v1::Date& date) {
  return absl::CivilDay(date.year(), date.month(), date.day());
}

v1::Date FromCivilDay(absl::CivilDay day) {
  v1::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

int CompareDates(const v1::Date& a, const v1::Date& b) {
  absl::CivilDay x = ToCivilDay(a);
  absl::CivilDay y = ToCivilDay(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

std::string FormatDate(const v1::Date& date) {
  if (!IsSet(date)) return "(unset)";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

int HelsinkiUtcOffsetSeconds(int64_t unix_seconds) {
  // The year in UTC+2 is the right year for both DST boundaries.
  absl::CivilSecond local = absl::CivilSecond(1970, 1, 1, 0, 0, 0) + (unix_seconds + 7200);
  int64_t year = local.year();
  if (year < 1981) return 7200;
  int64_t start = LastSundayOneAmUtc(year, 3);
  int64_t end = LastSundayOneAmUtc(year, 10);
  return (unix_seconds >= start && unix_seconds < end) ? 10800 : 7200;
}

v1::Date HelsinkiDate(int64_t unix_seconds) {
  int64_t local = unix_seconds + HelsinkiUtcOffsetSeconds(unix_seconds);
  int64_t days = local >= 0 ? local / kSecondsPerDay : -((-local + kSecondsPerDay - 1) / kSecondsPerDay);
  return FromCivilDay(absl::CivilDay(1970, 1, 1) + days);
}

v1::Date HelsinkiDate(const google::protobuf::Timestamp& instant) {
  return HelsinkiDate(instant.seconds());
}

google::protobuf::Timestamp HelsinkiStartOfDay(const v1::Date& date) {
  int64_t midnight_utc = DaysSinceEpoch(ToCivilDay(date)) * kSecondsPerDay;
  // Local midnight is never within an hour of a DST switch (01:00 UTC), so the
  // offset at "midnight minus two hours" is the offset in force at midnight.
  int offset = HelsinkiUtcOffsetSeconds(midnight_utc - 7200);
  google::protobuf::Timestamp out;
  out.set_seconds(midnight_utc - offset);
  return out;
}

}  // namespace kumppani::domain
