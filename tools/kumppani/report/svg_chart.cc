// Inline SVG charts (see svg_chart.h).
#include "tools/kumppani/report/svg_chart.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/numeric/int128.h"
#include "tools/kumppani/report/text_format.h"

namespace kumppani::report {
namespace {

constexpr int64_t kWidth = 720;    // the SVG's width in user units
constexpr int64_t kBarSpan = 560;  // the longest bar
constexpr int64_t kBarHeight = 14;
constexpr int64_t kLabelHeight = 18;  // a group's label line
constexpr int64_t kGap = 4;
constexpr int64_t kGroupGap = 10;
constexpr size_t kMaxLabelCodePoints = 90;

// A decimal without separators (SVG coordinates).
std::string Coord(int64_t value) {
  std::string grouped = FormatCount(value);
  grouped.erase(std::remove(grouped.begin(), grouped.end(), ','), grouped.end());
  return grouped;
}

// At most kMaxLabelCodePoints UTF-8 code points, "…" when cut.
std::string ShortLabel(const std::string& label) {
  size_t code_points = 0;
  for (size_t i = 0; i < label.size(); ++i) {
    if ((static_cast<unsigned char>(label[i]) & 0xC0) == 0x80) continue;
    if (code_points == kMaxLabelCodePoints) return label.substr(0, i) + "\u2026";
    ++code_points;
  }
  return label;
}

// value * span / whole, rounded down, in 128 bits; 0 when whole or value is
// not positive.
int64_t Scale(int64_t value, int64_t span, int64_t whole) {
  if (whole <= 0 || value <= 0) return 0;
  return static_cast<int64_t>(absl::uint128(static_cast<uint64_t>(value)) *
                              static_cast<uint64_t>(span) / static_cast<uint64_t>(whole));
}

std::string Open(const std::string& title, int64_t height) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"" +
         Coord(kWidth) + "\" height=\"" + Coord(height) + "\" viewBox=\"0 0 " + Coord(kWidth) +
         " " + Coord(height) + "\" aria-label=\"" + HtmlEscape(title) + "\"><title>" +
         HtmlEscape(title) + "</title>";
}

std::string Text(int64_t x, int64_t y, const std::string& text, const std::string& css_class) {
  return "<text class=\"" + css_class + "\" x=\"" + Coord(x) + "\" y=\"" + Coord(y) + "\">" +
         HtmlEscape(text) + "</text>";
}

std::string Rect(const std::string& css_class, int64_t x, int64_t y, int64_t width, int64_t height,
                 const std::string& tooltip) {
  return "<rect class=\"" + css_class + "\" x=\"" + Coord(x) + "\" y=\"" + Coord(y) +
         "\" width=\"" + Coord(width) + "\" height=\"" + Coord(height) + "\"><title>" +
         HtmlEscape(tooltip) + "</title></rect>";
}

}  // namespace

std::string BarChartSvg(const BarChart& chart) {
  int64_t largest = 0;
  for (const BarGroup& group : chart.groups) {
    for (int64_t value : group.values) largest = std::max(largest, value);
  }
  const int64_t series = static_cast<int64_t>(chart.series.size());
  const bool legend = series > 1;
  const int64_t legend_height = legend ? kLabelHeight + kGap : 0;
  const int64_t group_height = kLabelHeight + series * (kBarHeight + kGap) + kGroupGap;
  const int64_t height = std::max<int64_t>(
      legend_height + static_cast<int64_t>(chart.groups.size()) * group_height, kLabelHeight);
  std::string svg = Open(chart.title, height);
  if (legend) {
    int64_t x = 0;
    for (const ChartSeries& s : chart.series) {
      svg += "<rect class=\"legend " + s.css_class + "\" x=\"" + Coord(x) +
             "\" y=\"3\" width=\"12\" height=\"12\"/>";
      svg += Text(x + 16, 13, s.name, "label");
      x += 16 + 8 * static_cast<int64_t>(s.name.size()) + 24;
    }
  }
  int64_t y = legend_height;
  for (const BarGroup& group : chart.groups) {
    svg += Text(0, y + 13, ShortLabel(group.label), "label");
    int64_t bar_y = y + kLabelHeight;
    for (int64_t i = 0; i < series; ++i) {
      const int64_t value = i < static_cast<int64_t>(group.values.size()) ? group.values[i] : 0;
      const int64_t width = Scale(value, kBarSpan, largest);
      const ChartSeries& s = chart.series[i];
      svg += Rect("bar " + s.css_class, 0, bar_y, width, kBarHeight,
                  group.label + ": " + s.name + " " + FormatCount(value));
      svg += Text(width + 6, bar_y + 11, FormatCount(value), "value");
      bar_y += kBarHeight + kGap;
    }
    y += group_height;
  }
  return svg + "</svg>";
}

std::string StackedBarSvg(const StackedBar& chart) {
  int64_t total = 0;
  for (const Share& share : chart.shares) total += std::max<int64_t>(share.value, 0);
  constexpr int64_t kBarTop = 2;
  constexpr int64_t kStackHeight = 28;
  const int64_t legend_top = kBarTop + kStackHeight + 8;
  const int64_t height = legend_top + static_cast<int64_t>(chart.shares.size()) * kLabelHeight;
  std::string svg = Open(chart.title, height);
  svg += "<rect class=\"outline\" x=\"0\" y=\"" + Coord(kBarTop) + "\" width=\"" + Coord(kWidth) +
         "\" height=\"" + Coord(kStackHeight) + "\"/>";
  // Each share runs between rounded cumulative boundaries, so the widths add
  // up to the whole bar exactly.
  int64_t cumulative = 0;
  for (const Share& share : chart.shares) {
    const int64_t value = std::max<int64_t>(share.value, 0);
    const int64_t x0 = Scale(cumulative, kWidth, total);
    cumulative += value;
    const int64_t x1 = Scale(cumulative, kWidth, total);
    if (value == 0) continue;
    svg += Rect("share " + share.css_class, x0, kBarTop, x1 - x0, kStackHeight,
                share.label + ": " + FormatCount(value) + " (" + FormatPercent(value, total) + ")");
  }
  int64_t y = legend_top;
  for (const Share& share : chart.shares) {
    svg += "<rect class=\"legend " + share.css_class + "\" x=\"0\" y=\"" + Coord(y + 2) +
           "\" width=\"12\" height=\"12\"/>";
    svg += Text(18, y + 12,
                share.label + ": " + FormatCount(share.value) + " (" +
                    FormatPercent(std::max<int64_t>(share.value, 0), total) + ")",
                "label");
    y += kLabelHeight;
  }
  return svg + "</svg>";
}

}  // namespace kumppani::report
