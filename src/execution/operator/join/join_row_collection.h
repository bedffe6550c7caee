// JoinRowCollection: the materialized build side of a join, packed into
// full chunks so a row id maps to (id / kVectorSize, id % kVectorSize).
// Consolidate() then turns it into one chunk of Count() rows, so that a row
// id indexes the column arrays directly (no chunk lookup per row in the
// hash join's probe and gather loops).
#pragma once

#include <vector>

#include "vector/data_chunk.h"

namespace tributary {

class TaskScheduler;

class JoinRowCollection {
 public:
  explicit JoinRowCollection(std::vector<LogicalType> types) : types_(std::move(types)) {}

  // Copies rows (as many chunks as needed).
  void Append(const DataChunk& chunk);
  // Moves `other`'s rows in: its full chunks are moved, only the partial
  // ones are copied (so every chunk but the last stays full).
  void Absorb(JoinRowCollection& other);
  // Merges the chunks into one of Count() rows. No Append/Absorb afterwards.
  // With a scheduler, the columns are copied in parallel.
  void Consolidate(TaskScheduler* scheduler = nullptr);
  bool consolidated() const { return consolidated_; }
  // Makes this (empty) collection a consolidated zero-copy view of
  // `columns` of the consolidated `rows`.
  void ReferenceColumns(const JoinRowCollection& rows, const std::vector<idx_t>& columns);
  idx_t Count() const { return count_; }
  const std::vector<DataChunk>& chunks() const { return chunks_; }
  const Vector& Column(idx_t row, idx_t column) const {
    return chunks_[consolidated_ ? 0 : row / kVectorSize].column(column);
  }
  // Index of `row` within the vector Column(row, c) returns.
  idx_t RowInChunk(idx_t row) const { return consolidated_ ? row : row % kVectorSize; }
  const std::vector<LogicalType>& types() const { return types_; }

  // out.column(target + c) row i = column c of build row rows[i] (rows[i]
  // == kInvalidIndex gives NULL), for i < count.
  void Gather(const idx_t* rows, idx_t count, DataChunk& out, idx_t target) const;

 private:
  void GatherChunked(const idx_t* rows, idx_t count, DataChunk& out, idx_t target) const;

  std::vector<LogicalType> types_;
  std::vector<DataChunk> chunks_;
  idx_t count_ = 0;
  bool consolidated_ = false;
};

}  // namespace tributary
