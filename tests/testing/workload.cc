// The workload generator: a model of the synthetic world, one builder per
// kind of command (each checks in the model that its command will be
// accepted before it emits anything), a weighted choice among them, wave
// numbers from each command's read and write sets, and the wave-by-wave
// runner.
#include "tests/testing/workload.h"

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/text_format.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/event_codec.h"

namespace kumppani::testing {
namespace {

using absl::CivilDay;

// xoshiro256** seeded through SplitMix64: the same sequence on every
// platform (the std:: distributions are implementation-defined).
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& s : s_) {
      x += 0x9e3779b97f4a7c15ULL;
      uint64_t z = x;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // In [0, n); n > 0. The modulo bias is irrelevant here.
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  // In [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<size_t>(hi - lo + 1))); }
  bool Percent(int p) { return Below(100) < static_cast<size_t>(p); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

const char* const kRegionNames[] = {"Päijät-Häme", "Pirkanmaa", "Varsinais-Suomi", "Pohjanmaa",
                                    "Keski-Suomi", "Pohjois-Savo", "Lappi", "Kanta-Häme"};
const char* const kTowns[][4] = {{"Lahti", "Heinola", "Orimattila", "Hollola"},
                                 {"Tampere", "Nokia", "Ylöjärvi", "Kangasala"},
                                 {"Turku", "Salo", "Kaarina", "Raisio"},
                                 {"Vasa", "Korsholm", "Jakobstad", "Närpes"},
                                 {"Jyväskylä", "Jämsä", "Äänekoski", "Laukaa"},
                                 {"Kuopio", "Iisalmi", "Varkaus", "Siilinjärvi"},
                                 {"Rovaniemi", "Kemi", "Tornio", "Sodankylä"},
                                 {"Hämeenlinna", "Riihimäki", "Forssa", "Janakkala"}};
const std::vector<std::string> kThemesFi = {
    "Mielenterveysseura", "Omaishoitajat", "Sydänyhdistys", "Diabetesyhdistys", "Eläkeläiset",
    "Nuorisoseura", "Muistiyhdistys", "Näkövammaiset", "Marttayhdistys", "Reumayhdistys",
    "Syöpäyhdistys", "Asukasyhdistys", "Liikuntaseura", "Perhekerho", "Kylätoimikunta",
    "Päihdetyön yhdistys", "Kehitysvammaisten Tukiyhdistys", "Sotaveteraanit"};
const std::vector<std::string> kThemesSv = {
    "Hjärtförening", "Pensionärsförening", "Ungdomsförening", "Minnesförening",
    "Marthaförening", "Närståendevårdare", "Idrottsförening", "Hembygdsförening"};
const std::vector<std::string> kFirstNames = {"Aino", "Eero", "Helmi", "Juha", "Kaisa", "Lauri",
                                              "Maria", "Mikko", "Noora", "Olli", "Pirjo", "Sami",
                                              "Tiina", "Veikko", "Anna", "Johan", "Elin", "Mats"};
const std::vector<std::string> kLastNames = {
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salonen", "Björk", "Lindqvist", "Nyström"};
const std::vector<std::string> kSubjects = {
    "järjestämissuunnitelma", "järjestöavustusten periaatteet", "hyvinvointikertomus",
    "palvelustrategia", "osallisuusohjelma", "ikäohjelma", "lasten ja nuorten hyvinvointisuunnitelma",
    "mielenterveys- ja päihdeohjelma", "palveluverkkoselvitys", "talousarvio ja -suunnitelma"};
const std::vector<std::string> kCourts = {"Hämeenlinnan hallinto-oikeus", "Turun hallinto-oikeus",
                                          "Vaasan hallinto-oikeus", "Itä-Suomen hallinto-oikeus",
                                          "Pohjois-Suomen hallinto-oikeus"};

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

// Limits that keep streams short and generation cheap.
constexpr size_t kMaxSeats = 14;
constexpr int kBodyEventsBeforeDissolution = 90;
constexpr size_t kMaxCallEntries = 30;
constexpr int kMaxDecisionEvents = 25;
constexpr size_t kMaxOpenBodiesPerRegion = 8;
constexpr size_t kInputRing = 80;
constexpr size_t kDecisionRing = 60;
constexpr size_t kMaxCorrectables = 300;
constexpr size_t kMaxWave = 256;
constexpr size_t kCorrectionEvery = 80;  // one correction or retraction per 80 commands
// One erasure per 2,500 commands: erasing destroys a key in the vault, which
// flushes and compacts the database (a quarter of a second), so they are
// kept few and spread evenly.
constexpr size_t kErasureEvery = 2500;

v1::Date ToDate(CivilDay day) { return domain::FromCivilDay(day); }

v1::LocalizedText Fi(const std::string& fi) {
  v1::LocalizedText text;
  text.set_fi(fi);
  text.set_authoritative(v1::LANGUAGE_FI);
  return text;
}

template <typename T>
void PushRing(std::vector<T>& ring, size_t& next, T value, size_t cap) {
  if (ring.size() < cap) {
    ring.push_back(std::move(value));
  } else {
    ring[next] = std::move(value);
    next = (next + 1) % cap;
  }
}

template <typename T>
void EraseValue(std::vector<T>& v, const T& value) {
  v.erase(std::remove(v.begin(), v.end(), value), v.end());
}

// The first element of `live` (starting at a random place) that satisfies
// `want`, or -1.
template <typename Pred>
int Scan(Rng& rng, const std::vector<int>& live, Pred want) {
  if (live.empty()) return -1;
  size_t start = rng.Below(live.size());
  for (size_t k = 0; k < live.size(); ++k) {
    int index = live[(start + k) % live.size()];
    if (want(index)) return index;
  }
  return -1;
}

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

// ----------------------------------------------------------------- the model

class Workload::World {
 public:
  explicit World(WorkloadOptions options);
  std::optional<v1::Command> Next(uint64_t* wave);
  size_t yielded() const { return yielded_; }

 private:
  struct Org {
    std::string id;
    int region = -1;  // -1: national
    bool active = true;
    bool structural = false;  // never merged or dissolved
    CivilDay founded;
  };
  struct Person {
    std::string id;
    int region = 0;
    bool erased = false;
  };
  struct Seat {
    std::string id;
    v1::PostKind post = v1::POST_KIND_MEMBER;
    std::string deputy_of;
    int holder = -1;  // person index; -1 when vacant
    std::string membership;
    CivilDay term_start;
    std::optional<CivilDay> term_end;
  };
  struct Body {
    std::string id;
    std::string name;
    int region = 0;
    CivilDay established;
    bool open = true;
    std::string convener;
    int events = 0;
    int next_local = 0;
    std::vector<Seat> seats;
    std::vector<int> meetings;  // the latest few
    int open_call = -1;
    int last_call = -1;
    std::vector<std::pair<std::string, CivilDay>> proposals;  // made to this body, latest few
  };
  struct Entry {
    std::string id;
    int person = 0;
    bool used = false;
  };
  struct Call {
    std::string id;
    int body = 0;
    CivilDay opens;
    CivilDay closes;
    bool closed = false;
    std::vector<Entry> entries;
  };
  struct Meeting {
    std::string id;
    CivilDay held;
  };
  struct Consultation {
    std::string id;
    int region = 0;
    CivilDay opens;
    CivilDay deadline;
    bool closed = false;
    CivilDay closed_on;
    bool late_allowed = false;
    int extensions = 0;
    int responses = 0;
    std::vector<v1::Channel> channels;
    std::vector<int> invited;
  };
  struct Submission {
    std::string id;
    CivilDay received;
    bool withdrawn = false;
  };
  struct InputRef {
    std::string id;
    CivilDay dated;
    int submission = -1;
  };
  struct Decision {
    std::string id;
    CivilDay decided;
    std::vector<std::string> inputs;
    bool annulled = false;
    bool appealed = false;
    int events = 1;
  };
  struct Programme {
    std::string id;
    int region = -1;
    CivilDay opens;
    CivilDay deadline;
    int64_t budget = 0;
  };
  struct Grant {
    std::string id;
    enum class Stage { kApplied, kAwarded } stage = Stage::kApplied;
    CivilDay applied;
    int64_t applied_cents = 0;
    int region = 0;
    int64_t award = 0;
    CivilDay usage_end;
    int64_t paid = 0;
    int64_t settled = 0;  // returned + reclaimed
    int64_t used = 0;
    int instalments = 0;
    int extensions = 0;
    bool report_submitted = false;
    CivilDay report_day;
    bool report_accepted = false;
    int events = 1;
  };
  struct Region {
    std::string name;
    bool swedish = false;
    int county = -1;
    int network = -1;
    std::vector<int> orgs;     // every organisation of the region
    std::vector<int> ngos;     // active ones that may be merged or dissolved
    std::vector<int> ended;    // merged or dissolved, without a successor yet
    std::vector<int> persons;  // not erased
    std::vector<int> bodies;   // open
    std::vector<InputRef> inputs;
    size_t next_input = 0;
    std::vector<int> decisions;
    size_t next_decision = 0;
  };
  // An event the generator may later correct or retract.
  struct Correctable {
    std::string stream;
    std::string event_id;
    v1::Event event;
    bool retractable = false;
    int body = -1;  // the body whose stream it is in, for its event count
  };

  using Builder = bool (World::*)();

  // Helpers.
  CivilDay DayOf(size_t n) const;
  v1::LocalizedText Text(int region, const std::string& fi, const std::string& sv);
  std::string Sha256Hex();
  std::string NextId(const char* category) { return absl::StrCat(category, "-", ++ids_); }
  std::string Town(int region) { return kTowns[region % 8][rng_.Below(4)]; }
  int ActiveNgo(int region);
  int LivePerson(int region);
  int OpenBody(int region);
  int WritableBody(int region);
  int RandomRegion() { return static_cast<int>(rng_.Below(regions_.size())); }
  int SeatOf(const Body& body, int person) const;
  int CallOpenToday();
  std::optional<std::string> RegionDecision(int region);
  void Remember(const std::string& stream, v1::Event event, bool retractable, int body = -1);
  void AddInput(int region, std::string id, CivilDay dated, int submission = -1);
  std::vector<std::string> PickInputs(int region, CivilDay by, int want,
                                      std::vector<std::string> chosen);
  void AssignWave();

  // Bootstrap commands (each emits exactly one command).
  void AddOrganisation(int region, v1::OrganisationKind kind, std::string id, std::string name,
                       bool structural, const std::string& parent = "");
  void AddPerson(int region);
  void AddBody(int region, size_t kind_index, bool default_convener);
  void AddSeatTo(int body, v1::PostKind post);

  // Steady-state builders: true when a command was emitted.
  void RegisterNgoIn(int region);
  bool RegisterNgo();
  bool RenameOrganisation();
  bool MergeOrganisation();
  bool DissolveOrganisation();
  bool RecordSuccession();
  bool RegisterPerson();
  bool ErasePerson();
  bool EstablishBody();
  bool ChangeConvener();
  bool AmendMandate();
  bool DissolveBody();
  bool ContinueBody();
  bool AddSeat();
  bool RemoveSeat();
  bool OpenCall();
  bool CloseCall();
  bool ApplyForMembership();
  bool NominateMember();
  bool AppointMember();
  bool EndMembership(int how);
  bool Resign() { return EndMembership(0); }
  bool Dismiss() { return EndMembership(1); }
  bool EndTerm() { return EndMembership(2); }
  bool RecordMeeting();
  bool ApproveMinutes();
  bool OpenConsultation();
  bool ExtendDeadline();
  bool CloseConsultation();
  bool PublishSummary();
  bool ReceiveSubmission();
  bool WithdrawSubmission();
  bool MakeProposal();
  bool RecordDecision();
  bool ReviseAssessment();
  bool SendFeedback();
  bool AppealDecision();
  bool AnnulDecision();
  bool CorrectDecision();
  bool OpenProgramme();
  bool ApplyForGrant();
  bool DecideGrant(bool award);
  bool AwardGrant() { return DecideGrant(true); }
  bool RejectGrant() { return DecideGrant(false); }
  bool PayGrant();
  bool ExtendUsage();
  bool SubmitReport();
  bool AcceptReport();
  bool ReturnOrReclaim(bool reclaim);
  bool ReturnUnused() { return ReturnOrReclaim(false); }
  bool ReclaimGrant() { return ReturnOrReclaim(true); }
  bool CorrectOrRetract();

  // Constant after construction.
  const WorkloadOptions options_;
  const int64_t span_days_;
  std::vector<std::pair<Builder, int>> builders_;
  int total_weight_ = 0;

  Rng rng_;
  size_t yielded_ = 0;
  uint64_t ids_ = 0;
  CivilDay today_;
  v1::Command cmd_;
  std::vector<std::function<void()>> bootstrap_;
  size_t bootstrap_done_ = 0;
  size_t corrections_ = 0;
  size_t erasures_ = 0;

  std::vector<Region> regions_;
  std::vector<Org> orgs_;
  std::vector<Person> persons_;
  std::vector<Body> bodies_;
  std::vector<Call> calls_;
  std::vector<int> live_calls_;
  std::vector<Meeting> meetings_;
  std::vector<int> unapproved_;
  std::vector<Consultation> consultations_;
  std::vector<int> live_consultations_;
  std::vector<Submission> submissions_;
  std::vector<Decision> decisions_;
  std::vector<Programme> programmes_;
  std::vector<int> live_programmes_;
  std::vector<Grant> grants_;
  std::vector<int> live_grants_;
  std::vector<Correctable> correctables_;
  int national_funder_ = -1;
  int national_umbrella_ = -1;

  // The current wave and what its commands read and write.
  uint64_t wave_ = 0;
  size_t wave_size_ = 0;
  std::unordered_set<std::string> wave_reads_;
  std::unordered_set<std::string> wave_writes_;
  std::vector<std::string> extra_reads_;  // reads a command's fields do not show
};

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

// ------------------------------------------------------------------- helpers

CivilDay Workload::World::DayOf(size_t n) const {
  if (options_.commands <= 1) return options_.first_day;
  int64_t offset = static_cast<int64_t>(n) * span_days_ / static_cast<int64_t>(options_.commands - 1);
  return options_.first_day + offset;
}

v1::LocalizedText Workload::World::Text(int region, const std::string& fi, const std::string& sv) {
  v1::LocalizedText text = Fi(fi);
  if (region >= 0 && regions_[region].swedish && !sv.empty()) {
    text.set_sv(sv);
    text.set_authoritative(v1::LANGUAGE_SV);
  }
  return text;
}

std::string Workload::World::Sha256Hex() {
  return absl::StrFormat("%016x%016x%016x%016x", rng_.Next(), rng_.Next(), rng_.Next(), rng_.Next());
}

int Workload::World::ActiveNgo(int region) {
  const std::vector<int>& ngos = regions_[region].ngos;
  return ngos.empty() ? -1 : rng_.Pick(ngos);
}

int Workload::World::LivePerson(int region) {
  const std::vector<int>& persons = regions_[region].persons;
  return persons.empty() ? -1 : rng_.Pick(persons);
}

int Workload::World::OpenBody(int region) {
  const std::vector<int>& bodies = regions_[region].bodies;
  return bodies.empty() ? -1 : rng_.Pick(bodies);
}

// An open body whose stream may still grow (a long one waits for its
// dissolution), or -1.
int Workload::World::WritableBody(int region) {
  int b = OpenBody(region);
  return b >= 0 && bodies_[b].events < kBodyEventsBeforeDissolution ? b : -1;
}

int Workload::World::SeatOf(const Body& body, int person) const {
  for (size_t i = 0; i < body.seats.size(); ++i) {
    if (body.seats[i].holder == person) return static_cast<int>(i);
  }
  return -1;
}

std::optional<std::string> Workload::World::RegionDecision(int region) {
  const std::vector<int>& ring = regions_[region].decisions;
  if (ring.empty()) return std::nullopt;
  return decisions_[rng_.Pick(ring)].id;
}

void Workload::World::Remember(const std::string& stream, v1::Event event, bool retractable,
                               int body) {
  Correctable c{stream, domain::CommandHandler::DeriveEventId(cmd_.request_id(), 0).ToString(),
                std::move(event), retractable, body};
  if (correctables_.size() < kMaxCorrectables) {
    correctables_.push_back(std::move(c));
  } else {
    correctables_[rng_.Below(correctables_.size())] = std::move(c);
  }
}

void Workload::World::AddInput(int region, std::string id, CivilDay dated, int submission) {
  Region& r = regions_[region];
  PushRing(r.inputs, r.next_input, InputRef{std::move(id), dated, submission}, kInputRing);
}

std::vector<std::string> Workload::World::PickInputs(int region, CivilDay by, int want,
                                                     std::vector<std::string> chosen) {
  const std::vector<InputRef>& ring = regions_[region].inputs;
  size_t target = chosen.size() + static_cast<size_t>(want);
  for (int tries = 0; tries < want * 4 && !ring.empty() && chosen.size() < target; ++tries) {
    const InputRef& input = rng_.Pick(ring);
    if (input.dated > by) continue;
    if (input.submission >= 0 && submissions_[input.submission].withdrawn) continue;
    if (std::find(chosen.begin(), chosen.end(), input.id) != chosen.end()) continue;
    chosen.push_back(input.id);
  }
  return chosen;
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

// ----------------------------------------------------------- organisations

namespace {

// A valid business id (Y-tunnus) from a counter: distinct for distinct
// counters below 10^7, skipping bases whose weighted sum leaves remainder 1.
std::string BusinessId(uint64_t& counter) {
  static constexpr int kWeights[7] = {7, 9, 10, 5, 8, 4, 2};
  while (true) {
    uint64_t base = (++counter * 7919 + 1000003) % 10000000;
    std::string digits = absl::StrFormat("%07d", base);
    int sum = 0;
    for (int i = 0; i < 7; ++i) sum += kWeights[i] * (digits[i] - '0');
    int remainder = sum % 11;
    if (remainder == 1) continue;
    return absl::StrCat(digits, "-", remainder == 0 ? 0 : 11 - remainder);
  }
}

std::string RegisterNumber(uint64_t counter, bool dotted) {
  uint64_t number = 100000 + (counter * 7919) % 900000;
  if (!dotted) return absl::StrCat(number);
  return absl::StrFormat("%d.%03d", number / 1000, number % 1000);
}

}  // namespace

void Workload::World::AddOrganisation(int region, v1::OrganisationKind kind, std::string id,
                                      std::string name, bool structural,
                                      const std::string& parent) {
  Org org;
  org.id = std::move(id);
  org.region = region;
  org.structural = structural;
  org.founded = today_ - rng_.Between(400, 60 * 365);
  v1::RegisterOrganisation* c = cmd_.mutable_register_organisation();
  c->set_organisation_id(org.id);
  c->set_kind(kind);
  bool swedish = region >= 0 && regions_[region].swedish && absl::StrContains(name, " rf");
  if (swedish) {
    c->mutable_name()->set_sv(name);
    c->mutable_name()->set_authoritative(v1::LANGUAGE_SV);
  } else {
    *c->mutable_name() = Fi(name);
  }
  if (kind != v1::ORGANISATION_KIND_PREPARATION_PROJECT && kind != v1::ORGANISATION_KIND_NETWORK &&
      (kind != v1::ORGANISATION_KIND_ASSOCIATION || rng_.Percent(70))) {
    v1::OrganisationIdentifier* business = c->add_identifiers();
    business->set_scheme(v1::IDENTIFIER_SCHEME_BUSINESS_ID);
    business->set_value(BusinessId(ids_));
  }
  if (kind == v1::ORGANISATION_KIND_ASSOCIATION &&
      (c->identifiers().empty() || rng_.Percent(60))) {
    v1::OrganisationIdentifier* number = c->add_identifiers();
    number->set_scheme(v1::IDENTIFIER_SCHEME_ASSOCIATION_REGISTER_NUMBER);
    number->set_value(RegisterNumber(++ids_, rng_.Percent(50)));
  }
  *c->mutable_founded_on() = ToDate(org.founded);
  if (!parent.empty()) c->set_parent_organisation_id(parent);
  int index = static_cast<int>(orgs_.size());
  orgs_.push_back(std::move(org));
  if (region >= 0) {
    regions_[region].orgs.push_back(index);
    if (!structural) regions_[region].ngos.push_back(index);
  }
}

void Workload::World::RegisterNgoIn(int region) {
  bool swedish = regions_[region].swedish && rng_.Percent(60);
  bool foundation = rng_.Percent(12);
  std::string name;
  if (swedish) {
    name = absl::StrCat(Town(region), " ", rng_.Pick(kThemesSv), foundation ? " sr" : " rf");
  } else {
    name = absl::StrCat(rng_.Pick(kThemesFi), " ", Town(region), foundation ? " sr" : " ry");
  }
  std::string parent;
  if (national_umbrella_ >= 0 && rng_.Percent(10)) parent = orgs_[national_umbrella_].id;
  AddOrganisation(region,
                  foundation ? v1::ORGANISATION_KIND_FOUNDATION : v1::ORGANISATION_KIND_ASSOCIATION,
                  absl::StrCat("org-r", region, "-ngo-", ++ids_), name, false, parent);
}

bool Workload::World::RegisterNgo() {
  RegisterNgoIn(RandomRegion());
  return true;
}

bool Workload::World::RenameOrganisation() {
  int r = RandomRegion();
  int o = rng_.Percent(10) ? regions_[r].network : ActiveNgo(r);
  if (o < 0) return false;
  v1::RenameOrganisation* c = cmd_.mutable_rename_organisation();
  c->set_organisation_id(orgs_[o].id);
  *c->mutable_name() = Fi(absl::StrCat(rng_.Pick(kThemesFi), " ", Town(r), " ry"));
  *c->mutable_effective_on() = ToDate(today_);
  v1::Event event;
  v1::OrganisationRenamed* e = event.mutable_organisation_renamed();
  e->set_organisation_id(c->organisation_id());
  *e->mutable_name() = c->name();
  *e->mutable_effective_on() = c->effective_on();
  Remember(c->organisation_id(), std::move(event), true);
  return true;
}

bool Workload::World::MergeOrganisation() {
  int r = RandomRegion();
  if (static_cast<int>(regions_[r].ngos.size()) < std::max(4, options_.ngos_per_region / 2)) return false;
  int a = ActiveNgo(r);
  int b = ActiveNgo(r);
  if (a == b) return false;
  v1::MergeOrganisation* c = cmd_.mutable_merge_organisation();
  c->set_organisation_id(orgs_[a].id);
  c->set_into_organisation_id(orgs_[b].id);
  *c->mutable_effective_on() = ToDate(today_);
  orgs_[a].active = false;
  EraseValue(regions_[r].ngos, a);
  regions_[r].ended.push_back(a);
  return true;
}

bool Workload::World::DissolveOrganisation() {
  int r = RandomRegion();
  if (static_cast<int>(regions_[r].ngos.size()) < std::max(4, options_.ngos_per_region / 2)) return false;
  int a = ActiveNgo(r);
  v1::DissolveOrganisation* c = cmd_.mutable_dissolve_organisation();
  c->set_organisation_id(orgs_[a].id);
  *c->mutable_effective_on() = ToDate(today_);
  if (rng_.Percent(50)) *c->mutable_reason() = Fi("Yhdistys purkautui yhdistyksen kokouksen päätöksellä.");
  orgs_[a].active = false;
  EraseValue(regions_[r].ngos, a);
  regions_[r].ended.push_back(a);
  return true;
}

bool Workload::World::RecordSuccession() {
  int r = RandomRegion();
  if (regions_[r].ended.empty()) return false;
  int predecessor = rng_.Pick(regions_[r].ended);
  int successor = ActiveNgo(r);
  if (successor < 0) return false;
  v1::RecordSuccession* c = cmd_.mutable_record_succession();
  c->set_organisation_id(orgs_[predecessor].id);
  c->set_successor_organisation_id(orgs_[successor].id);
  *c->mutable_effective_on() = ToDate(today_);
  if (rng_.Percent(50)) *c->mutable_note() = Fi("Toiminta ja jäsenet siirtyivät seuraajalle.");
  EraseValue(regions_[r].ended, predecessor);
  return true;
}

// ------------------------------------------------------------------ persons

void Workload::World::AddPerson(int region) {
  Person person;
  person.id = NextId("person");
  person.region = region;
  const std::string& first = rng_.Pick(kFirstNames);
  const std::string& last = rng_.Pick(kLastNames);
  v1::RegisterPerson* c = cmd_.mutable_register_person();
  c->set_person_id(person.id);
  c->mutable_personal_data()->set_full_name(absl::StrCat(first, " ", last));
  if (rng_.Percent(70)) {
    c->mutable_personal_data()->set_email(absl::StrCat(first, ".", last, ids_, "@example.fi"));
  }
  if (rng_.Percent(40)) {
    c->mutable_personal_data()->set_phone(absl::StrFormat("+358 40 %03d %04d", rng_.Below(1000),
                                                          rng_.Below(10000)));
  }
  regions_[region].persons.push_back(static_cast<int>(persons_.size()));
  persons_.push_back(std::move(person));
}

bool Workload::World::RegisterPerson() {
  AddPerson(RandomRegion());
  return true;
}

bool Workload::World::ErasePerson() {
  int r = RandomRegion();
  if (regions_[r].persons.size() < 8) return false;
  int p = LivePerson(r);
  v1::ErasePerson* c = cmd_.mutable_erase_person();
  c->set_person_id(persons_[p].id);
  c->set_legal_basis(absl::StrCat("GDPR art. 17, pyyntö ", ids_));
  persons_[p].erased = true;
  EraseValue(regions_[r].persons, p);
  return true;
}

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

// ------------------------------------------------------ proposals, decisions

namespace {

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

// ------------------------------------------------------------------- grants

bool Workload::World::OpenProgramme() {
  int r = RandomRegion();
  bool national = rng_.Percent(40);
  Programme programme;
  programme.id = NextId("programme");
  programme.region = national ? -1 : r;
  programme.opens = today_;
  programme.deadline = today_ + rng_.Between(30, 90);
  programme.budget = static_cast<int64_t>(rng_.Between(50, 2000)) * 1000 * 100;
  v1::OpenGrantProgramme* c = cmd_.mutable_open_grant_programme();
  c->set_programme_id(programme.id);
  c->set_funder_organisation_id(orgs_[national ? national_funder_ : regions_[r].county].id);
  *c->mutable_title() = Fi(absl::StrCat("Järjestöavustukset ", today_.year()));
  c->set_budget_cents(programme.budget);
  *c->mutable_rules() = Fi("Avustus myönnetään yleishyödylliseen sosiaali- ja terveysalan toimintaan.");
  *c->mutable_opens_on() = ToDate(programme.opens);
  *c->mutable_application_deadline() = ToDate(programme.deadline);
  live_programmes_.push_back(static_cast<int>(programmes_.size()));
  programmes_.push_back(std::move(programme));
  return true;
}

bool Workload::World::ApplyForGrant() {
  // Programmes past their deadline take no more applications.
  live_programmes_.erase(std::remove_if(live_programmes_.begin(), live_programmes_.end(),
                                        [&](int p) { return programmes_[p].deadline < today_; }),
                         live_programmes_.end());
  if (live_programmes_.empty()) return false;
  const Programme& programme = programmes_[rng_.Pick(live_programmes_)];
  int region = programme.region >= 0 ? programme.region : RandomRegion();
  int applicant = ActiveNgo(region);
  if (applicant < 0) return false;
  Grant grant;
  grant.id = NextId("grant");
  grant.applied = today_;
  grant.region = region;
  grant.applied_cents = std::min<int64_t>(programme.budget, static_cast<int64_t>(rng_.Between(5, 200)) * 1000 * 100);
  v1::ApplyForGrant* c = cmd_.mutable_apply_for_grant();
  c->set_grant_id(grant.id);
  c->set_programme_id(programme.id);
  c->set_applicant_organisation_id(orgs_[applicant].id);
  c->set_amount_applied_cents(grant.applied_cents);
  *c->mutable_purpose() = Fi(absl::StrCat("Vertaistukitoiminta: ", rng_.Pick(kThemesFi)));
  *c->mutable_applied_on() = ToDate(today_);
  live_grants_.push_back(static_cast<int>(grants_.size()));
  grants_.push_back(std::move(grant));
  return true;
}


bool Workload::World::DecideGrant(bool award) {
  int g = Scan(rng_, live_grants_, [&](int i) { return grants_[i].stage == Grant::Stage::kApplied; });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  std::optional<std::string> decision;
  if (rng_.Percent(40)) decision = RegionDecision(grant.region);
  if (award) {
    grant.award = std::max<int64_t>(1, grant.applied_cents * rng_.Between(60, 100) / 100);
    grant.usage_end = today_ + 365;
    v1::AwardGrant* c = cmd_.mutable_award_grant();
    c->set_grant_id(grant.id);
    c->set_amount_cents(grant.award);
    if (rng_.Percent(30)) *c->mutable_conditions() = Fi("Käyttö raportoidaan vuosittain.");
    if (decision.has_value()) c->set_decision_id(*decision);
    *c->mutable_awarded_on() = ToDate(today_);
    *c->mutable_usage_period()->mutable_start() = ToDate(today_);
    *c->mutable_usage_period()->mutable_end() = ToDate(grant.usage_end);
    grant.stage = Grant::Stage::kAwarded;
    ++grant.events;
  } else {
    v1::RejectGrant* c = cmd_.mutable_reject_grant();
    c->set_grant_id(grant.id);
    if (decision.has_value()) c->set_decision_id(*decision);
    *c->mutable_rejected_on() = ToDate(today_);
    if (rng_.Percent(60)) *c->mutable_reason() = Fi("Määräraha ei riitä kaikkiin hakemuksiin.");
    EraseValue(live_grants_, g);
  }
  return true;
}

bool Workload::World::PayGrant() {
  int g = Scan(rng_, live_grants_, [&](int i) {
    return grants_[i].stage == Grant::Stage::kAwarded && grants_[i].paid < grants_[i].award;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  int64_t remaining = grant.award - grant.paid;
  int64_t amount = grant.instalments == 0 ? grant.award * rng_.Between(40, 70) / 100
                   : rng_.Percent(30)     ? remaining / 2
                                          : remaining;
  amount = std::clamp<int64_t>(amount, 1, remaining);
  v1::PayGrant* c = cmd_.mutable_pay_grant();
  c->set_grant_id(grant.id);
  c->set_amount_cents(amount);
  *c->mutable_paid_on() = ToDate(today_);
  grant.paid += amount;
  ++grant.instalments;
  ++grant.events;
  return true;
}

bool Workload::World::ExtendUsage() {
  int g = Scan(rng_, live_grants_, [&](int i) {
    return grants_[i].stage == Grant::Stage::kAwarded && grants_[i].extensions < 2;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  grant.usage_end += rng_.Between(90, 180);
  ++grant.extensions;
  v1::ExtendGrantUsagePeriod* c = cmd_.mutable_extend_grant_usage_period();
  c->set_grant_id(grant.id);
  *c->mutable_usage_ends_on() = ToDate(grant.usage_end);
  if (rng_.Percent(30)) {
    if (std::optional<std::string> decision = RegionDecision(grant.region)) c->set_decision_id(*decision);
  }
  ++grant.events;
  return true;
}

bool Workload::World::SubmitReport() {
  int g = Scan(rng_, live_grants_, [&](int i) {
    const Grant& x = grants_[i];
    return x.stage == Grant::Stage::kAwarded && x.paid > 0 && !x.report_submitted;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  grant.used = grant.paid * rng_.Between(70, 100) / 100;
  v1::SubmitGrantReport* c = cmd_.mutable_submit_grant_report();
  c->set_grant_id(grant.id);
  *c->mutable_submitted_on() = ToDate(today_);
  c->set_used_cents(grant.used);
  if (rng_.Percent(80)) {
    c->mutable_report()->set_uri(absl::StrCat("https://example.fi/selvitykset/", grant.id, ".pdf"));
    c->mutable_report()->set_sha256(Sha256Hex());
  }
  grant.report_submitted = true;
  grant.report_day = today_;
  ++grant.events;
  return true;
}

bool Workload::World::AcceptReport() {
  int g = Scan(rng_, live_grants_, [&](int i) {
    return grants_[i].report_submitted && !grants_[i].report_accepted;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  v1::AcceptGrantReport* c = cmd_.mutable_accept_grant_report();
  c->set_grant_id(grant.id);
  *c->mutable_accepted_on() = ToDate(today_);
  grant.report_accepted = true;
  ++grant.events;
  // Half of the grants end here; the others still return or are reclaimed.
  if (rng_.Percent(50)) EraseValue(live_grants_, g);
  return true;
}

bool Workload::World::ReturnOrReclaim(bool reclaim) {
  int g = Scan(rng_, live_grants_, [&](int i) {
    return grants_[i].stage == Grant::Stage::kAwarded && grants_[i].paid > grants_[i].settled;
  });
  if (g < 0) return false;
  Grant& grant = grants_[g];
  int64_t outstanding = grant.paid - grant.settled;
  int64_t amount = reclaim ? outstanding * rng_.Between(10, 100) / 100
                   : grant.report_submitted ? grant.paid - grant.used
                                            : outstanding * rng_.Between(10, 50) / 100;
  amount = std::clamp<int64_t>(amount, 1, outstanding);
  if (reclaim) {
    v1::ReclaimGrant* c = cmd_.mutable_reclaim_grant();
    c->set_grant_id(grant.id);
    c->set_amount_cents(amount);
    if (rng_.Percent(50)) {
      if (std::optional<std::string> decision = RegionDecision(grant.region)) c->set_decision_id(*decision);
    }
    *c->mutable_reclaimed_on() = ToDate(today_);
    *c->mutable_reason() = Fi("Avustusta ei käytetty myönnettyyn tarkoitukseen.");
  } else {
    v1::ReturnUnusedGrant* c = cmd_.mutable_return_unused_grant();
    c->set_grant_id(grant.id);
    c->set_amount_cents(amount);
    *c->mutable_returned_on() = ToDate(today_);
  }
  grant.settled += amount;
  if (++grant.events >= 12 || grant.report_accepted) EraseValue(live_grants_, g);
  return true;
}

// -------------------------------------------------------------- corrections

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

// ------------------------------------------------------------ the interface

Workload::Workload(WorkloadOptions options) : world_(std::make_unique<World>(options)) {}
Workload::~Workload() = default;

std::optional<v1::Command> Workload::Next(uint64_t* wave) { return world_->Next(wave); }

size_t Workload::yielded() const { return world_->yielded(); }

namespace {

absl::Status Rejected(const absl::Status& status, v1::Command command) {
  if (command.has_register_person()) command.mutable_register_person()->clear_personal_data();
  std::string text;
  google::protobuf::TextFormat::PrintToString(command, &text);
  return absl::Status(status.code(), absl::StrCat(status.message(), "\ncommand: ", text));
}

}  // namespace

absl::StatusOr<WorkloadRun> RunWorkload(domain::CommandHandler& handler, Workload& workload,
                                        int threads) {
  WorkloadRun run;
  if (threads <= 1) {
    while (std::optional<v1::Command> command = workload.Next()) {
      absl::StatusOr<domain::CommandResult> result = handler.Execute(*command, "workload");
      if (!result.ok()) return Rejected(result.status(), *std::move(command));
      ++run.commands;
      run.events += result->events.size();
    }
    return run;
  }
  // Workers take commands one at a time under `mu`; a command of a new wave
  // is taken only when nothing of the current wave is still running.
  std::mutex mu;
  std::condition_variable changed;
  std::optional<v1::Command> pending;
  uint64_t pending_wave = 0;
  uint64_t current_wave = 0;
  bool exhausted = false;
  int running = 0;
  absl::Status failure;
  auto worker = [&] {
    std::unique_lock<std::mutex> lock(mu);
    while (failure.ok()) {
      if (!pending.has_value() && !exhausted) {
        pending = workload.Next(&pending_wave);
        exhausted = !pending.has_value();
      }
      if (!pending.has_value()) return;
      if (pending_wave != current_wave) {
        if (running > 0) {
          changed.wait(lock);
          continue;
        }
        current_wave = pending_wave;
      }
      v1::Command command = *std::move(pending);
      pending.reset();
      ++running;
      lock.unlock();
      absl::StatusOr<domain::CommandResult> result = handler.Execute(command, "workload");
      lock.lock();
      --running;
      if (result.ok()) {
        ++run.commands;
        run.events += result->events.size();
      } else if (failure.ok()) {
        failure = Rejected(result.status(), std::move(command));
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) workers.emplace_back(worker);
  for (std::thread& t : workers) t.join();
  if (!failure.ok()) return failure;
  return run;
}

}  // namespace kumppani::testing
