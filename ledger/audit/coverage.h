// Coverage statistics of a region: how many of its bodies' decisions were
// preceded by a consultation, how invited organisations responded to its
// consultations, how long after a consultation closed the decisions came,
// and how many considered inputs were assessed and fed back on.
//
// Which bodies belong to a region is registry data (the "bodies" read model
// of another area). Folds may only read their own streams, so this query
// takes the join from its caller: `parent_of(body_id)` returns the
// organisation a body belongs to (e.g. from the registry's bodies view;
// nullopt for an unknown body). A caller that counts bodies of a region's
// sub-organisations as the region's returns the region for them.
#ifndef KUMPPANI_LEDGER_AUDIT_COVERAGE_H_
#define KUMPPANI_LEDGER_AUDIT_COVERAGE_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "kumppani/v1/participation_views.pb.h"
#include "ledger/projections/participation/body_scope.h"
#include "ledger/projections/participation/view_set.h"

namespace kumppani::audit {

// The organisation a body belongs to; nullopt when unknown.
using ParentOf = projections::ParentOf;

struct CoverageRequest {
  // The region (organisation). Required.
  std::string region_organisation_id;
  // First and last decision day counted (inclusive). Required.
  v1::Date from;
  v1::Date to;
  // Assessments, feedback and closings in force on this day; absent: all
  // known. Decisions decided after it are not counted.
  std::optional<v1::Date> as_of;
};

// Counts the decisions of bodies whose parent_of is the region, decided in
// [from, to]:
//  - preceded by a consultation: it cites a consultation or a submission,
//    directly or through proposals (recursively);
//  - days from close to decision: one sample per (decision, consultation it
//    draws on directly, through proposals or through a cited submission)
//    whose closing day (by as_of) is on or before the decision day;
//  - assessed / with feedback: the decisions' direct inputs with an
//    assessment in force / with feedback sent by as_of.
// Response rates are over the consultations the region organises (as
// organiser, or for a body whose parent_of is the region) opened in
// [from, to] (and by as_of).
// INVALID_ARGUMENT naming the field for a missing region, a missing or
// malformed date, `to` before `from`, or a missing parent_of.
absl::StatusOr<v1::CoverageStatistics> CoverageStatistics(
    const projections::ParticipationViews& views, const CoverageRequest& request,
    const ParentOf& parent_of);

}  // namespace kumppani::audit

#endif  // KUMPPANI_LEDGER_AUDIT_COVERAGE_H_
