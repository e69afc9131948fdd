// Dates, instants, texts, enum values, identifiers and the read point of the
// open-data exports.
#include "tools/kumppani/export/export_common.h"

#include <cctype>
#include <cstdio>

namespace kumppani::exports {
namespace {

using kumppani::v1::Date;

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  Date date;
  date.set_year(static_cast<int32_t>(yoe + era * 400 + (m <= 2)));
  date.set_month(static_cast<int32_t>(m));
  date.set_day(static_cast<int32_t>(d));
  return date;
}

// 0 = Sunday.
int64_t Weekday(int64_t days) { return days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6; }

// The day number of the last Sunday of a month of 31 days (March, October).
int64_t LastSunday31(int64_t year, int64_t month) {
  const int64_t last = DaysFromCivil(year, month, 31);
  return last - Weekday(last);
}

}  // namespace

bool IsSet(const Date& date) { return date.year() != 0; }

std::string DateText(const Date& date) {
  if (!IsSet(date)) return "";
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year(), date.month(), date.day());
  return text;
}

int CompareDates(const Date& a, const Date& b) {
  const auto key = [](const Date& d) { return (d.year() * 13 + d.month()) * 32 + d.day(); };
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

Date DayBefore(const Date& date) {
  return CivilFromDays(DaysFromCivil(date.year(), date.month(), date.day()) - 1);
}

namespace {

// True when midnight at the start of `date` is summer time (EEST) in
// Finland. Summer time starts at 03:00 local on the last Sunday of March and
// ends at 04:00 local on the last Sunday of October: midnight of the first is
// still winter time, midnight of the second still summer time.
bool SummerTimeAtMidnight(const Date& date) {
  const int64_t day = DaysFromCivil(date.year(), date.month(), date.day());
  return day > LastSunday31(date.year(), 3) && day <= LastSunday31(date.year(), 10);
}

// The same for 23:59:59 local: summer time from the last Sunday of March to
// the day before the last Sunday of October.
bool SummerTimeAtEndOfDay(const Date& date) {
  const int64_t day = DaysFromCivil(date.year(), date.month(), date.day());
  return day >= LastSunday31(date.year(), 3) && day < LastSunday31(date.year(), 10);
}

}  // namespace

std::string HelsinkiEndOfDay(const Date& date) {
  if (!IsSet(date)) return "";
  return DateText(date) + (SummerTimeAtEndOfDay(date) ? "T23:59:59+03:00" : "T23:59:59+02:00");
}

std::string HelsinkiMidnight(const Date& date) {
  if (!IsSet(date)) return "";
  return DateText(date) + (SummerTimeAtMidnight(date) ? "T00:00:00+03:00" : "T00:00:00+02:00");
}

int64_t HelsinkiMidnightSeconds(const Date& date) {
  if (!IsSet(date)) return 0;
  const int64_t offset_hours = SummerTimeAtMidnight(date) ? 3 : 2;
  return DaysFromCivil(date.year(), date.month(), date.day()) * 86400 - offset_hours * 3600;
}

std::string TimestampText(const google::protobuf::Timestamp& timestamp) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return "";
  const int64_t seconds = timestamp.seconds();
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    days -= 1;
  }
  const Date date = CivilFromDays(days);
  char text[64];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d", DateText(date).c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  std::string out = text;
  if (timestamp.nanos() != 0) {
    std::snprintf(text, sizeof text, ".%09d", timestamp.nanos());
    out += text;
  }
  return out + "Z";
}

std::string Text(const kumppani::v1::LocalizedText& text) {
  switch (text.authoritative()) {
    case kumppani::v1::LANGUAGE_FI:
      if (!text.fi().empty()) return text.fi();
      break;
    case kumppani::v1::LANGUAGE_SV:
      if (!text.sv().empty()) return text.sv();
      break;
    case kumppani::v1::LANGUAGE_EN:
      if (!text.en().empty()) return text.en();
      break;
    default:
      break;
  }
  if (!text.fi().empty()) return text.fi();
  if (!text.sv().empty()) return text.sv();
  return text.en();
}

std::string LanguageCode(kumppani::v1::Language language) {
  switch (language) {
    case kumppani::v1::LANGUAGE_FI:
      return "fi";
    case kumppani::v1::LANGUAGE_SV:
      return "sv";
    case kumppani::v1::LANGUAGE_EN:
      return "en";
    default:
      return "";
  }
}

std::vector<std::pair<std::string, std::string>> Translations(
    const kumppani::v1::LocalizedText& text) {
  const std::string shown = Text(text);
  std::vector<std::pair<std::string, std::string>> out;
  const std::pair<std::string, const std::string*> versions[] = {
      {"fi", &text.fi()}, {"sv", &text.sv()}, {"en", &text.en()}};
  bool shown_skipped = false;
  for (const auto& [code, version] : versions) {
    if (version->empty()) continue;
    // The version shown as the main text is not a translation of itself.
    if (!shown_skipped && *version == shown) {
      shown_skipped = true;
      continue;
    }
    out.emplace_back(code, *version);
  }
  return out;
}

std::string EnumSlug(const google::protobuf::EnumDescriptor& type, int number) {
  if (number == 0) return "";
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByNumber(number);
  if (value == nullptr) return std::to_string(number);
  // The prefix is the type's name in UPPER_SNAKE_CASE and "_".
  std::string prefix;
  for (char c : type.name()) {
    if (std::isupper(static_cast<unsigned char>(c)) && !prefix.empty()) prefix += '_';
    prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  prefix += '_';
  std::string name = value->name();
  if (name.rfind(prefix, 0) == 0) name = name.substr(prefix.size());
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string BusinessId(const kumppani::v1::OrganisationView& organisation) {
  for (const auto& identifier : organisation.identifiers()) {
    if (identifier.scheme() == kumppani::v1::IDENTIFIER_SCHEME_BUSINESS_ID) {
      return identifier.value();
    }
  }
  return "";
}

std::string OrgIdentifier(const kumppani::v1::OrganisationView& organisation) {
  const std::string business_id = BusinessId(organisation);
  if (!business_id.empty()) {
    return std::string(kFinnishTradeRegisterListCode) + "-" + business_id;
  }
  return k360GivingPrefix + organisation.organisation_id();
}

Json ReadPointJson(const ReadPoint& point, const std::string& command) {
  Json json = Json::Object();
  json.Set("readPosition", point.position);
  json.SetIfPresent("recordedAt", TimestampText(point.recorded_at));
  json.SetIfPresent("asOf", DateText(point.as_of));
  json.SetIfPresent("region", point.region_organisation_id);
  std::string reproduce = command + " --known-at " + std::to_string(point.position);
  if (IsSet(point.as_of)) reproduce += " --as-of " + DateText(point.as_of);
  if (!point.region_organisation_id.empty()) {
    reproduce += " --region " + point.region_organisation_id;
  }
  json.Set("reproduce", reproduce);
  return json;
}

}  // namespace kumppani::exports
