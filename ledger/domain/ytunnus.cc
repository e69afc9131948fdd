// Business id check digits and association register number formats.
#include "ledger/domain/ytunnus.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace kumppani::domain {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

absl::Status ValidateBusinessId(absl::string_view value, absl::string_view field) {
  static constexpr int kWeights[7] = {7, 9, 10, 5, 8, 4, 2};
  bool format_ok = value.size() == 9 && value[7] == '-' && IsDigit(value[8]);
  for (size_t i = 0; format_ok && i < 7; ++i) format_ok = IsDigit(value[i]);
  if (!format_ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": a business id (Y-tunnus) must be 7 digits, '-' and a check digit "
               "(e.g. 0155628-9), got \"", value, "\""));
  }
  int sum = 0;
  for (size_t i = 0; i < 7; ++i) sum += kWeights[i] * (value[i] - '0');
  int remainder = sum % 11;
  if (remainder == 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": business id \"", value,
        "\" is invalid: its weighted digit sum leaves remainder 1, which no valid id has"));
  }
  int expected = remainder == 0 ? 0 : 11 - remainder;
  if (value[8] - '0' != expected) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": business id \"", value,
                                                   "\" has check digit ", value[8] - '0',
                                                   ", expected ", expected));
  }
  return absl::OkStatus();
}

absl::Status ValidateAssociationRegisterNumber(absl::string_view value, absl::string_view field) {
  auto invalid = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": an association register number must be 1..7 digits, optionally grouped "
               "by dots in thousands (e.g. 192.473), not starting with 0, got \"", value, "\""));
  };
  std::string digits;
  bool dotted = value.find('.') != absl::string_view::npos;
  if (dotted) {
    // Groups after the first must be exactly three digits.
    size_t group_start = 0;
    size_t group = 0;
    for (size_t i = 0; i <= value.size(); ++i) {
      if (i == value.size() || value[i] == '.') {
        size_t length = i - group_start;
        if (length == 0 || length > 3 || (group > 0 && length != 3)) return invalid();
        group_start = i + 1;
        ++group;
      } else if (!IsDigit(value[i])) {
        return invalid();
      } else {
        digits.push_back(value[i]);
      }
    }
  } else {
    for (char c : value) {
      if (!IsDigit(c)) return invalid();
    }
    digits = std::string(value);
  }
  if (digits.empty() || digits.size() > 7 || digits[0] == '0') return invalid();
  return absl::OkStatus();
}

}  // namespace kumppani::domain
