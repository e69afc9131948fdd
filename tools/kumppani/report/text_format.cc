// Value formatting and escaping for reports (see text_format.h).
#include "tools/kumppani/report/text_format.h"

#include <cmath>
#include <cstdint>
#include <string>

#include "absl/numeric/int128.h"

namespace kumppani::report {
namespace {

// Decimal digits of a non-negative value.
std::string Digits(uint64_t value) {
  std::string text;
  do {
    text.insert(text.begin(), static_cast<char>('0' + value % 10));
    value /= 10;
  } while (value != 0);
  return text;
}

// Digits with a comma every three from the right.
std::string Grouped(uint64_t value) {
  std::string digits = Digits(value);
  std::string text;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

uint64_t Magnitude(int64_t value) {
  // Well defined for INT64_MIN too.
  return value < 0 ? ~static_cast<uint64_t>(value) + 1 : static_cast<uint64_t>(value);
}

std::string TwoDigits(uint64_t value) {
  return std::string(1, static_cast<char>('0' + value / 10 % 10)) +
         static_cast<char>('0' + value % 10);
}

std::string Padded(int value, size_t width) {
  std::string digits = Digits(Magnitude(value));
  while (digits.size() < width) digits.insert(digits.begin(), '0');
  return value < 0 ? "-" + digits : digits;
}

// Tenths of a percent, rounded half up: 1000 * part / whole.
uint64_t PerMille(int64_t part, int64_t whole) {
  absl::uint128 numerator =
      absl::uint128(Magnitude(part)) * 2000 + absl::uint128(static_cast<uint64_t>(whole));
  return absl::Uint128Low64(numerator / (absl::uint128(static_cast<uint64_t>(whole)) * 2));
}

std::string PercentDigits(int64_t part, int64_t whole) {
  uint64_t tenths = PerMille(part, whole);
  return std::string(part < 0 && tenths != 0 ? "-" : "") + Digits(tenths / 10) + "." +
         Digits(tenths % 10);
}

std::string EnumWords(const google::protobuf::EnumDescriptor* descriptor, int value,
                      char separator) {
  const google::protobuf::EnumValueDescriptor* entry = descriptor->FindValueByNumber(value);
  if (entry == nullptr) return value < 0 ? "-" + Digits(Magnitude(value)) : Digits(value);
  std::string name = entry->name();
  // Every Kumppani enum has <PREFIX>_UNSPECIFIED = 0: its prefix is the one to strip.
  const google::protobuf::EnumValueDescriptor* zero = descriptor->FindValueByNumber(0);
  std::string prefix;
  if (zero != nullptr) {
    const std::string zero_name = zero->name();
    const std::string suffix = "UNSPECIFIED";
    if (zero_name.size() > suffix.size() &&
        zero_name.compare(zero_name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      prefix = zero_name.substr(0, zero_name.size() - suffix.size());
    }
  }
  if (!prefix.empty() && name.compare(0, prefix.size(), prefix) == 0 &&
      name.size() > prefix.size()) {
    name = name.substr(prefix.size());
  }
  for (char& c : name) {
    if (c == '_') {
      c = separator;
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return name;
}

}  // namespace

bool IsSet(const v1::Date& date) { return date.year() != 0; }

int CompareDates(const v1::Date& a, const v1::Date& b) {
  if (a.year() != b.year()) return a.year() < b.year() ? -1 : 1;
  if (a.month() != b.month()) return a.month() < b.month() ? -1 : 1;
  if (a.day() != b.day()) return a.day() < b.day() ? -1 : 1;
  return 0;
}

std::string FormatDate(const v1::Date& date) {
  if (!IsSet(date)) return "";
  return Padded(date.year(), 4) + "-" + Padded(date.month(), 2) + "-" + Padded(date.day(), 2);
}

v1::Date MakeDate(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

std::string FormatCount(int64_t value) {
  return (value < 0 ? "-" : "") + Grouped(Magnitude(value));
}

std::string FormatEuros(int64_t cents) {
  uint64_t magnitude = Magnitude(cents);
  return std::string(cents < 0 ? "-" : "") + "\u20ac" + Grouped(magnitude / 100) + "." +
         TwoDigits(magnitude % 100);
}

std::string CsvEuros(int64_t cents) {
  uint64_t magnitude = Magnitude(cents);
  return std::string(cents < 0 ? "-" : "") + Digits(magnitude / 100) + "." +
         TwoDigits(magnitude % 100);
}

std::string FormatPercent(int64_t part, int64_t whole) {
  if (whole <= 0) return "n/a";
  return PercentDigits(part, whole) + "%";
}

std::string CsvPercent(int64_t part, int64_t whole) {
  if (whole <= 0) return "";
  return PercentDigits(part, whole);
}

std::string FormatHalves(double value) {
  if (!std::isfinite(value)) return "n/a";
  long long halves = std::llround(value * 2);
  std::string sign = halves < 0 ? "-" : "";
  uint64_t magnitude = Magnitude(halves);
  return sign + Digits(magnitude / 2) + (magnitude % 2 != 0 ? ".5" : "");
}

std::string EnumLabel(const google::protobuf::EnumDescriptor* descriptor, int value) {
  return EnumWords(descriptor, value, ' ');
}

std::string EnumCsv(const google::protobuf::EnumDescriptor* descriptor, int value) {
  return EnumWords(descriptor, value, '_');
}

std::string Localized(const v1::LocalizedText& text) {
  switch (text.authoritative()) {
    case v1::LANGUAGE_FI:
      if (!text.fi().empty()) return text.fi();
      break;
    case v1::LANGUAGE_SV:
      if (!text.sv().empty()) return text.sv();
      break;
    case v1::LANGUAGE_EN:
      if (!text.en().empty()) return text.en();
      break;
    default:
      break;
  }
  if (!text.fi().empty()) return text.fi();
  if (!text.sv().empty()) return text.sv();
  return text.en();
}

std::string HtmlEscape(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string MarkdownEscape(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
        escaped += '\\';
        escaped += c;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF: one space
        escaped += ' ';
        break;
      case '\n':
        escaped += ' ';
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string MarkdownBlockEscape(const std::string& text) {
  std::string escaped = MarkdownEscape(text);
  // At the start of a line, "#", "-", "+", "=" and "1." would open a heading
  // or a list, or underline a heading.
  if (!escaped.empty() &&
      (escaped[0] == '#' || escaped[0] == '-' || escaped[0] == '+' || escaped[0] == '=')) {
    return "\\" + escaped;
  }
  size_t digits = 0;
  while (digits < escaped.size() && escaped[digits] >= '0' && escaped[digits] <= '9') ++digits;
  if (digits > 0 && digits < escaped.size() && (escaped[digits] == '.' || escaped[digits] == ')')) {
    escaped.insert(digits, 1, '\\');
  }
  return escaped;
}

std::string CsvField(const std::string& text) {
  bool quote = !text.empty() && (text.front() == ' ' || text.back() == ' ');
  for (char c : text) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') quote = true;
  }
  if (!quote) return text;
  std::string field = "\"";
  for (char c : text) {
    if (c == '"') field += '"';
    field += c;
  }
  return field + "\"";
}

}  // namespace kumppani::report
