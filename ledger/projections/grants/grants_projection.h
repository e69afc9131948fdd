// The "grants" projection: per grant (stream grant-…) the application as its
// main row and one dated GrantEntry row per later event (decision, payment,
// extension, report, acceptance, return, reclaim), so that a query can say
// where the grant stood on any day; index entries by recipient organisation,
// programme and year. Row layout: grant_rows.h.
//
// Each event writes one row and reads none (the application also reads the
// main row once, to move index entries if it was ever recorded twice), so a
// rebuild costs one write per event.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANTS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANTS_PROJECTION_H_

#include <cstdint>
#include <string_view>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

class GrantsProjection final : public Projection {
 public:
  std::string_view name() const override;
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override;
  void Apply(const AppliedEvent& event, AggregateRows& rows) override;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANTS_PROJECTION_H_
