// Prints protobuf answers as text, JSON or CSV (see output.h).
#include "tools/kumppani/output.h"

#include <ostream>
#include <string>

#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"

namespace kumppani::cli {
namespace {

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

}  // namespace

void PrintMessage(const google::protobuf::Message& message, OutputFormat format,
                  std::ostream& out) {
  if (format == OutputFormat::kJson) {
    out << ToJson(message) << "\n";
    return;
  }
  std::string text;
  google::protobuf::TextFormat::PrintToString(message, &text);
  out << text;
}

void PrintList(const std::vector<const google::protobuf::Message*>& items, OutputFormat format,
               std::ostream& out) {
  if (format == OutputFormat::kJson) {
    out << "[";
    for (size_t i = 0; i < items.size(); ++i) out << (i ? ",\n" : "\n") << ToJson(*items[i]);
    out << (items.empty() ? "]\n" : "\n]\n");
    return;
  }
  for (const google::protobuf::Message* item : items) PrintMessage(*item, format, out);
}

}  // namespace kumppani::cli
