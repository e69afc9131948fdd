// Outstanding duties towards those who gave their views: submissions that no
// decision has assessed, and decisions' inputs whose submitters were not
// told what became of them.
//
// Scope: a region (with the caller's parent_of join, see coverage.h) and/or
// a set of bodies; with neither, everything.
#ifndef KUMPPANI_LEDGER_AUDIT_OUTSTANDING_DUTIES_H_
#define KUMPPANI_LEDGER_AUDIT_OUTSTANDING_DUTIES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/participation_views.pb.h"
#include "ledger/projections/participation/body_scope.h"
#include "ledger/projections/participation/view_set.h"

namespace kumppani::audit {

struct DutiesRequest {
  // The region: its bodies (parent_of(body) == region) and the
  // consultations it organises. Optional.
  std::string region_organisation_id;
  // Bodies counted in any case. Optional.
  std::vector<std::string> body_ids;
  // The day the duties are assessed on; absent: everything known.
  std::optional<v1::Date> as_of;
};

// Unassessed submissions: in consultations in scope (organised by the
// region, or for a body in scope) that are CLOSED on as_of, the submissions
// not withdrawn by as_of that no decision made by as_of considers directly
// (decisions citing only the consultation as a whole are named with them).
// Uninformed inputs: for decisions in scope made by as_of, every considered
// input (of any kind) with no FeedbackSent by as_of.
// INVALID_ARGUMENT for a malformed as_of, or a region without parent_of.
absl::StatusOr<v1::OutstandingDuties> OutstandingDuties(
    const projections::ParticipationViews& views, const DutiesRequest& request,
    const projections::ParentOf& parent_of);

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_OUTSTANDING_DUTIES_H_
