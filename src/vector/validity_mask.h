// ValidityMask: one bit per row, 1 = valid (not NULL). An unallocated mask
// means every row is valid, so NULL-free data costs nothing to check.
#pragma once

#include <cstring>
#include <memory>

#include "common/constants.h"

namespace tributary {

class ValidityMask {
 public:
  static constexpr idx_t kBitsPerEntry = 64;
  static idx_t EntryCount(idx_t rows) { return (rows + kBitsPerEntry - 1) / kBitsPerEntry; }

  bool AllValid() const { return mask_ == nullptr; }
  bool RowIsValid(idx_t row) const {
    return !mask_ || row >= capacity_ || (mask_[row / kBitsPerEntry] >> (row % kBitsPerEntry)) & 1;
  }
  void SetInvalid(idx_t row) {
    if (!mask_) {
      // Reuse the buffer Reset() left all-valid, if nobody else shares it.
      if (owned_ && owned_.use_count() == 1 && row < capacity_) {
        mask_ = owned_.get();
      } else {
        Initialize(row < kVectorSize ? kVectorSize : row + 1);
      }
    } else if (row >= capacity_) {
      Grow(row + 1);
    }
    mask_[row / kBitsPerEntry] &= ~(uint64_t(1) << (row % kBitsPerEntry));
  }
  void SetValid(idx_t row) {
    if (mask_ && row < capacity_)
      mask_[row / kBitsPerEntry] |= uint64_t(1) << (row % kBitsPerEntry);
  }
  void Set(idx_t row, bool valid) {
    if (valid) {
      SetValid(row);
    } else {
      SetInvalid(row);
    }
  }
  // Allocates an all-valid mask for `capacity` rows.
  void Initialize(idx_t capacity = kVectorSize) {
    capacity_ = capacity;
    owned_ = std::shared_ptr<uint64_t[]>(new uint64_t[EntryCount(capacity)]);
    mask_ = owned_.get();
    std::memset(mask_, 0xFF, EntryCount(capacity) * sizeof(uint64_t));
  }
  // Enlarges the mask to `capacity` rows, keeping the bits (new rows valid).
  void Grow(idx_t capacity) {
    capacity = capacity < 2 * capacity_ ? 2 * capacity_ : capacity;
    auto bigger = std::shared_ptr<uint64_t[]>(new uint64_t[EntryCount(capacity)]);
    std::memset(bigger.get(), 0xFF, EntryCount(capacity) * sizeof(uint64_t));
    std::memcpy(bigger.get(), mask_, EntryCount(capacity_) * sizeof(uint64_t));
    owned_ = std::move(bigger);
    mask_ = owned_.get();
    capacity_ = capacity;
  }
  // Back to "all valid" without freeing (the next SetInvalid reuses memory).
  void Reset() {
    if (owned_ && owned_.use_count() == 1) {
      std::memset(owned_.get(), 0xFF, EntryCount(capacity_) * sizeof(uint64_t));
    } else {
      owned_.reset();
    }
    mask_ = nullptr;
  }
  // Shares `other`'s bits (zero copy).
  void Reference(const ValidityMask& other) {
    owned_ = other.owned_;
    mask_ = other.mask_;
    capacity_ = other.capacity_;
  }
  uint64_t* data() { return mask_; }
  const uint64_t* data() const { return mask_; }
  uint64_t GetEntry(idx_t entry) const { return mask_ ? mask_[entry] : ~uint64_t(0); }

 private:
  uint64_t* mask_ = nullptr;
  std::shared_ptr<uint64_t[]> owned_;
  idx_t capacity_ = 0;
};

}  // namespace tributary
