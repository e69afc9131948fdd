// Apply(): how each aggregate's state follows from its events.
#include "ledger/domain/states.h"

#include "absl/strings/str_cat.h"
#include "ledger/domain/dates.h"

namespace kumppani::domain {

std::string OrganisationState::Describe() const {
  switch (status) {
    case Status::kActive: return "active";
    case Status::kDissolved: return absl::StrCat("dissolved on ", FormatDate(ended_on));
    case Status::kMerged:
      return absl::StrCat("merged into ", merged_into, " on ", FormatDate(ended_on));
  }
  return "unknown";
}

void OrganisationState::Apply(const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kOrganisationRegistered:
      exists = true;
      registered = event.organisation_registered();
      name = registered.name();
      break;
    case v1::Event::kOrganisationRenamed:
      name = event.organisation_renamed().name();
      break;
    case v1::Event::kOrganisationMerged:
      status = Status::kMerged;
      merged_into = event.organisation_merged().into_organisation_id();
      ended_on = event.organisation_merged().effective_on();
      break;
    case v1::Event::kOrganisationDissolved:
      status = Status::kDissolved;
      ended_on = event.organisation_dissolved().effective_on();
      break;
    case v1::Event::kOrganisationSucceeded:
      successor = event.organisation_succeeded().successor_organisation_id();
      succeeded_on = event.organisation_succeeded().effective_on();
      break;
    default:
      break;
  }
}

void PersonState::Apply(const v1::Event& event) {
  if (event.has_person_registered()) {
    exists = true;
    encrypted_personal_data = event.person_registered().encrypted_personal_data();
  } else if (event.has_person_erased()) {
    erased = true;
  }
}

const Membership* BodyState::HolderOf(const std::string& seat_id) const {
  for (const auto& [id, membership] : memberships) {
    if (membership.active && membership.appointed.seat_id() == seat_id) return &membership;
  }
  return nullptr;
}

const Membership* BodyState::ActiveMembershipOf(const std::string& person_id) const {
  for (const auto& [id, membership] : memberships) {
    if (membership.active && membership.appointed.person_id() == person_id) return &membership;
  }
  return nullptr;
}

void BodyState::Apply(const v1::Event& event) {
  auto end_membership = [this](const std::string& id, const v1::Date& on, const char* how) {
    auto it = memberships.find(id);
    if (it == memberships.end()) return;
    it->second.active = false;
    it->second.ended_on = on;
    it->second.ended_by = how;
  };
  switch (event.payload_case()) {
    case v1::Event::kBodyEstablished:
      exists = true;
      established = event.body_established();
      convener_organisation_id = established.convener_organisation_id();
      mandate = established.mandate();
      break;
    case v1::Event::kBodyConvenerChanged:
      convener_organisation_id = event.body_convener_changed().convener_organisation_id();
      break;
    case v1::Event::kBodyMandateAmended:
      mandate = event.body_mandate_amended().mandate();
      break;
    case v1::Event::kBodyDissolved:
      dissolved = true;
      dissolved_on = event.body_dissolved().effective_on();
      break;
    case v1::Event::kSeatAdded: {
      const v1::SeatAdded& added = event.seat_added();
      Seat& seat = seats[added.seat_id()];
      seat.post = added.post();
      seat.deputy_of_seat_id = added.deputy_of_seat_id();
      seat.theme = added.theme();
      break;
    }
    case v1::Event::kSeatRemoved:
      seats.erase(event.seat_removed().seat_id());
      break;
    case v1::Event::kMemberAppointed: {
      Membership& membership = memberships[event.member_appointed().membership_id()];
      membership.appointed = event.member_appointed();
      membership.active = true;
      break;
    }
    case v1::Event::kMemberResigned:
      end_membership(event.member_resigned().membership_id(),
                     event.member_resigned().effective_on(), "resigned");
      break;
    case v1::Event::kMemberDismissed:
      end_membership(event.member_dismissed().membership_id(),
                     event.member_dismissed().effective_on(), "dismissed");
      break;
    case v1::Event::kMemberTermEnded:
      end_membership(event.member_term_ended().membership_id(),
                     event.member_term_ended().effective_on(), "term ended");
      break;
    default:
      break;
  }
}

void CallState::Apply(const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kMembershipCallOpened:
      exists = true;
      opened = event.membership_call_opened();
      break;
    case v1::Event::kMembershipCallClosed:
      closed = true;
      closed_on = event.membership_call_closed().closed_on();
      break;
    case v1::Event::kMembershipApplied:
      entries[event.membership_applied().application_id()] = event.membership_applied().person_id();
      break;
    case v1::Event::kMemberNominated:
      entries[event.member_nominated().nomination_id()] = event.member_nominated().person_id();
      break;
    default:
      break;
  }
}

void MeetingState::Apply(const v1::Event& event) {
  if (event.has_meeting_held()) {
    exists = true;
    held = event.meeting_held();
  } else if (event.has_minutes_approved()) {
    minutes_approved = true;
    minutes_approved_on = event.minutes_approved().approved_on();
  }
}

void ConsultationState::Apply(const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kConsultationOpened:
      exists = true;
      opened = event.consultation_opened();
      deadline = opened.deadline();
      break;
    case v1::Event::kConsultationDeadlineExtended:
      deadline = event.consultation_deadline_extended().deadline();
      break;
    case v1::Event::kConsultationClosed:
      closed = true;
      closed_on = event.consultation_closed().closed_on();
      break;
    case v1::Event::kConsultationSummaryPublished:
      summary_published = true;
      break;
    default:
      break;
  }
}

void SubmissionState::Apply(const v1::Event& event) {
  if (event.has_submission_received()) {
    exists = true;
    received = event.submission_received();
  } else if (event.has_submission_withdrawn()) {
    withdrawn = true;
  }
}

void ProposalState::Apply(const v1::Event& event) {
  if (event.has_proposal_made()) {
    exists = true;
    made = event.proposal_made();
  }
}

void DecisionState::Apply(const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kDecisionRecorded:
      exists = true;
      recorded = event.decision_recorded();
      for (const v1::ConsideredInput& input : recorded.considered_inputs()) {
        inputs[input.input_id()] = input;
      }
      break;
    case v1::Event::kInfluenceAssessmentRevised: {
      const v1::ConsideredInput& revised = event.influence_assessment_revised().considered_input();
      inputs[revised.input_id()] = revised;
      break;
    }
    case v1::Event::kDecisionAppealed:
      ++appeals;
      break;
    case v1::Event::kDecisionAnnulled:
      annulled = true;
      annulled_on = event.decision_annulled().annulled_on();
      break;
    case v1::Event::kDecisionCorrected:
      *recorded.mutable_text() = event.decision_corrected().text();
      break;
    default:
      break;
  }
}

void ProgrammeState::Apply(const v1::Event& event) {
  if (event.has_grant_programme_opened()) {
    exists = true;
    opened = event.grant_programme_opened();
  }
}

void GrantState::Apply(const v1::Event& event) {
  switch (event.payload_case()) {
    case v1::Event::kGrantApplied:
      exists = true;
      applied = event.grant_applied();
      break;
    case v1::Event::kGrantAwarded:
      stage = Stage::kAwarded;
      awarded = event.grant_awarded();
      decided_on = awarded.awarded_on();
      usage_ends_on = awarded.usage_period().end();
      break;
    case v1::Event::kGrantRejected:
      stage = Stage::kRejected;
      decided_on = event.grant_rejected().rejected_on();
      break;
    case v1::Event::kGrantPaid:
      paid_cents += event.grant_paid().amount_cents();
      instalments = event.grant_paid().instalment();
      break;
    case v1::Event::kGrantUsagePeriodExtended:
      usage_ends_on = event.grant_usage_period_extended().usage_ends_on();
      break;
    case v1::Event::kGrantReportSubmitted:
      report_submitted = true;
      report_submitted_on = event.grant_report_submitted().submitted_on();
      break;
    case v1::Event::kGrantReportAccepted:
      report_accepted = true;
      break;
    case v1::Event::kGrantUnusedReturned:
      returned_cents += event.grant_unused_returned().amount_cents();
      break;
    case v1::Event::kGrantReclaimed:
      reclaimed_cents += event.grant_reclaimed().amount_cents();
      break;
    default:
      break;
  }
}

}  // namespace kumppani::domain
