// The workload's cooperation bodies and what happens in them (see
// workload_world.h): bodies established, amended, continued and dissolved;
// seats added and removed; membership calls with applications and
// nominations; appointments, resignations, dismissals and ended terms;
// meetings and their minutes.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/testing/workload_world.h"

namespace kumppani::testing {

using workload_internal::EraseValue;
using workload_internal::Fi;
using workload_internal::ToDate;
using workload_internal::kBodyEventsBeforeDissolution;
using workload_internal::kMaxCallEntries;
using workload_internal::kMaxOpenBodiesPerRegion;
using workload_internal::kMaxSeats;
using workload_internal::kSubjects;
using workload_internal::kThemesFi;

namespace {

// Body kinds established over time, with a Finnish name.
const std::vector<std::pair<v1::BodyKind, std::string>> kBodyKinds = {
    {v1::BODY_KIND_REGIONAL_GOVERNMENT, "aluehallitus"},
    {v1::BODY_KIND_NGO_ADVISORY_BOARD, "järjestöneuvottelukunta"},
    {v1::BODY_KIND_PARTNERSHIP_TABLE, "kumppanuuspöytä"},
    {v1::BODY_KIND_DEVELOPER_GROUP, "kehittäjäryhmä"},
    {v1::BODY_KIND_EXPERT_POOL, "asiantuntijapooli"},
    {v1::BODY_KIND_NGO_FORUM, "järjestöfoorumi"},
    {v1::BODY_KIND_COMMITTEE, "hyvinvointilautakunta"},
    {v1::BODY_KIND_WORKING_GROUP, "työryhmä"},
    {v1::BODY_KIND_REGIONAL_COUNCIL, "aluevaltuusto"}};

}  // namespace

// ------------------------------------------------------------------- bodies

void Workload::World::AddBody(int region, size_t kind_index, bool default_convener) {
  Region& r = regions_[region];
  Body body;
  body.id = absl::StrCat("body-r", region, "-", ++ids_);
  body.name = absl::StrCat(r.name, " ", kBodyKinds[kind_index].second);
  body.region = region;
  body.established = today_;
  body.events = 1;
  v1::EstablishBody* c = cmd_.mutable_establish_body();
  c->set_body_id(body.id);
  c->set_kind(kBodyKinds[kind_index].first);
  *c->mutable_name() = Fi(body.name);
  c->set_parent_organisation_id(orgs_[r.county].id);
  body.convener = orgs_[r.county].id;
  if (!default_convener) {
    int convener = rng_.Percent(60) ? r.network : ActiveNgo(region);
    if (convener >= 0) {
      c->set_convener_organisation_id(orgs_[convener].id);
      body.convener = orgs_[convener].id;
    }
  }
  *c->mutable_mandate() = Text(region, "Järjestöjen ja hyvinvointialueen yhteistyö ja vaikuttaminen.",
                               "Samarbete och påverkan mellan organisationerna och välfärdsområdet.");
  *c->mutable_established_on() = ToDate(today_);
  if (rng_.Percent(50)) {
    if (std::optional<std::string> decision = RegionDecision(region)) {
      c->set_establishing_decision_id(*decision);
    }
  }
  r.bodies.push_back(static_cast<int>(bodies_.size()));
  bodies_.push_back(std::move(body));
}

void Workload::World::AddSeatTo(int b, v1::PostKind post) {
  Body& body = bodies_[b];
  Seat seat;
  seat.id = absl::StrCat("s", ++body.next_local);
  seat.post = post;
  v1::AddSeat* c = cmd_.mutable_add_seat();
  c->set_body_id(body.id);
  c->set_seat_id(seat.id);
  c->set_post(post);
  if (post == v1::POST_KIND_THEME_SEAT) {
    *c->mutable_theme() = Fi(absl::StrCat(rng_.Pick(kThemesFi), "-järjestöt"));
  }
  if (post == v1::POST_KIND_DEPUTY) {
    std::vector<std::string> principals;
    for (const Seat& s : body.seats) {
      if (s.post != v1::POST_KIND_DEPUTY) principals.push_back(s.id);
    }
    seat.deputy_of = rng_.Pick(principals);  // callers make sure there is one
    c->set_deputy_of_seat_id(seat.deputy_of);
  }
  body.seats.push_back(std::move(seat));
  ++body.events;
}

bool Workload::World::EstablishBody() {
  int r = RandomRegion();
  if (regions_[r].bodies.size() >= kMaxOpenBodiesPerRegion) return false;
  AddBody(r, rng_.Below(kBodyKinds.size()), rng_.Percent(50));
  return true;
}

bool Workload::World::ChangeConvener() {
  int r = RandomRegion();
  int b = WritableBody(r);
  if (b < 0) return false;
  int convener = rng_.Percent(30) ? regions_[r].county
                                  : (rng_.Percent(40) ? regions_[r].network : ActiveNgo(r));
  if (convener < 0 || orgs_[convener].id == bodies_[b].convener) return false;
  v1::ChangeConvener* c = cmd_.mutable_change_convener();
  c->set_body_id(bodies_[b].id);
  c->set_convener_organisation_id(orgs_[convener].id);
  *c->mutable_effective_on() = ToDate(today_);
  if (rng_.Percent(50)) *c->mutable_reason() = Fi("Koollekutsujan vuorottelu.");
  bodies_[b].convener = orgs_[convener].id;
  ++bodies_[b].events;
  return true;
}

bool Workload::World::AmendMandate() {
  int r = RandomRegion();
  int b = WritableBody(r);
  if (b < 0) return false;
  v1::AmendMandate* c = cmd_.mutable_amend_mandate();
  c->set_body_id(bodies_[b].id);
  *c->mutable_mandate() = Text(r, absl::StrCat("Tehtävänä on valmistella ", rng_.Pick(kSubjects),
                                               " yhdessä järjestöjen kanssa."),
                               "Uppdraget är att bereda planen tillsammans med organisationerna.");
  *c->mutable_effective_on() = ToDate(today_);
  if (rng_.Percent(50)) {
    if (std::optional<std::string> decision = RegionDecision(r)) c->set_decision_id(*decision);
  }
  v1::Event event;
  v1::BodyMandateAmended* e = event.mutable_body_mandate_amended();
  e->set_body_id(c->body_id());
  *e->mutable_mandate() = c->mandate();
  *e->mutable_effective_on() = c->effective_on();
  e->set_decision_id(c->decision_id());
  Remember(c->body_id(), std::move(event), true, b);
  ++bodies_[b].events;
  return true;
}

bool Workload::World::DissolveBody() {
  // Bodies with long streams first, in any region; else now and then an old
  // body of a region that has others.
  int chosen = -1;
  for (const Region& region : regions_) {
    for (int b : region.bodies) {
      if (chosen < 0 && bodies_[b].events >= kBodyEventsBeforeDissolution) chosen = b;
    }
  }
  if (chosen < 0) {
    int r = RandomRegion();
    int b = OpenBody(r);
    if (b < 0 || regions_[r].bodies.size() <= 3 || today_ - bodies_[b].established <= 3 * 365) {
      return false;
    }
    chosen = b;
  }
  int r = bodies_[chosen].region;
  Body& body = bodies_[chosen];
  v1::DissolveBody* c = cmd_.mutable_dissolve_body();
  c->set_body_id(body.id);
  *c->mutable_effective_on() = ToDate(today_);
  if (rng_.Percent(50)) {
    if (std::optional<std::string> decision = RegionDecision(r)) c->set_decision_id(*decision);
  }
  if (rng_.Percent(60)) *c->mutable_reason() = Fi("Toimielin korvataan uudella kokoonpanolla.");
  for (Seat& seat : body.seats) {
    if (seat.holder >= 0) ++body.events;
    seat.holder = -1;
  }
  ++body.events;
  body.open = false;
  body.open_call = -1;
  EraseValue(regions_[r].bodies, chosen);
  return true;
}

bool Workload::World::ContinueBody() {
  int r = RandomRegion();
  int b = WritableBody(r);
  if (b < 0) return false;
  v1::ContinueBody* c = cmd_.mutable_continue_body();
  c->set_body_id(bodies_[b].id);
  *c->mutable_effective_on() = ToDate(today_);
  if (!bodies_[b].meetings.empty() && rng_.Percent(60)) {
    c->set_meeting_id(meetings_[bodies_[b].meetings.back()].id);
  }
  *c->mutable_reason() = Fi("Toimielimen työ jatkuu seuraavan valtuustokauden ajan.");
  v1::Event event;
  v1::BodyContinued* e = event.mutable_body_continued();
  e->set_body_id(c->body_id());
  *e->mutable_effective_on() = c->effective_on();
  e->set_meeting_id(c->meeting_id());
  *e->mutable_reason() = c->reason();
  Remember(c->body_id(), std::move(event), true, b);
  ++bodies_[b].events;
  return true;
}

bool Workload::World::AddSeat() {
  // Prefer bodies with few seats (new bodies fill up first).
  int best = -1;
  for (int tries = 0; tries < 3; ++tries) {
    int b = WritableBody(RandomRegion());
    if (b >= 0 && (best < 0 || bodies_[b].seats.size() < bodies_[best].seats.size())) best = b;
  }
  if (best < 0 || bodies_[best].seats.size() >= kMaxSeats) return false;
  if (bodies_[best].seats.size() >= 6 && !rng_.Percent(30)) return false;
  bool has_principal = false;
  for (const Seat& s : bodies_[best].seats) has_principal = has_principal || s.post != v1::POST_KIND_DEPUTY;
  int roll = rng_.Between(0, 99);
  v1::PostKind post = bodies_[best].seats.empty() ? v1::POST_KIND_CHAIR
                      : roll < 40                 ? v1::POST_KIND_MEMBER
                      : roll < 60                 ? v1::POST_KIND_THEME_SEAT
                      : roll < 85                 ? v1::POST_KIND_DEPUTY
                      : roll < 90                 ? v1::POST_KIND_VICE_CHAIR
                                                  : v1::POST_KIND_SECRETARY;
  if (post == v1::POST_KIND_DEPUTY && !has_principal) post = v1::POST_KIND_MEMBER;
  AddSeatTo(best, post);
  return true;
}

bool Workload::World::RemoveSeat() {
  int b = WritableBody(RandomRegion());
  if (b < 0 || bodies_[b].seats.size() <= 4) return false;
  Body& body = bodies_[b];
  std::vector<size_t> removable;
  for (size_t i = 0; i < body.seats.size(); ++i) {
    bool has_deputy = false;
    for (const Seat& s : body.seats) has_deputy = has_deputy || s.deputy_of == body.seats[i].id;
    if (body.seats[i].holder < 0 && !has_deputy) removable.push_back(i);
  }
  if (removable.empty()) return false;
  size_t i = rng_.Pick(removable);
  v1::RemoveSeat* c = cmd_.mutable_remove_seat();
  c->set_body_id(body.id);
  c->set_seat_id(body.seats[i].id);
  *c->mutable_effective_on() = ToDate(today_);
  body.seats.erase(body.seats.begin() + static_cast<std::ptrdiff_t>(i));
  ++body.events;
  return true;
}

// --------------------------------------------------------------- membership

bool Workload::World::OpenCall() {
  int b = OpenBody(RandomRegion());
  if (b < 0 || bodies_[b].open_call >= 0) return false;
  Body& body = bodies_[b];
  int vacant = 0;
  for (const Seat& s : body.seats) vacant += s.holder < 0 ? 1 : 0;
  if (vacant == 0) return false;
  Call call;
  call.id = NextId("call");
  call.body = b;
  call.opens = today_;
  call.closes = today_ + rng_.Between(14, 45);
  v1::OpenMembershipCall* c = cmd_.mutable_open_membership_call();
  c->set_call_id(call.id);
  c->set_body_id(body.id);
  *c->mutable_opens_on() = ToDate(call.opens);
  *c->mutable_closes_on() = ToDate(call.closes);
  c->add_channels(v1::CHANNEL_WEB_FORM);
  if (rng_.Percent(50)) c->add_channels(v1::CHANNEL_EMAIL);
  *c->mutable_criteria() = Text(body.region, "Sote-järjestöjen edustajat; alueellinen ja temaattinen kattavuus.",
                                "Företrädare för social- och hälsovårdsorganisationer.");
  c->set_seats_offered(vacant);
  body.open_call = body.last_call = static_cast<int>(calls_.size());
  live_calls_.push_back(body.open_call);
  calls_.push_back(std::move(call));
  return true;
}

bool Workload::World::CloseCall() {
  if (live_calls_.empty()) return false;
  size_t start = rng_.Below(live_calls_.size());
  for (size_t k = 0; k < live_calls_.size(); ++k) {
    int index = live_calls_[(start + k) % live_calls_.size()];
    Call& call = calls_[index];
    Body& body = bodies_[call.body];
    if (call.closed || (today_ <= call.closes && body.open)) continue;
    v1::CloseMembershipCall* c = cmd_.mutable_close_membership_call();
    c->set_call_id(call.id);
    *c->mutable_closed_on() = ToDate(today_);
    c->set_applications_received(static_cast<int32_t>(call.entries.size()) + rng_.Between(0, 3));
    call.closed = true;
    if (body.open_call == index) body.open_call = -1;
    // Appointments draw on the body's last call; only open calls stay live.
    live_calls_.erase(live_calls_.begin() + static_cast<std::ptrdiff_t>((start + k) % live_calls_.size()));
    return true;
  }
  return false;
}

// A call of an open body that takes applications and nominations today, or
// -1.
int Workload::World::CallOpenToday() {
  if (live_calls_.empty()) return -1;
  size_t start = rng_.Below(live_calls_.size());
  for (size_t k = 0; k < live_calls_.size(); ++k) {
    int index = live_calls_[(start + k) % live_calls_.size()];
    const Call& call = calls_[index];
    if (!call.closed && bodies_[call.body].open && call.opens <= today_ && today_ <= call.closes &&
        call.entries.size() < kMaxCallEntries) {
      return index;
    }
  }
  return -1;
}

bool Workload::World::ApplyForMembership() {
  int index = CallOpenToday();
  if (index < 0) return false;
  Call& call = calls_[index];
  const Body& body = bodies_[call.body];
  int p = LivePerson(body.region);
  if (p < 0 || SeatOf(body, p) >= 0) return false;
  for (const Entry& e : call.entries) {
    if (e.person == p) return false;
  }
  Entry entry{absl::StrCat("a", call.entries.size() + 1), p, false};
  v1::ApplyForMembership* c = cmd_.mutable_apply_for_membership();
  c->set_call_id(call.id);
  c->set_application_id(entry.id);
  c->set_person_id(persons_[p].id);
  if (rng_.Percent(60)) c->set_organisation_id(orgs_[rng_.Pick(regions_[body.region].orgs)].id);
  *c->mutable_applied_on() = ToDate(today_);
  call.entries.push_back(std::move(entry));
  return true;
}

bool Workload::World::NominateMember() {
  int index = CallOpenToday();
  if (index < 0) return false;
  Call& call = calls_[index];
  const Body& body = bodies_[call.body];
  int p = LivePerson(body.region);
  int nominator = rng_.Percent(20) ? regions_[body.region].network : ActiveNgo(body.region);
  if (p < 0 || nominator < 0 || SeatOf(body, p) >= 0) return false;
  for (const Entry& e : call.entries) {
    if (e.person == p) return false;
  }
  Entry entry{absl::StrCat("n", call.entries.size() + 1), p, false};
  v1::NominateMember* c = cmd_.mutable_nominate_member();
  c->set_call_id(call.id);
  c->set_nomination_id(entry.id);
  c->set_nominating_organisation_id(orgs_[nominator].id);
  c->set_person_id(persons_[p].id);
  if (!body.seats.empty() && rng_.Percent(50)) {
    c->set_seat_id(rng_.Pick(body.seats).id);
    extra_reads_.push_back(body.id);  // the handler reads the call's body for the seat
  }
  *c->mutable_nominated_on() = ToDate(today_);
  call.entries.push_back(std::move(entry));
  return true;
}

bool Workload::World::AppointMember() {
  int b = -1;
  std::vector<size_t> vacant;
  for (int tries = 0; tries < 4 && vacant.empty(); ++tries) {
    b = WritableBody(RandomRegion());
    if (b < 0) continue;
    for (size_t i = 0; i < bodies_[b].seats.size(); ++i) {
      if (bodies_[b].seats[i].holder < 0) vacant.push_back(i);
    }
  }
  if (vacant.empty()) return false;
  Body& body = bodies_[b];
  Seat& seat = body.seats[rng_.Pick(vacant)];
  // An applicant or nominee of the body's latest call, else anyone.
  int person = -1;
  Entry* entry = nullptr;
  if (body.last_call >= 0) {
    std::vector<Entry>& entries = calls_[body.last_call].entries;
    size_t start = entries.empty() ? 0 : rng_.Below(entries.size());
    for (size_t k = 0; k < entries.size() && entry == nullptr; ++k) {
      Entry& e = entries[(start + k) % entries.size()];
      if (!e.used && !persons_[e.person].erased && SeatOf(body, e.person) < 0) entry = &e;
    }
  }
  if (entry != nullptr) {
    person = entry->person;
  } else {
    int p = LivePerson(body.region);
    if (p < 0 || SeatOf(body, p) >= 0) return false;
    person = p;
  }
  v1::AppointMember* c = cmd_.mutable_appoint_member();
  c->set_body_id(body.id);
  std::string membership = absl::StrCat("m", ++body.next_local);
  c->set_membership_id(membership);
  c->set_seat_id(seat.id);
  c->set_person_id(persons_[person].id);
  if (rng_.Percent(70)) {
    int org = ActiveNgo(body.region);
    if (org >= 0) c->set_on_behalf_of_organisation_id(orgs_[org].id);
  }
  if (seat.post == v1::POST_KIND_DEPUTY) {
    for (const Seat& principal : body.seats) {
      if (principal.id == seat.deputy_of && principal.holder >= 0) {
        c->set_deputy_of_person_id(persons_[principal.holder].id);
      }
    }
  }
  std::optional<CivilDay> end;
  if (rng_.Percent(85)) end = today_ + 2 * 365 - 1;
  *c->mutable_term()->mutable_start() = ToDate(today_);
  if (end.has_value()) *c->mutable_term()->mutable_end() = ToDate(*end);
  if (rng_.Percent(50)) {
    if (std::optional<std::string> decision = RegionDecision(body.region)) {
      c->set_appointing_decision_id(*decision);
    }
  }
  if (entry != nullptr) {
    c->set_call_id(calls_[body.last_call].id);
    c->set_application_id(entry->id);
    entry->used = true;
  } else if (body.last_call >= 0 && rng_.Percent(30)) {
    c->set_call_id(calls_[body.last_call].id);
  }
  seat.holder = person;
  seat.membership = std::move(membership);
  seat.term_start = today_;
  seat.term_end = end;
  ++body.events;
  return true;
}

bool Workload::World::EndMembership(int how) {
  for (int tries = 0; tries < 4; ++tries) {
    int b = WritableBody(RandomRegion());
    if (b < 0) continue;
    Body& body = bodies_[b];
    std::vector<size_t> held;
    for (size_t i = 0; i < body.seats.size(); ++i) {
      const Seat& s = body.seats[i];
      if (s.holder < 0) continue;
      // Terms end when they are over (now and then early, e.g. on a reorganisation).
      bool over = s.term_end.has_value() && *s.term_end <= today_;
      if (how != 2 || over || rng_.Percent(5)) held.push_back(i);
    }
    if (held.empty()) continue;
    Seat& seat = body.seats[rng_.Pick(held)];
    if (how == 0) {
      v1::ResignMember* c = cmd_.mutable_resign_member();
      c->set_body_id(body.id);
      c->set_membership_id(seat.membership);
      *c->mutable_effective_on() = ToDate(today_);
    } else if (how == 1) {
      v1::DismissMember* c = cmd_.mutable_dismiss_member();
      c->set_body_id(body.id);
      c->set_membership_id(seat.membership);
      *c->mutable_effective_on() = ToDate(today_);
      if (rng_.Percent(50)) {
        if (std::optional<std::string> decision = RegionDecision(body.region)) c->set_decision_id(*decision);
      }
      if (rng_.Percent(60)) *c->mutable_reason() = Fi("Edustettu järjestö vaihtoi edustajansa.");
    } else {
      v1::EndTerm* c = cmd_.mutable_end_term();
      c->set_body_id(body.id);
      c->set_membership_id(seat.membership);
      *c->mutable_effective_on() = ToDate(today_);
    }
    seat.holder = -1;
    ++body.events;
    return true;
  }
  return false;
}

// ------------------------------------------------------------------ meetings

bool Workload::World::RecordMeeting() {
  int r = RandomRegion();
  int b = rng_.Percent(85) ? OpenBody(r) : -1;
  Meeting meeting{NextId("meeting"), today_};
  v1::RecordMeeting* c = cmd_.mutable_record_meeting();
  c->set_meeting_id(meeting.id);
  if (b >= 0) {
    c->set_body_id(bodies_[b].id);
    *c->mutable_title() = Fi(absl::StrCat(bodies_[b].name, ", kokous"));
  } else {
    c->add_convener_organisation_ids(orgs_[regions_[r].county].id);
    c->add_convener_organisation_ids(orgs_[regions_[r].network].id);
    *c->mutable_title() = Text(r, absl::StrCat(regions_[r].name, " järjestöareena"),
                               absl::StrCat(regions_[r].name, " organisationsarena"));
  }
  *c->mutable_held_on() = ToDate(today_);
  c->set_place(absl::StrCat(Town(r), ", aluetalo"));
  int items = rng_.Between(2, 5);
  int first_section = rng_.Between(1, 120);
  for (int i = 0; i < items; ++i) {
    v1::AgendaItem* item = c->add_agenda();
    if (b >= 0) item->set_section(absl::StrCat("§ ", first_section + i));
    *item->mutable_title() = Fi(rng_.Pick(kSubjects));
  }
  if (b >= 0) {
    for (const Seat& seat : bodies_[b].seats) {
      if (seat.holder < 0 || c->attendance_size() >= 6) continue;
      v1::Attendance* a = c->add_attendance();
      a->set_person_id(persons_[seat.holder].id);
      a->set_post(seat.post);
    }
  }
  for (int i = rng_.Between(b >= 0 ? 0 : 2, b >= 0 ? 1 : 5); i > 0; --i) {
    c->add_attendance()->set_organisation_id(orgs_[rng_.Pick(regions_[r].orgs)].id);
  }
  c->set_participant_count(c->attendance_size() + rng_.Between(0, 20));
  v1::Event event;
  v1::MeetingHeld* e = event.mutable_meeting_held();
  e->set_meeting_id(c->meeting_id());
  e->set_body_id(c->body_id());
  *e->mutable_convener_organisation_ids() = c->convener_organisation_ids();
  *e->mutable_held_on() = c->held_on();
  e->set_place(c->place());
  *e->mutable_title() = c->title();
  *e->mutable_agenda() = c->agenda();
  *e->mutable_attendance() = c->attendance();
  e->set_participant_count(c->participant_count());
  Remember(meeting.id, std::move(event), false);

  int index = static_cast<int>(meetings_.size());
  if (b >= 0) {
    std::vector<int>& recent = bodies_[b].meetings;
    recent.push_back(index);
    if (recent.size() > 6) recent.erase(recent.begin());
  }
  unapproved_.push_back(index);
  if (unapproved_.size() > 300) unapproved_.erase(unapproved_.begin());
  AddInput(r, meeting.id, today_);
  meetings_.push_back(std::move(meeting));
  return true;
}

bool Workload::World::ApproveMinutes() {
  if (unapproved_.empty()) return false;
  size_t i = rng_.Below(unapproved_.size());
  const Meeting& meeting = meetings_[unapproved_[i]];
  v1::ApproveMinutes* c = cmd_.mutable_approve_minutes();
  c->set_meeting_id(meeting.id);
  *c->mutable_approved_on() = ToDate(today_);
  c->mutable_minutes()->set_uri(absl::StrCat("https://example.fi/poytakirjat/", meeting.id, ".pdf"));
  c->mutable_minutes()->set_sha256(Sha256Hex());
  v1::Event event;
  v1::MinutesApproved* e = event.mutable_minutes_approved();
  e->set_meeting_id(c->meeting_id());
  *e->mutable_approved_on() = c->approved_on();
  *e->mutable_minutes() = c->minutes();
  Remember(meeting.id, std::move(event), true);
  unapproved_.erase(unapproved_.begin() + static_cast<std::ptrdiff_t>(i));
  return true;
}

}  // namespace kumppani::testing
