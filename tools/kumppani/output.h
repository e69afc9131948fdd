// How kumppani prints protobuf answers in the three --output formats.
//
// text: for one message, "field: value" lines (nested messages indented,
//       dates as YYYY-MM-DD, enums by their short name); for a list, a table
//       with one column per flattened scalar field.
// json: protobuf JSON with the proto field names (snake_case); a list is one
//       JSON array. Stable: the same message prints the same bytes.
// csv:  RFC 4180, a header of flattened field paths ("name.fi",
//       "term.starts_on"), one row per message; repeated scalars joined by ";".
#ifndef KUMPPANI_TOOLS_KUMPPANI_OUTPUT_H_
#define KUMPPANI_TOOLS_KUMPPANI_OUTPUT_H_

#include <iosfwd>
#include <vector>

#include "google/protobuf/message.h"
#include "tools/kumppani/cli.h"

namespace kumppani::cli {

// Prints one message (a get's answer, a command's result).
void PrintMessage(const google::protobuf::Message& message, OutputFormat format,
                  std::ostream& out);

// Prints the items of a list (all of the same type). An empty list prints
// nothing in text, "[]" in json and nothing in csv.
void PrintList(const std::vector<const google::protobuf::Message*>& items, OutputFormat format,
               std::ostream& out);

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_OUTPUT_H_
