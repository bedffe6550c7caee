#include "execution/operator/join/join_row_collection.h"

#include <algorithm>

namespace tributary {

void JoinRowCollection::Append(const DataChunk& chunk) {
  idx_t offset = 0;
  while (offset < chunk.size()) {
    if (chunks_.empty() || chunks_.back().size() == kVectorSize) {
      chunks_.emplace_back();
      chunks_.back().Initialize(types_);
    }
    auto& target = chunks_.back();
    idx_t n = std::min(kVectorSize - target.size(), chunk.size() - offset);
    SelectionVector sel(n);
    for (idx_t i = 0; i < n; i++)
      sel.set_index(i, offset + i);
    target.Append(chunk, sel, n);
    offset += n;
    count_ += n;
  }
}

void JoinRowCollection::Absorb(JoinRowCollection& other) {
  for (auto& c : other.chunks_)
    Append(c);
  other.chunks_.clear();
  other.count_ = 0;
}

void JoinRowCollection::Gather(const idx_t* rows, idx_t count, DataChunk& out, idx_t target) const {
  for (idx_t c = 0; c < types_.size(); c++) {
    Vector& dst_vector = out.column(target + c);
    dst_vector.ResetToFlat();
    DispatchPhysical(types_[c].physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      auto dst = dst_vector.Data<T>();
      for (idx_t i = 0; i < count; i++) {
        idx_t row = rows[i];
        if (row == kInvalidIndex) {
          dst_vector.SetNull(i);
          continue;
        }
        const Vector& src = chunks_[row / kVectorSize].column(c);
        idx_t r = row % kVectorSize;
        if (src.IsNull(r)) {
          dst_vector.SetNull(i);
        } else {
          dst[i] = src.Data<T>()[r];
        }
      }
    });
    if (types_[c].physical() == PhysicalType::kString) {
      for (auto& chunk : chunks_)
        dst_vector.heap().KeepAlive(chunk.column(c).heap_ptr());
    }
  }
}

}  // namespace tributary
