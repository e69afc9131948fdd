// Civil-date comparisons for as_of filtering.
#include "ledger/projections/registry/effective_dates.h"

#include <tuple>

#include "ledger/domain/dates.h"

namespace kumppani::projections::registry {

int Compare(const v1::Date& a, const v1::Date& b) {
  auto x = std::make_tuple(a.year(), a.month(), a.day());
  auto y = std::make_tuple(b.year(), b.month(), b.day());
  return x < y ? -1 : (y < x ? 1 : 0);
}

bool StartedBy(const v1::Date& start, const std::optional<v1::Date>& as_of) {
  if (!as_of.has_value() || !domain::IsSet(start)) return true;
  return Compare(start, *as_of) <= 0;
}

bool NotEndedBy(const v1::Date& last_day, const std::optional<v1::Date>& as_of) {
  if (!domain::IsSet(last_day)) return true;
  return as_of.has_value() && Compare(*as_of, last_day) <= 0;
}

bool NotCeasedBy(const v1::Date& ceases_on, const std::optional<v1::Date>& as_of) {
  if (!domain::IsSet(ceases_on)) return true;
  return as_of.has_value() && Compare(*as_of, ceases_on) < 0;
}

}  // namespace kumppani::projections::registry
