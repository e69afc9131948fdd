// The annual cooperation report of a region (a wellbeing services county,
// say) as a Document: its bodies and their changes in the year,
// consultations and response rates, decisions and what they did with the
// input they got, grants, outstanding duties and coverage statistics.
//
// Pure and deterministic: every list is sorted here by explicit keys, so
// the document depends only on the data's contents.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_ANNUAL_REPORT_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_ANNUAL_REPORT_H_

#include "tools/kumppani/report/document.h"
#include "tools/kumppani/report/report_data.h"

namespace kumppani::report {

Document BuildAnnualReport(const AnnualReportData& data);

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_ANNUAL_REPORT_H_
