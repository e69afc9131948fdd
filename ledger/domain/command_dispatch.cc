// The command → rule routing table.
#include "ledger/domain/command_dispatch.h"

#include "ledger/domain/body.h"
#include "ledger/domain/consultation.h"
#include "ledger/domain/correction.h"
#include "ledger/domain/decision.h"
#include "ledger/domain/grant.h"
#include "ledger/domain/meeting.h"
#include "ledger/domain/membership.h"
#include "ledger/domain/organisation.h"
#include "ledger/domain/states.h"
#include "ledger/domain/validation.h"

namespace kumppani::domain {
namespace {

template <typename State, typename Cmd>
absl::StatusOr<Events> On(const LoadedStream& target, const Cmd& command, References& refs,
                          const RuleContext& ctx) {
  State state = Fold<State>(target.effective);
  return Decide(state, command, refs, ctx);
}

}  // namespace

absl::StatusOr<Events> DecideCommand(const v1::Command& command, const LoadedStream& target,
                                     References& refs, const RuleContext& ctx) {
  switch (command.command_case()) {
    case v1::Command::kRegisterOrganisation:
      return On<OrganisationState>(target, command.register_organisation(), refs, ctx);
    case v1::Command::kRenameOrganisation:
      return On<OrganisationState>(target, command.rename_organisation(), refs, ctx);
    case v1::Command::kMergeOrganisation:
      return On<OrganisationState>(target, command.merge_organisation(), refs, ctx);
    case v1::Command::kDissolveOrganisation:
      return On<OrganisationState>(target, command.dissolve_organisation(), refs, ctx);
    case v1::Command::kRecordSuccession:
      return On<OrganisationState>(target, command.record_succession(), refs, ctx);
    case v1::Command::kRegisterPerson:
      return On<PersonState>(target, command.register_person(), refs, ctx);
    case v1::Command::kErasePerson:
      return On<PersonState>(target, command.erase_person(), refs, ctx);
    case v1::Command::kEstablishBody:
      return On<BodyState>(target, command.establish_body(), refs, ctx);
    case v1::Command::kChangeConvener:
      return On<BodyState>(target, command.change_convener(), refs, ctx);
    case v1::Command::kAmendMandate:
      return On<BodyState>(target, command.amend_mandate(), refs, ctx);
    case v1::Command::kDissolveBody:
      return On<BodyState>(target, command.dissolve_body(), refs, ctx);
    case v1::Command::kContinueBody:
      return On<BodyState>(target, command.continue_body(), refs, ctx);
    case v1::Command::kAddSeat:
      return On<BodyState>(target, command.add_seat(), refs, ctx);
    case v1::Command::kRemoveSeat:
      return On<BodyState>(target, command.remove_seat(), refs, ctx);
    case v1::Command::kOpenMembershipCall:
      return On<CallState>(target, command.open_membership_call(), refs, ctx);
    case v1::Command::kCloseMembershipCall:
      return On<CallState>(target, command.close_membership_call(), refs, ctx);
    case v1::Command::kApplyForMembership:
      return On<CallState>(target, command.apply_for_membership(), refs, ctx);
    case v1::Command::kNominateMember:
      return On<CallState>(target, command.nominate_member(), refs, ctx);
    case v1::Command::kAppointMember:
      return On<BodyState>(target, command.appoint_member(), refs, ctx);
    case v1::Command::kResignMember:
      return On<BodyState>(target, command.resign_member(), refs, ctx);
    case v1::Command::kDismissMember:
      return On<BodyState>(target, command.dismiss_member(), refs, ctx);
    case v1::Command::kEndTerm:
      return On<BodyState>(target, command.end_term(), refs, ctx);
    case v1::Command::kRecordMeeting:
      return On<MeetingState>(target, command.record_meeting(), refs, ctx);
    case v1::Command::kApproveMinutes:
      return On<MeetingState>(target, command.approve_minutes(), refs, ctx);
    case v1::Command::kOpenConsultation:
      return On<ConsultationState>(target, command.open_consultation(), refs, ctx);
    case v1::Command::kExtendConsultationDeadline:
      return On<ConsultationState>(target, command.extend_consultation_deadline(), refs, ctx);
    case v1::Command::kCloseConsultation:
      return On<ConsultationState>(target, command.close_consultation(), refs, ctx);
    case v1::Command::kPublishConsultationSummary:
      return On<ConsultationState>(target, command.publish_consultation_summary(), refs, ctx);
    case v1::Command::kReceiveSubmission:
      return On<SubmissionState>(target, command.receive_submission(), refs, ctx);
    case v1::Command::kWithdrawSubmission:
      return On<SubmissionState>(target, command.withdraw_submission(), refs, ctx);
    case v1::Command::kMakeProposal:
      return On<ProposalState>(target, command.make_proposal(), refs, ctx);
    case v1::Command::kRecordDecision:
      return On<DecisionState>(target, command.record_decision(), refs, ctx);
    case v1::Command::kReviseAssessment:
      return On<DecisionState>(target, command.revise_assessment(), refs, ctx);
    case v1::Command::kSendFeedback:
      return On<DecisionState>(target, command.send_feedback(), refs, ctx);
    case v1::Command::kAppealDecision:
      return On<DecisionState>(target, command.appeal_decision(), refs, ctx);
    case v1::Command::kAnnulDecision:
      return On<DecisionState>(target, command.annul_decision(), refs, ctx);
    case v1::Command::kCorrectDecision:
      return On<DecisionState>(target, command.correct_decision(), refs, ctx);
    case v1::Command::kOpenGrantProgramme:
      return On<ProgrammeState>(target, command.open_grant_programme(), refs, ctx);
    case v1::Command::kApplyForGrant:
      return On<GrantState>(target, command.apply_for_grant(), refs, ctx);
    case v1::Command::kAwardGrant:
      return On<GrantState>(target, command.award_grant(), refs, ctx);
    case v1::Command::kRejectGrant:
      return On<GrantState>(target, command.reject_grant(), refs, ctx);
    case v1::Command::kPayGrant:
      return On<GrantState>(target, command.pay_grant(), refs, ctx);
    case v1::Command::kExtendGrantUsagePeriod:
      return On<GrantState>(target, command.extend_grant_usage_period(), refs, ctx);
    case v1::Command::kSubmitGrantReport:
      return On<GrantState>(target, command.submit_grant_report(), refs, ctx);
    case v1::Command::kAcceptGrantReport:
      return On<GrantState>(target, command.accept_grant_report(), refs, ctx);
    case v1::Command::kReturnUnusedGrant:
      return On<GrantState>(target, command.return_unused_grant(), refs, ctx);
    case v1::Command::kReclaimGrant:
      return On<GrantState>(target, command.reclaim_grant(), refs, ctx);
    case v1::Command::kCorrectEvent:
      return DecideCorrection(target, command.correct_event(), ctx);
    case v1::Command::kRetractEvent:
      return DecideRetraction(target, command.retract_event(), ctx);
    case v1::Command::COMMAND_NOT_SET:
      break;
  }
  return Invalid("command", "must be set");
}

}  // namespace kumppani::domain
