// The command clients' plans: a weighted random choice among the commands
// that are valid on the client's own aggregates (weights as in the kill
// test's clients), with RegisterPerson whenever the choice finds no target.
#include "bench/load_soak_domain.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/timestamp.pb.h"

namespace kumppani::bench {
namespace {

v1::LocalizedText Text(const std::string& fi) {
  v1::LocalizedText text;
  text.set_fi(fi);
  text.set_authoritative(v1::LANGUAGE_FI);
  return text;
}

// The day `offset` days after year-month-day.
v1::Date Day(int year, unsigned month, unsigned day, int offset = 0) {
  const std::chrono::sys_days start{std::chrono::year{year} / std::chrono::month{month} /
                                    std::chrono::day{day}};
  const std::chrono::year_month_day date{start + std::chrono::days{offset}};
  v1::Date out;
  out.set_year(static_cast<int>(date.year()));
  out.set_month(static_cast<int>(static_cast<unsigned>(date.month())));
  out.set_day(static_cast<int>(static_cast<unsigned>(date.day())));
  return out;
}

enum Action {
  kRegisterOrganisation,
  kRenameOrganisation,
  kRegisterPerson,
  kEstablishBody,
  kOpenConsultation,
  kAddSeat,
  kAppointMember,
  kResignMember,
  kDissolveBody,
  kReceiveSubmission,
  kRecordDecision,
  kActions
};

}  // namespace

DomainPlanner::DomainPlanner(std::string prefix, uint64_t seed)
    : prefix_(std::move(prefix)), random_(seed) {}

std::string DomainPlanner::NewId(const std::string& kind) {
  return absl::StrCat(kind, "-", prefix_, "-", ++sequence_);
}

PlannedCommand DomainPlanner::Plan(const std::string& stream, std::vector<std::string> types) {
  PlannedCommand planned;
  planned.command.set_request_id(absl::StrCat(prefix_, "-", ++sequence_));
  planned.stream = stream;
  planned.event_types = std::move(types);
  return planned;
}

template <typename Fits>
const std::string* DomainPlanner::FindOpenBody(Fits fits) {
  for (int attempt = 0; attempt < 8 && !open_bodies_.empty(); ++attempt) {
    const std::string& id = open_bodies_[random_() % open_bodies_.size()];
    if (fits(bodies_.at(id))) return &id;
  }
  return nullptr;
}

PlannedCommand DomainPlanner::Next() {
  std::vector<double> weights(kActions, 0.0);
  weights[kRegisterOrganisation] = organisations_.empty() ? 1 : 3;
  weights[kRegisterPerson] = 2;
  if (!organisations_.empty()) {
    weights[kRenameOrganisation] = 3;
    weights[kEstablishBody] = 1.5;
    weights[kOpenConsultation] = 0.7;
  }
  if (!open_bodies_.empty()) {
    weights[kAddSeat] = 1.5;
    weights[kRecordDecision] = 1;
    if (!persons_.empty()) weights[kAppointMember] = 2.5;
    if (members_ > 0) {
      weights[kResignMember] = 0.7;
      weights[kDissolveBody] = 0.3;
    }
  }
  if (!consultations_.empty()) weights[kReceiveSubmission] = 1.5;
  if (organisations_.empty()) weights[kRegisterPerson] = 0;
  std::discrete_distribution<int> choose(weights.begin(), weights.end());
  const int action = choose(random_);

  PlannedCommand planned;
  auto pick = [&](const std::vector<std::string>& ids) -> const std::string& {
    return ids[random_() % ids.size()];
  };
  switch (action) {
    case kRegisterOrganisation: {
      const std::string org = NewId("org");
      planned = Plan(org, {"OrganisationRegistered"});
      v1::RegisterOrganisation* c = planned.command.mutable_register_organisation();
      c->set_organisation_id(org);
      c->set_kind(v1::ORGANISATION_KIND_ASSOCIATION);
      *c->mutable_name() = Text("Kuormitusyhdistys " + org);
      *c->mutable_founded_on() = Day(2000, 1, 1);
      return planned;
    }
    case kRenameOrganisation:
      if (PlanRename(planned)) return planned;
      break;
    case kEstablishBody: {
      const std::string body = NewId("body");
      planned = Plan(body, {"BodyEstablished"});
      v1::EstablishBody* c = planned.command.mutable_establish_body();
      c->set_body_id(body);
      c->set_kind(v1::BODY_KIND_NGO_ADVISORY_BOARD);
      *c->mutable_name() = Text("Toimielin " + body);
      c->set_parent_organisation_id(pick(organisations_));
      *c->mutable_mandate() = Text("Yhteistyö järjestöjen kanssa.");
      *c->mutable_established_on() = Day(2024, 1, 1);
      return planned;
    }
    case kOpenConsultation: {
      const std::string consultation = NewId("consultation");
      planned = Plan(consultation, {"ConsultationOpened"});
      v1::OpenConsultation* c = planned.command.mutable_open_consultation();
      c->set_consultation_id(consultation);
      c->set_organiser_organisation_id(pick(organisations_));
      *c->mutable_subject() = Text("Järjestöavustusten periaatteet");
      c->set_method(v1::CONSULTATION_METHOD_STATEMENT_REQUEST);
      c->add_channels(v1::CHANNEL_LAUSUNTOPALVELU);
      *c->mutable_opens_on() = Day(2024, 3, 1);
      *c->mutable_deadline() = Day(2024, 3, 31);
      return planned;
    }
    case kAddSeat: {
      const std::string& body = pick(open_bodies_);
      planned = Plan(body, {"SeatAdded"});
      v1::AddSeat* c = planned.command.mutable_add_seat();
      c->set_body_id(body);
      c->set_seat_id(absl::StrCat("seat-", bodies_.at(body).seats.size() + 1));
      c->set_post(v1::POST_KIND_MEMBER);
      return planned;
    }
    case kAppointMember:
      if (PlanAppoint(planned)) return planned;
      break;
    case kResignMember:
    case kDissolveBody:
      if (PlanEnding(planned, action == kDissolveBody)) return planned;
      break;
    case kReceiveSubmission: {
      const std::string submission = NewId("submission");
      planned = Plan(submission, {"SubmissionReceived"});
      v1::ReceiveSubmission* c = planned.command.mutable_receive_submission();
      c->set_submission_id(submission);
      c->set_consultation_id(pick(consultations_));
      c->set_submitter_organisation_id(pick(organisations_));
      c->set_channel(v1::CHANNEL_LAUSUNTOPALVELU);
      c->mutable_received_at()->set_seconds(1710064800);  // 2024-03-10 10:00Z
      c->set_text("Lausunto " + submission + ".");
      c->set_language(v1::LANGUAGE_FI);
      return planned;
    }
    case kRecordDecision:
      if (PlanDecision(planned)) return planned;
      break;
    default:
      break;
  }
  // kRegisterPerson, and the fallback when a choice found no target.
  const std::string person = NewId("person");
  planned = Plan(person, {"PersonRegistered"});
  v1::RegisterPerson* c = planned.command.mutable_register_person();
  c->set_person_id(person);
  c->mutable_personal_data()->set_full_name(absl::StrCat("Testi Henkilö ", sequence_));
  c->mutable_personal_data()->set_email("testi@example.org");
  return planned;
}

bool DomainPlanner::PlanRename(PlannedCommand& out) {
  const std::string org = organisations_[random_() % organisations_.size()];
  const int renames = renames_[org] + 1;
  out = Plan(org, {"OrganisationRenamed"});
  v1::RenameOrganisation* c = out.command.mutable_rename_organisation();
  c->set_organisation_id(org);
  *c->mutable_name() = Text(absl::StrCat("Kuormitusyhdistys ", org, ", nimi ", renames));
  *c->mutable_effective_on() = Day(2010, 1, 1, renames);
  return true;
}

bool DomainPlanner::PlanAppoint(PlannedCommand& out) {
  const std::string* body_id = FindOpenBody([&](const Body& body) {
    return body.members.size() < body.seats.size() && body.seated.size() < persons_.size();
  });
  if (body_id == nullptr) return false;
  const Body& body = bodies_.at(*body_id);
  std::vector<size_t> vacant;
  for (size_t i = 0; i < body.seats.size(); ++i) {
    if (body.seats[i].empty()) vacant.push_back(i);
  }
  const std::string* person = nullptr;
  for (int attempt = 0; attempt < 8 && person == nullptr; ++attempt) {
    const std::string& candidate = persons_[random_() % persons_.size()];
    if (!body.seated.contains(candidate)) person = &candidate;
  }
  if (vacant.empty() || person == nullptr) return false;
  out = Plan(*body_id, {"MemberAppointed"});
  v1::AppointMember* c = out.command.mutable_appoint_member();
  c->set_body_id(*body_id);
  c->set_membership_id(NewId("m"));
  c->set_seat_id(absl::StrCat("seat-", vacant[random_() % vacant.size()] + 1));
  c->set_person_id(*person);
  c->set_on_behalf_of_organisation_id(organisations_[random_() % organisations_.size()]);
  *c->mutable_term()->mutable_start() = Day(2024, 2, 1);
  *c->mutable_term()->mutable_end() = Day(2027, 12, 31);
  return true;
}

bool DomainPlanner::PlanEnding(PlannedCommand& out, bool dissolve) {
  const std::string* body_id = FindOpenBody([](const Body& body) { return !body.members.empty(); });
  if (body_id == nullptr) return false;
  const Body& body = bodies_.at(*body_id);
  if (dissolve) {
    std::vector<std::string> types(body.members.size(), "MemberTermEnded");
    types.push_back("BodyDissolved");
    out = Plan(*body_id, std::move(types));
    v1::DissolveBody* c = out.command.mutable_dissolve_body();
    c->set_body_id(*body_id);
    *c->mutable_effective_on() = Day(2024, 12, 1);
    *c->mutable_reason() = Text("Toiminta päättyi.");
    return true;
  }
  auto member = body.members.begin();
  std::advance(member, static_cast<long>(random_() % body.members.size()));
  out = Plan(*body_id, {"MemberResigned"});
  v1::ResignMember* c = out.command.mutable_resign_member();
  c->set_body_id(*body_id);
  c->set_membership_id(member->first);
  *c->mutable_effective_on() = Day(2024, 6, 1);
  return true;
}

bool DomainPlanner::PlanDecision(PlannedCommand& out) {
  const std::string& body = open_bodies_[random_() % open_bodies_.size()];
  const std::string decision = NewId("decision");
  out = Plan(decision, {"DecisionRecorded"});
  v1::RecordDecision* c = out.command.mutable_record_decision();
  c->set_decision_id(decision);
  c->set_body_id(body);
  *c->mutable_decided_on() = Day(2024, 4, 15);
  c->set_outcome(v1::DECISION_OUTCOME_ADOPTED);
  *c->mutable_title() = Text("Päätös " + decision);
  // Up to two of the client's submissions, the first adopted, the second noted.
  if (!submissions_.empty()) {
    const size_t first = random_() % submissions_.size();
    v1::ConsideredInput* adopted = c->add_considered_inputs();
    adopted->set_input_id(submissions_[first]);
    adopted->set_assessment(v1::INFLUENCE_ASSESSMENT_ADOPTED);
    adopted->set_changed_section("kohta 1");
    const size_t second = random_() % submissions_.size();
    if (second != first) {
      v1::ConsideredInput* noted = c->add_considered_inputs();
      noted->set_input_id(submissions_[second]);
      noted->set_assessment(v1::INFLUENCE_ASSESSMENT_NOTED);
    }
  }
  return true;
}

void DomainPlanner::Acknowledged(const PlannedCommand& planned) {
  const v1::Command& command = planned.command;
  switch (command.command_case()) {
    case v1::Command::kRegisterOrganisation:
      organisations_.push_back(command.register_organisation().organisation_id());
      renames_[organisations_.back()] = 0;
      break;
    case v1::Command::kRenameOrganisation:
      ++renames_[command.rename_organisation().organisation_id()];
      break;
    case v1::Command::kRegisterPerson:
      persons_.push_back(command.register_person().person_id());
      break;
    case v1::Command::kEstablishBody:
      bodies_[command.establish_body().body_id()] = Body{};
      open_bodies_.push_back(command.establish_body().body_id());
      break;
    case v1::Command::kAddSeat:
      bodies_.at(command.add_seat().body_id()).seats.emplace_back();
      break;
    case v1::Command::kAppointMember: {
      const v1::AppointMember& c = command.appoint_member();
      Body& body = bodies_.at(c.body_id());
      size_t seat = 0;
      if (!absl::SimpleAtoi(c.seat_id().substr(5), &seat) || seat == 0) break;
      body.seats[seat - 1] = c.membership_id();
      body.members[c.membership_id()] = {seat - 1, c.person_id()};
      body.seated.insert(c.person_id());
      ++members_;
      break;
    }
    case v1::Command::kResignMember: {
      Body& body = bodies_.at(command.resign_member().body_id());
      auto member = body.members.find(command.resign_member().membership_id());
      if (member == body.members.end()) break;
      body.seats[member->second.first].clear();
      body.seated.erase(member->second.second);
      body.members.erase(member);
      --members_;
      break;
    }
    case v1::Command::kDissolveBody: {
      const std::string& id = command.dissolve_body().body_id();
      Body& body = bodies_.at(id);
      members_ -= body.members.size();
      body.members.clear();
      body.seated.clear();
      body.open = false;
      open_bodies_.erase(std::find(open_bodies_.begin(), open_bodies_.end(), id));
      break;
    }
    case v1::Command::kOpenConsultation:
      consultations_.push_back(command.open_consultation().consultation_id());
      break;
    case v1::Command::kReceiveSubmission:
      submissions_.push_back(command.receive_submission().submission_id());
      break;
    default:
      break;
  }
}

}  // namespace kumppani::bench
