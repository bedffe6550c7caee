#include "execution/operator/window/window_segment_tree.h"

#include <algorithm>
#include <utility>

namespace tributary {

WindowSegmentTree::WindowSegmentTree(const AggregateFunction& fn, AggregateInputData& aux,
                                     const std::vector<const Vector*>& args, const Vector* filter,
                                     idx_t begin, idx_t end)
    : fn_(fn),
      aux_(aux),
      args_(args),
      filter_(filter),
      begin_(begin),
      width_((std::max<idx_t>(fn.StateSize(), 1) + 15) / 16 * 16),
      sel_(kVectorSize),
      sources_(LogicalType(LogicalTypeId::kBigInt)),
      targets_(LogicalType(LogicalTypeId::kBigInt)) {
  for (auto* a : args_)
    inputs_.emplace_back(a->type());
  // Only whole nodes are ever used, so a level has floor(below / kFanout).
  std::vector<idx_t> sizes;
  for (idx_t below = end - begin; below >= kFanout; below /= kFanout)
    sizes.push_back(below / kFanout);
  for (idx_t l = 0; l < sizes.size(); l++) {
    idx_t bytes = sizes[l] * width_;
    levels_.push_back(
        std::make_unique<max_align_t[]>((bytes + sizeof(max_align_t) - 1) / sizeof(max_align_t)));
    for (idx_t k = 0; k < sizes[l]; k++)
      fn_.initialize(fn_, Node(l + 1, k));
    for (idx_t item = 0; item < sizes[l] * kFanout; item++)
      Add(l, item, Node(l + 1, item / kFanout));
    Flush();
  }
}

void WindowSegmentTree::Add(idx_t level, idx_t index, data_ptr_t state) {
  if (pending_ > 0 && (level != pending_level_ || pending_ == kVectorSize))
    Flush();
  pending_level_ = level;
  if (level == 0) {
    idx_t row = begin_ + index;
    if (filter_ && (filter_->IsNull(row) || !filter_->Data<bool>()[row]))
      return;
    sel_.set_index(pending_, row);
  } else {
    sources_.Data<data_ptr_t>()[pending_] = Node(level, index);
  }
  targets_.Data<data_ptr_t>()[pending_] = state;
  pending_++;
}

void WindowSegmentTree::Flush() {
  if (pending_ == 0)
    return;
  if (pending_level_ == 0) {
    for (idx_t k = 0; k < args_.size(); k++) {
      inputs_[k].ResetToFlat();
      inputs_[k].CopyFrom(*args_[k], sel_, pending_);
    }
    fn_.update(inputs_.data(), args_.size(), aux_, targets_, pending_);
  } else {
    fn_.combine(sources_, targets_, aux_, pending_);
  }
  pending_ = 0;
}

void WindowSegmentTree::Aggregate(const idx_t* starts, const idx_t* ends, const data_ptr_t* states,
                                  idx_t n) {
  // Frame j's remaining [left, right) in the current level's units, and
  // the right-edge pieces deferred until the way down.
  std::vector<idx_t> left(n), right(n);
  std::vector<bool> active(n);
  std::vector<std::vector<std::pair<idx_t, idx_t>>> deferred;
  bool any = false;
  for (idx_t j = 0; j < n; j++) {
    left[j] = starts[j] - begin_;
    right[j] = ends[j] - begin_;
    active[j] = left[j] < right[j];
    any = any || active[j];
  }
  for (idx_t level = 0; any; level++) {
    any = false;
    deferred.emplace_back(n, std::make_pair<idx_t, idx_t>(0, 0));
    bool has_parent = level < levels_.size();
    for (idx_t j = 0; j < n; j++) {
      if (!active[j])
        continue;
      idx_t l = left[j], r = right[j];
      idx_t parent_l = (l + kFanout - 1) / kFanout, parent_r = r / kFanout;
      if (has_parent && parent_l < parent_r) {
        for (idx_t i = l; i < parent_l * kFanout; i++)
          Add(level, i, states[j]);
        deferred[level][j] = {parent_r * kFanout, r};
        left[j] = parent_l;
        right[j] = parent_r;
        any = true;
      } else {
        for (idx_t i = l; i < r; i++)
          Add(level, i, states[j]);
        active[j] = false;
      }
    }
  }
  for (idx_t level = deferred.size(); level-- > 0;) {
    for (idx_t j = 0; j < n; j++) {
      auto [from, to] = deferred[level][j];
      for (idx_t i = from; i < to; i++)
        Add(level, i, states[j]);
    }
  }
  Flush();
}

}  // namespace tributary
