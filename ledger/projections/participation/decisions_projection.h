// The "decisions" projection: one decision-… stream per decision, with the
// dated history a decision gathers (assessment revisions, feedback, appeals,
// annulment, corrections of its text).
//
// Rows (stream decision-<id>):
//   ""                      DecisionRow: as recorded, without its inputs
//   "input/<input id>"      ConsideredInputRow: one per considered input,
//                           with its place, the original assessment and the
//                           dated revisions and feedback (a revision rewrites
//                           only this small row)
//   "appeal/<version>"      AppealRecord
//   "correction/<version>"  TextCorrection
//   "annulment"             AnnulmentRow
// Index keys (-> the decision's stream):
//   "date/<YYYY-MM-DD>"            the register, in date order
//   "body/<body id>/<YYYY-MM-DD>"  one body's register, in date order
//   "input/<input id>/"            by considered input (influence graph
//                                  edges input -> decision)
// Revisions and feedback naming an input the decision did not consider are
// ignored (the domain refuses them; only the low-level API can store them).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_DECISIONS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_DECISIONS_PROJECTION_H_

#include <memory>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

std::unique_ptr<Projection> MakeDecisionsProjection();

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_DECISIONS_PROJECTION_H_
