// Sorted runs and their k-way merge (see sorted_runs.h).
#include "ledger/projections/sorted_runs.h"

#include <algorithm>
#include <utility>

namespace kumppani::projections {

void SortedRuns::Add(RowBuffer rows) {
  if (rows.empty()) return;
  std::stable_sort(
      rows.mutable_rows().begin(), rows.mutable_rows().end(),
      [](const RowBuffer::Row& a, const RowBuffer::Row& b) { return a.key() < b.key(); });
  bytes_ += rows.bytes();
  runs_.push_back(std::move(rows));
}

void SortedRuns::Clear() {
  runs_.clear();
  heap_.clear();
  bytes_ = 0;
  merging_ = false;
}

bool SortedRuns::After(const Cursor& a, const Cursor& b) const {
  const int order = RowAt(a).key().compare(RowAt(b).key());
  return order != 0 ? order > 0 : a.run > b.run;
}

const RowBuffer::Row& SortedRuns::TakeKey(Cursor cursor) {
  const std::vector<RowBuffer::Row>& rows = runs_[cursor.run].rows();
  size_t last = cursor.row;
  while (last + 1 < rows.size() && rows[last + 1].key() == rows[cursor.row].key()) ++last;
  if (last + 1 < rows.size()) {
    heap_.push_back({cursor.run, last + 1});
    std::push_heap(heap_.begin(), heap_.end(),
                   [this](const Cursor& a, const Cursor& b) { return After(a, b); });
  }
  return rows[last];
}

bool SortedRuns::Next(std::string_view& key, std::string_view& value) {
  auto after = [this](const Cursor& a, const Cursor& b) { return After(a, b); };
  if (!merging_) {
    merging_ = true;
    for (size_t run = 0; run < runs_.size(); ++run) heap_.push_back({run, 0});
    std::make_heap(heap_.begin(), heap_.end(), after);
  }
  if (heap_.empty()) return false;
  std::pop_heap(heap_.begin(), heap_.end(), after);
  const Cursor smallest = heap_.back();
  heap_.pop_back();
  const RowBuffer::Row* chosen = &TakeKey(smallest);
  // The same key in later runs comes next (ties go to the earlier run
  // first); the last of them wrote last.
  while (!heap_.empty() && RowAt(heap_.front()).key() == chosen->key()) {
    std::pop_heap(heap_.begin(), heap_.end(), after);
    const Cursor same = heap_.back();
    heap_.pop_back();
    chosen = &TakeKey(same);
  }
  key = chosen->key();
  value = chosen->value();
  return true;
}

}  // namespace kumppani::projections
