// Reading one projection's rows as they were after a given position.
//
// A RowView is cheap to make and pins (projection table, position): every
// read through it sees exactly the rows written by events at positions <=
// position(), no matter how many events are appended meanwhile, so list
// queries paginate over a stable picture. Views of positions beyond the
// acknowledged head are never handed out.
//
// Thread safety: a RowView (and its copies, which share its read cursors) may
// be used from one thread at a time; make one per query. Reads return the
// store's errors (e.g. DATA_LOSS).
#ifndef KUMPPANI_LEDGER_PROJECTIONS_ROW_VIEW_H_
#define KUMPPANI_LEDGER_PROJECTIONS_ROW_VIEW_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/common/ids.h"

namespace kumppani::store {
class EventStore;
class KvCursor;
}

namespace kumppani::projections {

class RowView {
 public:
  // Return false from a visitor to stop the scan.
  using RowVisitor = std::function<bool(std::string_view name, std::string_view value)>;
  using StreamVisitor = std::function<bool(std::string_view stream_id, std::string_view main_row)>;
  using IndexVisitor = std::function<bool(std::string_view index_key, std::string_view stream_id)>;
  using IndexEntryVisitor = std::function<bool(
      std::string_view index_key, std::string_view stream_id, std::string_view payload)>;

  // `lease` keeps the table from being dropped while the view lives.
  RowView(const store::EventStore& store, uint32_t table, Position position,
          std::shared_ptr<const void> lease = nullptr)
      : store_(&store), table_(table), position_(position), lease_(std::move(lease)) {}

  // The position this view reflects (known_at).
  Position position() const { return position_; }
  // The table read (for the engine's tools).
  uint32_t table() const { return table_; }

  // Row `name` of `stream_id`; nullopt when absent.
  absl::StatusOr<std::optional<std::string>> Get(std::string_view stream_id,
                                                 std::string_view name) const;
  // Like Get, parsed into `message`; false when absent. DATA_LOSS when the
  // stored bytes do not parse.
  template <typename Message>
  absl::StatusOr<bool> GetMessage(std::string_view stream_id, std::string_view name,
                                  Message* message) const;

  // The rows of `stream_id` whose names start with `name_prefix`, in name
  // order.
  absl::Status ScanRows(std::string_view stream_id, std::string_view name_prefix,
                        const RowVisitor& visit) const;

  // The streams whose ids start with `prefix` and that have a main row, in
  // stream-id order, starting strictly after `start_after` (empty: from the
  // first).
  absl::Status ScanStreams(std::string_view prefix, std::string_view start_after,
                           const StreamVisitor& visit) const;

  // Index entries whose keys start with `key_prefix`, in (key, stream) order,
  // starting strictly after (start_after_key, start_after_stream) when
  // start_after_key is not empty.
  absl::Status ScanIndex(std::string_view key_prefix, std::string_view start_after_key,
                         std::string_view start_after_stream, const IndexVisitor& visit) const;
  // Like ScanIndex, with each entry's payload (AggregateRows::SetIndex) as
  // it was at position().
  absl::Status ScanIndexEntries(std::string_view key_prefix, std::string_view start_after_key,
                                std::string_view start_after_stream,
                                const IndexEntryVisitor& visit) const;

 private:
  // The view's cursors, made on first use and shared by its copies: one
  // for point reads, and the scan cursors not in use. A scan takes a cursor
  // of its own (so a visitor may call Get, or scan) and gives it back.
  struct Cursors {
    std::unique_ptr<store::KvCursor> point;
    std::vector<std::unique_ptr<store::KvCursor>> idle_scans;
  };
  struct ReturnScanCursor {
    std::shared_ptr<Cursors> cursors;
    void operator()(store::KvCursor* cursor) const;
  };
  using ScanCursorPtr = std::unique_ptr<store::KvCursor, ReturnScanCursor>;

  Cursors& cursors() const;
  store::KvCursor& point_cursor() const;
  // A cursor for a scan of the keys starting with `prefix`, bounded there.
  ScanCursorPtr ScanCursor(std::string_view prefix) const;

  const store::EventStore* store_;
  uint32_t table_;
  Position position_;
  std::shared_ptr<const void> lease_;
  mutable std::shared_ptr<Cursors> cursors_;
};

absl::Status DataLossParsing(std::string_view stream_id, std::string_view name);

// Parses row `name` of `stream_id` (its stored bytes `value`) into
// `message`; DATA_LOSS when they do not parse.
template <typename Message>
absl::Status ParseRow(std::string_view stream_id, std::string_view name, std::string_view value,
                      Message* message) {
  if (message->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::OkStatus();
  }
  return DataLossParsing(stream_id, name);
}

template <typename Message>
absl::StatusOr<bool> RowView::GetMessage(std::string_view stream_id, std::string_view name,
                                         Message* message) const {
  message->Clear();
  absl::StatusOr<std::optional<std::string>> bytes = Get(stream_id, name);
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return false;
  if (absl::Status parsed = ParseRow(stream_id, name, **bytes, message); !parsed.ok()) {
    return parsed;
  }
  return true;
}

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_ROW_VIEW_H_
