// Effective-date ("as of") helpers of the participation queries: which dated
// facts were in force on a civil day. An absent as_of means "everything the
// ledger knows", so every dated fact counts.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_AS_OF_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_AS_OF_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "kumppani/v1/domain.pb.h"

namespace kumppani::projections::participation {

// Orders dates by (year, month, day); safe for unset and invalid dates
// (unset sorts first).
int Compare(const v1::Date& a, const v1::Date& b);

// True when `day` is on or before `as_of` (always when as_of is absent).
bool OnOrBefore(const v1::Date& day, const std::optional<v1::Date>& as_of);

// True when `day` is after `as_of` (never when as_of is absent).
inline bool After(const v1::Date& day, const std::optional<v1::Date>& as_of) {
  return !OnOrBefore(day, as_of);
}

// OK when as_of is absent or a valid date; INVALID_ARGUMENT "as_of: ..."
// otherwise.
absl::Status ValidateAsOf(const std::optional<v1::Date>& as_of);

// Whole days from `from` to `to` (negative when `to` is earlier). Both valid.
int DaysBetween(const v1::Date& from, const v1::Date& to);

// ISO form of a date for messages.
std::string Iso(const v1::Date& date);

}  // namespace kumppani::projections::participation

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PARTICIPATION_AS_OF_H_
