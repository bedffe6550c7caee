#include "execution/operator/join/join_key_summary.h"

#include <algorithm>
#include <limits>

#include "execution/operator/join/join_row_collection.h"

namespace tributary {

namespace {

// Calls fn(T{}) with the C++ type of an integer-like physical type.
template <class F>
void DispatchInteger(PhysicalType type, F&& fn) {
  switch (type) {
    case PhysicalType::kInt16:
      fn(int16_t{});
      return;
    case PhysicalType::kInt32:
      fn(int32_t{});
      return;
    case PhysicalType::kInt64:
      fn(int64_t{});
      return;
    default:
      return;
  }
}

}  // namespace

bool JoinKeySummary::Summarizable(const LogicalType& type) {
  auto physical = type.physical();
  return physical == PhysicalType::kInt16 || physical == PhysicalType::kInt32 ||
         physical == PhysicalType::kInt64;
}

void JoinKeySummary::Build(const JoinRowCollection& keys, idx_t column) {
  built_ = true;
  count_ = 0;
  min_ = std::numeric_limits<int64_t>::max();
  max_ = std::numeric_limits<int64_t>::min();
  auto physical = keys.types()[column].physical();
  auto each = [&](auto&& visit) {
    for (auto& chunk : keys.chunks()) {
      auto& vector = chunk.column(column);
      idx_t n = vector.IsConstant() ? std::min<idx_t>(chunk.size(), 1) : chunk.size();
      DispatchInteger(physical, [&](auto tag) {
        using T = decltype(tag);
        const T* data = vector.Data<T>();
        auto& validity = vector.validity();
        if (validity.AllValid()) {
          for (idx_t r = 0; r < n; r++)
            visit(static_cast<int64_t>(data[r]));
        } else {
          for (idx_t r = 0; r < n; r++) {
            if (validity.RowIsValid(r))
              visit(static_cast<int64_t>(data[r]));
          }
        }
      });
    }
  };
  each([&](int64_t v) {
    count_++;
    min_ = std::min(min_, v);
    max_ = std::max(max_, v);
  });
  if (count_ == 0) {
    min_ = max_ = 0;
    return;
  }
  uint64_t range = static_cast<uint64_t>(max_) - static_cast<uint64_t>(min_);
  if (range >= kMaxBits)
    return;
  bits_.assign(range / 64 + 1, 0);
  uint64_t* bits = bits_.data();
  uint64_t base = static_cast<uint64_t>(min_);
  each([&](int64_t v) {
    uint64_t offset = static_cast<uint64_t>(v) - base;
    bits[offset >> 6] |= uint64_t(1) << (offset & 63);
  });
}

bool JoinKeySummary::MayContainRange(int64_t lo, int64_t hi) const {
  if (count_ == 0)
    return false;
  lo = std::max(lo, min_);
  hi = std::min(hi, max_);
  if (lo > hi)
    return false;
  if (bits_.empty())
    return true;
  uint64_t first = static_cast<uint64_t>(lo) - static_cast<uint64_t>(min_);
  uint64_t last = static_cast<uint64_t>(hi) - static_cast<uint64_t>(min_);
  for (uint64_t word = first >> 6; word <= last >> 6; word++) {
    uint64_t bits = bits_[word];
    if (word == first >> 6)
      bits &= ~uint64_t(0) << (first & 63);
    if (word == last >> 6 && (last & 63) != 63)
      bits &= (uint64_t(1) << ((last & 63) + 1)) - 1;
    if (bits)
      return true;
  }
  return false;
}

template <class T>
idx_t JoinKeySummary::SelectTyped(const Vector& vector, idx_t count, sel_t* out) const {
  const T* data = vector.Data<T>();
  auto& validity = vector.validity();
  uint64_t base = static_cast<uint64_t>(min_);
  uint64_t range = static_cast<uint64_t>(max_) - base;
  const uint64_t* bits = bits_.data();
  bool exact = !bits_.empty();
  auto test = [&](idx_t r) {
    uint64_t offset = static_cast<uint64_t>(static_cast<int64_t>(data[r])) - base;
    bool keep = offset <= range;
    // The bitmap word is read only for values in range.
    if (exact)
      keep = keep && ((bits[offset >> 6] >> (offset & 63)) & 1);
    return keep;
  };
  idx_t kept = 0;
  if (validity.AllValid()) {
    for (idx_t r = 0; r < count; r++) {
      out[kept] = static_cast<sel_t>(r);
      kept += test(r);
    }
    return kept;
  }
  // A NULL row's value slot holds no value: it is never read.
  for (idx_t r = 0; r < count; r++) {
    if (!validity.RowIsValid(r))
      continue;
    out[kept] = static_cast<sel_t>(r);
    kept += test(r);
  }
  return kept;
}

idx_t JoinKeySummary::Select(const Vector& vector, idx_t count, sel_t* out) const {
  if (count_ == 0 || count == 0)
    return 0;
  if (vector.IsConstant()) {
    // One value for every row: all rows or none.
    idx_t keep = 0;
    DispatchInteger(vector.type().physical(),
                    [&](auto tag) { keep = SelectTyped<decltype(tag)>(vector, 1, out); });
    if (keep == 0)
      return 0;
    for (idx_t r = 0; r < count; r++)
      out[r] = static_cast<sel_t>(r);
    return count;
  }
  idx_t kept = count;
  bool handled = false;
  DispatchInteger(vector.type().physical(), [&](auto tag) {
    kept = SelectTyped<decltype(tag)>(vector, count, out);
    handled = true;
  });
  if (!handled) {
    for (idx_t r = 0; r < count; r++)
      out[r] = static_cast<sel_t>(r);
  }
  return kept;
}

}  // namespace tributary
