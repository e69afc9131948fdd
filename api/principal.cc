// Role names: the one spelling used by the tokens file, flags and messages.
#include "api/principal.h"

#include "absl/strings/str_cat.h"

namespace kumppani::api {

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kRecorder:
      return "recorder";
    case Role::kNgo:
      return "ngo";
    case Role::kAuditor:
      return "auditor";
    case Role::kPublic:
      return "public";
  }
  return "unknown";
}

absl::StatusOr<Role> ParseRole(absl::string_view name) {
  for (Role role : {Role::kAdmin, Role::kRecorder, Role::kNgo, Role::kAuditor, Role::kPublic}) {
    if (name == RoleName(role)) return role;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "role: must be one of admin, recorder, ngo, auditor, public, got \"", name, "\""));
}

}  // namespace kumppani::api
