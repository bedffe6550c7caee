// GroupedAggregateHashTable: the groups of a GROUP BY (or the distinct rows
// of a DISTINCT) with their aggregate states, in row-major blocks:
//   [hash | key 0 ... key k-1 | key validity bytes | state 0 ... state n-1]
// Rows never move while the table is used for lookups, so state pointers
// stay valid. The index is an open-addressing array (linear probing) whose
// entries hold the row pointer with the top 16 bits of the hash (a "salt")
// in the otherwise unused top bits, so most mismatches are rejected without
// touching the row. It doubles when half full.
//
// Lookups are vectorized: a whole chunk is hashed, then every row probes
// with a selection of the rows still unresolved; new groups are created,
// and candidate rows are compared column by column (row_key_kernels.h),
// until every row has its group.
//
// Partitioning: a table created with `partitionable` stores its rows in
// kPartitions lists by hash bits once it holds more than
// kPartitionThreshold groups (small tables keep insertion order). Tables
// built by different threads can then be merged one partition at a time, in
// parallel (CombinePartition / AdoptPartition).
//
// Not thread-safe: each thread builds its own table. Different threads may
// merge different partitions of the same source tables at once.
#pragma once

#include <memory>
#include <vector>

#include "function/aggregate_function.h"
#include "vector/data_chunk.h"

namespace tributary {

class GroupedAggregateHashTable {
 public:
  static constexpr idx_t kPartitions = 16;
  static constexpr idx_t kPartitionThreshold = 32768;

  GroupedAggregateHashTable(std::vector<LogicalType> key_types,
                            std::vector<const AggregateFunction*> aggregates,
                            bool partitionable = false);
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
  // Merges the groups of `other` that fall in `partition` (of kPartitions).
  void CombinePartition(GroupedAggregateHashTable& other, idx_t partition,
                        const std::vector<const FunctionData*>& bind_data);
  // Takes over the rows of `other`'s `partition` without comparing keys.
  // Preconditions: this table is empty and not partitionable; `other` is
  // partitioned. `other` must not be used afterwards except to merge or
  // adopt its other partitions; its string arena is kept alive by this table.
  void AdoptPartition(GroupedAggregateHashTable& other, idx_t partition);

  idx_t Count() const { return count_; }
  bool IsPartitioned() const { return partitions_.size() > 1; }
  // Groups stored in `partition` of a partitioned table (0 otherwise).
  idx_t PartitionCount(idx_t partition) const {
    return IsPartitioned() ? partitions_[partition].count : 0;
  }

  // Reads up to kVectorSize groups starting at group `offset` (groups are
  // numbered partition by partition): key values into keys.column(0..k-1)
  // and the finalized aggregates into aggregates.column(0..n-1). Returns how
  // many were read (fewer than kVectorSize at a partition's end; 0 at the end).
  idx_t Scan(idx_t offset, DataChunk& keys, DataChunk* aggregates,
             const std::vector<const FunctionData*>& bind_data);
  // How many groups Scan(offset, ...) reads.
  idx_t ScanSize(idx_t offset) const;
  // Row address of group `index` (same numbering as Scan).
  data_ptr_t RowAt(idx_t index) const;
  StringHeap& arena() { return *arena_; }

 private:
  struct Partition {
    std::vector<std::shared_ptr<data_t>> blocks;
    idx_t count = 0;
  };

  static idx_t PartitionOf(hash_t hash) { return (hash >> kPartitionShift) & (kPartitions - 1); }
  static constexpr idx_t kPartitionShift = 40;

  data_ptr_t PartitionRow(const Partition& partition, idx_t index) const {
    return partition.blocks[index / kRowsPerBlock].get() + (index % kRowsPerBlock) * row_width_;
  }
  data_ptr_t NewRow(Partition& partition);
  // Makes room for `incoming` more groups (resize, partitioning) so that no
  // row moves while a batch is probed.
  void Reserve(idx_t incoming);
  void Resize(idx_t capacity);
  void SplitIntoPartitions();
  void EnsureScratch(idx_t count);
  idx_t FindOrCreateHashed(DataChunk& keys, const hash_t* hashes, data_ptr_t* addresses,
                           SelectionVector* new_rows);
  void InitializeRows(DataChunk& keys, const sel_t* sel, idx_t count, const data_ptr_t* rows);
  // Merges rows[0..count) of `other` (same layout) into this table.
  void CombineRows(GroupedAggregateHashTable& other, const data_ptr_t* rows, idx_t count,
                   DataChunk& keys, const std::vector<const FunctionData*>& bind_data);

  std::vector<LogicalType> key_types_;
  std::vector<const AggregateFunction*> aggregates_;
  std::vector<idx_t> key_offsets_;
  idx_t validity_offset_ = 0;
  std::vector<idx_t> state_offsets_;
  idx_t row_width_ = 0;
  bool partitionable_ = false;

  static constexpr idx_t kRowsPerBlock = 4096;
  std::vector<Partition> partitions_;
  idx_t count_ = 0;
  std::unique_ptr<uint64_t[], void (*)(void*)> entries_;  // salt | row pointer; 0 = empty
  idx_t capacity_ = 0;
  uint64_t mask_ = 0;
  std::shared_ptr<StringHeap> arena_;

  // Per-batch scratch space.
  idx_t scratch_capacity_ = 0;
  std::unique_ptr<hash_t[]> hashes_;
  std::unique_ptr<uint64_t[]> slots_;
  std::unique_ptr<sel_t[]> remaining_;
  std::unique_ptr<sel_t[]> candidates_;
  std::unique_ptr<sel_t[]> no_match_;
  std::unique_ptr<sel_t[]> created_;
};

}  // namespace tributary
