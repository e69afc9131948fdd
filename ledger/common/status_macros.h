// Early-return helpers for absl::Status and absl::StatusOr<T>.
//
//   KUMPPANI_RETURN_IF_ERROR(DoThing());
//   KUMPPANI_ASSIGN_OR_RETURN(auto value, ComputeValue());
#ifndef KUMPPANI_LEDGER_COMMON_STATUS_MACROS_H_
#define KUMPPANI_LEDGER_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define KUMPPANI_RETURN_IF_ERROR(expr)          \
  do {                                          \
    ::absl::Status kumppani_status_ = (expr);   \
    if (!kumppani_status_.ok()) return kumppani_status_; \
  } while (false)

#define KUMPPANI_STATUS_CONCAT_INNER_(a, b) a##b
#define KUMPPANI_STATUS_CONCAT_(a, b) KUMPPANI_STATUS_CONCAT_INNER_(a, b)

#define KUMPPANI_ASSIGN_OR_RETURN(lhs, expr) \
  KUMPPANI_ASSIGN_OR_RETURN_IMPL_(KUMPPANI_STATUS_CONCAT_(kumppani_or_, __LINE__), lhs, expr)

#define KUMPPANI_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()

#endif  // KUMPPANI_LEDGER_COMMON_STATUS_MACROS_H_
