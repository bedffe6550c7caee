#include "execution/operator/window/window_evaluator.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include "common/exception.h"
#include "execution/operator/window/window_segment_tree.h"
#include "execution/vector_comparison.h"
#include "types/timestamp.h"
#include "vector/selection_vector.h"
#include "vector/string_heap.h"

namespace tributary {

namespace {

// Marks in `changed` each row (after the first) whose `key` differs from the
// previous row's.
void MarkChanges(const Vector& key, idx_t count, std::vector<bool>& changed) {
  DispatchPhysical(key.type().physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto data = key.Data<T>();
    for (idx_t i = 1; i < count; i++) {
      if (changed[i])
        continue;
      bool a_null = key.IsNull(i - 1), b_null = key.IsNull(i);
      if (a_null || b_null) {
        changed[i] = a_null != b_null;
      } else {
        changed[i] = CompareValues<T>(data[i - 1], data[i]) != 0;
      }
    }
  });
}

// Sliding frames wider than this are aggregated through a segment tree.
constexpr idx_t kWideFrame = 64;

hugeint_t PowerOfTen(int exponent) {
  hugeint_t result = 1;
  for (int i = 0; i < exponent; i++)
    result *= 10;
  return result;
}

// A selection of up to kVectorSize rows, filled by the caller.
struct Gather {
  Gather() : sel(kVectorSize) {}
  SelectionVector sel;
};

// Aggregate states in one aligned block: slot i at data + i * width.
class StateBlock {
 public:
  StateBlock(idx_t state_size, idx_t slots)
      : width_((std::max<idx_t>(state_size, 1) + 15) / 16 * 16),
        memory_(new max_align_t[(width_ * slots + sizeof(max_align_t) - 1) / sizeof(max_align_t)]) {
  }
  data_ptr_t Slot(idx_t i) { return reinterpret_cast<data_ptr_t>(memory_.get()) + i * width_; }
  idx_t width() const { return width_; }

 private:
  idx_t width_;
  std::unique_ptr<max_align_t[]> memory_;
};

}  // namespace

WindowBoundaries WindowBoundaries::Compute(const std::vector<const Vector*>& keys,
                                           idx_t partition_count, idx_t count) {
  WindowBoundaries b;
  b.partition_start.resize(count);
  b.partition_end.resize(count);
  b.peer_start.resize(count);
  b.peer_end.resize(count);
  b.peer_group.resize(count);
  std::vector<bool> new_partition(count, false);
  for (idx_t k = 0; k < partition_count; k++)
    MarkChanges(*keys[k], count, new_partition);
  std::vector<bool> new_peer = new_partition;
  for (idx_t k = partition_count; k < keys.size(); k++)
    MarkChanges(*keys[k], count, new_peer);
  idx_t ps = 0, gs = 0;
  for (idx_t i = 0; i < count; i++) {
    if (new_partition[i])
      ps = i;
    if (new_peer[i])
      gs = i;
    b.partition_start[i] = ps;
    b.peer_start[i] = gs;
    if (i == gs)
      b.group_start.push_back(i);
    b.peer_group[i] = b.group_start.size() - 1;
  }
  b.group_start.push_back(count);
  idx_t pe = count, ge = count;
  for (idx_t i = count; i-- > 0;) {
    b.partition_end[i] = pe;
    b.peer_end[i] = ge;
    if (new_partition[i])
      pe = i;
    if (new_peer[i])
      ge = i;
  }
  return b;
}

WindowEvaluator::WindowEvaluator(const BoundWindowExpression& expr, const WindowBoundaries& bounds,
                                 const std::vector<const Vector*>& args, const Vector* filter,
                                 Vector& result, idx_t result_offset)
    : expr_(expr),
      bounds_(bounds),
      args_(args),
      filter_(filter),
      result_(result),
      result_offset_(result_offset),
      count_(bounds.Count()) {
  bool range_offsets = expr.frame_mode == WindowFrameMode::kRange &&
                       (expr.start == WindowBoundary::kOffsetPreceding ||
                        expr.start == WindowBoundary::kOffsetFollowing ||
                        expr.end == WindowBoundary::kOffsetPreceding ||
                        expr.end == WindowBoundary::kOffsetFollowing);
  if (!range_offsets)
    return;
  auto& key = bounds.range_type;
  if (key.id() == LogicalTypeId::kDecimal) {
    // Compare at the larger of the key's and the offsets' scales.
    int scale = key.scale();
    for (auto* v : {&expr.start_value, &expr.end_value}) {
      if (!v->IsNull())
        scale = std::max(scale, v->type().scale());
    }
    range_multiplier_ = PowerOfTen(scale - key.scale());
    auto shift = [&](const Value& v) {
      return v.IsNull() ? hugeint_t(0) : v.GetHugeint() * PowerOfTen(scale - v.type().scale());
    };
    start_shift_ = shift(expr.start_value);
    end_shift_ = shift(expr.end_value);
  } else if (key.id() == LogicalTypeId::kDate) {
    range_multiplier_ = Timestamp::kMicrosPerDay;
  } else if (key.IsInteger()) {
    start_shift_ = expr.start_offset;
    end_shift_ = expr.end_offset;
  }
}

void WindowBoundaries::SetRangeKey(const Vector& key, bool descending, bool nulls_first) {
  idx_t count = Count();
  range_key_null.resize(count);
  range_descending = descending;
  range_nulls_first = nulls_first;
  range_type = key.type();
  for (idx_t i = 0; i < count; i++)
    range_key_null[i] = key.IsNull(i);
  DispatchPhysical(key.type().physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto data = key.Data<T>();
    if constexpr (std::is_floating_point_v<T>) {
      range_key_double.resize(count);
      for (idx_t i = 0; i < count; i++)
        range_key_double[i] = range_key_null[i] ? 0 : static_cast<double>(data[i]);
    } else if constexpr ((std::is_integral_v<T> && !std::is_same_v<T, bool>) ||
                         std::is_same_v<T, hugeint_t>) {
      range_key.resize(count);
      for (idx_t i = 0; i < count; i++)
        range_key[i] = range_key_null[i] ? 0 : static_cast<hugeint_t>(data[i]);
    }
  });
}

hugeint_t WindowEvaluator::RangeTarget(idx_t i, bool start) const {
  bool preceding = (start ? expr_.start : expr_.end) == WindowBoundary::kOffsetPreceding;
  // PRECEDING moves toward the start of the sort order.
  bool toward_smaller = preceding != bounds_.range_descending;
  hugeint_t key = bounds_.range_key[i];
  auto id = bounds_.range_type.id();
  if (id == LogicalTypeId::kDate || id == LogicalTypeId::kTimestamp ||
      id == LogicalTypeId::kTimestampTz) {
    auto iv = (start ? expr_.start_value : expr_.end_value).GetInterval();
    if (toward_smaller)
      iv = Interval::Negate(iv);
    int64_t micros = id == LogicalTypeId::kDate ? Timestamp::FromDate(static_cast<int32_t>(key))
                                                : static_cast<int64_t>(key);
    return Timestamp::Add(micros, iv);
  }
  hugeint_t shift = start ? start_shift_ : end_shift_;
  return key * range_multiplier_ + (toward_smaller ? -shift : shift);
}

double WindowEvaluator::RangeTargetDouble(idx_t i, bool start) const {
  bool preceding = (start ? expr_.start : expr_.end) == WindowBoundary::kOffsetPreceding;
  bool toward_smaller = preceding != bounds_.range_descending;
  double offset = (start ? expr_.start_value : expr_.end_value).GetDouble();
  return bounds_.range_key_double[i] + (toward_smaller ? -offset : offset);
}

idx_t WindowEvaluator::RangeBound(idx_t i, bool start, bool inclusive) const {
  const auto& b = bounds_;
  idx_t ps = b.partition_start[i], pe = b.partition_end[i];
  // The partition's non-NULL keys are contiguous: NULLs sort at one end.
  auto is_null = [&](idx_t r) { return static_cast<bool>(b.range_key_null[r]); };
  idx_t lo = ps, hi = pe;
  if (b.range_nulls_first) {
    idx_t l = ps, h = pe;
    while (l < h) {
      idx_t m = l + (h - l) / 2;
      if (is_null(m))
        l = m + 1;
      else
        h = m;
    }
    lo = l;
  } else {
    idx_t l = ps, h = pe;
    while (l < h) {
      idx_t m = l + (h - l) / 2;
      if (!is_null(m))
        l = m + 1;
      else
        h = m;
    }
    hi = l;
  }
  // Rows before the result are "before the bound" in sort order.
  auto search = [&](auto key_at, auto target) {
    auto before = [&](idx_t r) {
      auto k = key_at(r);
      if (!b.range_descending)
        return inclusive ? k < target : k <= target;
      return inclusive ? k > target : k >= target;
    };
    while (lo < hi) {
      idx_t m = lo + (hi - lo) / 2;
      if (before(m))
        lo = m + 1;
      else
        hi = m;
    }
    return lo;
  };
  if (!b.range_key_double.empty())
    return search([&](idx_t r) { return b.range_key_double[r]; }, RangeTargetDouble(i, start));
  return search([&](idx_t r) { return b.range_key[r] * range_multiplier_; }, RangeTarget(i, start));
}

idx_t WindowEvaluator::FramePieces(idx_t i, idx_t pieces[3][2]) const {
  idx_t fs = FrameStart(i), fe = FrameEnd(i);
  idx_t ex_begin = i, ex_end = i + 1;
  switch (expr_.exclude) {
    case WindowExclude::kNoOthers:
      pieces[0][0] = fs;
      pieces[0][1] = fe;
      return 1;
    case WindowExclude::kCurrentRow:
      break;
    case WindowExclude::kGroup:
    case WindowExclude::kTies:
      // Without ORDER BY every row of the partition is a peer.
      ex_begin = bounds_.peer_start[i];
      ex_end = bounds_.peer_end[i];
      break;
  }
  idx_t n = 0;
  auto add = [&](idx_t b, idx_t e) {
    if (b < e) {
      pieces[n][0] = b;
      pieces[n][1] = e;
      n++;
    }
  };
  add(fs, std::min(fe, ex_begin));
  if (expr_.exclude == WindowExclude::kTies && i >= fs && i < fe)
    add(i, i + 1);
  add(std::max(fs, ex_end), fe);
  return n;
}

idx_t WindowEvaluator::FrameStart(idx_t i) const {
  idx_t ps = bounds_.partition_start[i], pe = bounds_.partition_end[i];
  if (expr_.frame_mode == WindowFrameMode::kRange &&
      (expr_.start == WindowBoundary::kOffsetPreceding ||
       expr_.start == WindowBoundary::kOffsetFollowing)) {
    // A NULL key's offset bounds are its peers (the other NULLs).
    if (bounds_.range_key_null[i])
      return bounds_.peer_start[i];
    return RangeBound(i, true, true);
  }
  if (expr_.frame_mode == WindowFrameMode::kGroups) {
    // Offsets count peer groups within the partition.
    idx_t group = bounds_.peer_group[i], first = bounds_.peer_group[ps];
    idx_t last = bounds_.peer_group[pe - 1];
    auto off = static_cast<idx_t>(expr_.start_offset);
    if (expr_.start == WindowBoundary::kOffsetPreceding)
      return bounds_.group_start[group - first >= off ? group - off : first];
    if (expr_.start == WindowBoundary::kOffsetFollowing)
      return last - group >= off ? bounds_.group_start[group + off] : pe;
  }
  switch (expr_.start) {
    case WindowBoundary::kUnboundedPreceding:
      return ps;
    case WindowBoundary::kOffsetPreceding: {
      auto off = static_cast<idx_t>(expr_.start_offset);
      return i - ps >= off ? i - off : ps;
    }
    case WindowBoundary::kCurrentRow:
      return expr_.frame_mode == WindowFrameMode::kRows ? i : bounds_.peer_start[i];
    case WindowBoundary::kOffsetFollowing: {
      auto off = static_cast<idx_t>(expr_.start_offset);
      return pe - i > off ? i + off : pe;
    }
    case WindowBoundary::kUnboundedFollowing:
      return pe;
  }
  return ps;
}

idx_t WindowEvaluator::FrameEnd(idx_t i) const {
  idx_t ps = bounds_.partition_start[i], pe = bounds_.partition_end[i];
  if (expr_.frame_mode == WindowFrameMode::kRange &&
      (expr_.end == WindowBoundary::kOffsetPreceding ||
       expr_.end == WindowBoundary::kOffsetFollowing)) {
    idx_t end = bounds_.range_key_null[i] ? bounds_.peer_end[i] : RangeBound(i, false, false);
    return std::max(end, FrameStart(i));
  }
  if (expr_.frame_mode == WindowFrameMode::kGroups) {
    idx_t group = bounds_.peer_group[i], first = bounds_.peer_group[ps];
    idx_t last = bounds_.peer_group[pe - 1];
    auto off = static_cast<idx_t>(expr_.end_offset);
    if (expr_.end == WindowBoundary::kOffsetPreceding) {
      idx_t end = group - first >= off ? bounds_.group_start[group - off + 1] : ps;
      return std::max(end, FrameStart(i));
    }
    if (expr_.end == WindowBoundary::kOffsetFollowing) {
      idx_t end = last - group > off ? bounds_.group_start[group + off + 1] : pe;
      return std::max(end, FrameStart(i));
    }
  }
  idx_t end = pe;
  switch (expr_.end) {
    case WindowBoundary::kUnboundedPreceding:
      end = ps;
      break;
    case WindowBoundary::kOffsetPreceding: {
      auto off = static_cast<idx_t>(expr_.end_offset);
      end = i + 1 - ps >= off ? i + 1 - off : ps;
      break;
    }
    case WindowBoundary::kCurrentRow:
      end = expr_.frame_mode == WindowFrameMode::kRows ? i + 1 : bounds_.peer_end[i];
      break;
    case WindowBoundary::kOffsetFollowing: {
      auto off = static_cast<idx_t>(expr_.end_offset);
      end = pe - i - 1 > off ? i + 1 + off : pe;
      break;
    }
    case WindowBoundary::kUnboundedFollowing:
      end = pe;
      break;
  }
  return std::max(end, FrameStart(i));
}

void WindowEvaluator::Evaluate(idx_t begin, idx_t end) {
  if (begin >= end)
    return;
  switch (expr_.window_type) {
    case WindowFunctionType::kRowNumber:
    case WindowFunctionType::kRank:
    case WindowFunctionType::kDenseRank:
    case WindowFunctionType::kPercentRank:
    case WindowFunctionType::kCumeDist:
      return EvaluateRanking(begin, end);
    case WindowFunctionType::kNtile:
      return EvaluateNtile(begin, end);
    case WindowFunctionType::kLag:
    case WindowFunctionType::kLead:
      return EvaluateOffset(begin, end);
    case WindowFunctionType::kFirstValue:
    case WindowFunctionType::kLastValue:
    case WindowFunctionType::kNthValue:
      return EvaluateFrameValue(begin, end);
    case WindowFunctionType::kAggregate:
      return EvaluateAggregate(begin, end);
  }
}

void WindowEvaluator::EvaluateRanking(idx_t begin, idx_t end) {
  const auto& b = bounds_;
  switch (expr_.window_type) {
    case WindowFunctionType::kRowNumber: {
      auto out = result_.Data<int64_t>();
      for (idx_t i = begin; i < end; i++)
        out[i - result_offset_] = static_cast<int64_t>(i - b.partition_start[i] + 1);
      break;
    }
    case WindowFunctionType::kRank: {
      auto out = result_.Data<int64_t>();
      for (idx_t i = begin; i < end; i++)
        out[i - result_offset_] = static_cast<int64_t>(b.peer_start[i] - b.partition_start[i] + 1);
      break;
    }
    case WindowFunctionType::kDenseRank: {
      // Peer groups are numbered over all rows: no state carried between
      // rows, so a range may start inside a partition.
      auto out = result_.Data<int64_t>();
      for (idx_t i = begin; i < end; i++) {
        out[i - result_offset_] =
            static_cast<int64_t>(b.peer_group[i] - b.peer_group[b.partition_start[i]] + 1);
      }
      break;
    }
    case WindowFunctionType::kPercentRank: {
      auto out = result_.Data<double>();
      for (idx_t i = begin; i < end; i++) {
        idx_t size = b.partition_end[i] - b.partition_start[i];
        out[i - result_offset_] =
            size <= 1 ? 0.0
                      : static_cast<double>(b.peer_start[i] - b.partition_start[i]) /
                            static_cast<double>(size - 1);
      }
      break;
    }
    case WindowFunctionType::kCumeDist: {
      auto out = result_.Data<double>();
      for (idx_t i = begin; i < end; i++) {
        idx_t size = b.partition_end[i] - b.partition_start[i];
        out[i - result_offset_] =
            static_cast<double>(b.peer_end[i] - b.partition_start[i]) / static_cast<double>(size);
      }
      break;
    }
    default:
      break;
  }
}

void WindowEvaluator::EvaluateNtile(idx_t begin, idx_t end) {
  // PostgreSQL: the argument is read at the partition's first row; the
  // first (size % n) buckets get one row more.
  const Vector& buckets = *args_[0];
  auto out = result_.Data<int32_t>();
  for (idx_t i = begin; i < end; i++) {
    idx_t ps = bounds_.partition_start[i];
    if (buckets.IsNull(ps)) {
      result_.SetNull(i - result_offset_);
      continue;
    }
    int64_t n = buckets.Data<int32_t>()[ps];
    if (n <= 0)
      throw Exception("22014", "argument of ntile must be greater than zero");
    auto size = static_cast<int64_t>(bounds_.partition_end[i] - ps);
    auto row = static_cast<int64_t>(i - ps);
    int64_t per_bucket = size / n, remainder = size % n;
    int64_t big_rows = remainder * (per_bucket + 1);
    int64_t bucket = row < big_rows
                         ? row / (per_bucket + 1)
                         : remainder + (row - big_rows) / std::max<int64_t>(per_bucket, 1);
    out[i - result_offset_] = static_cast<int32_t>(bucket + 1);
  }
}

void WindowEvaluator::EvaluateOffset(idx_t begin, idx_t end) {
  bool lag = expr_.window_type == WindowFunctionType::kLag;
  const Vector& values = *args_[0];
  const Vector* offsets = args_.size() > 1 ? args_[1] : nullptr;
  const Vector* defaults = args_.size() > 2 ? args_[2] : nullptr;
  Gather gather;
  SelectionVector one(1);
  for (idx_t base = begin; base < end; base += kVectorSize) {
    idx_t n = std::min<idx_t>(kVectorSize, end - base);
    std::vector<idx_t> use_default;
    for (idx_t j = 0; j < n; j++) {
      idx_t i = base + j;
      idx_t source = count_;  // the NULL row
      bool null_offset = offsets && offsets->IsNull(i);
      if (!null_offset) {
        int64_t off = offsets ? offsets->Data<int32_t>()[i] : 1;
        int64_t target = lag ? static_cast<int64_t>(i) - off : static_cast<int64_t>(i) + off;
        if (target >= static_cast<int64_t>(bounds_.partition_start[i]) &&
            target < static_cast<int64_t>(bounds_.partition_end[i])) {
          source = static_cast<idx_t>(target);
        } else if (defaults) {
          use_default.push_back(i);
        }
      }
      gather.sel.set_index(j, source);
    }
    result_.CopyFrom(values, gather.sel, n, base - result_offset_);
    for (idx_t i : use_default) {
      one.set_index(0, i);
      result_.CopyFrom(*defaults, one, 1, i - result_offset_);
    }
  }
}

void WindowEvaluator::EvaluateFrameValue(idx_t begin, idx_t end) {
  const Vector& values = *args_[0];
  Gather gather;
  for (idx_t base = begin; base < end; base += kVectorSize) {
    idx_t n = std::min<idx_t>(kVectorSize, end - base);
    for (idx_t j = 0; j < n; j++) {
      idx_t i = base + j;
      idx_t source = count_;
      if (expr_.exclude != WindowExclude::kNoOthers) {
        // The k-th row of the frame's pieces.
        idx_t pieces[3][2];
        idx_t n_pieces = FramePieces(i, pieces);
        idx_t size = 0;
        for (idx_t p = 0; p < n_pieces; p++)
          size += pieces[p][1] - pieces[p][0];
        idx_t k = kInvalidIndex;  // 0-based position in the frame
        if (expr_.window_type == WindowFunctionType::kNthValue) {
          const Vector& nth = *args_[1];
          if (!nth.IsNull(i)) {
            int64_t want = nth.Data<int32_t>()[i];
            if (want <= 0)
              throw Exception("22016", "argument of nth_value must be greater than zero");
            if (static_cast<idx_t>(want) <= size)
              k = static_cast<idx_t>(want) - 1;
          }
        } else if (size > 0) {
          k = expr_.window_type == WindowFunctionType::kFirstValue ? 0 : size - 1;
        }
        for (idx_t p = 0; k != kInvalidIndex && p < n_pieces; p++) {
          idx_t len = pieces[p][1] - pieces[p][0];
          if (k < len) {
            source = pieces[p][0] + k;
            break;
          }
          k -= len;
        }
        gather.sel.set_index(j, source);
        continue;
      }
      idx_t fs = FrameStart(i), fe = FrameEnd(i);
      if (expr_.window_type == WindowFunctionType::kNthValue) {
        const Vector& nth = *args_[1];
        if (!nth.IsNull(i)) {
          int64_t k = nth.Data<int32_t>()[i];
          if (k <= 0)
            throw Exception("22016", "argument of nth_value must be greater than zero");
          if (static_cast<idx_t>(k) <= fe - fs)
            source = fs + static_cast<idx_t>(k) - 1;
        }
      } else if (fs < fe) {
        source = expr_.window_type == WindowFunctionType::kFirstValue ? fs : fe - 1;
      }
      gather.sel.set_index(j, source);
    }
    result_.CopyFrom(values, gather.sel, n, base - result_offset_);
  }
}

void WindowEvaluator::EvaluateAggregate(idx_t begin, idx_t end) {
  const AggregateFunction& fn = *expr_.aggregate;
  auto arena = std::make_shared<StringHeap>();
  AggregateInputData aux{expr_.bind_data.get(), arena.get()};
  idx_t arg_count = args_.size();
  std::vector<Vector> inputs;
  for (auto* a : args_)
    inputs.emplace_back(a->type());
  Vector pointers(LogicalType(LogicalTypeId::kBigInt));
  auto ptrs = pointers.Data<data_ptr_t>();
  StateBlock slots(fn.StateSize(), kVectorSize);
  StateBlock running(fn.StateSize(), 1);
  Gather gather;

  // Feeds rows sel[0, n) to the states in `ptrs`.
  auto update = [&](idx_t n) {
    for (idx_t k = 0; k < arg_count; k++) {
      inputs[k].ResetToFlat();
      inputs[k].CopyFrom(*args_[k], gather.sel, n);
    }
    fn.update(inputs.data(), arg_count, aux, pointers, n);
  };
  // Rows the FILTER lets through.
  auto passes = [&](idx_t row) {
    return !filter_ || (!filter_->IsNull(row) && filter_->Data<bool>()[row]);
  };
  // Adds rows [from, to) to `state`.
  auto add_to = [&](data_ptr_t state, idx_t from, idx_t to) {
    while (from < to) {
      idx_t n = 0;
      for (; from < to && n < kVectorSize; from++) {
        if (passes(from)) {
          gather.sel.set_index(n, from);
          ptrs[n++] = state;
        }
      }
      if (n > 0)
        update(n);
    }
  };
  auto add_range = [&](idx_t from, idx_t to) { add_to(running.Slot(0), from, to); };
  auto finalize = [&](idx_t base, idx_t n) {
    for (idx_t j = 0; j < n; j++)
      ptrs[j] = slots.Slot(j);
    fn.finalize(pointers, aux, result_, n, base - result_offset_);
  };
  idx_t state_size = fn.StateSize();

  // A segment tree over rows [begin, end), built on first use.
  std::unique_ptr<WindowSegmentTree> tree;
  auto segment_tree = [&]() -> WindowSegmentTree& {
    if (!tree)
      tree = std::make_unique<WindowSegmentTree>(fn, aux, args_, filter_, begin, end);
    return *tree;
  };
  std::vector<data_ptr_t> slot_pointers(kVectorSize);
  for (idx_t j = 0; j < kVectorSize; j++)
    slot_pointers[j] = slots.Slot(j);

  if (expr_.exclude != WindowExclude::kNoOthers) {
    // EXCLUDE: a frame is up to three pieces. Small inputs aggregate them
    // row by row; larger ones through the segment tree, a vector of rows'
    // k-th pieces at a time.
    bool tree_mode = end - begin > 4 * kWideFrame;
    std::vector<idx_t> piece_starts[3], piece_ends[3];
    for (idx_t p = 0; p < 3; p++) {
      piece_starts[p].resize(kVectorSize);
      piece_ends[p].resize(kVectorSize);
    }
    for (idx_t base = begin; base < end; base += kVectorSize) {
      idx_t n = std::min<idx_t>(kVectorSize, end - base);
      for (idx_t j = 0; j < n; j++) {
        fn.initialize(fn, slots.Slot(j));
        idx_t pieces[3][2];
        idx_t n_pieces = FramePieces(base + j, pieces);
        for (idx_t p = 0; p < 3; p++) {
          piece_starts[p][j] = p < n_pieces ? pieces[p][0] : begin;
          piece_ends[p][j] = p < n_pieces ? pieces[p][1] : begin;
          if (!tree_mode)
            add_to(slots.Slot(j), piece_starts[p][j], piece_ends[p][j]);
        }
      }
      if (tree_mode) {
        for (idx_t p = 0; p < 3; p++)
          segment_tree().Aggregate(piece_starts[p].data(), piece_ends[p].data(),
                                   slot_pointers.data(), n);
      }
      finalize(base, n);
    }
    return;
  }
  if (expr_.start == WindowBoundary::kUnboundedPreceding) {
    // Frames grow with the row: one running state per partition, O(n).
    idx_t added = begin;
    for (idx_t base = begin; base < end; base += kVectorSize) {
      idx_t n = std::min<idx_t>(kVectorSize, end - base);
      for (idx_t j = 0; j < n; j++) {
        idx_t i = base + j;
        if (i == bounds_.partition_start[i]) {
          fn.initialize(fn, running.Slot(0));
          added = i;
        }
        idx_t fe = FrameEnd(i);
        if (fe > added) {
          add_range(added, fe);
          added = fe;
        }
        std::memcpy(slots.Slot(j), running.Slot(0), state_size);
      }
      finalize(base, n);
    }
    return;
  }
  if (expr_.end == WindowBoundary::kUnboundedFollowing) {
    // Frames shrink with the row: the same, from the partition's end.
    idx_t first = end;
    idx_t chunk_count = (end - begin + kVectorSize - 1) / kVectorSize;
    for (idx_t c = chunk_count; c-- > 0;) {
      idx_t base = begin + c * kVectorSize;
      idx_t n = std::min<idx_t>(kVectorSize, end - base);
      for (idx_t j = n; j-- > 0;) {
        idx_t i = base + j;
        if (i + 1 == bounds_.partition_end[i]) {
          fn.initialize(fn, running.Slot(0));
          first = i + 1;
        }
        idx_t fs = FrameStart(i);
        if (fs < first) {
          add_range(fs, first);
          first = fs;
        }
        std::memcpy(slots.Slot(j), running.Slot(0), state_size);
      }
      finalize(base, n);
    }
    return;
  }
  // Sliding frames: the k-th row of every narrow frame in a chunk is added
  // in one vectorized step (O(rows * width) for widths <= kWideFrame); wide
  // frames go through the segment tree (O(rows * log rows)). A row whose
  // frame equals the previous row's (peers in RANGE CURRENT ROW frames)
  // copies its state instead, so a large peer group is aggregated once.
  StateBlock& previous = running;
  idx_t previous_start = kInvalidIndex, previous_end = kInvalidIndex;
  for (idx_t base = begin; base < end; base += kVectorSize) {
    idx_t n = std::min<idx_t>(kVectorSize, end - base);
    std::vector<idx_t> starts(n), ends(n);
    std::vector<bool> copied(n, false), wide(n, false);
    std::vector<idx_t> wide_starts, wide_ends;
    std::vector<data_ptr_t> wide_states;
    for (idx_t j = 0; j < n; j++) {
      starts[j] = FrameStart(base + j);
      ends[j] = FrameEnd(base + j);
      idx_t ps = j > 0 ? starts[j - 1] : previous_start;
      idx_t pe = j > 0 ? ends[j - 1] : previous_end;
      copied[j] = starts[j] == ps && ends[j] == pe;
      if (!copied[j])
        fn.initialize(fn, slots.Slot(j));
      // Wide frames are aggregated through the segment tree, together.
      if (!copied[j] && ends[j] - starts[j] > kWideFrame) {
        wide_starts.push_back(starts[j]);
        wide_ends.push_back(ends[j]);
        wide_states.push_back(slots.Slot(j));
        copied[j] = true;
        wide[j] = true;
      }
    }
    if (!wide_states.empty()) {
      segment_tree().Aggregate(wide_starts.data(), wide_ends.data(), wide_states.data(),
                               wide_states.size());
    }
    if (copied[0] && !wide[0])
      std::memcpy(slots.Slot(0), previous.Slot(0), state_size);
    for (idx_t k = 0;; k++) {
      idx_t m = 0;
      bool more = false;
      for (idx_t j = 0; j < n; j++) {
        if (copied[j] || starts[j] + k >= ends[j])
          continue;
        more = true;
        if (passes(starts[j] + k)) {
          gather.sel.set_index(m, starts[j] + k);
          ptrs[m++] = slots.Slot(j);
        }
      }
      if (!more)
        break;
      if (m > 0)
        update(m);
    }
    for (idx_t j = 1; j < n; j++) {
      if (copied[j] && !wide[j])
        std::memcpy(slots.Slot(j), slots.Slot(j - 1), state_size);
    }
    std::memcpy(previous.Slot(0), slots.Slot(n - 1), state_size);
    previous_start = starts[n - 1];
    previous_end = ends[n - 1];
    finalize(base, n);
  }
}

}  // namespace tributary
