// DataChunk: a horizontal slice of up to kVectorSize rows, one Vector per
// column. The unit that flows between operators.
#pragma once

#include <vector>

#include "vector/vector.h"

namespace tributary {

class DataChunk {
 public:
  DataChunk() = default;
  DataChunk(DataChunk&&) = default;
  DataChunk& operator=(DataChunk&&) = default;

  // Allocates one flat vector per type.
  void Initialize(const std::vector<LogicalType>& types, idx_t capacity = kVectorSize);
  // Empties the chunk for reuse: count 0, vectors writable and flat.
  void Reset();

  idx_t size() const { return count_; }
  void SetCardinality(idx_t count) { count_ = count; }
  idx_t ColumnCount() const { return data_.size(); }
  idx_t capacity() const { return capacity_; }
  std::vector<LogicalType> Types() const;

  Vector& column(idx_t i) { return data_[i]; }
  const Vector& column(idx_t i) const { return data_[i]; }
  std::vector<Vector>& columns() { return data_; }

  // Zero-copy: this chunk's vectors alias `other`'s.
  void Reference(const DataChunk& other);
  // Copies rows sel(i), i < count, of `source` to the end of this chunk.
  void Append(const DataChunk& source, const SelectionVector& sel, idx_t count);
  // Keeps only rows sel(i), i < count (compacting gather).
  void Slice(const SelectionVector& sel, idx_t count);
  // Materializes constant vectors.
  void Flatten();

  Value GetValue(idx_t column, idx_t row) const { return data_[column].GetValue(row); }
  void SetValue(idx_t column, idx_t row, const Value& v) { data_[column].SetValue(row, v); }

  // Debug form: one line per row, values separated by tabs.
  std::string ToString() const;

 private:
  std::vector<Vector> data_;
  idx_t count_ = 0;
  idx_t capacity_ = kVectorSize;
};

}  // namespace tributary
