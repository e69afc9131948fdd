// Checked euro-cent arithmetic (see grant_amounts.h).
#include "ledger/projections/grants/grant_amounts.h"

#include "absl/strings/str_cat.h"

namespace kumppani::projections::grants {
namespace {

absl::Status Overflow(int64_t sum, char op, int64_t value, std::string_view field,
                      std::string_view whose) {
  return absl::OutOfRangeError(absl::StrCat(absl::string_view(whose.data(), whose.size()), ": ",
                                            absl::string_view(field.data(), field.size()),
                                            " overflows int64 (", sum, " ", std::string(1, op), " ",
                                            value, ")"));
}

}  // namespace

absl::Status AddCents(int64_t* sum, int64_t value, std::string_view field, std::string_view whose) {
  int64_t result = 0;
  if (__builtin_add_overflow(*sum, value, &result)) return Overflow(*sum, '+', value, field, whose);
  *sum = result;
  return absl::OkStatus();
}

absl::Status SubtractCents(int64_t* sum, int64_t value, std::string_view field,
                           std::string_view whose) {
  int64_t result = 0;
  if (__builtin_sub_overflow(*sum, value, &result)) return Overflow(*sum, '-', value, field, whose);
  *sum = result;
  return absl::OkStatus();
}

absl::Status AddAmounts(v1::GrantAmounts* sum, const v1::GrantAmounts& amounts,
                        std::string_view whose) {
  struct Field {
    const char* name;
    int64_t (v1::GrantAmounts::*get)() const;
    void (v1::GrantAmounts::*set)(int64_t);
  };
  static constexpr Field kFields[] = {
      {"applied_cents", &v1::GrantAmounts::applied_cents, &v1::GrantAmounts::set_applied_cents},
      {"awarded_cents", &v1::GrantAmounts::awarded_cents, &v1::GrantAmounts::set_awarded_cents},
      {"paid_cents", &v1::GrantAmounts::paid_cents, &v1::GrantAmounts::set_paid_cents},
      {"returned_cents", &v1::GrantAmounts::returned_cents, &v1::GrantAmounts::set_returned_cents},
      {"reclaimed_cents", &v1::GrantAmounts::reclaimed_cents,
       &v1::GrantAmounts::set_reclaimed_cents},
      {"outstanding_cents", &v1::GrantAmounts::outstanding_cents,
       &v1::GrantAmounts::set_outstanding_cents},
  };
  for (const Field& field : kFields) {
    int64_t value = (sum->*field.get)();
    absl::Status added = AddCents(&value, (amounts.*field.get)(), field.name, whose);
    if (!added.ok()) return added;
    (sum->*field.set)(value);
  }
  return absl::OkStatus();
}

}  // namespace kumppani::projections::grants
