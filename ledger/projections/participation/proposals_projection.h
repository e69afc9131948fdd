// The "proposals" projection: one proposal-… stream per proposal of one body
// to another.
//
// Rows (stream proposal-<id>):
//   ""   ProposalMade, as made
// Index keys (-> the proposal's stream):
//   "input/<input id>/"    by cited input (influence graph edges
//                          input -> proposal)
//   "to_body/<body id>/"   by the body proposed to
//   "from_body/<body id>/" by the proposing body
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PROPOSALS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PROPOSALS_PROJECTION_H_

#include <memory>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

std::unique_ptr<Projection> MakeProposalsProjection();

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_PROPOSALS_PROJECTION_H_
