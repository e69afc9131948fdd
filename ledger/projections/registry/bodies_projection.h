// The "bodies" projection (streams body-…): bodies with their dated
// convener, mandate and lifecycle history, seats, and one row per membership.
//
// Rows:
//   ""                    v1::BodyView: identity, establishment, dissolution,
//                         convener periods (mandate, continuations and
//                         seats are left empty: they have rows of their own)
//   MandateRow(d, v)      v1::MandateVersion, one per establishment/amendment
//   ContinuationRow(d, v) v1::BodyContinuation
//   SeatRow(seat)         v1::SeatView
//   MembershipRow(m)      v1::MembershipView
// Index entries (-> the body's stream), one of each per membership:
//   MembershipIndex(MembershipByPersonPrefix(person), term start, m)
//   MembershipIndex(MembershipByOrganisationPrefix(represented org), ...)
//   MembershipIndex(MembershipByBodyPrefix(body), ...)
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODIES_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODIES_PROJECTION_H_

#include <memory>

#include "ledger/projections/projection.h"

namespace kumppani::projections::registry {

std::unique_ptr<Projection> MakeBodiesProjection();

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_BODIES_PROJECTION_H_
