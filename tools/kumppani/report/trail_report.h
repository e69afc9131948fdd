// The influence trail of one decision as a Document: the decision, every
// input it considered (directly or through proposals) with its assessment,
// revisions and feedback, the outcome shares, and the submissions on the
// same subject it did not cite.
//
// Pure and deterministic: inputs keep the trail's own order (the
// decision's, then breadth first through proposals), which the ledger
// defines; nothing depends on the order of the name lists.
#ifndef KUMPPANI_TOOLS_KUMPPANI_REPORT_TRAIL_REPORT_H_
#define KUMPPANI_TOOLS_KUMPPANI_REPORT_TRAIL_REPORT_H_

#include "tools/kumppani/report/document.h"
#include "tools/kumppani/report/report_data.h"

namespace kumppani::report {

Document BuildTrailReport(const TrailReportData& data);

}  // namespace kumppani::report

#endif  // KUMPPANI_TOOLS_KUMPPANI_REPORT_TRAIL_REPORT_H_
