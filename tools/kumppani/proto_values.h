// The text forms of kumppani's protobuf values, shared by the output formats
// (output.h) and the flags made from messages (message_flags.h), so that
// what kumppani prints is what it accepts:
//
//   kumppani.v1.Date           2019-03-22 (an all-zero Date is "unset": "")
//   kumppani.v1.DateRange      2019-03-22/2019-06-30, open end 2019-03-22/..
//   google.protobuf.Timestamp  RFC 3339 in UTC, 2019-02-15T10:00:00Z
//                              (fractional seconds only when present)
//   enum values                the name without the enum type's prefix:
//                              CONSULTATION_STATUS_OPEN is OPEN;
//                              UNSPECIFIED (0) is ""
//   bytes                      lower-case hex; 16 bytes (event ids) as a UUID
//   kumppani.v1.LocalizedText  its authoritative language's text (or the
//                              first of fi, sv, en that is not empty)
//
// Stateless functions; safe to call from any thread.
#ifndef KUMPPANI_TOOLS_KUMPPANI_PROTO_VALUES_H_
#define KUMPPANI_TOOLS_KUMPPANI_PROTO_VALUES_H_

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace kumppani::cli {

// Full names of the message types printed and parsed as one value.
inline constexpr char kDateType[] = "kumppani.v1.Date";
inline constexpr char kDateRangeType[] = "kumppani.v1.DateRange";
inline constexpr char kLocalizedTextType[] = "kumppani.v1.LocalizedText";
inline constexpr char kTimestampType[] = "google.protobuf.Timestamp";

// True for Date, DateRange, Timestamp and LocalizedText: messages that the
// text and CSV formats print as one value (FormatValueMessage).
bool IsValueMessage(const google::protobuf::Descriptor& type);

// One of the value messages above in its text form.
std::string FormatValueMessage(const google::protobuf::Message& message);

// The language ("fi", "sv", "en") whose text FormatValueMessage shows for
// a LocalizedText; "" when every version is empty.
std::string ShownLanguage(const google::protobuf::Message& localized_text);

// The parts of a Date / Timestamp message.
std::string FormatDate(int year, int month, int day);
std::string FormatTimestamp(int64_t seconds, int32_t nanos);

// The value's name without its type's prefix ("OPEN"); "" for 0 when that
// is the UNSPECIFIED value; the number for a value the type does not name.
std::string EnumShortName(const google::protobuf::EnumDescriptor& type, int number);

// The prefix of every value of `type`: "CONSULTATION_STATUS_" for
// ConsultationStatus (the type name in UPPER_SNAKE_CASE and "_").
std::string EnumPrefix(const google::protobuf::EnumDescriptor& type);

// Lower-case hex; exactly 16 bytes as a UUID (8-4-4-4-12).
std::string FormatBytes(const std::string& bytes);

// One field's value (element `index` of a repeated field, else the field)
// as text: scalars as above, value messages by FormatValueMessage. Other
// messages give "".
std::string FormatField(const google::protobuf::Message& message,
                        const google::protobuf::FieldDescriptor& field, int index = -1);

// Parsers of the same forms. Errors are INVALID_ARGUMENT with the rule only
// ("must be YYYY-MM-DD, got \"22.3.2019\""); callers prefix the flag name.
struct ParsedDate {
  int year = 0;
  int month = 0;
  int day = 0;
};
absl::StatusOr<ParsedDate> ParseDate(const std::string& text);
// RFC 3339 with a time zone offset or Z, e.g. 2024-05-01T12:00:00+03:00.
absl::StatusOr<std::pair<int64_t, int32_t>> ParseTimestamp(const std::string& text);
// An enum value by name, case-insensitive, with or without the type's
// prefix ("open", "OPEN", "consultation_status_open"). UNSPECIFIED is refused.
absl::StatusOr<int> ParseEnum(const google::protobuf::EnumDescriptor& type,
                              const std::string& text);
// The accepted names of `type`, "A|B|C" (short names, UNSPECIFIED left out).
std::string EnumChoices(const google::protobuf::EnumDescriptor& type);
// Hex digits (dashes ignored, so a UUID is accepted).
absl::StatusOr<std::string> ParseBytes(const std::string& text);

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_PROTO_VALUES_H_
