// SortedCollection: materialized rows (payload columns plus evaluated sort
// keys) that can be sorted by the keys and read back in order. Used by
// ORDER BY and TopN. Comparison follows PostgreSQL: NaN sorts above every
// number, NULLs first or last as requested, strings byte-wise (the "C"
// collation).
//
// Not thread-safe; each thread fills its own, Merge combines them.
#pragma once

#include <memory>
#include <vector>

#include "execution/expression_executor.h"
#include "planner/bound_order_by.h"
#include "vector/data_chunk.h"

namespace tributary {

class SortedCollection {
 public:
  SortedCollection(std::vector<LogicalType> payload_types,
                   const std::vector<BoundOrderByNode>& orders);

  // Copies `chunk`'s rows and their evaluated keys.
  void Append(DataChunk& chunk, ExpressionExecutor& key_executor);
  // Copies rows sel(i), i < count, of `payload` and of their already
  // evaluated sort `keys` (one column per order), packing them into the
  // last chunk while it has room (for callers that split chunks into many
  // small pieces, like the window's hash partitions).
  void Append(const DataChunk& payload, const DataChunk& keys, const SelectionVector& sel,
              idx_t count);
  void Merge(SortedCollection& other);
  // Like Merge, for two collections already sorted: the result is sorted
  // (ties: this one's rows first) in O(n), without a new Sort().
  void MergeSorted(SortedCollection& other);
  // Sorts the row order (stable, so ties keep arrival order).
  void Sort();
  // Keeps only the first `count` rows of the sorted order.
  void Truncate(idx_t count);
  idx_t Count() const { return order_.size(); }
  // Writes sorted rows [offset, offset + n) into `out` (payload columns).
  idx_t Read(idx_t offset, idx_t n, DataChunk& out) const;
  // The same, writing only the payload columns c with columns[c] set (the
  // others are left as they are).
  idx_t Read(idx_t offset, idx_t n, DataChunk& out, const std::vector<bool>& columns) const;

 private:
  using CompareFn = int (*)(const Vector& a, idx_t ai, const Vector& b, idx_t bi);
  // The sort order on entries of order_, comparing keys from `from` on.
  bool Less(uint64_t x, uint64_t y, idx_t from = 0) const;

  std::vector<LogicalType> payload_types_;
  std::vector<LogicalType> key_types_;
  std::vector<bool> descending_;
  std::vector<bool> nulls_first_;
  std::vector<CompareFn> compare_;
  std::vector<DataChunk> payload_;
  std::vector<DataChunk> keys_;
  // Sorted order: (chunk index << 32) | row.
  std::vector<uint64_t> order_;
};

}  // namespace tributary
