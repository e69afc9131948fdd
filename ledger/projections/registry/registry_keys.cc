// Key builders of the registry projections.
#include "ledger/projections/registry/registry_keys.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/domain/dates.h"

namespace kumppani::projections::registry {
namespace {

std::string Keyed(std::string_view category, std::string_view id) {
  return absl::StrCat(absl::string_view(category.data(), category.size()), KeyPart(id), "/");
}

}  // namespace

std::string KeyPart(std::string_view id) {
  std::string out;
  out.reserve(id.size());
  for (char c : id) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '%' || c == '/' || byte < 0x20) {
      out += absl::StrFormat("%%%02X", byte);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string DateKey(const v1::Date& date) {
  if (!domain::IsSet(date)) return "0000-00-00";
  return absl::StrFormat("%04d-%02d-%02d", std::clamp(date.year(), 0, 9999),
                         std::clamp(date.month(), 0, 99), std::clamp(date.day(), 0, 99));
}

std::string VersionKey(uint64_t version) { return absl::StrFormat("%020d", version); }

std::string KindIndex(v1::OrganisationKind kind) {
  return absl::StrCat("kind/", static_cast<int>(kind), "/");
}

std::string IdentifierIndex(v1::IdentifierScheme scheme, std::string_view value) {
  std::string normalized(value);
  if (scheme == v1::IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER) {
    normalized.erase(std::remove(normalized.begin(), normalized.end(), '.'), normalized.end());
  }
  return absl::StrCat("ident/", static_cast<int>(scheme), "/", KeyPart(normalized));
}

std::string PredecessorIndex(std::string_view successor_id) { return Keyed("pred/", successor_id); }

std::string SeatRow(std::string_view seat_id) {
  return absl::StrCat(absl::string_view(kSeatRows.data(), kSeatRows.size()), KeyPart(seat_id));
}

std::string MembershipRow(std::string_view membership_id) {
  return absl::StrCat(absl::string_view(kMembershipRows.data(), kMembershipRows.size()),
                      KeyPart(membership_id));
}

std::string MandateRow(const v1::Date& effective_on, uint64_t version) {
  return absl::StrCat("mandate/", DateKey(effective_on), "/", VersionKey(version));
}

std::string ContinuationRow(const v1::Date& effective_on, uint64_t version) {
  return absl::StrCat("cont/", DateKey(effective_on), "/", VersionKey(version));
}

std::string MembershipByPersonPrefix(std::string_view person_id) {
  return Keyed("person/", person_id);
}
std::string MembershipByOrganisationPrefix(std::string_view organisation_id) {
  return Keyed("org/", organisation_id);
}
std::string MembershipByBodyPrefix(std::string_view body_id) { return Keyed("body/", body_id); }

std::string MembershipIndex(std::string_view prefix, const v1::Date& term_start,
                            std::string_view membership_id) {
  return absl::StrCat(absl::string_view(prefix.data(), prefix.size()), DateKey(term_start), "/",
                      KeyPart(membership_id));
}

std::string CallEntryRow(std::string_view entry_id) {
  return absl::StrCat(absl::string_view(kCallEntryRows.data(), kCallEntryRows.size()),
                      KeyPart(entry_id));
}

std::string CallByBodyPrefix(std::string_view body_id) { return Keyed("body/", body_id); }

std::string CallByBodyIndex(std::string_view body_id, const v1::Date& opens_on) {
  return absl::StrCat(CallByBodyPrefix(body_id), DateKey(opens_on));
}

std::string MeetingByBodyPrefix(std::string_view body_id) { return Keyed("body/", body_id); }

std::string MeetingIndex(std::string_view prefix, const v1::Date& held_on) {
  return absl::StrCat(absl::string_view(prefix.data(), prefix.size()), DateKey(held_on));
}

}  // namespace kumppani::projections::registry
