// WindowSegmentTree: partial aggregate states over rows [begin, end) of a
// window's sorted input, so that any frame is aggregated with
// O(kFanout * log_kFanout(n)) updates and combines instead of one update
// per frame row (sliding frames wider than a few rows, EXCLUDE frames).
//
// Level 0 is the rows themselves; level l >= 1 holds one state per
// kFanout^l rows. A frame takes the rows and nodes at its left edge going
// up, then the top level's nodes, then those of its right edge going down,
// so rows reach the state in frame order (string_agg stays ordered).
// Work is batched: Aggregate() feeds the frames of a whole vector of rows
// through one update/combine call per level and batch.
//
// Not thread-safe; one tree per evaluating thread. The argument vectors
// must outlive it.
#pragma once

#include <memory>
#include <vector>

#include "function/aggregate_function.h"
#include "vector/selection_vector.h"
#include "vector/vector.h"

namespace tributary {

class WindowSegmentTree {
 public:
  static constexpr idx_t kFanout = 16;

  // `args` (and `filter`, which may be null: rows where it is not true are
  // skipped) are the aggregate's inputs addressed by row number.
  WindowSegmentTree(const AggregateFunction& fn, AggregateInputData& aux,
                    const std::vector<const Vector*>& args, const Vector* filter, idx_t begin,
                    idx_t end);

  // For j < n: adds rows [starts[j], ends[j]) (within [begin, end)) to the
  // initialized state states[j], in row order. Frames may be empty.
  void Aggregate(const idx_t* starts, const idx_t* ends, const data_ptr_t* states, idx_t n);

 private:
  data_ptr_t Node(idx_t level, idx_t index) {
    return reinterpret_cast<data_ptr_t>(levels_[level - 1].get()) + index * width_;
  }
  // Queues adding item `index` of `level` (a row for level 0) to `state`;
  // Flush() runs the queued batch.
  void Add(idx_t level, idx_t index, data_ptr_t state);
  void Flush();

  const AggregateFunction& fn_;
  AggregateInputData& aux_;
  std::vector<const Vector*> args_;
  const Vector* filter_;
  idx_t begin_;
  idx_t width_;
  // levels_[l - 1]: the states of level l.
  std::vector<std::unique_ptr<max_align_t[]>> levels_;
  // The batch being queued: level-0 rows (sel_, targets_) or nodes
  // (sources_, targets_) of one level.
  idx_t pending_level_ = 0;
  idx_t pending_ = 0;
  std::vector<Vector> inputs_;
  SelectionVector sel_;
  Vector sources_;
  Vector targets_;
};

}  // namespace tributary
