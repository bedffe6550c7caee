// Vector: one column of up to kVectorSize values of a single LogicalType,
// with a validity mask. A vector is either FLAT (one value per row) or
// CONSTANT (one value standing for every row, e.g. a literal).
//
// Memory: the data buffer is shared (shared_ptr) so a vector can reference
// another vector's or a table segment's data without copying. Strings are
// string_t views whose bytes live in the vector's StringHeap, in a heap it
// keeps alive, or in storage that outlives the query.
//
// Thread-safety: none; a vector belongs to one thread's chunk at a time.
#pragma once

#include <memory>

#include "types/interval.h"
#include "types/logical_type.h"
#include "types/string_t.h"
#include "types/value.h"
#include "vector/selection_vector.h"
#include "vector/string_heap.h"
#include "vector/validity_mask.h"

namespace tributary {

enum class VectorKind : uint8_t { kFlat, kConstant };

class Vector {
 public:
  // A flat vector with room for `capacity` rows (contents uninitialized,
  // all rows valid).
  explicit Vector(LogicalType type, idx_t capacity = kVectorSize);
  // A constant vector holding `value` for every row.
  explicit Vector(const Value& value);
  Vector(Vector&&) = default;
  Vector& operator=(Vector&&) = default;
  Vector(const Vector&) = delete;
  Vector& operator=(const Vector&) = delete;

  const LogicalType& type() const { return type_; }
  VectorKind kind() const { return kind_; }
  bool IsConstant() const { return kind_ == VectorKind::kConstant; }
  idx_t capacity() const { return capacity_; }

  data_ptr_t data() { return data_; }
  const_data_ptr_t data() const { return data_; }
  template <class T>
  T* Data() {
    return reinterpret_cast<T*>(data_);
  }
  template <class T>
  const T* Data() const {
    return reinterpret_cast<const T*>(data_);
  }
  ValidityMask& validity() { return validity_; }
  const ValidityMask& validity() const { return validity_; }

  // The heap that owns this vector's string bytes (created on first use).
  StringHeap& heap();
  const std::shared_ptr<StringHeap>& heap_ptr() const { return heap_; }
  // Adds a string to this vector's heap; returns the view to store.
  string_t AddString(std::string_view s) { return heap().Add(s); }

  // Makes this vector a zero-copy alias of `other` (same kind, data, nulls).
  // The vector's own buffer is kept aside for the next ResetToFlat().
  void Reference(const Vector& other);
  // Makes this vector reference externally owned flat data; `owner` keeps
  // it alive. Used by table scans.
  void ReferenceData(data_ptr_t data, std::shared_ptr<void> owner, const ValidityMask& validity,
                     std::shared_ptr<StringHeap> heap);
  // Turns this into a constant vector holding `value`.
  void SetConstant(const Value& value);
  // Makes this a writable flat vector again (fresh buffer if shared).
  void ResetToFlat();
  // Materializes a constant vector into `count` flat rows.
  void Flatten(idx_t count);
  // Declares that row 0 (already written) stands for every row.
  void MarkConstant() { kind_ = VectorKind::kConstant; }

  // Copies rows sel(i) for i in [0, count) of `source` into rows
  // [offset, offset + count) of this flat vector. String views are copied
  // and the source heap kept alive.
  void CopyFrom(const Vector& source, const SelectionVector& sel, idx_t count, idx_t offset = 0);

  // Slow per-row access for tests, constants and result conversion.
  Value GetValue(idx_t row) const;
  void SetValue(idx_t row, const Value& value);
  void SetNull(idx_t row) { validity_.SetInvalid(row); }
  bool IsNull(idx_t row) const {
    return !validity_.RowIsValid(kind_ == VectorKind::kConstant ? 0 : row);
  }

 private:
  void Allocate(idx_t capacity);
  // Moves an unshared own buffer to spare_ before referencing other data.
  void KeepSpare();

  LogicalType type_;
  VectorKind kind_ = VectorKind::kFlat;
  idx_t capacity_ = 0;
  data_ptr_t data_ = nullptr;
  std::shared_ptr<void> buffer_;  // owns data_
  // This vector's own allocation, kept while it references other data so
  // that ResetToFlat() can reuse it instead of allocating per chunk.
  std::shared_ptr<void> spare_;
  idx_t spare_capacity_ = 0;
  ValidityMask validity_;
  std::shared_ptr<StringHeap> heap_;
};

// Physical-type dispatch helpers: call `fn` with a value of the C++ type that
// stores `type`. Type dispatch happens once per vector, never per row.
template <class F>
decltype(auto) DispatchPhysical(PhysicalType type, F&& fn);

}  // namespace tributary

#include "vector/vector_dispatch.h"
