// Reads of the aggregates a command refers to (the body it appoints to, the
// person appointed, the inputs a decision cites), with the standard checks:
// the id's syntax (INVALID_ARGUMENT), existence (NOT_FOUND) and, where asked,
// state (FAILED_PRECONDITION: "<field>: must be <rule>; \"<id>\" is <state>").
//
// A reference check is a read at the time of the command: it is not part of
// the command's atomic append, so a referenced aggregate may change right
// after the check (e.g. a body dissolved a moment after an appointment to it
// was checked). The rules that must hold atomically live inside one
// aggregate (e.g. a seat is filled at most once: seats and memberships share
// the body's stream).
//
// Not thread-safe; make one per command.
#ifndef KUMPPANI_LEDGER_DOMAIN_REFERENCES_H_
#define KUMPPANI_LEDGER_DOMAIN_REFERENCES_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "kumppani/v1/events.pb.h"
#include "ledger/domain/states.h"

namespace kumppani::domain {

// The effective events of a stream; an empty vector when it does not exist.
using StreamSource =
    std::function<absl::StatusOr<std::vector<v1::Event>>(const std::string& stream_id)>;

// Something a proposal or decision may cite as an input.
struct InputState {
  // "submission", "consultation", "proposal", "meeting" or "decision".
  std::string kind;
  // The day the input came to be: a submission's Finnish receipt date, a
  // consultation's opening, a proposal's, meeting's or decision's date.
  v1::Date dated;
};

class References {
 public:
  explicit References(StreamSource source) : source_(std::move(source)) {}

  template <typename State>
  absl::StatusOr<State> Load(const std::string& stream_id) {
    absl::StatusOr<std::vector<v1::Event>> events = source_(stream_id);
    if (!events.ok()) return events.status();
    return Fold<State>(*events);
  }

  // An organisation; when `must_be_active`, not dissolved or merged.
  absl::StatusOr<OrganisationState> Organisation(const std::string& id, absl::string_view field,
                                                 bool must_be_active);
  // A person that is not erased.
  absl::StatusOr<PersonState> Person(const std::string& id, absl::string_view field);
  // A body; when `must_be_open`, not dissolved.
  absl::StatusOr<BodyState> Body(const std::string& id, absl::string_view field,
                                 bool must_be_open);
  // A decision, when `id` is non-empty (an empty optional reference is OK).
  absl::Status OptionalDecision(const std::string& id, absl::string_view field);
  absl::StatusOr<MeetingState> Meeting(const std::string& id, absl::string_view field);
  absl::StatusOr<CallState> Call(const std::string& id, absl::string_view field);
  absl::StatusOr<ConsultationState> Consultation(const std::string& id, absl::string_view field);
  absl::StatusOr<ProgrammeState> Programme(const std::string& id, absl::string_view field);
  // A citable input; a withdrawn submission is FAILED_PRECONDITION.
  absl::StatusOr<InputState> Input(const std::string& id, absl::string_view field);

 private:
  StreamSource source_;
};

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_REFERENCES_H_
