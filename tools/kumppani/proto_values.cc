// Text forms of protobuf values for kumppani's output and flags (see
// proto_values.h).
#include "tools/kumppani/proto_values.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "ledger/common/hex.h"

namespace kumppani::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int32_t IntField(const Message& message, const char* name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  return field == nullptr ? 0 : message.GetReflection()->GetInt32(message, field);
}

std::string FormatDateMessage(const Message& date) {
  return FormatDate(IntField(date, "year"), IntField(date, "month"), IntField(date, "day"));
}

std::string StringField(const Message& message, const std::string& name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return "";
  return message.GetReflection()->GetString(message, field);
}

std::string FormatLocalizedText(const Message& text) {
  std::string language = ShownLanguage(text);
  return language.empty() ? "" : StringField(text, language);
}

std::string FormatDouble(double value) {
  char buffer[64];
  std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

// "ConsultationStatus" -> "CONSULTATION_STATUS".
std::string UpperSnake(const std::string& camel) {
  std::string out;
  for (size_t i = 0; i < camel.size(); ++i) {
    char c = camel[i];
    if (i > 0 && std::isupper(static_cast<unsigned char>(c)) &&
        !std::isupper(static_cast<unsigned char>(camel[i - 1]))) {
      out.push_back('_');
    }
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

bool AllDigits(const std::string& text, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace

std::string ShownLanguage(const Message& text) {
  const FieldDescriptor* authoritative = text.GetDescriptor()->FindFieldByName("authoritative");
  if (authoritative != nullptr && authoritative->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    // LANGUAGE_FI -> "fi", the field holding that language's text.
    std::string language = absl::AsciiStrToLower(EnumShortName(
        *authoritative->enum_type(), text.GetReflection()->GetEnumValue(text, authoritative)));
    if (!language.empty() && !StringField(text, language).empty()) return language;
  }
  for (const char* language : {"fi", "sv", "en"}) {
    if (!StringField(text, language).empty()) return language;
  }
  return "";
}

bool IsValueMessage(const Descriptor& type) {
  const std::string& name = type.full_name();
  return name == kDateType || name == kDateRangeType || name == kLocalizedTextType ||
         name == kTimestampType;
}

std::string FormatDate(int year, int month, int day) {
  if (year == 0 && month == 0 && day == 0) return "";
  return absl::StrFormat("%04d-%02d-%02d", year, month, day);
}

std::string FormatTimestamp(int64_t seconds, int32_t nanos) {
  if (seconds == 0 && nanos == 0) return "";
  absl::Time time = absl::FromUnixSeconds(seconds) + absl::Nanoseconds(nanos);
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", time, absl::UTCTimeZone());
}

std::string FormatValueMessage(const Message& message) {
  const std::string& name = message.GetDescriptor()->full_name();
  const Reflection* reflection = message.GetReflection();
  if (name == kDateType) return FormatDateMessage(message);
  if (name == kTimestampType) {
    const Descriptor* type = message.GetDescriptor();
    return FormatTimestamp(reflection->GetInt64(message, type->FindFieldByName("seconds")),
                           reflection->GetInt32(message, type->FindFieldByName("nanos")));
  }
  if (name == kLocalizedTextType) return FormatLocalizedText(message);
  if (name == kDateRangeType) {
    const Descriptor* type = message.GetDescriptor();
    std::string start =
        FormatDateMessage(reflection->GetMessage(message, type->FindFieldByName("start")));
    std::string end =
        FormatDateMessage(reflection->GetMessage(message, type->FindFieldByName("end")));
    if (start.empty() && end.empty()) return "";
    return absl::StrCat(start.empty() ? ".." : start, "/", end.empty() ? ".." : end);
  }
  return "";
}

std::string EnumPrefix(const EnumDescriptor& type) { return UpperSnake(type.name()) + "_"; }

std::string EnumShortName(const EnumDescriptor& type, int number) {
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByNumber(number);
  if (value == nullptr) return absl::StrCat(number);
  std::string prefix = EnumPrefix(type);
  std::string name = value->name();
  if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0) {
    name = name.substr(prefix.size());
  }
  if (number == 0 && name == "UNSPECIFIED") return "";
  return name;
}

std::string FormatBytes(const std::string& bytes) {
  std::string hex;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes.size() == 16 && (i == 4 || i == 6 || i == 8 || i == 10)) hex.push_back('-');
    AppendHexByte(static_cast<uint8_t>(bytes[i]), hex);
  }
  return hex;
}

std::string FormatField(const Message& message, const FieldDescriptor& field, int index) {
  const Reflection* reflection = message.GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(repeated ? reflection->GetRepeatedInt32(message, &field, index)
                                   : reflection->GetInt32(message, &field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(repeated ? reflection->GetRepeatedInt64(message, &field, index)
                                   : reflection->GetInt64(message, &field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(repeated ? reflection->GetRepeatedUInt32(message, &field, index)
                                   : reflection->GetUInt32(message, &field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(repeated ? reflection->GetRepeatedUInt64(message, &field, index)
                                   : reflection->GetUInt64(message, &field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return FormatDouble(repeated ? reflection->GetRepeatedDouble(message, &field, index)
                                   : reflection->GetDouble(message, &field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return FormatDouble(repeated ? reflection->GetRepeatedFloat(message, &field, index)
                                   : reflection->GetFloat(message, &field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (repeated ? reflection->GetRepeatedBool(message, &field, index)
                       : reflection->GetBool(message, &field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumShortName(*field.enum_type(),
                           repeated ? reflection->GetRepeatedEnumValue(message, &field, index)
                                    : reflection->GetEnumValue(message, &field));
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value = repeated ? reflection->GetRepeatedString(message, &field, index)
                                   : reflection->GetString(message, &field);
      return field.type() == FieldDescriptor::TYPE_BYTES ? FormatBytes(value) : value;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Message& nested = repeated ? reflection->GetRepeatedMessage(message, &field, index)
                                       : reflection->GetMessage(message, &field);
      return IsValueMessage(*nested.GetDescriptor()) ? FormatValueMessage(nested) : "";
    }
  }
  return "";
}

absl::StatusOr<ParsedDate> ParseDate(const std::string& text) {
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      AllDigits(text, 0, 4) && AllDigits(text, 5, 7) && AllDigits(text, 8, 10);
  if (!shaped) {
    return absl::InvalidArgumentError(absl::StrCat("must be YYYY-MM-DD, got \"", text, "\""));
  }
  ParsedDate date{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
                  std::stoi(text.substr(8, 2))};
  if (date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > DaysInMonth(date.year, date.month)) {
    return absl::InvalidArgumentError(
        absl::StrCat("must be a real day in YYYY-MM-DD, got \"", text, "\""));
  }
  return date;
}

absl::StatusOr<std::pair<int64_t, int32_t>> ParseTimestamp(const std::string& text) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &time, &error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("must be an RFC 3339 time such as 2024-05-01T12:00:00Z, got \"", text, "\""));
  }
  int64_t seconds = absl::ToUnixSeconds(time);
  int32_t nanos =
      static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds)));
  return std::make_pair(seconds, nanos);
}

absl::StatusOr<int> ParseEnum(const EnumDescriptor& type, const std::string& text) {
  std::string upper = absl::AsciiStrToUpper(text);
  std::replace(upper.begin(), upper.end(), '-', '_');
  const std::string prefix = EnumPrefix(type);
  for (int i = 0; i < type.value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = type.value(i);
    if (value->number() == 0) continue;
    if (value->name() == upper || value->name() == prefix + upper) return value->number();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("must be one of ", EnumChoices(type), ", got \"", text, "\""));
}

std::string EnumChoices(const EnumDescriptor& type) {
  std::vector<std::string> names;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() == 0) continue;
    names.push_back(EnumShortName(type, type.value(i)->number()));
  }
  return absl::StrJoin(names, "|");
}

absl::StatusOr<std::string> ParseBytes(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c != '-') digits.push_back(c);
  }
  if (digits.size() % 2 != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("must be an even number of hex digits, got \"", text, "\""));
  }
  std::string bytes;
  for (size_t i = 0; i < digits.size(); i += 2) {
    int high = HexDigitValue(digits[i]);
    int low = HexDigitValue(digits[i + 1]);
    if (high < 0 || low < 0) {
      return absl::InvalidArgumentError(absl::StrCat("must be hex digits, got \"", text, "\""));
    }
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

}  // namespace kumppani::cli
