// Fuzz target: decoding an event envelope (kumppani.v1.EventEnvelope) the
// way the server reads a stored or appended event and a client reads a
// served one: protobuf parsing, the append checks of the store
// (ValidateAppendRequest), the domain's payload decoding (DecodeEvent,
// EffectiveAt) and the canonical bytes the Merkle leaf hashes. Invariants:
// nothing crashes; rejections carry the documented codes and a message; a
// decoded event encodes back to the same event type and payload; the
// canonical bytes are a fixed point (parsing and re-serializing them gives
// them again), so every reader hashes the same leaf.
#include <string>

#include "kumppani/v1/envelope.pb.h"
#include "ledger/audit/proof_verify.h"
#include "ledger/domain/event_codec.h"
#include "ledger/store/append_validation.h"
#include "ledger/store/canonical_bytes.h"
#include "tests/fuzz/fuzz_target.h"

namespace kumppani::fuzz {
namespace {

using absl::StatusCode;

void CheckCanonicalBytes(const v1::EventEnvelope& envelope) {
  std::string canonical = store::CanonicalBytes(envelope);
  v1::EventEnvelope reparsed;
  FuzzCheck(reparsed.ParseFromString(canonical), "canonical bytes do not parse");
  FuzzCheck(store::CanonicalBytes(reparsed) == canonical, "canonical bytes are not a fixed point");
  FuzzCheck(audit::LeafHash(canonical) == audit::LeafHash(store::CanonicalBytes(reparsed)),
            "the leaf hash changed after a round trip");
}

void CheckDecoding(const v1::EventEnvelope& envelope) {
  absl::StatusOr<v1::Event> event = domain::DecodeEvent(envelope);
  CheckRejection(event.status(), {StatusCode::kFailedPrecondition, StatusCode::kDataLoss},
                 "DecodeEvent");
  if (!event.ok()) return;
  FuzzCheck(domain::EventTypeOf(*event) == envelope.event_type(),
            "a decoded event has another type than its envelope");
  FuzzCheck(domain::IsDomainEventType(envelope.event_type()), "a non-domain type decoded");
  v1::EventEnvelope encoded = domain::EncodeEvent(*event);
  absl::StatusOr<v1::Event> again = domain::DecodeEvent(encoded);
  FuzzCheck(again.ok(), "an encoded event does not decode", again.status().ToString());
  FuzzCheck(store::DeterministicBytes(*again) == store::DeterministicBytes(*event),
            "an event changed through encode and decode");
  (void)domain::EffectiveAt(*event);
}

void CheckAppendValidation(const v1::EventEnvelope& envelope) {
  store::StoreOptions options;
  store::AppendRequest request;
  request.stream_id = envelope.stream_id();
  request.events.push_back(envelope);
  absl::Status status = store::ValidateAppendRequest(options, request);
  CheckRejection(status, {StatusCode::kInvalidArgument}, "ValidateAppendRequest");
  if (status.ok()) {
    FuzzCheck(store::ValidateStreamId(request.events[0].stream_id(), "stream_id").ok(),
              "an accepted event has an invalid stream id");
    FuzzCheck(request.events[0].position() == 0, "an accepted event carries a position");
  }
}

}  // namespace
}  // namespace kumppani::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kumppani::v1::EventEnvelope envelope;
  if (!envelope.ParseFromArray(data, static_cast<int>(size))) return 0;
  kumppani::fuzz::CheckCanonicalBytes(envelope);
  kumppani::fuzz::CheckDecoding(envelope);
  kumppani::fuzz::CheckAppendValidation(envelope);
  return 0;
}
