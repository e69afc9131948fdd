// Markdown rendering of a report document (see render.h).
#include <string>
#include <type_traits>
#include <variant>

#include "tools/kumppani/report/render.h"
#include "tools/kumppani/report/text_format.h"

namespace kumppani::report {
namespace {

void AppendTable(const Table& table, std::string& out) {
  if (table.csv_only) return;
  if (!table.caption.empty()) out += "**" + MarkdownEscape(table.caption) + "**\n\n";
  if (table.rows.empty()) {
    out += MarkdownEscape(table.empty_text) + "\n\n";
    return;
  }
  std::string header = "|";
  std::string rule = "|";
  for (const Column& column : table.columns) {
    if (column.csv_only) continue;
    header += " " + MarkdownEscape(column.title) + " |";
    rule += column.numeric ? " ---: |" : " --- |";
  }
  out += header + "\n" + rule + "\n";
  for (const std::vector<Cell>& row : table.rows) {
    out += "|";
    for (size_t i = 0; i < table.columns.size() && i < row.size(); ++i) {
      if (table.columns[i].csv_only) continue;
      out += " " + MarkdownEscape(row[i].text) + " |";
    }
    out += "\n";
  }
  out += "\n";
}

}  // namespace

std::string RenderMarkdown(const Document& document) {
  std::string out = "# " + MarkdownEscape(document.title) + "\n\n";
  for (const Block& block : document.blocks) {
    std::visit(
        [&out](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, Heading>) {
            out += std::string(static_cast<size_t>(b.level), '#') + " " + MarkdownEscape(b.text) +
                   "\n\n";
          } else if constexpr (std::is_same_v<T, Paragraph>) {
            out += MarkdownBlockEscape(b.text) + "\n\n";
          } else if constexpr (std::is_same_v<T, KeyValues>) {
            for (const KeyValue& item : b.items) {
              out += "- **" + MarkdownEscape(item.key) + ":** " + MarkdownEscape(item.value) + "\n";
            }
            if (!b.items.empty()) out += "\n";
          } else if constexpr (std::is_same_v<T, Table>) {
            AppendTable(b, out);
          }
          // BarChart and StackedBar: HTML only.
        },
        block);
  }
  // One line end at the end of the file.
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') {
    out.pop_back();
  }
  return out;
}

}  // namespace kumppani::report
