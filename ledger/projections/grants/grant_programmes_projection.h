// The "grant_programmes" projection: one row per grant programme (stream
// programme-…) with its funder, region, budget and application period, and
// index entries by funder, region and year. Row layout: grant_rows.h.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_PROGRAMMES_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_PROGRAMMES_PROJECTION_H_

#include <cstdint>
#include <string_view>

#include "ledger/projections/projection.h"

namespace kumppani::projections {

class GrantProgrammesProjection final : public Projection {
 public:
  std::string_view name() const override;
  uint32_t version() const override { return 1; }
  bool Wants(std::string_view stream_id) const override;
  void Apply(const AppliedEvent& event, AggregateRows& rows) override;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_PROGRAMMES_PROJECTION_H_
