// Sections of the annual cooperation report (annual_report.h) that read
// the data's aggregates: the summary, grants, outstanding duties and
// coverage statistics. Pure; each appends its blocks in a fixed order.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_ANNUAL_SECTIONS_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_ANNUAL_SECTIONS_H_

#include <cstdint>
#include <vector>

#include "tools/kumppani/report/document.h"
#include "tools/kumppani/report/report_common.h"
#include "tools/kumppani/report/report_data.h"

namespace kumppani::report {

// Counts the summary takes from the sections built before it.
struct SummaryCounts {
  int64_t bodies = 0;
  int64_t body_changes = 0;
  int64_t statements = 0;
};

void AppendSummary(const AnnualReportData& data, const SummaryCounts& counts,
                   std::vector<Block>& blocks);
void AppendGrants(const AnnualReportData& data, const Names& names, std::vector<Block>& blocks);
void AppendOutstandingDuties(const AnnualReportData& data, const Names& names,
                             std::vector<Block>& blocks);
void AppendCoverage(const AnnualReportData& data, std::vector<Block>& blocks);

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_ANNUAL_SECTIONS_H_
