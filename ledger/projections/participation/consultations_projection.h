// The "consultations" projection: one consultation-… stream per
// consultation.
//
// Rows (stream consultation-<id>):
//   ""                       ConsultationRow: as opened, plus closing
//   "summary"                ConsultationSummaryRow: the published summary
//   "extension/<version>"    DeadlineExtensionRow: one per extension, with
//                            the day it took effect (the envelope's
//                            effective_at, as the event has no date)
// Index keys (-> the consultation's stream):
//   "organiser/<org id>/"    by organising organisation
//   "body/<body id>/"        by the body on whose behalf it consults
//   "doc/<sha256>/"          by subject document hash
//   "doc_uri/<uri>/"         by subject document URI (versions of one
//                            document share it), so consultations on the
//                            same subject can be found
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_CONSULTATIONS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_CONSULTATIONS_PROJECTION_H_

#include <memory>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

std::unique_ptr<Projection> MakeConsultationsProjection();

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_CONSULTATIONS_PROJECTION_H_
