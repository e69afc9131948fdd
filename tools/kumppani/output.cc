// Prints protobuf answers as text, JSON or CSV by reflection (see output.h).
#include "tools/kumppani/output.h"

#include <algorithm>
#include <ostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "tools/kumppani/proto_values.h"

namespace kumppani::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A column: the fields from the item down to the leaf.
using FieldPath = std::vector<const FieldDescriptor*>;

constexpr size_t kMaxDepth = 8;
constexpr size_t kMaxCellChars = 60;

enum class CellStyle { kText, kCsv };

std::string PathName(const FieldPath& path) {
  std::vector<std::string> names;
  for (const FieldDescriptor* field : path) names.push_back(field->name());
  return absl::StrJoin(names, ".");
}

bool IsCsvCellMessage(const Descriptor& type) {
  return type.full_name() == kDateType || type.full_name() == kTimestampType;
}

// Every field path of `type` for CSV (output.h: csv).
void CsvLeaves(const Descriptor& type, FieldPath& prefix, std::vector<FieldPath>& out) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* field = type.field(i);
    prefix.push_back(field);
    const bool nested = !field->is_repeated() &&
                        field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
                        !IsCsvCellMessage(*field->message_type()) && prefix.size() < kMaxDepth;
    if (nested) {
      CsvLeaves(*field->message_type(), prefix, out);
    } else {
      out.push_back(prefix);
    }
    prefix.pop_back();
  }
}

// The non-repeated leaves of `type` for a text table (output.h: text).
void TextLeaves(const Descriptor& type, FieldPath& prefix, std::vector<FieldPath>& out) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* field = type.field(i);
    if (field->is_repeated()) continue;
    prefix.push_back(field);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        IsValueMessage(*field->message_type())) {
      out.push_back(prefix);
    } else if (prefix.size() < kMaxDepth) {
      TextLeaves(*field->message_type(), prefix, out);
    }
    prefix.pop_back();
  }
}

absl::StatusOr<FieldPath> ResolvePath(const Descriptor& type, const std::string& name) {
  FieldPath path;
  const Descriptor* current = &type;
  for (const absl::string_view part : absl::StrSplit(name, '.')) {
    const FieldDescriptor* field =
        current == nullptr ? nullptr : current->FindFieldByName(std::string(part));
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("column \"", name, "\": ", type.full_name(),
                                                     " has no field \"", name, "\""));
    }
    path.push_back(field);
    current = !field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE
                  ? field->message_type()
                  : nullptr;
  }
  return path;
}

std::string RepeatedJson(const Message& message, const FieldDescriptor& field) {
  const Reflection* reflection = message.GetReflection();
  std::vector<std::string> items;
  for (int i = 0; i < reflection->FieldSize(message, &field); ++i) {
    items.push_back(ToJson(reflection->GetRepeatedMessage(message, &field, i)));
  }
  return absl::StrCat("[", absl::StrJoin(items, ","), "]");
}

// The cell of `path` in `item` (output.h: what a cell holds per format).
std::string Cell(const Message& item, const FieldPath& path, CellStyle style) {
  const Message* message = &item;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!message->GetReflection()->HasField(*message, path[i])) return "";
    message = &message->GetReflection()->GetMessage(*message, path[i]);
  }
  const FieldDescriptor& field = *path.back();
  const Reflection* reflection = message->GetReflection();
  if (field.is_repeated()) {
    const int size = reflection->FieldSize(*message, &field);
    if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
        !(style == CellStyle::kText && IsValueMessage(*field.message_type()))) {
      if (style == CellStyle::kCsv) return size == 0 ? "" : RepeatedJson(*message, field);
      return size == 0 ? "" : absl::StrCat(size);
    }
    std::vector<std::string> items;
    for (int i = 0; i < size; ++i) items.push_back(FormatField(*message, field, i));
    return absl::StrJoin(items, style == CellStyle::kCsv ? ";" : ", ");
  }
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    if (!reflection->HasField(*message, &field)) return "";
    const Message& nested = reflection->GetMessage(*message, &field);
    const bool one_value = style == CellStyle::kText ? IsValueMessage(*field.message_type())
                                                     : IsCsvCellMessage(*field.message_type());
    return one_value ? FormatValueMessage(nested) : ToJson(nested);
  }
  // In a table a flag column shows the rows where it is set.
  if (style == CellStyle::kText && field.cpp_type() == FieldDescriptor::CPPTYPE_BOOL &&
      !reflection->GetBool(*message, &field)) {
    return "";
  }
  return FormatField(*message, field);
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

void PrintCsvRow(const std::vector<std::string>& cells, std::ostream& out) {
  for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << CsvField(cells[i]);
  out << "\r\n";
}

// Code points of UTF-8 text (the table's notion of width).
size_t Width(const std::string& text) {
  size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

// A cell of a text table: one line, at most kMaxCellChars code points.
std::string TableCell(std::string value) {
  std::replace(value.begin(), value.end(), '\n', ' ');
  std::replace(value.begin(), value.end(), '\r', ' ');
  if (Width(value) <= kMaxCellChars) return value;
  size_t kept = 0;
  size_t end = 0;
  while (end < value.size()) {
    size_t next = end + 1;
    while (next < value.size() && (static_cast<unsigned char>(value[next]) & 0xC0) == 0x80) {
      ++next;
    }
    if (++kept > kMaxCellChars - 1) break;
    end = next;
  }
  return value.substr(0, end) + "…";
}

void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> widths(header.size());
  for (size_t c = 0; c < header.size(); ++c) widths[c] = Width(header[c]);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], Width(row[c]));
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += "  ";
      line += row[c];
      if (c + 1 < row.size()) line.append(widths[c] - Width(row[c]), ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  };
  print_row(header);
  for (const auto& row : rows) print_row(row);
}

// Appends "head" + value; a multi-line value continues on lines indented by
// `indent` spaces.
void AppendValue(std::vector<std::string>& lines, const std::string& head, const std::string& value,
                 int indent) {
  bool first = true;
  for (const absl::string_view part : absl::StrSplit(value, '\n')) {
    std::string line =
        first ? absl::StrCat(head, part) : absl::StrCat(std::string(indent, ' '), part);
    line.erase(line.find_last_not_of(' ') + 1);
    lines.push_back(std::move(line));
    first = false;
  }
}

void RenderFields(const Message& message, int indent, std::vector<std::string>& lines);

void RenderLocalizedText(const Message& text, const std::string& head, int indent,
                         std::vector<std::string>& lines) {
  const std::string shown = ShownLanguage(text);
  if (shown.empty()) return;
  AppendValue(lines, head, FormatValueMessage(text), indent + 2);
  for (const char* language : {"fi", "sv", "en"}) {
    if (language == shown) continue;
    const FieldDescriptor* field = text.GetDescriptor()->FindFieldByName(language);
    const std::string value = text.GetReflection()->GetString(text, field);
    if (value.empty()) continue;
    AppendValue(lines, absl::StrCat(std::string(indent + 2, ' '), language, ": "), value,
                indent + 4);
  }
}

// One item of a repeated field under its "field:" line at `indent`.
void RenderItem(const Message& message, const FieldDescriptor& field, int index, int indent,
                std::vector<std::string>& lines) {
  const std::string dash = std::string(indent + 2, ' ') + "- ";
  if (field.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    AppendValue(lines, dash, FormatField(message, field, index), indent + 4);
    return;
  }
  const Message& item = message.GetReflection()->GetRepeatedMessage(message, &field, index);
  if (item.GetDescriptor()->full_name() == kLocalizedTextType) {
    RenderLocalizedText(item, dash, indent + 2, lines);
    return;
  }
  if (IsValueMessage(*item.GetDescriptor())) {
    AppendValue(lines, dash, FormatValueMessage(item), indent + 4);
    return;
  }
  std::vector<std::string> nested;
  RenderFields(item, indent + 4, nested);
  if (nested.empty()) {
    lines.push_back(dash + "{}");
    return;
  }
  nested[0].replace(indent + 2, 2, "- ");
  lines.insert(lines.end(), nested.begin(), nested.end());
}

void RenderFields(const Message& message, int indent, std::vector<std::string>& lines) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  const std::string pad(indent, ' ');
  for (const FieldDescriptor* field : fields) {
    const std::string head = absl::StrCat(pad, field->name(), ": ");
    if (field->is_repeated()) {
      lines.push_back(absl::StrCat(pad, field->name(), ":"));
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        RenderItem(message, *field, i, indent, lines);
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      const Message& nested = reflection->GetMessage(message, field);
      if (nested.GetDescriptor()->full_name() == kLocalizedTextType) {
        RenderLocalizedText(nested, head, indent, lines);
      } else if (IsValueMessage(*nested.GetDescriptor())) {
        const std::string value = FormatValueMessage(nested);
        if (!value.empty()) AppendValue(lines, head, value, indent + 2);
      } else {
        std::vector<std::string> inner;
        RenderFields(nested, indent + 2, inner);
        if (inner.empty()) continue;
        lines.push_back(absl::StrCat(pad, field->name(), ":"));
        lines.insert(lines.end(), inner.begin(), inner.end());
      }
    } else {
      AppendValue(lines, head, FormatField(message, *field), indent + 2);
    }
  }
}

std::vector<FieldPath> TableColumns(const Descriptor& type, const std::vector<std::string>& names) {
  std::vector<FieldPath> columns;
  for (const std::string& name : names) {
    absl::StatusOr<FieldPath> path = ResolvePath(type, name);
    if (path.ok()) columns.push_back(*std::move(path));  // CheckColumns reports the others
  }
  return columns;
}

void PrintTextList(const std::vector<const Message*>& items, const TableOptions& table,
                   std::ostream& out) {
  if (items.empty()) return;
  const Descriptor& type = *items.front()->GetDescriptor();
  const std::vector<std::string>& names =
      table.columns.empty() ? table.text_columns : table.columns;
  std::vector<FieldPath> columns;
  if (names.empty()) {
    FieldPath prefix;
    TextLeaves(type, prefix, columns);
  } else {
    columns = TableColumns(type, names);
  }
  std::vector<std::vector<std::string>> rows;
  for (const Message* item : items) {
    std::vector<std::string> row;
    for (const FieldPath& column : columns) {
      row.push_back(TableCell(Cell(*item, column, CellStyle::kText)));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> header;
  // Columns asked for by name (--columns) stay; defaults go when empty.
  std::vector<bool> keep(columns.size(), !table.columns.empty());
  for (size_t c = 0; c < columns.size(); ++c) {
    for (const auto& row : rows) keep[c] = keep[c] || !row[c].empty();
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (keep[c]) header.push_back(PathName(columns[c]));
  }
  for (auto& row : rows) {
    std::vector<std::string> kept;
    for (size_t c = 0; c < columns.size(); ++c) {
      if (keep[c]) kept.push_back(std::move(row[c]));
    }
    row = std::move(kept);
  }
  PrintTable(header, rows, out);
}

void PrintCsvList(const std::vector<const Message*>& items, const TableOptions& table,
                  std::ostream& out) {
  const Descriptor* type = items.empty() ? table.item_type : items.front()->GetDescriptor();
  if (type == nullptr) return;
  std::vector<FieldPath> columns;
  if (table.columns.empty()) {
    FieldPath prefix;
    CsvLeaves(*type, prefix, columns);
  } else {
    columns = TableColumns(*type, table.columns);
  }
  std::vector<std::string> header;
  for (const FieldPath& column : columns) header.push_back(PathName(column));
  PrintCsvRow(header, out);
  for (const Message* item : items) {
    std::vector<std::string> row;
    for (const FieldPath& column : columns) row.push_back(Cell(*item, column, CellStyle::kCsv));
    PrintCsvRow(row, out);
  }
}

}  // namespace

std::string ToJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

std::vector<std::string> CsvColumns(const Descriptor& type) {
  std::vector<FieldPath> columns;
  FieldPath prefix;
  CsvLeaves(type, prefix, columns);
  std::vector<std::string> names;
  for (const FieldPath& column : columns) names.push_back(PathName(column));
  return names;
}

absl::Status CheckColumns(const Descriptor& type, const std::vector<std::string>& columns) {
  for (const std::string& name : columns) {
    absl::StatusOr<FieldPath> path = ResolvePath(type, name);
    if (!path.ok()) return path.status();
  }
  return absl::OkStatus();
}

void PrintMessage(const Message& message, OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::kJson:
      out << ToJson(message) << "\n";
      return;
    case OutputFormat::kCsv:
      PrintCsvList({&message}, {}, out);
      return;
    case OutputFormat::kText: {
      std::vector<std::string> lines;
      if (IsValueMessage(*message.GetDescriptor())) {
        lines.push_back(FormatValueMessage(message));
      } else {
        RenderFields(message, 0, lines);
      }
      for (const std::string& line : lines) out << line << "\n";
      return;
    }
  }
}

void PrintList(const std::vector<const Message*>& items, OutputFormat format, std::ostream& out,
               const TableOptions& table) {
  switch (format) {
    case OutputFormat::kJson:
      out << "[";
      for (size_t i = 0; i < items.size(); ++i) out << (i ? ",\n" : "\n") << ToJson(*items[i]);
      out << (items.empty() ? "]\n" : "\n]\n");
      return;
    case OutputFormat::kCsv:
      PrintCsvList(items, table, out);
      return;
    case OutputFormat::kText:
      PrintTextList(items, table, out);
      return;
  }
}

}  // namespace kumppani::cli
