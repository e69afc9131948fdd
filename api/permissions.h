// What each role may do: the checks service handlers call after
// authenticating, so that the policy lives in one place and reads as a table.
//
//   action                     admin recorder ngo        auditor public
//   kReadPublic                  x      x      x            x      x
//   kReadAll                     x      x      x            x
//   kReadPersonalData            x      x                   x
//   kRecord                      x      x
//   kSubmitForOrganisation       x      x      own org only
//   kProve                       x      x                   x
//   kVerify                      x                          x
//   kAppendEvents                x
//   kAdminister                  x
//
// A handler calls Require(principal, action, method) first, and for anything
// done on behalf of an organisation also RequireOrganisation (or both at once
// with RequireSubmitFor). Denials are PERMISSION_DENIED naming the role, the
// method and what would be allowed; nothing is appended when a check fails.
//
// Thread safety: pure functions.
#ifndef KUMPPANI_API_PERMISSIONS_H_
#define KUMPPANI_API_PERMISSIONS_H_

#include <initializer_list>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "api/principal.h"

namespace kumppani::api {

enum class Action {
  // Public read models and audit queries; never personal data.
  kReadPublic,
  // Everything readable: read models, the event log, subscriptions, proofs,
  // checkpoints. Personal data stays encrypted or redacted.
  kReadAll,
  // Persons' decrypted personal data (names, e-mail, phone).
  kReadPersonalData,
  // Domain commands on behalf of the region (bodies, meetings, decisions,
  // grants, memberships, corrections).
  kRecord,
  // What an organisation does itself: statements, survey responses,
  // applications. An ngo token only for its own organisation.
  kSubmitForOrganisation,
  // Single events with inclusion proofs, checkpoints, consistency proofs.
  kProve,
  // Re-hashing the whole log.
  kVerify,
  // The low-level append, which bypasses the domain's rules (migrations and
  // repairs; regional systems record through CommandService).
  kAppendEvents,
  // Backup, projection rebuilds, erasing a person.
  kAdminister,
};

// "read public data", "record domain commands", … for messages and docs.
absl::string_view ActionDescription(Action action);

// The roles allowed `action`, in Role order.
std::vector<Role> AllowedRoles(Action action);

bool Allows(Role role, Action action);

// OK when the principal's role may take `action`; otherwise PERMISSION_DENIED
// "role ngo may not <description> (method /kumppani.v1.X/Y; allowed: admin,
// recorder)".
absl::Status Require(const Principal& principal, Action action, absl::string_view method);

// OK when the principal's role is one of `roles`; otherwise PERMISSION_DENIED
// naming the role, the method and the allowed roles. For the rare method that
// fits no Action.
absl::Status RequireRole(const Principal& principal, std::initializer_list<Role> roles,
                         absl::string_view method);

// Organisation scoping: OK unless the principal is an ngo whose organisation
// is not `organisation_id` (field `field` of the request), which is
// PERMISSION_DENIED naming both. Roles that are not scoped to an organisation
// pass: this checks scope, not the action (call Require for that).
absl::Status RequireOrganisation(const Principal& principal, absl::string_view organisation_id,
                                 absl::string_view field);

// Require(kSubmitForOrganisation) and RequireOrganisation together.
absl::Status RequireSubmitFor(const Principal& principal, absl::string_view organisation_id,
                              absl::string_view field, absl::string_view method);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_PERMISSIONS_H_
