// How reports write values and escape text: dates, counts, money, shares,
// enum labels, localized texts, and escaping for HTML, Markdown and CSV.
//
// All of it is written out by hand, with integer arithmetic, so that the
// bytes never depend on the locale, the C library or floating-point
// printing: the same value always gives the same text. Pure functions.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_TEXT_FORMAT_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_TEXT_FORMAT_H_

#include <cstdint>
#include <string>

#include "google/protobuf/descriptor.h"
#include "kumppani/v1/domain.pb.h"

namespace kumppani::report {

// ---------------------------------------------------------------- dates

// True when the date has a year (an unset proto Date is all zeros).
bool IsSet(const v1::Date& date);
// <0, 0, >0 like strcmp; an unset date sorts first.
int CompareDates(const v1::Date& a, const v1::Date& b);
// "2022-08-08"; "" for an unset date.
std::string FormatDate(const v1::Date& date);
v1::Date MakeDate(int year, int month, int day);

// ---------------------------------------------------------------- numbers

// 1234567 -> "1,234,567"; -5 -> "-5".
std::string FormatCount(int64_t value);
// Euro cents -> "€1,234.56"; negative: "-€12.00".
std::string FormatEuros(int64_t cents);
// Euro cents -> "1234.56" (CSV: a plain decimal, no separators).
std::string CsvEuros(int64_t cents);
// part / whole as a percentage with one decimal, rounded half up:
// (2, 3) -> "66.7%"; "n/a" when whole <= 0.
std::string FormatPercent(int64_t part, int64_t whole);
// The same without the sign, for CSV: "66.7"; "" when whole <= 0.
std::string CsvPercent(int64_t part, int64_t whole);
// A value the server computed as a mean of two integers (a median):
// 29.5 -> "29.5", 39.0 -> "39". Rounded to the nearest half.
std::string FormatHalves(double value);

// ---------------------------------------------------------------- labels

// An enum value's name without its enum's prefix, lower case, words
// separated by spaces: INFLUENCE_ASSESSMENT_PARTLY_ADOPTED -> "partly
// adopted". A value the descriptor does not know prints as its number.
std::string EnumLabel(const google::protobuf::EnumDescriptor* descriptor, int value);
// The same with underscores, for CSV: "partly_adopted".
std::string EnumCsv(const google::protobuf::EnumDescriptor* descriptor, int value);

// The authoritative version of a text, else the first non-empty of fi, sv,
// en; "" when all are empty.
std::string Localized(const v1::LocalizedText& text);

// ---------------------------------------------------------------- escaping

// & < > " ' as character references: safe in element content and in
// quoted attribute values (also in SVG).
std::string HtmlEscape(const std::string& text);
// Backslash-escapes the characters Markdown would read as inline syntax
// (\ ` * _ [ ] < > |) and turns line breaks into spaces, so that a value
// stays one table cell or one line of literal text.
std::string MarkdownEscape(const std::string& text);
// The same for text that starts a line (a paragraph): also a leading # - +
// = or "1." is escaped.
std::string MarkdownBlockEscape(const std::string& text);
// RFC 4180: quoted when it holds a comma, quote, CR or LF, or starts or ends
// with a space; quotes doubled.
std::string CsvField(const std::string& text);

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_TEXT_FORMAT_H_
