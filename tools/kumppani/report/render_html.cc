// HTML rendering of a report document (see render.h): one self-contained,
// printable page. The style sheet is inline; a Content-Security-Policy
// allows nothing else to load and no script to run.
#include <string>
#include <type_traits>
#include <variant>

#include "tools/kumppani/report/render.h"
#include "tools/kumppani/report/svg_chart.h"
#include "tools/kumppani/report/text_format.h"

namespace kumppani::report {
namespace {

// The colours c1 … c8 serve both the charts' fills and their legends.
constexpr char kStyle[] = R"css(
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a;
  font: 15px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 1.7em; margin: 0 0 0.6em; border-bottom: 3px solid #2b5c8a; padding-bottom: 0.2em; }
h2 { font-size: 1.3em; margin: 1.6em 0 0.5em; color: #2b5c8a; }
h3 { font-size: 1.1em; margin: 1.3em 0 0.4em; }
h4 { font-size: 1em; margin: 1em 0 0.3em; }
p { margin: 0.4em 0 0.8em; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 0.5em 0 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
div.table { overflow-x: auto; margin: 0.4em 0 1.2em; }
table { border-collapse: collapse; font-size: 0.9em; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #c8ced6; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #e8eef5; }
td.num, th.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) { background: #f6f8fa; }
p.empty { color: #555; font-style: italic; }
figure { margin: 0.6em 0 1.4em; }
figcaption { font-weight: bold; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.chart text { font: 12px "DejaVu Sans", "Liberation Sans", Arial, sans-serif; fill: #1a1a1a; }
svg.chart .outline { fill: none; stroke: #888; }
.c1 { fill: #2e7d32; } .c2 { fill: #9ccc65; } .c3 { fill: #1e88e5; } .c4 { fill: #8e24aa; }
.c5 { fill: #90a4ae; } .c6 { fill: #e53935; } .c7 { fill: #fb8c00; } .c8 { fill: #d7dbe0; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  div.table { overflow: visible; }
  h1, h2, h3, h4 { break-after: avoid; }
  table, figure, dl.facts { break-inside: auto; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  tbody tr:nth-child(even) { background: none; }
  th { background: none; }
}
)css";

void AppendTable(const Table& table, std::string& out) {
  if (table.csv_only) return;
  if (table.rows.empty()) {
    if (!table.caption.empty()) out += "<h4>" + HtmlEscape(table.caption) + "</h4>\n";
    out += "<p class=\"empty\">" + HtmlEscape(table.empty_text) + "</p>\n";
    return;
  }
  out += "<div class=\"table\"><table";
  if (!table.name.empty()) out += " class=\"t-" + HtmlEscape(table.name) + "\"";
  out += ">";
  if (!table.caption.empty()) out += "<caption>" + HtmlEscape(table.caption) + "</caption>";
  out += "\n<thead><tr>";
  for (const Column& column : table.columns) {
    if (column.csv_only) continue;
    out += column.numeric ? "<th class=\"num\">" : "<th>";
    out += HtmlEscape(column.title) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const std::vector<Cell>& row : table.rows) {
    out += "<tr>";
    for (size_t i = 0; i < table.columns.size() && i < row.size(); ++i) {
      if (table.columns[i].csv_only) continue;
      out += table.columns[i].numeric ? "<td class=\"num\">" : "<td>";
      out += HtmlEscape(row[i].text) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
}

}  // namespace

std::string RenderHtml(const Document& document) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      HtmlEscape(document.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" +
      "<main>\n<h1>" + HtmlEscape(document.title) + "</h1>\n";
  for (const Block& block : document.blocks) {
    std::visit(
        [&out](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, Heading>) {
            const std::string tag = "h" + std::to_string(b.level);
            out += "<" + tag + ">" + HtmlEscape(b.text) + "</" + tag + ">\n";
          } else if constexpr (std::is_same_v<T, Paragraph>) {
            out += "<p>" + HtmlEscape(b.text) + "</p>\n";
          } else if constexpr (std::is_same_v<T, KeyValues>) {
            if (b.items.empty()) return;
            out += "<dl class=\"facts\">\n";
            for (const KeyValue& item : b.items) {
              out +=
                  "<dt>" + HtmlEscape(item.key) + "</dt><dd>" + HtmlEscape(item.value) + "</dd>\n";
            }
            out += "</dl>\n";
          } else if constexpr (std::is_same_v<T, Table>) {
            AppendTable(b, out);
          } else if constexpr (std::is_same_v<T, BarChart>) {
            out += "<figure class=\"bar-chart\"><figcaption>" + HtmlEscape(b.title) +
                   "</figcaption>\n" + BarChartSvg(b) + "\n</figure>\n";
          } else if constexpr (std::is_same_v<T, StackedBar>) {
            out += "<figure class=\"stacked-bar\"><figcaption>" + HtmlEscape(b.title) +
                   "</figcaption>\n" + StackedBarSvg(b) + "\n</figure>\n";
          }
        },
        block);
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace kumppani::report
