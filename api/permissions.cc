// The role/action table and the checks built on it.
#include "api/permissions.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace kumppani::api {
namespace {

constexpr Role kAllRoles[] = {Role::kAdmin, Role::kRecorder, Role::kNgo, Role::kAuditor,
                              Role::kPublic};

std::string JoinRoles(const std::vector<Role>& roles) {
  return absl::StrJoin(roles, ", ",
                       [](std::string* out, Role role) { absl::StrAppend(out, RoleName(role)); });
}

}  // namespace

bool Allows(Role role, Action action) {
  switch (action) {
    case Action::kReadPublic:
      return true;
    case Action::kReadAll:
      return role != Role::kPublic;
    case Action::kReadPersonalData:
      return role == Role::kAdmin || role == Role::kRecorder || role == Role::kAuditor;
    case Action::kRecord:
      return role == Role::kAdmin || role == Role::kRecorder;
    case Action::kSubmitForOrganisation:
      return role == Role::kAdmin || role == Role::kRecorder || role == Role::kNgo;
    case Action::kProve:
      return role == Role::kAdmin || role == Role::kRecorder || role == Role::kAuditor;
    case Action::kVerify:
      return role == Role::kAdmin || role == Role::kAuditor;
    case Action::kAppendEvents:
    case Action::kAdminister:
      return role == Role::kAdmin;
  }
  return false;
}

absl::string_view ActionDescription(Action action) {
  switch (action) {
    case Action::kReadPublic:
      return "read public data";
    case Action::kReadAll:
      return "read the ledger beyond public data";
    case Action::kReadPersonalData:
      return "read personal data";
    case Action::kRecord:
      return "record domain commands";
    case Action::kSubmitForOrganisation:
      return "submit on behalf of an organisation";
    case Action::kProve:
      return "fetch proofs and checkpoints";
    case Action::kVerify:
      return "verify the whole log";
    case Action::kAppendEvents:
      return "append raw events";
    case Action::kAdminister:
      return "administer the server";
  }
  return "do this";
}

std::vector<Role> AllowedRoles(Action action) {
  std::vector<Role> roles;
  for (Role role : kAllRoles) {
    if (Allows(role, action)) roles.push_back(role);
  }
  return roles;
}

absl::Status Require(const Principal& principal, Action action, absl::string_view method) {
  if (Allows(principal.role, action)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("role ", RoleName(principal.role), " may not ", ActionDescription(action),
                   " (method ", method, "; allowed: ", JoinRoles(AllowedRoles(action)), ")"));
}

absl::Status RequireRole(const Principal& principal, std::initializer_list<Role> roles,
                         absl::string_view method) {
  for (Role role : roles) {
    if (principal.role == role) return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("role ", RoleName(principal.role), " may not call ", method,
                   " (allowed: ", JoinRoles(std::vector<Role>(roles)), ")"));
}

absl::Status RequireOrganisation(const Principal& principal, absl::string_view organisation_id,
                                 absl::string_view field) {
  if (principal.role != Role::kNgo) return absl::OkStatus();
  if (!principal.organisation_id.empty() && principal.organisation_id == organisation_id) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat(field, ": an ngo token acts only for its own organisation \"",
                   principal.organisation_id, "\", got \"", organisation_id, "\""));
}

absl::Status RequireSubmitFor(const Principal& principal, absl::string_view organisation_id,
                              absl::string_view field, absl::string_view method) {
  if (absl::Status status = Require(principal, Action::kSubmitForOrganisation, method);
      !status.ok()) {
    return status;
  }
  return RequireOrganisation(principal, organisation_id, field);
}

}  // namespace kumppani::api
