// Shared date rules for commands.
#include "ledger/domain/rule_context.h"

#include "absl/strings/str_cat.h"
#include "ledger/domain/dates.h"

namespace kumppani::domain {

v1::Date RuleContext::Today() const {
  int64_t seconds = now_micros >= 0 ? now_micros / 1000000 : -((-now_micros + 999999) / 1000000);
  return HelsinkiDate(seconds);
}

absl::Status NotInFuture(const v1::Date& date, absl::string_view field, const RuleContext& ctx) {
  v1::Date today = ctx.Today();
  if (After(date, today)) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": must not be in the future (today is ",
                                                   FormatDate(today), "), got ",
                                                   FormatDate(date)));
  }
  return absl::OkStatus();
}

absl::Status NotBefore(const v1::Date& date, const v1::Date& limit, absl::string_view field,
                       absl::string_view what) {
  if (IsSet(limit) && Before(date, limit)) {
    return absl::FailedPreconditionError(absl::StrCat(field, ": must not be before ", what, " (",
                                                      FormatDate(limit), "), got ",
                                                      FormatDate(date)));
  }
  return absl::OkStatus();
}

}  // namespace kumppani::domain
