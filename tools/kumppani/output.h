// How kumppani prints protobuf answers in the three --output formats. Values
// (dates, times, enums, bytes, localized texts) print as proto_values.h says.
//
// text: one message is "field: value" lines in field-number order, only
//       the fields that are set (as in JSON); nested messages indented by two
//       spaces under "field:"; repeated fields as "  - " items; a
//       LocalizedText as its authoritative text, with each other language
//       that is given on an indented "sv: …" line; a multi-line string
//       continues on indented lines.
//       A list is an aligned table: a header of dotted field paths, then one
//       row per item; columns separated by two spaces; a cell is at most 60
//       characters (longer ones end in "…"), newlines become spaces. The
//       columns are TableOptions::columns (all kept), else its
//       text_columns or every non-repeated leaf (scalars, Date, DateRange
//       as 2019-01-01/2019-06-30, Timestamp, LocalizedText), less those
//       empty in every row. In a cell a repeated
//       scalar is its items joined by ", ", a repeated message its count,
//       and a false bool is empty.
// json: protobuf JSON with the proto field names (snake_case), enums by
//       their full names, 64-bit integers as strings, fields at their
//       default value left out; a list is one JSON array, one item a line.
//       Stable: the same message prints the same bytes.
// csv:  RFC 4180 (CRLF line ends; a field with a comma, quote, CR or LF is
//       quoted, quotes doubled). A header of the flattened field paths of
//       the item type — every field, whatever the data, so the header of a
//       type never changes: nested messages flattened ("term.start",
//       "name.fi", "name.authoritative"); Date and Timestamp one cell each;
//       a repeated scalar's items joined by ";"; a repeated message (or a
//       message nested deeper than 8 levels) as a JSON array (or object) in
//       one cell. A message on the path that is not set gives empty cells;
//       numbers and booleans in a set message print even when 0 / false.
//       One message prints as a header and one row.
// Stateless; safe to call from any thread.
#ifndef KUMPPANI_TOOLS_KUMPPANI_OUTPUT_H_
#define KUMPPANI_TOOLS_KUMPPANI_OUTPUT_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "tools/kumppani/cli.h"

namespace kumppani::cli {

// Which columns a list prints in text and CSV.
struct TableOptions {
  // Dotted field paths for both text and CSV (e.g. from --columns); empty:
  // the defaults below. Check them first with CheckColumns.
  std::vector<std::string> columns;
  // The text table's columns when `columns` is empty (those empty in
  // every row left out); empty: every non-repeated leaf.
  std::vector<std::string> text_columns;
  // The items' type, for the CSV header of an empty list. Optional.
  const google::protobuf::Descriptor* item_type = nullptr;
};

// Prints one message (a get's answer, a command's result).
void PrintMessage(const google::protobuf::Message& message, OutputFormat format, std::ostream& out);

// Prints the items of a list (all of the same type). An empty list prints
// nothing in text, "[]" in json, and in csv the header alone when
// table.item_type is set, else nothing.
void PrintList(const std::vector<const google::protobuf::Message*>& items, OutputFormat format,
               std::ostream& out, const TableOptions& table = {});

// OK when every column is a dotted path of fields of `type` (through
// singular messages); else INVALID_ARGUMENT naming the first unknown one:
// `column "kind.x": kumppani.v1.OrganisationView has no field "kind.x"`.
absl::Status CheckColumns(const google::protobuf::Descriptor& type,
                          const std::vector<std::string>& columns);

// The CSV header of `type`: every flattened field path, in field order.
std::vector<std::string> CsvColumns(const google::protobuf::Descriptor& type);

// One message as protobuf JSON (one line, no newline at the end).
std::string ToJson(const google::protobuf::Message& message);

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_OUTPUT_H_
