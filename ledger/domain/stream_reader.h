// Reading an aggregate's stream from the store and deriving its effective
// events: corrections (EventCorrected) put their replacement in the corrected
// event's place, retracted events (EventRetracted) are skipped, and the
// correction events themselves are dropped. Aggregate states fold over the
// effective events; correction commands look at the stored ones.
//
// Thread safety: free functions; the store may be used concurrently.
#ifndef KUMPPANI_LEDGER_DOMAIN_STREAM_READER_H_
#define KUMPPANI_LEDGER_DOMAIN_STREAM_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "kumppani/v1/events.pb.h"
#include "ledger/common/ids.h"
#include "ledger/store/event_store.h"

namespace kumppani::domain {

struct LoadedStream {
  std::string stream_id;
  // Version of the stream as read; StreamVersion(0) when it does not exist.
  StreamVersion version;
  // The events as stored, in version order.
  std::vector<v1::EventEnvelope> envelopes;
  // envelopes[i] decoded.
  std::vector<v1::Event> decoded;
  // Events to fold into the aggregate's state (see the file comment).
  std::vector<v1::Event> effective;
  // envelopes[effective_index[i]] is the stored event effective[i] stands for
  // (the corrected event, for a replacement).
  std::vector<size_t> effective_index;
};

// Decodes `envelopes` (all of one stream, in order) and derives the effective
// events. FAILED_PRECONDITION for an event that is not a domain event;
// DATA_LOSS for an unreadable payload or replacement.
absl::StatusOr<LoadedStream> BuildLoadedStream(std::string stream_id,
                                               std::vector<v1::EventEnvelope> envelopes);

// Reads all of `stream_id` (forward from version 1) and builds it.
absl::StatusOr<LoadedStream> ReadLoadedStream(const store::EventStore& store,
                                              const std::string& stream_id);

// Unpacks an EventCorrected replacement into the event union. DATA_LOSS when
// its type is not a domain event or its bytes do not parse.
absl::StatusOr<v1::Event> UnpackReplacement(const google::protobuf::Any& replacement);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_STREAM_READER_H_
