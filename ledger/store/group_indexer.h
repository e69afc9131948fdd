// Derived state written in the same atomic write as the events: the hook the
// projection engine (ledger/projections) plugs into the store's commit path,
// and the ordered key-value access it gets to the store's projection family.
//
// The store knows nothing of what the keys mean; it only promises that the
// writes an indexer makes for a group are in the group's WriteBatch (durable
// exactly when the events are) and that groups are indexed in position order
// on one thread.
#ifndef KUMPPANI_LEDGER_STORE_GROUP_INDEXER_H_
#define KUMPPANI_LEDGER_STORE_GROUP_INDEXER_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kumppani/v1/envelope.pb.h"
#include "ledger/common/ids.h"

namespace kumppani::store {

// A forward cursor over the projection family in bytewise key order.
class KvCursor {
 public:
  virtual ~KvCursor() = default;
  // Positions at the first key >= `key`.
  virtual void Seek(std::string_view key) = 0;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  // Not OK when a read failed (then Valid() is false).
  virtual absl::Status status() const = 0;
  // Moves the upper bound of a cursor made with one (EventStore::
  // NewIndexCursor(upper_bound)) to `upper_bound` (not empty) for the next
  // Seek, so that one cursor serves many bounded scans.
  virtual void Rebound(std::string upper_bound) = 0;
};

// Writes to the projection family, applied atomically together: first the
// deleted ranges, then the puts in order.
struct IndexBatch {
  std::vector<std::pair<std::string, std::string>> puts;
  // [begin, end) ranges to delete.
  std::vector<std::pair<std::string, std::string>> deleted_ranges;
  // Bulk rows of a table nothing reads yet (a rebuild's) may skip the
  // write-ahead log: they are lost in a crash unless FlushIndex ran after
  // them, so whoever makes them reachable must flush first.
  bool skip_write_ahead_log = false;
  bool empty() const { return puts.empty() && deleted_ranges.empty(); }
};

// Rows for EventStore::BulkLoadIndex, handed out in strictly increasing key
// order.
class SortedRows {
 public:
  virtual ~SortedRows() = default;
  // The next row; false after the last. The views stay valid until the next
  // call.
  virtual bool Next(std::string_view& key, std::string_view& value) = 0;
};

// What an indexer sees while the commit path is its own.
class IndexWriter {
 public:
  virtual ~IndexWriter() = default;
  // The projection family as written so far, without this writer's batch.
  virtual std::unique_ptr<KvCursor> NewCursor() = 0;
  // Writes joining the group's (or the paused section's) WriteBatch.
  virtual IndexBatch& batch() = 0;
  // Events written so far (acknowledged or not; not the current group's),
  // from `from`, at most `limit`.
  virtual absl::StatusOr<std::vector<v1::EventEnvelope>> ReadWritten(Position from,
                                                                      size_t limit) = 0;
  // Every written event of `stream_id` (not the current group's), in order.
  virtual absl::StatusOr<std::vector<v1::EventEnvelope>> ReadWrittenStream(
      const std::string& stream_id) = 0;
  // Position of the last written event (before the current group).
  virtual Position LastWritten() const = 0;
};

class GroupIndexer {
 public:
  virtual ~GroupIndexer() = default;
  // Once, when the store opens, before any group is written.
  virtual absl::Status Open(IndexWriter& writer) = 0;
  // For every group, in position order, on the commit thread, before the
  // group is written. `events` are the group's events with positions,
  // versions and times set. An error fails the store (fail-stop), as a
  // failed write would.
  virtual absl::Status IndexGroup(const std::vector<const v1::EventEnvelope*>& events,
                                  IndexWriter& writer) = 0;
};

}  // namespace kumppani::store

#endif  // KUMPPANI_LEDGER_STORE_GROUP_INDEXER_H_
