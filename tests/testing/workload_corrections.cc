// The workload's corrections and retractions (see workload_world.h): an
// event remembered by an earlier builder is either retracted (when that is
// allowed) or replaced by a copy with one descriptive field changed. Its
// event id is derived from the request id of the command that appended it.
#include <cstddef>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ledger/domain/event_codec.h"
#include "tests/testing/workload_world.h"

namespace kumppani::testing {

using workload_internal::Fi;

namespace {

// The event with one descriptive field changed, as a correction would.
void Amend(v1::Event& event) {
  const v1::LocalizedText fixed = Fi("Korjattu versio: kirjoitusvirhe korjattu.");
  switch (event.payload_case()) {
    case v1::Event::kOrganisationRenamed:
      event.mutable_organisation_renamed()->mutable_name()->set_fi(
          absl::StrCat(event.organisation_renamed().name().fi(), " (korjattu)"));
      event.mutable_organisation_renamed()->mutable_name()->set_authoritative(v1::LANGUAGE_FI);
      break;
    case v1::Event::kBodyMandateAmended: *event.mutable_body_mandate_amended()->mutable_mandate() = fixed; break;
    case v1::Event::kBodyContinued: *event.mutable_body_continued()->mutable_reason() = fixed; break;
    case v1::Event::kMeetingHeld: *event.mutable_meeting_held()->mutable_title() = fixed; break;
    case v1::Event::kMinutesApproved: event.mutable_minutes_approved()->mutable_minutes()->set_version("2"); break;
    case v1::Event::kConsultationSummaryPublished:
      *event.mutable_consultation_summary_published()->mutable_summary() = fixed;
      break;
    case v1::Event::kProposalMade: *event.mutable_proposal_made()->mutable_title() = fixed; break;
    case v1::Event::kFeedbackSent: event.mutable_feedback_sent()->set_channel(v1::CHANNEL_POST); break;
    case v1::Event::kDecisionAppealed: event.mutable_decision_appealed()->set_case_reference("korjattu"); break;
    case v1::Event::kDecisionCorrected: *event.mutable_decision_corrected()->mutable_reason() = fixed; break;
    default: break;
  }
}

}  // namespace

bool Workload::World::CorrectOrRetract() {
  if (correctables_.empty()) return false;
  size_t i = rng_.Below(correctables_.size());
  Correctable& target = correctables_[i];
  if (target.body >= 0) ++bodies_[target.body].events;
  if (target.retractable && rng_.Percent(40)) {
    v1::RetractEvent* c = cmd_.mutable_retract_event();
    c->set_stream_id(target.stream);
    c->set_target_event_id(target.event_id);
    *c->mutable_reason() = Fi("Kirjattu virheellisesti.");
    // A retracted event is never targeted again.
    correctables_[i] = std::move(correctables_.back());
    correctables_.pop_back();
  } else {
    v1::Event replacement = target.event;
    Amend(replacement);
    v1::CorrectEvent* c = cmd_.mutable_correct_event();
    c->set_stream_id(target.stream);
    c->set_target_event_id(target.event_id);
    c->mutable_replacement()->PackFrom(*domain::PayloadOf(replacement));
    *c->mutable_reason() = Fi("Kirjoitusvirhe.");
  }
  ++corrections_;
  return true;
}

}  // namespace kumppani::testing
