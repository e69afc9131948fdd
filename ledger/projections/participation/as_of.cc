// Effective-date helpers of the participation queries.
#include "ledger/projections/participation/as_of.h"

#include <tuple>

#include "ledger/domain/dates.h"

namespace kumppani::projections::participation {

int Compare(const v1::Date& a, const v1::Date& b) {
  auto ta = std::make_tuple(a.year(), a.month(), a.day());
  auto tb = std::make_tuple(b.year(), b.month(), b.day());
  if (ta < tb) return -1;
  return ta == tb ? 0 : 1;
}

bool OnOrBefore(const v1::Date& day, const std::optional<v1::Date>& as_of) {
  return !as_of.has_value() || Compare(day, *as_of) <= 0;
}

absl::Status ValidateAsOf(const std::optional<v1::Date>& as_of) {
  if (!as_of.has_value()) return absl::OkStatus();
  return domain::ValidateDate(*as_of, "as_of", /*required=*/true);
}

int DaysBetween(const v1::Date& from, const v1::Date& to) {
  return static_cast<int>(domain::ToCivilDay(to) - domain::ToCivilDay(from));
}

std::string Iso(const v1::Date& date) { return domain::FormatDate(date); }

}  // namespace kumppani::projections::participation
