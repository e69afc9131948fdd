// Who may record which domain command. admin and recorder record every
// command (ErasePerson: admin only). An ngo token records only what its own
// organisation does, checked against the command's fields or, for commands
// on an existing submission or grant, against the organisation that owns it:
//
//   command              ngo may, when
//   ReceiveSubmission    submitter_organisation_id is its own, and every
//                        on_behalf_of_organisation_ids entry is its own
//   WithdrawSubmission   the submission was submitted by its organisation
//   NominateMember       nominating_organisation_id is its own
//   ApplyForMembership   organisation_id (the background) is its own
//   ApplyForGrant        applicant_organisation_id is its own
//   SubmitGrantReport,   the grant's applicant is its organisation
//   ReturnUnusedGrant
//
// Everything else is Action::kRecord (auditor and public: never). Denials are
// PERMISSION_DENIED naming the field, the token's organisation and the value.
//
// Thread safety: pure apart from the lookups, which must be thread-safe.
#ifndef KUMPPANI_API_COMMAND_POLICY_H_
#define KUMPPANI_API_COMMAND_POLICY_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/principal.h"
#include "kumppani/v1/commands.pb.h"

namespace kumppani::api {

// Owners of existing aggregates, for scoping commands that name only the
// aggregate. Read at the head: read models are written in the same batch as
// their events, so a command's own earlier writes are always visible.
class AggregateOwners {
 public:
  virtual ~AggregateOwners() = default;
  // The organisation that submitted `submission_id`; "" when a person did.
  // NOT_FOUND "<field>: submission \"…\" does not exist".
  virtual absl::StatusOr<std::string> SubmissionOrganisation(absl::string_view submission_id,
                                                             absl::string_view field) const = 0;
  // The organisation that applied for `grant_id`. NOT_FOUND as above.
  virtual absl::StatusOr<std::string> GrantApplicant(absl::string_view grant_id,
                                                     absl::string_view field) const = 0;
};

// OK when `principal` may record `command` (see the table above);
// PERMISSION_DENIED otherwise, naming `method`; INVALID_ARGUMENT "command: no
// command is set" for an empty union. Nothing is read for admin and
// recorder.
absl::Status AuthorizeCommand(const Principal& principal, const v1::Command& command,
                              const AggregateOwners& owners, absl::string_view method);

}  // namespace kumppani::api

#endif  // KUMPPANI_API_COMMAND_POLICY_H_
