// The command table of command_policy.h.
#include "api/command_policy.h"

#include "api/permissions.h"
#include "ledger/common/status_macros.h"

namespace kumppani::api {
namespace {

using v1::Command;

// The ngo-scoped checks of one command; OK for principals that are not ngo.
absl::Status CheckOrganisationScope(const Principal& principal, const Command& command,
                                    const AggregateOwners& owners) {
  switch (command.command_case()) {
    case Command::kReceiveSubmission: {
      const v1::ReceiveSubmission& c = command.receive_submission();
      KUMPPANI_RETURN_IF_ERROR(RequireOrganisation(principal, c.submitter_organisation_id(),
                                                   "receive_submission.submitter_organisation_id"));
      for (const std::string& other : c.on_behalf_of_organisation_ids()) {
        KUMPPANI_RETURN_IF_ERROR(RequireOrganisation(
            principal, other, "receive_submission.on_behalf_of_organisation_ids"));
      }
      return absl::OkStatus();
    }
    case Command::kWithdrawSubmission: {
      constexpr char kField[] = "withdraw_submission.submission_id";
      KUMPPANI_ASSIGN_OR_RETURN(
          std::string owner,
          owners.SubmissionOrganisation(command.withdraw_submission().submission_id(), kField));
      return RequireOrganisation(principal, owner, kField);
    }
    case Command::kNominateMember:
      return RequireOrganisation(principal, command.nominate_member().nominating_organisation_id(),
                                 "nominate_member.nominating_organisation_id");
    case Command::kApplyForMembership:
      return RequireOrganisation(principal, command.apply_for_membership().organisation_id(),
                                 "apply_for_membership.organisation_id");
    case Command::kApplyForGrant:
      return RequireOrganisation(principal, command.apply_for_grant().applicant_organisation_id(),
                                 "apply_for_grant.applicant_organisation_id");
    case Command::kSubmitGrantReport: {
      constexpr char kField[] = "submit_grant_report.grant_id";
      KUMPPANI_ASSIGN_OR_RETURN(
          std::string owner,
          owners.GrantApplicant(command.submit_grant_report().grant_id(), kField));
      return RequireOrganisation(principal, owner, kField);
    }
    case Command::kReturnUnusedGrant: {
      constexpr char kField[] = "return_unused_grant.grant_id";
      KUMPPANI_ASSIGN_OR_RETURN(
          std::string owner,
          owners.GrantApplicant(command.return_unused_grant().grant_id(), kField));
      return RequireOrganisation(principal, owner, kField);
    }
    default:
      return absl::InternalError("CheckOrganisationScope: not an organisation's command");
  }
}

// What the command needs of the role.
Action ActionOf(const Command& command) {
  switch (command.command_case()) {
    case Command::kReceiveSubmission:
    case Command::kWithdrawSubmission:
    case Command::kNominateMember:
    case Command::kApplyForMembership:
    case Command::kApplyForGrant:
    case Command::kSubmitGrantReport:
    case Command::kReturnUnusedGrant:
      return Action::kSubmitForOrganisation;
    case Command::kErasePerson:
      return Action::kAdminister;
    default:
      return Action::kRecord;
  }
}

}  // namespace

absl::Status AuthorizeCommand(const Principal& principal, const Command& command,
                              const AggregateOwners& owners, absl::string_view method) {
  if (command.command_case() == Command::COMMAND_NOT_SET) {
    return absl::InvalidArgumentError("command: no command is set");
  }
  const Action action = ActionOf(command);
  KUMPPANI_RETURN_IF_ERROR(Require(principal, action, method));
  if (action != Action::kSubmitForOrganisation || principal.role != Role::kNgo) {
    return absl::OkStatus();
  }
  return CheckOrganisationScope(principal, command, owners);
}

}  // namespace kumppani::api
