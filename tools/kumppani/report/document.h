// A report as a format-neutral document: headings, paragraphs, key-value
// lists, tables and charts, in reading order. The report builders
// (annual_report.h, trail_report.h) make one from the gathered data; the
// renderers (render.h) turn it into Markdown, HTML or CSV. Keeping the two
// apart means every format shows the same facts in the same order.
//
// Every string here is plain text (UTF-8): the renderers escape it for their
// format. Plain value types; no invariants beyond those noted.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_DOCUMENT_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kumppani::report {

struct Heading {
  int level = 2;  // 2..4; the document's title is level 1
  std::string text;
};

struct Paragraph {
  std::string text;
};

// "Label: value" lines. `csv_name` non-empty: CSV writes the pairs as the
// two-column table <csv_name>.csv (field,value), with `csv_value` when set.
struct KeyValue {
  std::string key;
  std::string value;
  std::string csv_key{};                   // machine name of the field; empty = key
  std::optional<std::string> csv_value{};  // machine form of the value; unset = value
};
struct KeyValues {
  std::string csv_name;
  std::vector<KeyValue> items;
};

struct Column {
  std::string title;      // shown in Markdown and HTML
  std::string csv_name;   // the CSV header
  bool numeric = false;   // right-aligned
  bool csv_only = false;  // not shown in Markdown and HTML (e.g. a key
                          // repeated from the section's heading)
};

struct Cell {
  std::string text;                  // shown in Markdown and HTML
  std::optional<std::string> csv{};  // the CSV value; unset = text
};

// A table. CSV writes every table as <name>.csv; tables sharing a name (one
// per decision, say) must share their columns and become one file, their
// rows in document order. A table with no rows shows `empty_text` in
// Markdown and HTML and is a header-only CSV.
struct Table {
  std::string name;
  std::string caption;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::string empty_text = "None.";
  // Only a CSV file, not shown in Markdown and HTML: keeps a report's set of
  // CSV files the same whatever the data (an empty table when there is
  // nothing to show).
  bool csv_only = false;
};

// A horizontal bar chart of one or more series per group (HTML only; the
// same numbers are always in a table of the document too).
struct ChartSeries {
  std::string name;
  std::string css_class;  // "c1" … "c8": the colour (render_html.cc)
};
struct BarGroup {
  std::string label;
  std::vector<int64_t> values;  // one per series, >= 0
};
struct BarChart {
  std::string title;
  std::vector<ChartSeries> series;
  std::vector<BarGroup> groups;
};

// One bar divided into shares (HTML only, like BarChart).
struct Share {
  std::string label;
  int64_t value = 0;      // >= 0
  std::string css_class;  // "c1" … "c8": the colour
};
struct StackedBar {
  std::string title;
  std::vector<Share> shares;
};

using Block = std::variant<Heading, Paragraph, KeyValues, Table, BarChart, StackedBar>;

struct Document {
  std::string title;
  std::vector<Block> blocks;
};

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_DOCUMENT_H_
