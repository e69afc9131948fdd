// The Workload class and its scheduling: World's construction (the weights
// of the steady-state builders and the bootstrap of the starting world),
// Next() (bootstrap first, then scheduled erasures and corrections, else a
// weighted choice among the builders) and the wave number of each command
// from its read and write sets. The builders themselves live in the
// workload_*.cc files listed in workload_world.h.
#include "tests/testing/workload.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "tests/testing/workload_world.h"

namespace kumppani::testing {

using workload_internal::Fi;
using workload_internal::ToDate;

namespace {

const char* const kRegionNames[] = {"Päijät-Häme", "Pirkanmaa", "Varsinais-Suomi", "Pohjanmaa",
                                    "Keski-Suomi", "Pohjois-Savo", "Lappi", "Kanta-Häme"};

// At most this many commands in one wave.
constexpr size_t kMaxWave = 256;
constexpr size_t kCorrectionEvery = 80;  // one correction or retraction per 80 commands
// One erasure per 2,500 commands: erasing destroys a key in the vault, which
// flushes and compacts the database (a quarter of a second), so they are
// kept few and spread evenly.
constexpr size_t kErasureEvery = 2500;

// The categories of aggregate ids, for read sets.
bool IsAggregateId(const std::string& value) {
  static const char* const kCategories[] = {"org-", "person-", "body-", "call-", "meeting-",
                                            "consultation-", "submission-", "proposal-",
                                            "decision-", "programme-", "grant-"};
  for (const char* category : kCategories) {
    if (value.rfind(category, 0) == 0) return true;
  }
  return false;
}

// Adds every aggregate id in `message` (string fields named *_id or *_ids,
// recursively) to `out`.
void CollectIds(const google::protobuf::Message& message, std::vector<std::string>& out) {
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  const google::protobuf::Reflection* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      if (field->is_repeated()) {
        for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
          std::string value = reflection->GetRepeatedString(message, field, j);
          if (IsAggregateId(value)) out.push_back(std::move(value));
        }
      } else {
        std::string value = reflection->GetString(message, field);
        if (IsAggregateId(value)) out.push_back(std::move(value));
      }
    } else if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE &&
               field->message_type()->full_name() != "google.protobuf.Any") {
      if (field->is_repeated()) {
        for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
          CollectIds(reflection->GetRepeatedMessage(message, field, j), out);
        }
      } else if (reflection->HasField(message, field)) {
        CollectIds(reflection->GetMessage(message, field), out);
      }
    }
  }
}

}  // namespace

Workload::World::World(WorkloadOptions options)
    : options_(options),
      span_days_(std::max<int64_t>(0, options.last_day - options.first_day)),
      rng_(options.seed) {
  // Relative weights of the steady state (out of ~2,000). A builder that
  // finds nothing to do gives way to another pick, so the resulting mix
  // follows the world's state too (see the test for a measured mix).
  // Erasures and corrections are scheduled instead (see Next()).
  builders_ = {
      {&World::RegisterNgo, 16}, {&World::RenameOrganisation, 10}, {&World::MergeOrganisation, 3},
      {&World::DissolveOrganisation, 3}, {&World::RecordSuccession, 3},
      {&World::RegisterPerson, 40},
      {&World::EstablishBody, 6}, {&World::ChangeConvener, 4}, {&World::AmendMandate, 6},
      {&World::DissolveBody, 3}, {&World::ContinueBody, 3}, {&World::AddSeat, 20},
      {&World::RemoveSeat, 4},
      {&World::OpenCall, 12}, {&World::CloseCall, 12}, {&World::ApplyForMembership, 80},
      {&World::NominateMember, 60}, {&World::AppointMember, 100}, {&World::Resign, 16},
      {&World::Dismiss, 6}, {&World::EndTerm, 30},
      {&World::RecordMeeting, 160}, {&World::ApproveMinutes, 140},
      {&World::OpenConsultation, 40}, {&World::ExtendDeadline, 10},
      {&World::CloseConsultation, 40}, {&World::PublishSummary, 30},
      {&World::ReceiveSubmission, 400}, {&World::WithdrawSubmission, 20},
      {&World::MakeProposal, 60}, {&World::RecordDecision, 100}, {&World::ReviseAssessment, 20},
      {&World::SendFeedback, 80}, {&World::AppealDecision, 10}, {&World::AnnulDecision, 6},
      {&World::CorrectDecision, 6},
      {&World::OpenProgramme, 8}, {&World::ApplyForGrant, 120}, {&World::AwardGrant, 70},
      {&World::RejectGrant, 30}, {&World::PayGrant, 120}, {&World::ExtendUsage, 10},
      {&World::SubmitReport, 50}, {&World::AcceptReport, 40}, {&World::ReturnUnused, 16},
      {&World::ReclaimGrant, 6},
  };
  for (const auto& [builder, weight] : builders_) total_weight_ += weight;

  // The starting world: national organisations, then per region a
  // preparation project succeeded by the county, a network, NGOs, persons
  // and three bodies with seats.
  int region_count = std::max(1, options_.regions);
  int ngo_count = std::max(4, options_.ngos_per_region);
  regions_.resize(static_cast<size_t>(region_count));
  for (int r = 0; r < region_count; ++r) {
    regions_[r].name = r < 8 ? kRegionNames[r] : absl::StrCat(kRegionNames[r % 8], " ", r / 8 + 1);
    regions_[r].swedish = r % 8 == 3;
  }
  bootstrap_.push_back([this] {
    national_funder_ = static_cast<int>(orgs_.size());
    AddOrganisation(-1, v1::ORGANISATION_KIND_STATE_AGENCY, "org-stea",
                    "Sosiaali- ja terveysjärjestöjen avustuskeskus STEA", true);
  });
  bootstrap_.push_back([this] {
    national_umbrella_ = static_cast<int>(orgs_.size());
    AddOrganisation(-1, v1::ORGANISATION_KIND_ASSOCIATION, "org-soste",
                    "SOSTE Suomen sosiaali ja terveys ry", true);
  });
  for (int r = 0; r < region_count; ++r) {
    bootstrap_.push_back([this, r] {
      AddOrganisation(r, v1::ORGANISATION_KIND_PREPARATION_PROJECT, absl::StrCat("org-r", r, "-prep"),
                      absl::StrCat(regions_[r].name, " 2019 -valmisteluhanke"), true);
    });
    bootstrap_.push_back([this, r] {
      regions_[r].county = static_cast<int>(orgs_.size());
      AddOrganisation(r, v1::ORGANISATION_KIND_WELLBEING_SERVICES_COUNTY,
                      absl::StrCat("org-r", r, "-county"),
                      absl::StrCat(regions_[r].name, "n hyvinvointialue"), true);
    });
    bootstrap_.push_back([this, r] {
      v1::RecordSuccession* c = cmd_.mutable_record_succession();
      c->set_organisation_id(absl::StrCat("org-r", r, "-prep"));
      c->set_successor_organisation_id(orgs_[regions_[r].county].id);
      *c->mutable_effective_on() = ToDate(today_);
      *c->mutable_note() = Fi("Valmistelu siirtyi hyvinvointialueelle.");
    });
    bootstrap_.push_back([this, r] {
      regions_[r].network = static_cast<int>(orgs_.size());
      AddOrganisation(r, v1::ORGANISATION_KIND_NETWORK, absl::StrCat("org-r", r, "-network"),
                      absl::StrCat(regions_[r].name, " järjestöverkosto"), true);
    });
    for (int i = 0; i < ngo_count; ++i) bootstrap_.push_back([this, r] { RegisterNgoIn(r); });
    for (int i = 0; i < ngo_count / 2; ++i) bootstrap_.push_back([this, r] { AddPerson(r); });
    for (size_t kind = 0; kind < 3; ++kind) {
      bootstrap_.push_back([this, r, kind] { AddBody(r, kind, kind != 1); });
      for (v1::PostKind post : {v1::POST_KIND_CHAIR, v1::POST_KIND_VICE_CHAIR, v1::POST_KIND_MEMBER,
                                v1::POST_KIND_MEMBER, v1::POST_KIND_MEMBER, v1::POST_KIND_DEPUTY,
                                v1::POST_KIND_SECRETARY}) {
        bootstrap_.push_back([this, post] { AddSeatTo(static_cast<int>(bodies_.size()) - 1, post); });
      }
    }
  }
}

void Workload::World::AssignWave() {
  const google::protobuf::Reflection* reflection = cmd_.GetReflection();
  const google::protobuf::FieldDescriptor* field = reflection->GetOneofFieldDescriptor(
      cmd_, v1::Command::descriptor()->FindOneofByName("command"));
  const google::protobuf::Message& inner = reflection->GetMessage(cmd_, field);
  // The first field names the stream written (see CommandHandler::TargetStream).
  std::string target = inner.GetReflection()->GetString(inner, inner.GetDescriptor()->field(0));
  std::vector<std::string> reads = std::move(extra_reads_);
  extra_reads_.clear();
  CollectIds(inner, reads);
  bool conflict = wave_size_ >= kMaxWave || wave_writes_.contains(target) ||
                  wave_reads_.contains(target);
  for (const std::string& read : reads) conflict = conflict || wave_writes_.contains(read);
  if (conflict) {
    ++wave_;
    wave_size_ = 0;
    wave_reads_.clear();
    wave_writes_.clear();
  }
  ++wave_size_;
  for (std::string& read : reads) {
    if (read != target) wave_reads_.insert(std::move(read));
  }
  wave_writes_.insert(std::move(target));
}

std::optional<v1::Command> Workload::World::Next(uint64_t* wave) {
  if (yielded_ >= options_.commands) return std::nullopt;
  today_ = DayOf(yielded_);
  std::string request_id = absl::StrCat("wl-", options_.seed, "-", yielded_ + 1);
  auto reset = [&] {
    cmd_.Clear();
    cmd_.set_request_id(request_id);
    extra_reads_.clear();
  };
  reset();
  if (bootstrap_done_ < bootstrap_.size()) {
    bootstrap_[bootstrap_done_++]();
  } else if ((erasures_ + 1) * kErasureEvery <= yielded_ && ErasePerson()) {
    ++erasures_;
  } else if (!((corrections_ + 1) * kCorrectionEvery <= yielded_ && CorrectOrRetract())) {
    bool emitted = false;
    for (int attempt = 0; attempt < 40 && !emitted; ++attempt) {
      reset();
      int pick = static_cast<int>(rng_.Below(static_cast<size_t>(total_weight_)));
      for (const auto& [builder, weight] : builders_) {
        if (pick < weight) {
          emitted = (this->*builder)();
          break;
        }
        pick -= weight;
      }
    }
    if (!emitted) {
      reset();
      RegisterPerson();
    }
  }
  AssignWave();
  ++yielded_;
  if (wave != nullptr) *wave = wave_;
  return cmd_;
}

Workload::Workload(WorkloadOptions options) : world_(std::make_unique<World>(options)) {}
Workload::~Workload() = default;

std::optional<v1::Command> Workload::Next(uint64_t* wave) { return world_->Next(wave); }

size_t Workload::yielded() const { return world_->yielded(); }

}  // namespace kumppani::testing
