// What a projection is: a pure fold of domain events into rows that belong
// to the events' aggregate (stream), plus index entries pointing at it.
//
// Rules every projection follows (the engine relies on them):
//  - Apply reads and writes only the rows of the event's own stream (through
//    AggregateRows) and adds or removes index entries that point at that
//    stream. Anything that joins two aggregates is done at query time.
//  - Apply is deterministic: no clock, no randomness, no I/O of its own, and
//    values are serialized deterministically (PutMessage does).
//  - Apply is total: it must accept any event, including ones the domain
//    would never make (the low-level append API can store them). What it
//    cannot use, it ignores.
//
// The engine gives each projection only effective events: when a stream gets
// an EventCorrected or EventRetracted, the engine forgets every row and index
// entry of that stream and applies the stream's effective events again
// (ledger/domain/stream_reader.h), all at the correction's position.
//
// Versions: every write is kept as a version at the position of the event
// that made it, so a reader can see the rows as they were after any position
// (known_at; see row_view.h). Row names are chosen by the projection; the
// empty name is the aggregate's main row. Names and index keys must not
// contain '\0' or start with '\x01' (reserved for the engine); reads and
// writes of such names are skipped.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_PROJECTION_H_
#define KUMPPANI_LEDGER_PROJECTIONS_PROJECTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "google/protobuf/message.h"
#include "kumppani/v1/envelope.pb.h"
#include "kumppani/v1/events.pb.h"
#include "ledger/store/canonical_bytes.h"

namespace kumppani::projections {

// One effective event as given to Apply.
struct AppliedEvent {
  // The stored envelope of the event (for a correction's replacement, the
  // envelope of the event it replaces: same id, position and times).
  const v1::EventEnvelope& envelope;
  // The effective domain event (a correction's replacement, if any).
  const v1::Event& event;
};

// The rows and index entries owned by the stream being applied, as they are
// after every earlier event. Read failures are recorded by the engine (which
// then fails the write) and look like a missing row to the projection.
class AggregateRows {
 public:
  virtual ~AggregateRows() = default;
  virtual const std::string& stream_id() const = 0;
  // The current value of row `name`, or nullopt when absent; the view is
  // valid until the next write through these rows.
  virtual std::optional<std::string_view> Get(std::string_view name) = 0;
  // Copies `value` (which may view anything, a row read with Get included).
  virtual void Put(std::string_view name, std::string_view value) = 0;
  virtual void Delete(std::string_view name) = 0;
  // Index entry (index_key -> this stream). Adding an existing entry or
  // removing a missing one does nothing.
  virtual void AddIndex(std::string_view index_key) = 0;
  virtual void RemoveIndex(std::string_view index_key) = 0;
  // Index entry carrying `payload`: a copy of what readers of the index
  // need (a summary of the stream), so that one scan of the index answers
  // without a point read per entry. A new version is written only when the
  // payload differs from the entry's current one.
  virtual void SetIndex(std::string_view index_key, std::string_view payload) = 0;
};

// Reads row `name` into `message`; false when absent or unparsable (then
// `message` is cleared).
template <typename Message>
bool GetMessage(AggregateRows& rows, std::string_view name, Message* message) {
  message->Clear();
  std::optional<std::string_view> bytes = rows.Get(name);
  if (!bytes.has_value()) return false;
  if (!message->ParseFromArray(bytes->data(), static_cast<int>(bytes->size()))) {
    message->Clear();
    return false;
  }
  return true;
}

// Writes `message` to row `name`, serialized deterministically (through a
// buffer of the thread's, so that a fold writing millions of rows does not
// allocate one string per row).
inline void PutMessage(AggregateRows& rows, std::string_view name,
                       const google::protobuf::Message& message) {
  thread_local std::string bytes;
  store::DeterministicBytesInto(message, bytes);
  rows.Put(name, bytes);
}

class Projection {
 public:
  virtual ~Projection() = default;
  // Stable identifier, [a-z_]+, e.g. "organisations". Part of the storage.
  virtual std::string_view name() const = 0;
  // Bump whenever Apply or the row layout changes: the engine then rebuilds
  // the projection from position 1.
  virtual uint32_t version() const = 0;
  // True for the streams this projection keeps rows for (e.g. ids starting
  // with "org-"); events of other streams are not given to it.
  virtual bool Wants(std::string_view stream_id) const = 0;
  virtual void Apply(const AppliedEvent& event, AggregateRows& rows) = 0;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_PROJECTION_H_
