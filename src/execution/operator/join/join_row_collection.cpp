#include "execution/operator/join/join_row_collection.h"

#include <algorithm>

#include "common/exception.h"
#include "execution/task_scheduler.h"

namespace tributary {

void JoinRowCollection::Append(const DataChunk& chunk) {
  TRIB_ASSERT(!consolidated_);
  idx_t offset = 0;
  while (offset < chunk.size()) {
    if (chunks_.empty() || chunks_.back().size() == kVectorSize) {
      chunks_.emplace_back();
      chunks_.back().Initialize(types_);
    }
    auto& target = chunks_.back();
    idx_t n = std::min(kVectorSize - target.size(), chunk.size() - offset);
    if (offset == 0) {
      target.Append(chunk, SelectionVector(), n);  // a straight copy of the first n rows
    } else {
      SelectionVector sel(n);
      for (idx_t i = 0; i < n; i++)
        sel.set_index(i, offset + i);
      target.Append(chunk, sel, n);
    }
    offset += n;
    count_ += n;
  }
}

void JoinRowCollection::Absorb(JoinRowCollection& other) {
  TRIB_ASSERT(!consolidated_ && !other.consolidated_);
  if (other.count_ == 0)
    return;
  // Set aside this collection's partial last chunk and other's, move the
  // full chunks, then copy the partial rows back in.
  std::vector<DataChunk> partial;
  if (!chunks_.empty() && chunks_.back().size() < kVectorSize) {
    count_ -= chunks_.back().size();
    partial.push_back(std::move(chunks_.back()));
    chunks_.pop_back();
  }
  for (auto& c : other.chunks_) {
    if (c.size() == kVectorSize) {
      chunks_.push_back(std::move(c));
      count_ += kVectorSize;
    } else if (c.size() > 0) {
      partial.push_back(std::move(c));
    }
  }
  other.chunks_.clear();
  other.count_ = 0;
  for (auto& c : partial)
    Append(c);
}

void JoinRowCollection::Consolidate(TaskScheduler* scheduler) {
  consolidated_ = true;
  if (chunks_.size() <= 1)
    return;  // row ids already index the one chunk
  DataChunk all;
  all.Initialize(types_, count_);
  if (scheduler) {
    // A column per task: each writes only its own vector.
    scheduler->RunParallel(types_.size(), [&](idx_t c) {
      Vector& target = all.column(c);
      idx_t offset = 0;
      for (auto& chunk : chunks_) {
        target.CopyFrom(chunk.column(c), SelectionVector(), chunk.size(), offset);
        offset += chunk.size();
      }
    });
    all.SetCardinality(count_);
  } else {
    for (auto& c : chunks_)
      all.Append(c, SelectionVector(), c.size());
  }
  chunks_.clear();
  chunks_.push_back(std::move(all));
}

void JoinRowCollection::ReferenceColumns(const JoinRowCollection& rows,
                                         const std::vector<idx_t>& columns) {
  TRIB_ASSERT(count_ == 0 && rows.consolidated_);
  consolidated_ = true;
  count_ = rows.count_;
  if (rows.chunks_.empty())
    return;
  DataChunk view;
  view.Initialize(types_, 1);
  for (idx_t c = 0; c < columns.size(); c++)
    view.column(c).Reference(rows.chunks_[0].column(columns[c]));
  view.SetCardinality(rows.chunks_[0].size());
  chunks_.push_back(std::move(view));
}

void JoinRowCollection::Gather(const idx_t* rows, idx_t count, DataChunk& out, idx_t target) const {
  if (!consolidated_) {
    GatherChunked(rows, count, out, target);
    return;
  }
  for (idx_t c = 0; c < types_.size(); c++) {
    Vector& dst_vector = out.column(target + c);
    dst_vector.ResetToFlat();
    if (chunks_.empty()) {
      for (idx_t i = 0; i < count; i++)
        dst_vector.SetNull(i);
      continue;
    }
    const Vector& src_vector = chunks_[0].column(c);
    const auto& src_validity = src_vector.validity();
    DispatchPhysical(types_[c].physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      auto dst = dst_vector.Data<T>();
      auto src = src_vector.Data<T>();
      for (idx_t i = 0; i < count; i++) {
        idx_t row = rows[i];
        if (row == kInvalidIndex) {
          dst_vector.SetNull(i);
        } else {
          dst[i] = src[row];
        }
      }
      if (!src_validity.AllValid()) {
        for (idx_t i = 0; i < count; i++) {
          if (rows[i] != kInvalidIndex && !src_validity.RowIsValid(rows[i]))
            dst_vector.SetNull(i);
        }
      }
    });
    if (types_[c].physical() == PhysicalType::kString)
      dst_vector.heap().KeepAlive(src_vector.heap_ptr());
  }
}

void JoinRowCollection::GatherChunked(const idx_t* rows, idx_t count, DataChunk& out,
                                      idx_t target) const {
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
