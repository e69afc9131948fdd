// Who is calling: the role and scope a bearer token grants. Every event an
// API call appends records `actor` as its metadata.actor.
#ifndef KUMPPANI_API_PRINCIPAL_H_
#define KUMPPANI_API_PRINCIPAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kumppani::api {

enum class Role {
  kAdmin,     // everything, including backup, rebuild, erase
  kRecorder,  // regional staff: record domain commands, read all
  kNgo,       // one organisation: submit its own statements, read
  kAuditor,   // read all, proofs, audit queries
  kPublic,    // read public data only; never personal data
};

struct Principal {
  Role role = Role::kPublic;
  // For kNgo: the organisation the token acts for. Empty otherwise.
  std::string organisation_id;
  // What events record as their actor, e.g. "token:paijat-hame-case-system".
  std::string actor;
};

// The role's name as written in the tokens file and in messages: "admin",
// "recorder", "ngo", "auditor" or "public".
absl::string_view RoleName(Role role);

// The inverse of RoleName (exact, lower case). INVALID_ARGUMENT listing the
// valid names for anything else.
absl::StatusOr<Role> ParseRole(absl::string_view name);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_PRINCIPAL_H_
