// GroupedAggregateHashTable: the groups of a GROUP BY (or the distinct rows
// of a DISTINCT) with their aggregate states, in row-major blocks:
//   [hash | key 0 ... key k-1 | key validity bytes | state 0 ... state n-1]
// Rows never move once created, so state pointers stay valid. Lookups use
// open addressing with linear probing on an array of row indexes; the table
// doubles when half full. Key strings are copied into the table's heap.
//
// Not thread-safe: each thread builds its own table; Combine merges one
// table into another.
#pragma once

#include <memory>
#include <vector>

#include "function/aggregate_function.h"
#include "vector/data_chunk.h"

namespace tributary {

class GroupedAggregateHashTable {
 public:
  GroupedAggregateHashTable(std::vector<LogicalType> key_types,
                            std::vector<const AggregateFunction*> aggregates);
  ~GroupedAggregateHashTable();
  GroupedAggregateHashTable(const GroupedAggregateHashTable&) = delete;
  GroupedAggregateHashTable& operator=(const GroupedAggregateHashTable&) = delete;

  // For each of keys.size() rows: finds or creates its group. Writes the
  // group's row address to addresses[i]; rows whose group was created by
  // this call are listed in `new_rows` (if given); returns their count.
  idx_t FindOrCreate(DataChunk& keys, data_ptr_t* addresses, SelectionVector* new_rows = nullptr);

  // Pointers to aggregate `index`'s state for each address.
  void StatePointers(const data_ptr_t* addresses, idx_t count, idx_t index, Vector& out) const;

  // Merges `other`'s groups and states into this table.
  void Combine(GroupedAggregateHashTable& other, const std::vector<const FunctionData*>& bind_data);

  idx_t Count() const { return count_; }
  // Reads groups [offset, offset + n): key values into keys.column(0..k-1)
  // and the finalized aggregates into aggregates.column(0..n-1).
  idx_t Scan(idx_t offset, DataChunk& keys, DataChunk* aggregates,
             const std::vector<const FunctionData*>& bind_data);
  // Row address of group `index`.
  data_ptr_t RowAt(idx_t index) const;
  StringHeap& arena() { return *arena_; }

 private:
  using KeyEqualFn = bool (*)(const_data_ptr_t slot, const Vector& keys, idx_t row);
  using KeyStoreFn = void (*)(data_ptr_t slot, const Vector& keys, idx_t row, StringHeap& heap);
  using KeyLoadFn = void (*)(const_data_ptr_t slot, Vector& out, idx_t row);

  data_ptr_t NewRow();
  void Resize(idx_t capacity);

  std::vector<LogicalType> key_types_;
  std::vector<const AggregateFunction*> aggregates_;
  std::vector<idx_t> key_offsets_;
  idx_t validity_offset_ = 0;
  std::vector<idx_t> state_offsets_;
  idx_t row_width_ = 0;
  std::vector<KeyEqualFn> equal_;
  std::vector<KeyStoreFn> store_;
  std::vector<KeyLoadFn> load_;

  static constexpr idx_t kRowsPerBlock = 4096;
  std::vector<std::unique_ptr<data_t[]>> blocks_;
  idx_t count_ = 0;
  std::vector<uint64_t> entries_;  // row index + 1; 0 = empty
  uint64_t mask_ = 0;
  std::unique_ptr<StringHeap> arena_;
  std::unique_ptr<hash_t[]> hashes_;
};

}  // namespace tributary
