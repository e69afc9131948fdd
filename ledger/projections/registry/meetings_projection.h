// The "meetings" projection (streams meeting-…).
//
// Rows: the main row, a v1::MeetingView without its minutes approval, which
// is the row kMinutesRow (a v1::MinutesApproval).
// Index entries (-> the meeting's stream): MeetingIndex(kMeetingByDatePrefix,
// held_on) for every meeting, and MeetingIndex(MeetingByBodyPrefix(body),
// held_on) for a body's meeting, so a body's meetings list in date order.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_MEETINGS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_MEETINGS_PROJECTION_H_

#include <memory>

#include "ledger/projections/projection.h"

namespace kumppani::projections::registry {

std::unique_ptr<Projection> MakeMeetingsProjection();

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_MEETINGS_PROJECTION_H_
