// SelectionVector: a list of row indexes into a vector, produced by filters
// and consumed by gathers. A default-constructed SelectionVector is the
// identity (row i -> i) and allocates nothing.
#pragma once

#include <memory>

#include "common/constants.h"

namespace tributary {

using sel_t = uint32_t;

class SelectionVector {
 public:
  SelectionVector() = default;
  explicit SelectionVector(idx_t capacity) { Initialize(capacity); }
  // Borrows `external`, which must outlive this object.
  explicit SelectionVector(sel_t* external) : sel_(external) {}

  void Initialize(idx_t capacity = kVectorSize) {
    owned_ = std::make_unique<sel_t[]>(capacity);
    sel_ = owned_.get();
  }
  bool IsIdentity() const { return sel_ == nullptr; }
  idx_t get_index(idx_t i) const { return sel_ ? sel_[i] : i; }
  void set_index(idx_t i, idx_t row) { sel_[i] = static_cast<sel_t>(row); }
  sel_t* data() { return sel_; }
  const sel_t* data() const { return sel_; }

 private:
  sel_t* sel_ = nullptr;
  std::unique_ptr<sel_t[]> owned_;
};

}  // namespace tributary
