// Command execution: load, decide, seal, append with the expected version,
// retry on conflicts, and the key-vault steps of registration and erasure.
#include "ledger/domain/command_handler.h"


#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/command_dispatch.h"
#include "ledger/common/sha256.h"
#include "ledger/domain/event_codec.h"
#include "ledger/domain/personal_data_cipher.h"
#include "ledger/domain/references.h"
#include "ledger/domain/stream_reader.h"
#include "ledger/domain/validation.h"
#include "ledger/store/append_validation.h"
#include "ledger/store/canonical_bytes.h"

namespace kumppani::domain {
namespace {

constexpr size_t kMaxRequestIdBytes = 128;

std::string Sha256Bytes(absl::string_view data) {
  return std::string(HashBytes(kumppani::Sha256(std::string_view(data.data(), data.size()))));
}

// 16 bytes of `digest` as an RFC 9562 version 8 UUID.
EventId UuidFromDigest(const std::string& digest) {
  std::string bytes = digest.substr(0, EventId::kSize);
  bytes[6] = static_cast<char>((static_cast<uint8_t>(bytes[6]) & 0x0F) | 0x80);
  bytes[8] = static_cast<char>((static_cast<uint8_t>(bytes[8]) & 0x3F) | 0x80);
  return *EventId::FromBytes(bytes, "derived id");
}


// The correlation id: a fingerprint of the request id and the command's
// content (personal data and the note left out).
std::string CorrelationId(const v1::Command& command) {
  if (command.request_id().empty()) return std::string(EventId::Random().bytes());
  v1::Command copy = command;
  copy.clear_note();
  if (copy.has_register_person()) copy.mutable_register_person()->clear_personal_data();
  return std::string(
      UuidFromDigest(Sha256Bytes(
          absl::StrCat("kumppani.correlation.v1", store::DeterministicBytes(copy))))
          .bytes());
}

// The person's key: the existing one (left by an earlier attempt) or a new one.
absl::StatusOr<std::string> KeyForNewPerson(store::KeyVault& vault, const std::string& person_id) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    KUMPPANI_ASSIGN_OR_RETURN(store::KeyLookup lookup, vault.GetKey(person_id));
    if (lookup.state == store::KeyState::kPresent) return lookup.key;
    if (lookup.state == store::KeyState::kDestroyed) {
      return Precondition(absl::StrCat("register_person.person_id: an erased person's id is never "
                                       "reused; the key of \"", person_id, "\" was destroyed"));
    }
    std::string key = NewPersonKey();
    absl::Status put = vault.PutKey(person_id, key);
    if (put.ok()) return key;
    if (put.code() != absl::StatusCode::kAlreadyExists) return put;
    // Another attempt stored a key first; use that one.
  }
  return absl::AbortedError(
      absl::StrCat("register_person.person_id: the key of \"", person_id, "\" kept changing"));
}

absl::Status DestroyPersonKey(store::KeyVault& vault, const std::string& person_id) {
  absl::Status destroyed = vault.DestroyKey(person_id);
  if (destroyed.code() == absl::StatusCode::kNotFound) return absl::OkStatus();
  return destroyed;
}

}  // namespace

CommandHandler::CommandHandler(store::EventStore& store, const Clock& clock,
                               CommandHandlerOptions options)
    : store_(store), clock_(clock), options_(options) {}

EventId CommandHandler::DeriveEventId(const std::string& request_id, uint32_t index) {
  std::string input = absl::StrCat("kumppani.event-id.v1", request_id);
  input.push_back('\0');
  for (int shift = 24; shift >= 0; shift -= 8) input.push_back(static_cast<char>(index >> shift));
  return UuidFromDigest(Sha256Bytes(input));
}

absl::StatusOr<std::string> CommandHandler::TargetStream(const v1::Command& command) {
  const google::protobuf::Reflection* reflection = command.GetReflection();
  const google::protobuf::FieldDescriptor* field = reflection->GetOneofFieldDescriptor(
      command, v1::Command::descriptor()->FindOneofByName("command"));
  if (field == nullptr) return Invalid("command", "must be set");
  const google::protobuf::Message& inner = reflection->GetMessage(command, field);
  const google::protobuf::FieldDescriptor* id_field = inner.GetDescriptor()->field(0);
  std::string id = inner.GetReflection()->GetString(inner, id_field);
  std::string field_name = absl::StrCat(field->name(), ".", id_field->name());
  if (id.empty()) return Invalid(field_name, "is required");
  KUMPPANI_RETURN_IF_ERROR(store::ValidateStreamId(id, field_name));
  return id;
}

absl::StatusOr<CommandResult> CommandHandler::Execute(const v1::Command& command,
                                                      const std::string& actor) {
  if (command.request_id().size() > kMaxRequestIdBytes) {
    return Invalid("request_id", absl::StrCat("must be at most ", kMaxRequestIdBytes,
                                              " bytes, got ", command.request_id().size()));
  }
  if (actor.empty()) return Invalid("actor", "is required");
  KUMPPANI_ASSIGN_OR_RETURN(std::string stream_id, TargetStream(command));
  KUMPPANI_RETURN_IF_ERROR(ValidateEnumValues(command, ""));
  absl::Status last;
  for (int attempt = 0; attempt < options_.max_attempts; ++attempt) {
    absl::StatusOr<CommandResult> result = Attempt(command, actor, stream_id);
    if (result.ok() || result.status().code() != absl::StatusCode::kAborted) return result;
    last = result.status();
  }
  return last;
}

absl::StatusOr<CommandResult> CommandHandler::Attempt(const v1::Command& command,
                                                      const std::string& actor,
                                                      const std::string& stream_id) {
  KUMPPANI_ASSIGN_OR_RETURN(LoadedStream target, ReadLoadedStream(store_, stream_id));
  std::string correlation = CorrelationId(command);
  bool erase = command.has_erase_person();

  CommandResult result;
  result.stream_id = stream_id;

  // An exact retry: the command's first event is already in its stream.
  if (!command.request_id().empty()) {
    EventId first = DeriveEventId(command.request_id(), 0);
    for (size_t i = 0; i < target.envelopes.size(); ++i) {
      if (target.envelopes[i].event_id() != first.bytes()) continue;
      if (target.envelopes[i].metadata().correlation_id() != correlation) {
        return absl::AlreadyExistsError(
            absl::StrCat("request_id: \"", command.request_id(),
                         "\" was already used for another command (event ", first.ToString(),
                         " in stream \"", stream_id, "\")"));
      }
      for (size_t j = i; j < target.envelopes.size(); ++j) {
        EventId expected = DeriveEventId(command.request_id(), static_cast<uint32_t>(j - i));
        if (target.envelopes[j].event_id() != expected.bytes()) break;
        if (j == i) result.first_position = Position(target.envelopes[j].position());
        result.last_position = Position(target.envelopes[j].position());
        result.stream_version = StreamVersion(target.envelopes[j].stream_version());
        result.event_ids.push_back(expected);
        result.events.push_back(target.decoded[j]);
      }
      result.replayed = true;
      if (erase) KUMPPANI_RETURN_IF_ERROR(DestroyPersonKey(store_.keys(), stream_id));
      return result;
    }
  }

  References refs([this](const std::string& id) -> absl::StatusOr<std::vector<v1::Event>> {
    KUMPPANI_ASSIGN_OR_RETURN(LoadedStream loaded, ReadLoadedStream(store_, id));
    return std::move(loaded.effective);
  });
  RuleContext ctx;
  ctx.now_micros = clock_.NowMicros();
  absl::StatusOr<Events> events = DecideCommand(command, target, refs, ctx);
  if (!events.ok()) {
    // A person already erased in the log must not keep a key, whatever
    // happened to the erasure that recorded it.
    if (erase && events.status().code() == absl::StatusCode::kFailedPrecondition &&
        Fold<PersonState>(target.effective).erased) {
      KUMPPANI_RETURN_IF_ERROR(DestroyPersonKey(store_.keys(), stream_id));
    }
    return events.status();
  }

  if (command.has_register_person()) {
    KUMPPANI_ASSIGN_OR_RETURN(std::string key, KeyForNewPerson(store_.keys(), stream_id));
    KUMPPANI_ASSIGN_OR_RETURN(
        std::string sealed,
        SealPersonalData(key, stream_id, command.register_person().personal_data()));
    for (v1::Event& event : *events) {
      if (event.has_person_registered()) {
        event.mutable_person_registered()->set_encrypted_personal_data(sealed);
      }
    }
  }

  store::AppendRequest request;
  request.stream_id = stream_id;
  request.expected_version = store::ExpectedVersion::Exact(target.version);
  for (size_t i = 0; i < events->size(); ++i) {
    v1::EventEnvelope envelope = EncodeEvent((*events)[i]);
    EventId id = command.request_id().empty()
                     ? EventId::Random()
                     : DeriveEventId(command.request_id(), static_cast<uint32_t>(i));
    envelope.set_event_id(std::string(id.bytes()));
    envelope.mutable_metadata()->set_actor(actor);
    envelope.mutable_metadata()->set_correlation_id(correlation);
    if (auto effective = EffectiveAt((*events)[i]); effective.has_value()) {
      *envelope.mutable_effective_at() = *effective;
    }
    request.events.push_back(std::move(envelope));
  }
  absl::StatusOr<store::AppendResult> appended = store_.Append(std::move(request));
  if (!appended.ok()) {
    if (appended.status().code() == absl::StatusCode::kAlreadyExists) {
      return absl::AlreadyExistsError(
          absl::StrCat("request_id: \"", command.request_id(),
                       "\" was already used for another command; ", appended.status().message()));
    }
    return appended.status();
  }
  if (erase) KUMPPANI_RETURN_IF_ERROR(DestroyPersonKey(store_.keys(), stream_id));
  result.first_position = appended->first_position;
  result.last_position = appended->last_position;
  result.stream_version = appended->stream_version;
  result.event_ids = appended->event_ids;
  result.events = *std::move(events);
  result.replayed = appended->replayed;
  return result;
}

}  // namespace kumppani::domain
