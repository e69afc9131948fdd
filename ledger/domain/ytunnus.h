// Finnish business ids (Y-tunnus / FO-nummer) and association register
// numbers: syntax and, for business ids, the check digit.
//
// A business id is seven digits, a hyphen and a check digit: the digits are
// weighted 7, 9, 10, 5, 8, 4, 2 and summed; with r = sum mod 11 the check
// digit is 0 when r = 0, 11 - r when r >= 2, and r = 1 never occurs in a
// valid id.
#ifndef KUMPPANI_LEDGER_DOMAIN_YTUNNUS_H_
#define KUMPPANI_LEDGER_DOMAIN_YTUNNUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace kumppani::domain {

// OK for a well-formed business id with a valid check digit, e.g. "0155628-9".
// INVALID_ARGUMENT naming `field` otherwise (wrong format, remainder 1, or
// wrong check digit with the expected one).
absl::Status ValidateBusinessId(absl::string_view value, absl::string_view field);

// OK for an association register number: 1..7 digits, optionally grouped in
// thousands with dots ("192.473"), not starting with 0. Format only.
absl::Status ValidateAssociationRegisterNumber(absl::string_view value, absl::string_view field);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_YTUNNUS_H_
