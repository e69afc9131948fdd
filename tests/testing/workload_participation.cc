// The workload's participation and its influence (see workload_world.h):
// consultations opened, extended, closed and summarised; submissions
// received (in time, late or backfilled) and withdrawn; proposals between
// bodies; decisions with assessments of the inputs they considered, and
// their feedback, appeals, annulments and corrections.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ledger/domain/dates.h"
#include "tests/testing/workload_world.h"

namespace kumppani::testing {

using workload_internal::EraseValue;
using workload_internal::Fi;
using workload_internal::PushRing;
using workload_internal::Rng;
using workload_internal::Scan;
using workload_internal::ToDate;
using workload_internal::kDecisionRing;
using workload_internal::kMaxDecisionEvents;
using workload_internal::kSubjects;

// ------------------------------------------------ consultations, submissions

bool Workload::World::OpenConsultation() {
  int r = RandomRegion();
  Region& region = regions_[r];
  Consultation consultation;
  consultation.id = NextId("consultation");
  consultation.region = r;
  consultation.opens = today_;
  consultation.deadline = today_ + rng_.Between(14, 60);
  consultation.late_allowed = rng_.Percent(50);
  v1::OpenConsultation* c = cmd_.mutable_open_consultation();
  c->set_consultation_id(consultation.id);
  c->set_organiser_organisation_id(orgs_[rng_.Percent(85) ? region.county : region.network].id);
  if (rng_.Percent(60)) {
    int b = OpenBody(r);
    if (b >= 0) c->set_body_id(bodies_[b].id);
  }
  const std::string& subject = rng_.Pick(kSubjects);
  *c->mutable_subject() = Text(r, absl::StrCat("Lausuntopyyntö: ", subject), "Begäran om utlåtande");
  c->mutable_subject_document()->set_uri(absl::StrCat("https://example.fi/asiakirjat/", consultation.id, ".pdf"));
  c->mutable_subject_document()->set_version("1");
  c->mutable_subject_document()->set_sha256(Sha256Hex());
  auto method = static_cast<v1::ConsultationMethod>(rng_.Between(1, 5));
  c->set_method(method);
  switch (method) {
    case v1::CONSULTATION_METHOD_STATEMENT_REQUEST:
      consultation.channels = {v1::CHANNEL_LAUSUNTOPALVELU, v1::CHANNEL_EMAIL};
      break;
    case v1::CONSULTATION_METHOD_SURVEY:
      consultation.channels = {v1::CHANNEL_SURVEY, v1::CHANNEL_OTAKANTAA};
      break;
    case v1::CONSULTATION_METHOD_COMMENT_ROUND:
      consultation.channels = {v1::CHANNEL_OTAKANTAA, v1::CHANNEL_WEB_FORM, v1::CHANNEL_POST};
      break;
    default:
      consultation.channels = {v1::CHANNEL_MEETING, v1::CHANNEL_EMAIL};
      break;
  }
  for (v1::Channel channel : consultation.channels) c->add_channels(channel);
  for (int i = rng_.Between(3, 8); i > 0; --i) {
    int org = rng_.Pick(region.orgs);
    if (std::find(consultation.invited.begin(), consultation.invited.end(), org) !=
        consultation.invited.end()) {
      continue;
    }
    consultation.invited.push_back(org);
    c->add_invited_organisation_ids(orgs_[org].id);
  }
  *c->mutable_opens_on() = ToDate(consultation.opens);
  *c->mutable_deadline() = ToDate(consultation.deadline);
  c->set_late_submissions_allowed(consultation.late_allowed);
  AddInput(r, consultation.id, today_);
  live_consultations_.push_back(static_cast<int>(consultations_.size()));
  consultations_.push_back(std::move(consultation));
  return true;
}

bool Workload::World::ExtendDeadline() {
  int index = Scan(rng_, live_consultations_, [&](int i) {
    const Consultation& c = consultations_[i];
    return !c.closed && c.deadline >= today_ && c.extensions < 2;
  });
  if (index < 0) return false;
  Consultation& consultation = consultations_[index];
  consultation.deadline += rng_.Between(7, 21);
  ++consultation.extensions;
  v1::ExtendConsultationDeadline* c = cmd_.mutable_extend_consultation_deadline();
  c->set_consultation_id(consultation.id);
  *c->mutable_deadline() = ToDate(consultation.deadline);
  if (rng_.Percent(60)) *c->mutable_reason() = Fi("Järjestöt pyysivät lisäaikaa.");
  return true;
}

bool Workload::World::CloseConsultation() {
  int index = Scan(rng_, live_consultations_, [&](int i) {
    return !consultations_[i].closed && today_ >= consultations_[i].deadline;
  });
  if (index < 0) return false;
  Consultation& consultation = consultations_[index];
  v1::CloseConsultation* c = cmd_.mutable_close_consultation();
  c->set_consultation_id(consultation.id);
  *c->mutable_closed_on() = ToDate(today_);
  c->set_responses_received(consultation.responses + rng_.Between(0, 5));
  consultation.closed = true;
  consultation.closed_on = today_;
  return true;
}

bool Workload::World::PublishSummary() {
  int index = Scan(rng_, live_consultations_, [&](int i) { return consultations_[i].closed; });
  if (index < 0) return false;
  const Consultation& consultation = consultations_[index];
  v1::PublishConsultationSummary* c = cmd_.mutable_publish_consultation_summary();
  c->set_consultation_id(consultation.id);
  *c->mutable_published_on() = ToDate(today_);
  *c->mutable_summary() = Text(consultation.region,
                               absl::StrCat("Lausuntoja saatiin ", consultation.responses,
                                            ". Keskeiset huomiot on koottu liitteeseen."),
                               "Sammandrag av utlåtandena.");
  if (rng_.Percent(50)) {
    c->mutable_document()->set_uri(absl::StrCat("https://example.fi/yhteenvedot/", consultation.id, ".pdf"));
    c->mutable_document()->set_sha256(Sha256Hex());
  }
  v1::Event event;
  v1::ConsultationSummaryPublished* e = event.mutable_consultation_summary_published();
  e->set_consultation_id(c->consultation_id());
  *e->mutable_published_on() = c->published_on();
  *e->mutable_summary() = c->summary();
  if (c->has_document()) *e->mutable_document() = c->document();
  Remember(consultation.id, std::move(event), true);
  EraseValue(live_consultations_, index);
  return true;
}

bool Workload::World::ReceiveSubmission() {
  if (live_consultations_.empty()) return false;
  Consultation& consultation = consultations_[rng_.Pick(live_consultations_)];
  const Region& region = regions_[consultation.region];
  // In time while open; after the deadline either late (when allowed) or a
  // backfill of one that arrived in time.
  CivilDay received = today_;
  if (consultation.closed || today_ > consultation.deadline) {
    if (!consultation.late_allowed || rng_.Percent(50)) {
      CivilDay last = std::min(today_, consultation.closed ? std::min(consultation.deadline, consultation.closed_on)
                                                            : consultation.deadline);
      received = consultation.opens + static_cast<int64_t>(rng_.Below(static_cast<size_t>(last - consultation.opens + 1)));
    }
  }
  v1::ReceiveSubmission* c = cmd_.mutable_receive_submission();
  Submission submission{NextId("submission"), received, false};
  c->set_submission_id(submission.id);
  c->set_consultation_id(consultation.id);
  int roll = rng_.Between(0, 99);
  if (roll < 45 && !consultation.invited.empty()) {
    c->set_submitter_organisation_id(orgs_[rng_.Pick(consultation.invited)].id);
  } else if (roll < 75) {
    int org = rng_.Pick(region.orgs);
    c->set_submitter_organisation_id(orgs_[org].id);  // usually not invited
  } else {
    int p = LivePerson(consultation.region);
    if (p < 0) return false;
    c->set_submitter_person_id(persons_[p].id);
  }
  if (rng_.Percent(15)) c->add_on_behalf_of_organisation_ids(orgs_[rng_.Pick(region.orgs)].id);
  c->set_channel(rng_.Pick(consultation.channels));
  c->mutable_received_at()->set_seconds(domain::HelsinkiStartOfDay(ToDate(received)).seconds() +
                                        rng_.Between(8, 15) * 3600 + rng_.Between(0, 59) * 60);
  bool document = rng_.Percent(30);
  if (!document || rng_.Percent(50)) {
    c->set_text(absl::StrCat("Järjestöjen näkemys: ", rng_.Pick(kSubjects),
                             " tarvitsee järjestöjen osaamista ja riittävät resurssit."));
  }
  if (document) {
    c->mutable_document()->set_uri(absl::StrCat("https://example.fi/lausunnot/", submission.id, ".pdf"));
    c->mutable_document()->set_sha256(Sha256Hex());
  }
  c->set_language(region.swedish && rng_.Percent(60) ? v1::LANGUAGE_SV
                  : rng_.Percent(5)                   ? v1::LANGUAGE_EN
                                                      : v1::LANGUAGE_FI);
  ++consultation.responses;
  AddInput(consultation.region, submission.id, received, static_cast<int>(submissions_.size()));
  submissions_.push_back(std::move(submission));
  return true;
}

bool Workload::World::WithdrawSubmission() {
  const std::vector<InputRef>& ring = regions_[RandomRegion()].inputs;
  if (ring.empty()) return false;
  const InputRef& input = rng_.Pick(ring);
  if (input.submission < 0 || submissions_[input.submission].withdrawn) return false;
  Submission& submission = submissions_[input.submission];
  v1::WithdrawSubmission* c = cmd_.mutable_withdraw_submission();
  c->set_submission_id(submission.id);
  *c->mutable_withdrawn_on() = ToDate(today_);
  submission.withdrawn = true;
  return true;
}

namespace {

const std::vector<std::string> kCourts = {"Hämeenlinnan hallinto-oikeus", "Turun hallinto-oikeus",
                                          "Vaasan hallinto-oikeus", "Itä-Suomen hallinto-oikeus",
                                          "Pohjois-Suomen hallinto-oikeus"};

v1::ConsideredInput Assess(Rng& rng, const std::string& input_id) {
  v1::ConsideredInput input;
  input.set_input_id(input_id);
  auto assessment = static_cast<v1::InfluenceAssessment>(rng.Between(1, 6));
  input.set_assessment(assessment);
  bool needs_rationale = assessment == v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED ||
                         assessment == v1::INFLUENCE_ASSESSMENT_NOT_ADOPTED ||
                         assessment == v1::INFLUENCE_ASSESSMENT_OUT_OF_SCOPE;
  if (needs_rationale || rng.Percent(30)) {
    *input.mutable_rationale() = Fi(assessment == v1::INFLUENCE_ASSESSMENT_NOT_ADOPTED
                                        ? "Ehdotus ei mahdu talousarvioon."
                                        : "Huomioitu valmistelussa osittain.");
  }
  bool adopted = assessment == v1::INFLUENCE_ASSESSMENT_ADOPTED ||
                 assessment == v1::INFLUENCE_ASSESSMENT_PARTLY_ADOPTED;
  if (adopted && rng.Percent(60)) input.set_changed_section(absl::StrCat("kohta ", rng.Between(1, 12)));
  return input;
}

}  // namespace

bool Workload::World::MakeProposal() {
  int r = RandomRegion();
  if (regions_[r].bodies.size() < 2) return false;
  int from = OpenBody(r);
  int to = OpenBody(r);
  if (from == to) return false;
  v1::MakeProposal* c = cmd_.mutable_make_proposal();
  std::string id = NextId("proposal");
  c->set_proposal_id(id);
  c->set_from_body_id(bodies_[from].id);
  c->set_to_body_id(bodies_[to].id);
  if (!bodies_[from].meetings.empty() && rng_.Percent(70)) {
    c->set_meeting_id(meetings_[bodies_[from].meetings.back()].id);
    c->set_section(absl::StrCat("§ ", rng_.Between(1, 120)));
  }
  *c->mutable_proposed_on() = ToDate(today_);
  *c->mutable_title() = Text(r, absl::StrCat("Esitys: ", rng_.Pick(kSubjects)), "Förslag");
  if (rng_.Percent(50)) *c->mutable_text() = Fi("Järjestöjen näkemykset otetaan huomioon valmistelussa.");
  for (std::string& input : PickInputs(r, today_, rng_.Between(1, 4), {})) c->add_input_ids(std::move(input));
  c->set_unanimous(rng_.Percent(70));
  v1::Event event;
  v1::ProposalMade* e = event.mutable_proposal_made();
  e->set_proposal_id(c->proposal_id());
  e->set_from_body_id(c->from_body_id());
  e->set_to_body_id(c->to_body_id());
  e->set_meeting_id(c->meeting_id());
  e->set_section(c->section());
  *e->mutable_proposed_on() = c->proposed_on();
  *e->mutable_title() = c->title();
  if (c->has_text()) *e->mutable_text() = c->text();
  *e->mutable_input_ids() = c->input_ids();
  e->set_unanimous(c->unanimous());
  Remember(id, std::move(event), false);
  std::vector<std::pair<std::string, CivilDay>>& recent = bodies_[to].proposals;
  recent.emplace_back(id, today_);
  if (recent.size() > 8) recent.erase(recent.begin());
  AddInput(r, std::move(id), today_);
  return true;
}

bool Workload::World::RecordDecision() {
  int r = RandomRegion();
  int b = OpenBody(r);
  if (b < 0) return false;
  const Body& body = bodies_[b];
  Decision decision;
  decision.id = NextId("decision");
  decision.decided = today_;
  v1::RecordDecision* c = cmd_.mutable_record_decision();
  c->set_decision_id(decision.id);
  c->set_body_id(body.id);
  if (!body.meetings.empty() && rng_.Percent(70)) {
    const Meeting& meeting = meetings_[body.meetings.back()];
    decision.decided = meeting.held;  // decided in the meeting, on its day
    c->set_meeting_id(meeting.id);
  }
  if (rng_.Percent(80)) c->set_section(absl::StrCat("§ ", rng_.Between(1, 200)));
  if (rng_.Percent(70)) {
    c->set_diary_number(absl::StrCat("D/", ids_, "/", decision.decided.year()));
  }
  *c->mutable_decided_on() = ToDate(decision.decided);
  c->set_outcome(static_cast<v1::DecisionOutcome>(rng_.Between(1, 5)));
  *c->mutable_title() = Text(r, absl::StrCat("Päätös: ", rng_.Pick(kSubjects)), "Beslut");
  if (rng_.Percent(60)) *c->mutable_text() = Fi("Aluehallitus hyväksyy esityksen muutoksin.");
  std::vector<std::string> inputs;
  for (auto it = body.proposals.rbegin(); it != body.proposals.rend() && inputs.size() < 2; ++it) {
    if (it->second <= decision.decided) inputs.push_back(it->first);
  }
  inputs = PickInputs(r, decision.decided, rng_.Between(0, 3), std::move(inputs));
  for (const std::string& input : inputs) *c->add_considered_inputs() = Assess(rng_, input);
  decision.inputs = std::move(inputs);
  int index = static_cast<int>(decisions_.size());
  PushRing(regions_[r].decisions, regions_[r].next_decision, index, kDecisionRing);
  AddInput(r, decision.id, decision.decided);
  decisions_.push_back(std::move(decision));
  return true;
}

bool Workload::World::ReviseAssessment() {
  const std::vector<int>& ring = regions_[RandomRegion()].decisions;
  if (ring.empty()) return false;
  Decision& decision = decisions_[rng_.Pick(ring)];
  if (decision.annulled || decision.inputs.empty() || decision.events >= kMaxDecisionEvents) return false;
  v1::ReviseAssessment* c = cmd_.mutable_revise_assessment();
  c->set_decision_id(decision.id);
  *c->mutable_considered_input() = Assess(rng_, rng_.Pick(decision.inputs));
  *c->mutable_revised_on() = ToDate(today_);
  ++decision.events;
  return true;
}

bool Workload::World::SendFeedback() {
  const std::vector<int>& ring = regions_[RandomRegion()].decisions;
  if (ring.empty()) return false;
  Decision& decision = decisions_[rng_.Pick(ring)];
  if (decision.inputs.empty() || decision.events >= kMaxDecisionEvents) return false;
  v1::SendFeedback* c = cmd_.mutable_send_feedback();
  c->set_decision_id(decision.id);
  c->set_input_id(rng_.Pick(decision.inputs));
  c->set_channel(rng_.Percent(70) ? v1::CHANNEL_EMAIL : v1::CHANNEL_WEB_FORM);
  *c->mutable_sent_on() = ToDate(today_);
  v1::Event event;
  v1::FeedbackSent* e = event.mutable_feedback_sent();
  e->set_decision_id(c->decision_id());
  e->set_input_id(c->input_id());
  e->set_channel(c->channel());
  *e->mutable_sent_on() = c->sent_on();
  Remember(decision.id, std::move(event), true);
  ++decision.events;
  return true;
}

bool Workload::World::AppealDecision() {
  int r = RandomRegion();
  const std::vector<int>& ring = regions_[r].decisions;
  if (ring.empty()) return false;
  Decision& decision = decisions_[rng_.Pick(ring)];
  if (decision.annulled || decision.events >= kMaxDecisionEvents) return false;
  v1::AppealDecision* c = cmd_.mutable_appeal_decision();
  c->set_decision_id(decision.id);
  *c->mutable_appealed_on() = ToDate(today_);
  if (rng_.Percent(80)) c->set_appellant_organisation_id(orgs_[rng_.Pick(regions_[r].orgs)].id);
  c->set_appealed_to(kCourts[static_cast<size_t>(r) % kCourts.size()]);
  if (rng_.Percent(70)) c->set_case_reference(absl::StrCat(ids_, "/03.04.04.04.04/", today_.year()));
  v1::Event event;
  v1::DecisionAppealed* e = event.mutable_decision_appealed();
  e->set_decision_id(c->decision_id());
  *e->mutable_appealed_on() = c->appealed_on();
  e->set_appellant_organisation_id(c->appellant_organisation_id());
  e->set_appealed_to(c->appealed_to());
  e->set_case_reference(c->case_reference());
  Remember(decision.id, std::move(event), true);
  decision.appealed = true;
  ++decision.events;
  return true;
}

bool Workload::World::AnnulDecision() {
  int r = RandomRegion();
  const std::vector<int>& ring = regions_[r].decisions;
  if (ring.empty()) return false;
  Decision& decision = decisions_[rng_.Pick(ring)];
  if (decision.annulled || !decision.appealed) return false;
  v1::AnnulDecision* c = cmd_.mutable_annul_decision();
  c->set_decision_id(decision.id);
  *c->mutable_annulled_on() = ToDate(today_);
  c->set_annulled_by(kCourts[static_cast<size_t>(r) % kCourts.size()]);
  *c->mutable_reason() = Fi("Päätös syntyi virheellisessä järjestyksessä.");
  decision.annulled = true;
  ++decision.events;
  return true;
}

bool Workload::World::CorrectDecision() {
  const std::vector<int>& ring = regions_[RandomRegion()].decisions;
  if (ring.empty()) return false;
  Decision& decision = decisions_[rng_.Pick(ring)];
  if (decision.annulled || decision.events >= kMaxDecisionEvents) return false;
  v1::CorrectDecision* c = cmd_.mutable_correct_decision();
  c->set_decision_id(decision.id);
  *c->mutable_corrected_on() = ToDate(today_);
  *c->mutable_text() = Fi("Aluehallitus hyväksyy esityksen liitteen 2 mukaisin muutoksin.");
  *c->mutable_reason() = Fi("Kirjoitusvirhe liitteen numerossa.");
  v1::Event event;
  v1::DecisionCorrected* e = event.mutable_decision_corrected();
  e->set_decision_id(c->decision_id());
  *e->mutable_corrected_on() = c->corrected_on();
  *e->mutable_text() = c->text();
  *e->mutable_reason() = c->reason();
  Remember(decision.id, std::move(event), true);
  ++decision.events;
  return true;
}

}  // namespace kumppani::testing
