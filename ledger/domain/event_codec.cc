// Event union <-> envelope conversion through protobuf reflection, so that a
// new event type needs only its proto definition.
#include "ledger/domain/event_codec.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/store/canonical_bytes.h"

namespace kumppani::domain {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

const FieldDescriptor* UnionFieldForType(const std::string& type_name) {
  const Descriptor* descriptor = v1::Event::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    if (field->message_type() != nullptr && field->message_type()->name() == type_name) {
      return field;
    }
  }
  return nullptr;
}

const FieldDescriptor* SetUnionField(const v1::Event& event) {
  const Descriptor* descriptor = v1::Event::descriptor();
  return event.GetReflection()->GetOneofFieldDescriptor(event, descriptor->oneof_decl(0));
}

}  // namespace

const Message* PayloadOf(const v1::Event& event) {
  const FieldDescriptor* field = SetUnionField(event);
  if (field == nullptr) return nullptr;
  return &event.GetReflection()->GetMessage(event, field);
}

std::string EventTypeOf(const v1::Event& event) {
  const FieldDescriptor* field = SetUnionField(event);
  return field == nullptr ? std::string() : field->message_type()->name();
}

bool IsDomainEventType(const std::string& event_type) {
  return UnionFieldForType(event_type) != nullptr;
}

absl::StatusOr<v1::Event> WrapPayload(const Message& payload) {
  const FieldDescriptor* field = UnionFieldForType(payload.GetDescriptor()->name());
  if (field == nullptr || field->message_type() != payload.GetDescriptor()) {
    return absl::InvalidArgumentError(
        absl::StrCat("event: ", payload.GetDescriptor()->full_name(), " is not a domain event"));
  }
  v1::Event event;
  event.GetReflection()->MutableMessage(&event, field)->CopyFrom(payload);
  return event;
}

v1::EventEnvelope EncodeEvent(const v1::Event& event) {
  v1::EventEnvelope envelope;
  envelope.set_event_type(EventTypeOf(event));
  envelope.set_content_type(kProtobufContentType);
  envelope.set_schema_version(kSchemaVersion);
  const Message* payload = PayloadOf(event);
  if (payload != nullptr) {
    // Deterministic so that the same event always has the same bytes (and an
    // exact retry is recognised by the store).
    envelope.set_payload(store::DeterministicBytes(*payload));
  }
  return envelope;
}

absl::StatusOr<v1::Event> DecodeEvent(const v1::EventEnvelope& envelope) {
  v1::Event event;
  KUMPPANI_RETURN_IF_ERROR(DecodeEventInto(envelope, event));
  return event;
}

absl::Status DecodeEventInto(const v1::EventEnvelope& envelope, v1::Event& event) {
  event.Clear();
  const FieldDescriptor* field = UnionFieldForType(envelope.event_type());
  if (field == nullptr || envelope.content_type() != kProtobufContentType) {
    return absl::FailedPreconditionError(absl::StrCat(
        "event at position ", envelope.position(), " in stream \"", envelope.stream_id(),
        "\" is not a domain event (type \"", envelope.event_type(), "\", content type \"",
        envelope.content_type(), "\")"));
  }
  Message* payload = event.GetReflection()->MutableMessage(&event, field);
  if (!payload->ParseFromString(envelope.payload())) {
    event.Clear();
    return absl::DataLossError(absl::StrCat("event at position ", envelope.position(), " (",
                                            envelope.event_type(), "): payload does not parse"));
  }
  return absl::OkStatus();
}

std::optional<google::protobuf::Timestamp> EffectiveAt(const v1::Event& event) {
  if (event.has_consultation_deadline_extended() || event.has_grant_usage_period_extended()) {
    return std::nullopt;
  }
  const Message* payload = PayloadOf(event);
  if (payload == nullptr) return std::nullopt;
  const Descriptor* descriptor = payload->GetDescriptor();
  const auto* reflection = payload->GetReflection();
  const v1::Date* range_start = nullptr;
  const google::protobuf::Timestamp* instant = nullptr;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    if (field->is_repeated() || field->message_type() == nullptr ||
        !reflection->HasField(*payload, field)) {
      continue;
    }
    const Message& value = reflection->GetMessage(*payload, field);
    const Descriptor* type = field->message_type();
    if (type == v1::Date::descriptor()) {
      const auto& date = static_cast<const v1::Date&>(value);
      if (IsSet(date)) return HelsinkiStartOfDay(date);
    } else if (type == v1::DateRange::descriptor() && range_start == nullptr) {
      range_start = &static_cast<const v1::DateRange&>(value).start();
    } else if (type == google::protobuf::Timestamp::descriptor() && instant == nullptr) {
      instant = &static_cast<const google::protobuf::Timestamp&>(value);
    }
  }
  if (range_start != nullptr && IsSet(*range_start)) return HelsinkiStartOfDay(*range_start);
  if (instant != nullptr) return *instant;
  return std::nullopt;
}

}  // namespace kumppani::domain
