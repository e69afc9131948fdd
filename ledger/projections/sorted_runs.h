// A replay's rows of one table, held in memory as sorted runs and merged
// into one sorted stream for a bulk load (EventStore::BulkLoadIndex). The
// folds make rows in log order; each buffer they hand over is sorted on its
// own (a run), and the merge hands every key out once, in key order, with
// its last written value.
//
// Not thread-safe.
#ifndef KUMPPANI_LEDGER_PROJECTIONS_SORTED_RUNS_H_
#define KUMPPANI_LEDGER_PROJECTIONS_SORTED_RUNS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "ledger/projections/row_buffer.h"
#include "ledger/store/group_indexer.h"

namespace kumppani::projections {

class SortedRuns final : public store::SortedRows {
 public:
  // Adds the rows written after every run added so far, in the order
  // written; the run sorts them (a later write of a key stays later).
  // Call before the first Next, or after Clear.
  void Add(RowBuffer rows);
  // Memory the runs hold.
  size_t bytes() const { return bytes_; }
  bool empty() const { return runs_.empty(); }
  // Drops every run (and ends a merge).
  void Clear();

  // store::SortedRows: each key once, in increasing order, with the value
  // written last (by the latest run, and last within it).
  bool Next(std::string_view& key, std::string_view& value) override;

 private:
  // Where the merge stands in one run.
  struct Cursor {
    size_t run;
    size_t row;
  };
  const RowBuffer::Row& RowAt(const Cursor& cursor) const {
    return runs_[cursor.run].rows()[cursor.row];
  }
  // Orders the heap: smallest key on top, the earlier run first among
  // equal keys.
  bool After(const Cursor& a, const Cursor& b) const;
  // The last row of `cursor`'s run with its key; moves the cursor past them
  // and back into the heap if the run goes on.
  const RowBuffer::Row& TakeKey(Cursor cursor);

  std::vector<RowBuffer> runs_;
  size_t bytes_ = 0;
  bool merging_ = false;
  std::vector<Cursor> heap_;
};

}  // namespace kumppani::projections

#endif  // KUMPPANI_LEDGER_PROJECTIONS_SORTED_RUNS_H_
