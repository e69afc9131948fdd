// Plans the appends of one commit group: checks idempotency and expected
// versions against the written log plus the appends planned earlier in the
// same group, and assigns positions, versions and recorded_at.
//
// Thread safety: used only by the commit thread.
#ifndef KUMPPANI_LEDGER_STORE_APPEND_PLANNER_H_
#define KUMPPANI_LEDGER_STORE_APPEND_PLANNER_H_

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/common/clock.h"
#include "ledger/store/event_store.h"

namespace kumppani::store {

// Read access to everything written to the database, including groups
// written but not yet synced (they precede any group being planned).
class WrittenLog {
 public:
  virtual ~WrittenLog() = default;
  virtual absl::StatusOr<std::optional<Position>> FindEventId(const EventId& id) const = 0;
  virtual absl::StatusOr<EventEnvelope> ReadWrittenEvent(Position position) const = 0;
  virtual absl::StatusOr<StreamVersion> WrittenVersion(const std::string& stream_id) const = 0;
};

// An event ready to be written: its final envelope and canonical bytes.
struct PlannedEvent {
  EventEnvelope envelope;
  std::string bytes;  // deterministic serialization of `envelope`
  EventId id;
};

class AppendPlanner {
 public:
  // `head` and `last_recorded_micros` describe the written log.
  AppendPlanner(const WrittenLog& log, const Clock& clock, Position head,
                int64_t last_recorded_micros);

  // Starts a group: fixes its recorded_at (never less than any before).
  void BeginGroup();

  // Plans one validated request. On success its new events are added to
  // group_events(); an exact retry returns the original result with
  // replayed = true and adds nothing. Errors: ABORTED, ALREADY_EXISTS,
  // FAILED_PRECONDITION as documented on EventStore::AppendAsync.
  absl::StatusOr<AppendResult> Plan(const AppendRequest& request);

  const std::vector<PlannedEvent>& group_events() const { return group_events_; }

  // The group is written: its state becomes the base for the next group.
  void CommitGroup();
  // The group's write failed: forget everything planned in it.
  void AbortGroup();

  Position head() const { return head_; }

 private:
  absl::StatusOr<std::optional<AppendResult>> CheckRetry(const AppendRequest& request);
  absl::StatusOr<StreamVersion> VersionOf(const std::string& stream_id);
  // The stored event with `id`, looked up in this group first; nullopt if none.
  absl::StatusOr<std::optional<EventEnvelope>> FindEvent(const EventId& id);

  // Streams whose versions are kept; the cache starts over past it (about
  // 130 bytes a stream: 8 MiB at most).
  static constexpr size_t kMaxCachedVersions = 1 << 16;

  const WrittenLog& log_;
  const Clock& clock_;

  // State of the written log.
  Position head_;
  int64_t last_recorded_micros_;
  std::unordered_map<std::string, uint64_t> written_versions_;  // a cache

  // State of the group being planned.
  int64_t group_recorded_micros_ = 0;
  std::vector<PlannedEvent> group_events_;
  std::unordered_map<std::string, uint64_t> group_versions_;
  std::unordered_map<EventId, size_t, EventIdHash> group_ids_;  // -> index in group_events_
};

// True when `proposed` (as sent in an append request) has the same content as
// `stored`: stream, type, content type, schema version, payload, metadata and,
// when the request sets it, effective_at.
bool SameContent(const EventEnvelope& proposed, const EventEnvelope& stored);

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_APPEND_PLANNER_H_
