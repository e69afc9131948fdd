// The state of every aggregate, as a pure fold over its stream's (effective)
// events: `S state; for (event : events) state.Apply(event);`. Apply trusts
// its input (events were validated when they were made) and ignores event
// types that belong to other aggregates.
//
// Value types; not thread-safe to mutate concurrently.
#ifndef KUMPPANI_LEDGER_DOMAIN_STATES_H_
#define KUMPPANI_LEDGER_DOMAIN_STATES_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kumppani/v1/events.pb.h"

namespace kumppani::domain {

template <typename State>
State Fold(const std::vector<v1::Event>& events) {
  State state;
  for (const v1::Event& event : events) state.Apply(event);
  return state;
}

struct OrganisationState {
  enum class Status { kActive, kMerged, kDissolved };
  bool exists = false;
  v1::OrganisationRegistered registered;
  v1::LocalizedText name;
  Status status = Status::kActive;
  v1::Date ended_on;
  std::string merged_into;
  std::string successor;
  v1::Date succeeded_on;

  bool active() const { return exists && status == Status::kActive; }
  // "active", "dissolved on 2020-01-01" or "merged into org-x on 2020-01-01".
  std::string Describe() const;
  void Apply(const v1::Event& event);
};

struct PersonState {
  bool exists = false;
  bool erased = false;
  std::string encrypted_personal_data;
  void Apply(const v1::Event& event);
};

struct Seat {
  v1::PostKind post = v1::POST_KIND_UNSPECIFIED;
  std::string deputy_of_seat_id;
  v1::LocalizedText theme;
};

struct Membership {
  v1::MemberAppointed appointed;
  bool active = true;
  v1::Date ended_on;
  // How it ended: "resigned", "dismissed" or "term ended"; empty while active.
  std::string ended_by;
};

struct BodyState {
  bool exists = false;
  v1::BodyEstablished established;
  std::string convener_organisation_id;
  v1::LocalizedText mandate;
  bool dissolved = false;
  v1::Date dissolved_on;
  std::map<std::string, Seat> seats;  // current seats; removed ones are gone
  std::map<std::string, Membership> memberships;

  // The active membership holding `seat_id`, or nullptr when vacant.
  const Membership* HolderOf(const std::string& seat_id) const;
  // The active membership of `person_id` in this body, or nullptr.
  const Membership* ActiveMembershipOf(const std::string& person_id) const;
  void Apply(const v1::Event& event);
};

struct CallState {
  bool exists = false;
  v1::MembershipCallOpened opened;
  bool closed = false;
  v1::Date closed_on;
  // Application and nomination ids -> the person applying or nominated.
  std::map<std::string, std::string> entries;
  void Apply(const v1::Event& event);
};

struct MeetingState {
  bool exists = false;
  v1::MeetingHeld held;
  bool minutes_approved = false;
  v1::Date minutes_approved_on;
  void Apply(const v1::Event& event);
};

struct ConsultationState {
  bool exists = false;
  v1::ConsultationOpened opened;
  v1::Date deadline;  // current, after extensions
  bool closed = false;
  v1::Date closed_on;
  bool summary_published = false;
  void Apply(const v1::Event& event);
};

struct SubmissionState {
  bool exists = false;
  v1::SubmissionReceived received;
  bool withdrawn = false;
  void Apply(const v1::Event& event);
};

struct ProposalState {
  bool exists = false;
  v1::ProposalMade made;
  void Apply(const v1::Event& event);
};

struct DecisionState {
  bool exists = false;
  v1::DecisionRecorded recorded;
  // Current assessment per input id, after revisions.
  std::map<std::string, v1::ConsideredInput> inputs;
  bool annulled = false;
  v1::Date annulled_on;
  int appeals = 0;
  void Apply(const v1::Event& event);
};

struct ProgrammeState {
  bool exists = false;
  v1::GrantProgrammeOpened opened;
  void Apply(const v1::Event& event);
};

struct GrantState {
  enum class Stage { kApplied, kAwarded, kRejected };
  bool exists = false;
  v1::GrantApplied applied;
  Stage stage = Stage::kApplied;
  v1::GrantAwarded awarded;
  v1::Date decided_on;
  v1::Date usage_ends_on;
  int64_t paid_cents = 0;
  int64_t returned_cents = 0;
  int64_t reclaimed_cents = 0;
  int32_t instalments = 0;
  bool report_submitted = false;
  v1::Date report_submitted_on;
  bool report_accepted = false;

  // Paid less returned and reclaimed: what the grantee still holds.
  int64_t outstanding_cents() const { return paid_cents - returned_cents - reclaimed_cents; }
  void Apply(const v1::Event& event);
};

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_STATES_H_
