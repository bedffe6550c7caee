// WindowEvaluator: computes one window function over rows already sorted by
// (partition keys, order keys). The rows are addressed by their position in
// that order; argument columns are flat vectors of count + 1 rows whose last
// row is NULL (a gather from it yields NULL).
//
// Cost: O(1) per row for ranking, ntile, lag/lead and first/last/nth_value
// (O(log n) with RANGE offsets); aggregates keep one running state for
// growing or shrinking frames, add the k-th row of every narrow sliding
// frame of a vector in one step, and aggregate wide sliding and EXCLUDE
// frames through a WindowSegmentTree (O(log n) per frame).
//
// Evaluate(begin, end) touches only result rows [begin, end), so disjoint
// ranges (of whole partitions, for aggregates) may run on different threads.
#pragma once

#include <vector>

#include "planner/expression/bound_window_expression.h"
#include "vector/vector.h"

namespace tributary {

// Where each sorted row's partition and peer group (rows equal on every
// ORDER BY key) begin and end (exclusive).
struct WindowBoundaries {
  std::vector<idx_t> partition_start;
  std::vector<idx_t> partition_end;
  std::vector<idx_t> peer_start;
  std::vector<idx_t> peer_end;
  // Each row's peer group number (counting from 0 over all rows), and where
  // each group starts, followed by Count().
  std::vector<idx_t> peer_group;
  std::vector<idx_t> group_start;
  // The single ORDER BY key, for RANGE frames with offsets (empty
  // otherwise): values (integers, DECIMAL unscaled, DATE days, TIMESTAMP
  // microseconds in range_key; REAL/DOUBLE in range_key_double), NULL flags,
  // type, direction and NULL placement.
  std::vector<hugeint_t> range_key;
  std::vector<double> range_key_double;
  std::vector<bool> range_key_null;
  LogicalType range_type;
  bool range_descending = false;
  bool range_nulls_first = false;

  // Fills the range_* members from `key`.
  void SetRangeKey(const Vector& key, bool descending, bool nulls_first);
  idx_t Count() const { return partition_start.size(); }

  // `keys` holds partition key columns first, then `partition_count`..: the
  // ORDER BY keys; all have `count` rows. NULLs equal NULLs.
  static WindowBoundaries Compute(const std::vector<const Vector*>& keys, idx_t partition_count,
                                  idx_t count);
};

class WindowEvaluator {
 public:
  // `args` are the evaluated children of `expr`; row i's result goes to
  // row i - result_offset of `result`. All must outlive the evaluator.
  WindowEvaluator(const BoundWindowExpression& expr, const WindowBoundaries& bounds,
                  const std::vector<const Vector*>& args, const Vector* filter, Vector& result,
                  idx_t result_offset);

  // Computes the results of rows [begin, end) (>= result_offset); for
  // aggregates both are partition boundaries, other functions take any rows. Reads only shared
  // inputs, so evaluators writing different result vectors may run concurrently.
  void Evaluate(idx_t begin, idx_t end);

 private:
  idx_t FrameStart(idx_t row) const;
  idx_t FrameEnd(idx_t row) const;  // >= FrameStart(row)
  // RANGE offset bound of row i: the first row (of the partition's non-NULL
  // keys) whose key is past `offset` PRECEDING/FOLLOWING of row i's key;
  // `inclusive` includes rows equal to the bound (frame start).
  idx_t RangeBound(idx_t i, bool start, bool inclusive) const;
  // Row i's key shifted by the frame bound's offset (`start` or end), in
  // range_key's units times range_multiplier_, or as a double.
  hugeint_t RangeTarget(idx_t i, bool start) const;
  double RangeTargetDouble(idx_t i, bool start) const;
  // The frame minus EXCLUDE, as up to three ranges (begin, end).
  idx_t FramePieces(idx_t i, idx_t pieces[3][2]) const;
  void EvaluateRanking(idx_t begin, idx_t end);
  void EvaluateNtile(idx_t begin, idx_t end);
  void EvaluateOffset(idx_t begin, idx_t end);
  void EvaluateFrameValue(idx_t begin, idx_t end);
  void EvaluateAggregate(idx_t begin, idx_t end);

  const BoundWindowExpression& expr_;
  const WindowBoundaries& bounds_;
  std::vector<const Vector*> args_;
  // The aggregate's FILTER (WHERE ...) per row, or null.
  const Vector* filter_;
  Vector& result_;
  idx_t result_offset_;
  idx_t count_;
  // DECIMAL keys compared at the offset's larger scale, DATE keys as
  // microseconds: range_key values are multiplied by this first.
  hugeint_t range_multiplier_ = 1;
  hugeint_t start_shift_ = 0, end_shift_ = 0;  // integer and DECIMAL offsets, scaled
};

}  // namespace tributary
