// Checked arithmetic on euro-cent amounts: sums that would leave int64 fail
// with OUT_OF_RANGE naming what was being summed, instead of wrapping.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_AMOUNTS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_AMOUNTS_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "kumppani/v1/grants_views.pb.h"

namespace kumppani::projections::grants {

// *sum += value. OUT_OF_RANGE "<whose>: <field> overflows int64 (...)" when
// the result does not fit; *sum is then unchanged.
absl::Status AddCents(int64_t* sum, int64_t value, std::string_view field, std::string_view whose);

// *sum -= value, checked like AddCents.
absl::Status SubtractCents(int64_t* sum, int64_t value, std::string_view field,
                           std::string_view whose);

// Adds every field of `amounts` to `sum`, checked like AddCents. On error
// `sum` may be partly updated.
absl::Status AddAmounts(v1::GrantAmounts* sum, const v1::GrantAmounts& amounts,
                        std::string_view whose);

}  // namespace kumppani::projections::grants

#endif  // KUMPPANI_LEDGER_PROJECTIONS_GRANTS_GRANT_AMOUNTS_H_
