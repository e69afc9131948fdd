// The canonical bytes of an event: the deterministic protobuf serialization of
// its stored EventEnvelope (which has no hash fields). The Merkle leaf of an
// event is SHA-256(0x00 || canonical bytes); see docs/verification.md.
#ifndef KUMPPANI_LEDGER_STORE_CANONICAL_BYTES_H_
#define KUMPPANI_LEDGER_STORE_CANONICAL_BYTES_H_

#include <string>

#include "google/protobuf/message.h"
#include "kumppani/v1/envelope.pb.h"

namespace kumppani::store {

// Deterministic serialization of any message: the same content always gives
// the same bytes (map entries sorted), which event ids, retries and hashes
// rely on.
std::string DeterministicBytes(const google::protobuf::Message& message);
// The same bytes, written over `out` (whose memory is reused).
void DeterministicBytesInto(const google::protobuf::Message& message, std::string& out);

inline std::string CanonicalBytes(const v1::EventEnvelope& event) {
  return DeterministicBytes(event);
}

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_CANONICAL_BYTES_H_
