// Correction and retraction rules.
#include "ledger/domain/correction.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "ledger/common/ids.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/event_codec.h"
#include "ledger/domain/validation.h"
#include "ledger/store/append_validation.h"

namespace kumppani::domain {
namespace {

struct Target {
  size_t index = 0;
  const v1::EventEnvelope* envelope = nullptr;
};

// Finds the target event and checks that it can be superseded.
absl::StatusOr<Target> FindTarget(const LoadedStream& stream, const std::string& stream_id,
                                  const std::string& event_id_text, absl::string_view prefix) {
  std::string sfield = Field(prefix, "stream_id");
  std::string efield = Field(prefix, "target_event_id");
  KUMPPANI_RETURN_IF_ERROR(store::ValidateStreamId(stream_id, sfield));
  KUMPPANI_ASSIGN_OR_RETURN(EventId id, EventId::Parse(event_id_text, efield));
  if (stream.version.IsNoStream()) return NotFound(sfield, "stream", stream_id);
  Target target;
  for (size_t i = 0; i < stream.envelopes.size(); ++i) {
    if (stream.envelopes[i].event_id() == id.bytes()) {
      target.index = i;
      target.envelope = &stream.envelopes[i];
    }
  }
  if (target.envelope == nullptr) {
    return NotFound(efield, absl::StrCat("event in stream \"", stream_id, "\""), event_id_text);
  }
  const v1::Event& event = stream.decoded[target.index];
  if (event.has_event_corrected() || event.has_event_retracted()) {
    return Precondition(absl::StrCat(efield, ": a correction or retraction is not itself corrected; "
                                             "event ", event_id_text, " is ",
                                     target.envelope->event_type()));
  }
  for (const v1::Event& later : stream.decoded) {
    if (later.has_event_retracted() && later.event_retracted().target_event_id() == id.bytes()) {
      return Precondition(absl::StrCat(efield, ": a retracted event cannot be corrected or retracted "
                                               "again; event ", event_id_text, " is retracted"));
    }
  }
  return target;
}

// The value of field number 1 (every event's aggregate id).
std::string AggregateIdOf(const google::protobuf::Message& payload) {
  const google::protobuf::FieldDescriptor* field = payload.GetDescriptor()->FindFieldByNumber(1);
  if (field == nullptr || field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) return "";
  return payload.GetReflection()->GetString(payload, field);
}

}  // namespace

absl::StatusOr<Events> DecideCorrection(const LoadedStream& stream, const v1::CorrectEvent& c,
                                        const RuleContext&) {
  constexpr absl::string_view kP = "correct_event";
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), true));
  if (!c.has_replacement()) return Invalid(Field(kP, "replacement"), "is required");
  absl::StatusOr<v1::Event> replacement = UnpackReplacement(c.replacement());
  if (!replacement.ok()) {
    return Invalid(Field(kP, "replacement"), absl::StrCat("must be a domain event; ",
                                                          replacement.status().message()));
  }
  KUMPPANI_ASSIGN_OR_RETURN(Target target, FindTarget(stream, c.stream_id(), c.target_event_id(), kP));
  std::string type = EventTypeOf(*replacement);
  if (type != target.envelope->event_type()) {
    return Precondition(absl::StrCat(Field(kP, "replacement"),
                                     ": must have the corrected event's type ",
                                     target.envelope->event_type(), ", got ", type));
  }
  std::string original_id = AggregateIdOf(*PayloadOf(stream.decoded[target.index]));
  std::string replacement_id = AggregateIdOf(*PayloadOf(*replacement));
  if (original_id != replacement_id) {
    return Precondition(absl::StrCat(Field(kP, "replacement"),
                                     ": must keep the aggregate id \"", original_id, "\", got \"",
                                     replacement_id, "\""));
  }
  v1::Event event;
  v1::EventCorrected* e = event.mutable_event_corrected();
  e->set_target_event_id(target.envelope->event_id());
  e->set_target_stream_version(target.envelope->stream_version());
  e->set_target_event_type(target.envelope->event_type());
  e->mutable_replacement()->PackFrom(*PayloadOf(*replacement));
  *e->mutable_reason() = c.reason();
  return Events{event};
}

absl::StatusOr<Events> DecideRetraction(const LoadedStream& stream, const v1::RetractEvent& c,
                                        const RuleContext&) {
  constexpr absl::string_view kP = "retract_event";
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), true));
  KUMPPANI_ASSIGN_OR_RETURN(Target target, FindTarget(stream, c.stream_id(), c.target_event_id(), kP));
  if (target.index == 0) {
    return Precondition(absl::StrCat(Field(kP, "target_event_id"),
                                     ": the event that created a stream cannot be retracted (correct "
                                     "it, or record the aggregate's end instead); event ",
                                     c.target_event_id(), " is ", target.envelope->event_type(),
                                     " at version 1"));
  }
  v1::Event event;
  v1::EventRetracted* e = event.mutable_event_retracted();
  e->set_target_event_id(target.envelope->event_id());
  e->set_target_stream_version(target.envelope->stream_version());
  e->set_target_event_type(target.envelope->event_type());
  *e->mutable_reason() = c.reason();
  return Events{event};
}

}  // namespace kumppani::domain
