// The workload generator's model of its synthetic world (internal to the
// tests/testing/workload*.cc files; the public API is workload.h):
// Workload::World keeps what it has built (organisations, persons, bodies,
// calls, meetings, consultations, submissions, decisions, programmes,
// grants and correctable events) and emits one command per Next().
//
// Its members are defined by area:
//   workload.cc                 construction, the bootstrap, the weighted
//                               choice of builders and the wave numbers
//   workload_world.cc           queries and bookkeeping shared by builders
//   workload_organisations.cc   organisations and persons
//   workload_bodies.cc          bodies, seats, calls, memberships, meetings
//   workload_participation.cc   consultations, submissions, proposals,
//                               decisions
//   workload_grants.cc          grant programmes and grants
//   workload_corrections.cc     corrections and retractions
// Each builder checks in the model that its command will be accepted before
// it emits anything. Every random choice draws on rng_ in a fixed order: the
// same seed yields the same commands byte for byte, so a change that moves
// or reorders draws changes every workload after it.
#ifndef KUMPPANI_TESTS_TESTING_WORKLOAD_WORLD_H_
#define KUMPPANI_TESTS_TESTING_WORKLOAD_WORLD_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "kumppani/v1/commands.pb.h"
#include "kumppani/v1/events.pb.h"
#include "tests/testing/workload.h"
#include "tests/testing/workload_common.h"
#include "tests/testing/workload_rng.h"

namespace kumppani::testing {

class Workload::World {
 public:
  explicit World(WorkloadOptions options);
  std::optional<v1::Command> Next(uint64_t* wave);
  size_t yielded() const { return yielded_; }

 private:
  using CivilDay = absl::CivilDay;

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
  std::string Town(int region) { return workload_internal::kTowns[region % 8][rng_.Below(4)]; }
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

  // Steady-state builders: true when a command was emitted. They are defined
  // in one file per area (see the file comment).
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

  workload_internal::Rng rng_;
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

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_TESTING_WORKLOAD_WORLD_H_
