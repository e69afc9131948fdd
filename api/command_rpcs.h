// The typed RPCs of kumppani.v1.CommandService as an X-macro: one
// X(Name, field) per command, Name being the RPC, its command message and
// (with "Request") its request message, and `field` the command's member of
// the kumppani.v1.Command union. Every command of commands.proto except
// ErasePerson (AdminService.ErasePerson) appears once; command_service.h
// declares and command_service.cc defines the handlers from this list.
#ifndef KUMPPANI_API_COMMAND_RPCS_H_
#define KUMPPANI_API_COMMAND_RPCS_H_

#define KUMPPANI_COMMAND_RPCS(X)                              \
  X(RegisterOrganisation, register_organisation)              \
  X(RenameOrganisation, rename_organisation)                  \
  X(MergeOrganisation, merge_organisation)                    \
  X(DissolveOrganisation, dissolve_organisation)              \
  X(RecordSuccession, record_succession)                      \
  X(RegisterPerson, register_person)                          \
  X(EstablishBody, establish_body)                            \
  X(ChangeConvener, change_convener)                          \
  X(AmendMandate, amend_mandate)                              \
  X(DissolveBody, dissolve_body)                              \
  X(ContinueBody, continue_body)                              \
  X(AddSeat, add_seat)                                        \
  X(RemoveSeat, remove_seat)                                  \
  X(OpenMembershipCall, open_membership_call)                 \
  X(CloseMembershipCall, close_membership_call)               \
  X(ApplyForMembership, apply_for_membership)                 \
  X(NominateMember, nominate_member)                          \
  X(AppointMember, appoint_member)                            \
  X(ResignMember, resign_member)                              \
  X(DismissMember, dismiss_member)                            \
  X(EndTerm, end_term)                                        \
  X(RecordMeeting, record_meeting)                            \
  X(ApproveMinutes, approve_minutes)                          \
  X(OpenConsultation, open_consultation)                      \
  X(ExtendConsultationDeadline, extend_consultation_deadline) \
  X(CloseConsultation, close_consultation)                    \
  X(PublishConsultationSummary, publish_consultation_summary) \
  X(ReceiveSubmission, receive_submission)                    \
  X(WithdrawSubmission, withdraw_submission)                  \
  X(MakeProposal, make_proposal)                              \
  X(RecordDecision, record_decision)                          \
  X(ReviseAssessment, revise_assessment)                      \
  X(SendFeedback, send_feedback)                              \
  X(AppealDecision, appeal_decision)                          \
  X(AnnulDecision, annul_decision)                            \
  X(CorrectDecision, correct_decision)                        \
  X(OpenGrantProgramme, open_grant_programme)                 \
  X(ApplyForGrant, apply_for_grant)                           \
  X(AwardGrant, award_grant)                                  \
  X(RejectGrant, reject_grant)                                \
  X(PayGrant, pay_grant)                                      \
  X(ExtendGrantUsagePeriod, extend_grant_usage_period)        \
  X(SubmitGrantReport, submit_grant_report)                   \
  X(AcceptGrantReport, accept_grant_report)                   \
  X(ReturnUnusedGrant, return_unused_grant)                   \
  X(ReclaimGrant, reclaim_grant)                              \
  X(CorrectEvent, correct_event)                              \
  X(RetractEvent, retract_event)

#endif  // KUMPPANI_API_COMMAND_RPCS_H_
