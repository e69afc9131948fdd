// The visibility rules of event_visibility.h.
#include "api/event_visibility.h"

#include "api/permissions.h"
#include "kumppani/v1/events.pb.h"

namespace kumppani::api {
namespace {

constexpr std::string_view kPersonStreamPrefix = "person-";
constexpr std::string_view kSubmissionStreamPrefix = "submission-";
constexpr std::string_view kSubmissionReceived = "SubmissionReceived";
constexpr std::string_view kEventCorrected = "EventCorrected";

}  // namespace

bool CanSeeStream(const Principal& principal, std::string_view stream_id) {
  return principal.role != Role::kPublic || !stream_id.starts_with(kPersonStreamPrefix);
}

bool RevealsPrivateParticipation(const store::EventEnvelope& event) {
  if (!std::string_view(event.stream_id()).starts_with(kSubmissionStreamPrefix)) return false;
  v1::SubmissionReceived received;
  if (event.event_type() == kSubmissionReceived) {
    if (!received.ParseFromString(event.payload())) return true;
  } else if (event.event_type() == kEventCorrected) {
    v1::EventCorrected corrected;
    if (!corrected.ParseFromString(event.payload())) return true;
    if (corrected.target_event_type() != kSubmissionReceived) return false;
    if (!corrected.replacement().UnpackTo(&received)) return true;
  } else {
    return false;
  }
  return !received.submitter_person_id().empty();
}

bool CanSeeEvent(const Principal& principal, const store::EventEnvelope& event) {
  if (!CanSeeStream(principal, event.stream_id())) return false;
  return Allows(principal.role, Action::kReadPersonalData) || !RevealsPrivateParticipation(event);
}

}  // namespace kumppani::api
