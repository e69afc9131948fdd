// What the three open-data converters share: the read point an export was
// made at (stated in every file so that anyone can rebuild it), and the
// text forms of dates, instants, localized texts, enum values and
// organisation identifiers. Pure functions of their arguments: no clock, no
// I/O, no locale.
#ifndef KUMPPANI_TOOLS_KUMPPANI_EXPORT_EXPORT_COMMON_H_
#define KUMPPANI_TOOLS_KUMPPANI_EXPORT_EXPORT_COMMON_H_

#include <cstdint>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/timestamp.pb.h"
#include "kumppani/v1/domain.pb.h"
#include "kumppani/v1/registry_views.pb.h"
#include "tools/kumppani/export/json.h"

namespace kumppani::exports {

// The one log position everything in an export was read at, and the
// selection the export was made with.
struct ReadPoint {
  // Every query of the export was read at this log position (known_at).
  uint64_t position = 0;
  // When the ledger recorded the newest event at or before `position` that
  // the caller may read: the export's "last modified" time. Unset (0 s)
  // when there is none (an empty ledger).
  google::protobuf::Timestamp recorded_at;
  // The civil day the views show ("what was in force then"); all zero for
  // everything known.
  kumppani::v1::Date as_of;
  // The region (organisation id) the export was limited to; "" for all.
  std::string region_organisation_id;
};

// The prefix of the illustrative 360Giving registered prefix used for grant
// ids and for organisations without a public identifier: "360G-kumppani-".
// A real publisher replaces it with the prefix 360Giving registers for it.
inline constexpr char k360GivingPrefix[] = "360G-kumppani-";
// The illustrative OCDS ocid prefix ("ocds-" and a publisher's registered
// code); a real publisher registers its own with the OCDS Data Support team.
inline constexpr char kOcidPrefix[] = "ocds-kumppani-";
// The org-id.guide list code of the Finnish Trade Register kept by the
// Finnish Patent and Registration Office (PRH), whose identifiers are
// business ids (Y-tunnus), e.g. FI-PRO-2345671-3.
inline constexpr char kFinnishTradeRegisterListCode[] = "FI-PRO";

// True when the date has a year (an all-zero Date means "unset").
bool IsSet(const kumppani::v1::Date& date);
// "2019-03-22"; "" when unset.
std::string DateText(const kumppani::v1::Date& date);
// -1, 0 or 1 as a is before, the same day as or after b.
int CompareDates(const kumppani::v1::Date& a, const kumppani::v1::Date& b);
// The day before `date` (proleptic Gregorian).
kumppani::v1::Date DayBefore(const kumppani::v1::Date& date);
// Midnight at the start of `date` in Finland (Europe/Helsinki) as RFC 3339:
// "2019-03-22T00:00:00+02:00" in winter (EET), "+03:00" in summer (EEST,
// from the last Sunday of March to the last Sunday of October under the EU
// rules in force since 1996). This is the instant of an event's
// effective_at in the ledger. "" when unset.
std::string HelsinkiMidnight(const kumppani::v1::Date& date);
// The last second of `date` in Finland, "2019-02-15T23:59:59+02:00": the end
// of a period whose last day is `date` (a deadline, a usage period). "" when
// unset.
std::string HelsinkiEndOfDay(const kumppani::v1::Date& date);
// The instant of HelsinkiMidnight in seconds since 1970-01-01T00:00:00Z (0
// when unset).
int64_t HelsinkiMidnightSeconds(const kumppani::v1::Date& date);
// An instant as RFC 3339 in UTC: "2026-11-23T10:15:02Z", with nine
// fractional digits only when nanos are not 0. "" when 0 seconds and nanos.
std::string TimestampText(const google::protobuf::Timestamp& timestamp);

// The authoritative language's text, else the first non-empty of fi, sv,
// en; "" when all are empty.
std::string Text(const kumppani::v1::LocalizedText& text);
// "fi", "sv", "en"; "" for UNSPECIFIED.
std::string LanguageCode(kumppani::v1::Language language);
// The versions other than the authoritative one that are not empty, as
// (language code, text) in fi, sv, en order.
std::vector<std::pair<std::string, std::string>> Translations(
    const kumppani::v1::LocalizedText& text);

// An enum value's name without its type's prefix, in lower case:
// ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY -> "wellbeing_services_county".
// "" for 0; the number as text for an unknown value.
std::string EnumSlug(const google::protobuf::EnumDescriptor& type, int number);

// The business id (Y-tunnus) among the organisation's identifiers; "" when
// it has none.
std::string BusinessId(const kumppani::v1::OrganisationView& organisation);
// A globally unique organisation identifier in org-id.guide form:
// "FI-PRO-<business id>" when the organisation has a business id, else the
// publisher's own "360G-kumppani-<ledger id>" (360Giving's rule for
// organisations without a public register identifier).
std::string OrgIdentifier(const kumppani::v1::OrganisationView& organisation);

// The read point as a JSON object, stated by every export:
// {"readPosition": 127, "recordedAt": "…Z", "asOf": "2022-12-31",
//  "region": "org-…", "reproduce": "kumppani export … --known-at 127 …"}
// (asOf and region only when set). `command` is the export's subcommand
// line without the read-point flags, e.g. "kumppani export popolo".
Json ReadPointJson(const ReadPoint& point, const std::string& command);

}  // namespace kumppani::exports

#endif  // KUMPPANI_TOOLS_KUMPPANI_EXPORT_EXPORT_COMMON_H_
