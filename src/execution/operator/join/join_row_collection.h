// JoinRowCollection: the materialized build side of a join, packed into
// full chunks so a row id maps to (id / kVectorSize, id % kVectorSize).
#pragma once

#include <vector>

#include "vector/data_chunk.h"

namespace tributary {

class JoinRowCollection {
 public:
  explicit JoinRowCollection(std::vector<LogicalType> types) : types_(std::move(types)) {}

  // Copies rows (as many chunks as needed).
  void Append(const DataChunk& chunk);
  // Moves `other`'s rows in (copying to keep chunks full).
  void Absorb(JoinRowCollection& other);
  idx_t Count() const { return count_; }
  const std::vector<DataChunk>& chunks() const { return chunks_; }
  const Vector& Column(idx_t row, idx_t column) const {
    return chunks_[row / kVectorSize].column(column);
  }
  const std::vector<LogicalType>& types() const { return types_; }

  // out.column(target + c) row i = column c of build row rows[i] (rows[i]
  // == kInvalidIndex gives NULL), for i < count.
  void Gather(const idx_t* rows, idx_t count, DataChunk& out, idx_t target) const;

 private:
  std::vector<LogicalType> types_;
  std::vector<DataChunk> chunks_;
  idx_t count_ = 0;
};

}  // namespace tributary
