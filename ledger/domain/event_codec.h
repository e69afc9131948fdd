// Converting between the domain's event union (kumppani.v1.Event) and stored
// envelopes: event_type is the payload message's short name, content_type
// "application/x-protobuf", schema_version 1, payload its serialization.
//
// Thread safety: free functions without shared state.
#ifndef KUMPPANI_LEDGER_DOMAIN_EVENT_CODEC_H_
#define KUMPPANI_LEDGER_DOMAIN_EVENT_CODEC_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "kumppani/v1/envelope.pb.h"
#include "kumppani/v1/events.pb.h"

namespace kumppani::domain {

inline constexpr char kProtobufContentType[] = "application/x-protobuf";
inline constexpr uint32_t kSchemaVersion = 1;

// The payload message inside `event`; nullptr when the union is empty.
const google::protobuf::Message* PayloadOf(const v1::Event& event);

// The event type name, e.g. "OrganisationRegistered"; empty when unset.
std::string EventTypeOf(const v1::Event& event);

// True when `event_type` names a message of the domain's event union.
bool IsDomainEventType(const std::string& event_type);

// Wraps a payload message (e.g. a v1::MeetingHeld) in the union.
// INVALID_ARGUMENT when its type is not a domain event.
absl::StatusOr<v1::Event> WrapPayload(const google::protobuf::Message& payload);

// An envelope carrying `event` (stream_id, event_id, metadata and times are
// left for the caller).
v1::EventEnvelope EncodeEvent(const v1::Event& event);

// Decodes an envelope. FAILED_PRECONDITION when its type or content type is
// not a domain event's; DATA_LOSS when the payload does not parse.
absl::StatusOr<v1::Event> DecodeEvent(const v1::EventEnvelope& envelope);
// As DecodeEvent, into `event` (cleared first; e.g. one on an arena).
absl::Status DecodeEventInto(const v1::EventEnvelope& envelope, v1::Event& event);

// When the event happened in the world, for the envelope's effective_at:
// 00:00 Finnish time of its first Date field (by field number), else of its
// first DateRange's start, else its first Timestamp. Deadline and usage
// period extensions carry future dates and have none. nullopt when none.
std::optional<google::protobuf::Timestamp> EffectiveAt(const v1::Event& event);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_EVENT_CODEC_H_
