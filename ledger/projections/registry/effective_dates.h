// Civil-date comparisons for effective-dated history (as_of filtering). They
// compare (year, month, day) as numbers, so they are total: any stored date,
// even a malformed one, has a place in the order.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_EFFECTIVE_DATES_H_
#define KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_EFFECTIVE_DATES_H_

#include <optional>

#include "google/protobuf/repeated_ptr_field.h"
#include "kumppani/v1/domain.pb.h"

namespace kumppani::projections::registry {

// -1, 0 or 1 as a is before, equal to or after b.
int Compare(const v1::Date& a, const v1::Date& b);

// True when `start` is unset (in force from the beginning) or on or before
// `as_of`; always true without an as_of (everything known).
bool StartedBy(const v1::Date& start, const std::optional<v1::Date>& as_of);

// True when something whose last day is `last_day` is still in force on
// `as_of`: `last_day` unset, or on or after `as_of`. Without an as_of, true
// only when `last_day` is unset.
bool NotEndedBy(const v1::Date& last_day, const std::optional<v1::Date>& as_of);

// True when something that ceases on `ceases_on` (the first day it is no
// longer in force, e.g. a dissolution day) is still in force on `as_of`.
// Without an as_of, true only when `ceases_on` is unset.
bool NotCeasedBy(const v1::Date& ceases_on, const std::optional<v1::Date>& as_of);

// Adds a new element to `list`, which is in order of `date_of(element)`,
// after every element dated on or before `date` (so same-day entries keep
// the order they were recorded in), and returns it.
template <typename T, typename DateOf>
T* InsertByDate(google::protobuf::RepeatedPtrField<T>* list, const v1::Date& date, DateOf date_of) {
  list->Add();
  int at = list->size() - 1;
  while (at > 0 && Compare(date_of(list->Get(at - 1)), date) > 0) {
    list->SwapElements(at - 1, at);
    --at;
  }
  return list->Mutable(at);
}

}  // namespace kumppani::projections::registry

#endif  // KUMPPANI_LEDGER_PROJECTIONS_REGISTRY_EFFECTIVE_DATES_H_
