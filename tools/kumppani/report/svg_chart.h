// Inline SVG for the HTML report's charts, computed with integer
// arithmetic so that the same chart is always the same bytes. The SVG uses
// CSS classes for its colours (c1 … c8, defined by render_html.cc) and
// carries its title for screen readers; every text is escaped.
//
// Structure the tests rely on: a BarChart draws exactly one
// <rect class="bar …"> per (group, series) value, zero-valued ones with
// width 0; a StackedBar draws one <rect class="share …"> per non-zero share.
// Pure functions.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_SVG_CHART_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_SVG_CHART_H_

#include <string>

#include "tools/kumppani/report/document.h"

namespace kumppani::report {

// A horizontal bar chart: for each group its label, then one bar per
// series, scaled to the largest value, with the value after the bar; a
// legend first when there is more than one series.
std::string BarChartSvg(const BarChart& chart);

// One bar 100% wide divided into the shares, then a legend line per share
// with its count and percentage. All-zero shares draw an empty outline.
std::string StackedBarSvg(const StackedBar& chart);

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_SVG_CHART_H_
