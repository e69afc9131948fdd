// What every command rule gets besides states and references: the time of
// the command, and the helpers for date rules shared by all aggregates.
//
// Rules are functions (state, command, references, context) -> events or a
// Status; they never write. See command_handler.h for who calls them.
#ifndef KUMPPANI_LEDGER_DOMAIN_RULE_CONTEXT_H_
#define KUMPPANI_LEDGER_DOMAIN_RULE_CONTEXT_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "kumppani/v1/events.pb.h"

namespace kumppani::domain {

using Events = std::vector<v1::Event>;

struct RuleContext {
  // The command's time, microseconds since the Unix epoch (the handler's
  // clock).
  int64_t now_micros = 0;
  // The Finnish civil date of now_micros.
  v1::Date Today() const;
};

// INVALID_ARGUMENT "<field>: must not be in the future (today is D), got D'"
// when `date` is after today.
absl::Status NotInFuture(const v1::Date& date, absl::string_view field, const RuleContext& ctx);

// FAILED_PRECONDITION "<field>: must not be before <what> (D), got D'" when
// `date` is before `limit`. An unset limit always passes.
absl::Status NotBefore(const v1::Date& date, const v1::Date& limit, absl::string_view field,
                       absl::string_view what);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_RULE_CONTEXT_H_
