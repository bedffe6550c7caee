#include "execution/operator/order/sorted_collection.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "execution/vector_comparison.h"

namespace tributary {

namespace {

template <class T>
int CompareRows(const Vector& a, idx_t ai, const Vector& b, idx_t bi) {
  return CompareValues<T>(a.Data<T>()[ai], b.Data<T>()[bi]);
}

// An order-preserving (not necessarily distinct) 64-bit image of a key:
// x before y in the sort order implies prefix(x) <= prefix(y).
template <class T>
uint64_t KeyPrefix(const T& v) {
  constexpr uint64_t kSign = uint64_t(1) << 63;
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    double d = v;
    if (std::isnan(d))
      return ~uint64_t(0);  // NaN sorts above every number
    if (d == 0)
      d = 0;  // -0.0 equals 0.0
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    return (bits & kSign) ? ~bits : bits | kSign;
  } else if constexpr (std::is_same_v<T, string_t>) {
    // The first 8 bytes, big-endian: byte-wise order (the "C" collation).
    uint64_t prefix = 0;
    for (idx_t i = 0; i < 8; i++)
      prefix = (prefix << 8) | (i < v.len ? static_cast<unsigned char>(v.ptr[i]) : 0);
    return prefix;
  } else if constexpr (std::is_same_v<T, hugeint_t>) {
    return static_cast<uint64_t>(static_cast<int64_t>(v >> 64)) ^ kSign;
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<uint64_t>(static_cast<int64_t>(v)) ^ kSign;
  } else {
    return 0;  // intervals: left to the full comparison
  }
}

void KeyPrefixes(const Vector& key, idx_t count, bool descending, bool nulls_first,
                 std::vector<uint64_t>& out) {
  out.resize(count);
  // NULL placement does not depend on the direction.
  uint64_t null_prefix = nulls_first ? 0 : ~uint64_t(0);
  DispatchPhysical(key.type().physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto data = key.Data<T>();
    for (idx_t i = 0; i < count; i++) {
      idx_t row = key.IsConstant() ? 0 : i;
      if (key.IsNull(row)) {
        out[i] = null_prefix;
        continue;
      }
      uint64_t prefix = KeyPrefix<T>(data[row]);
      out[i] = descending ? ~prefix : prefix;
    }
  });
}

}  // namespace

SortedCollection::SortedCollection(std::vector<LogicalType> payload_types,
                                   const std::vector<BoundOrderByNode>& orders)
    : payload_types_(std::move(payload_types)) {
  for (auto& o : orders) {
    key_types_.push_back(o.expression->return_type);
    descending_.push_back(o.type == OrderType::kDescending);
    nulls_first_.push_back(o.null_order == NullOrder::kNullsFirst);
    DispatchPhysical(o.expression->return_type.physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      compare_.push_back(CompareRows<T>);
    });
  }
}

void SortedCollection::Append(DataChunk& chunk, ExpressionExecutor& key_executor) {
  if (chunk.size() == 0)
    return;
  DataChunk payload;
  payload.Initialize(payload_types_, chunk.size());
  payload.Append(chunk, SelectionVector(), chunk.size());
  DataChunk evaluated;
  evaluated.Initialize(key_types_);
  key_executor.Execute(chunk, evaluated);
  DataChunk keys;
  keys.Initialize(key_types_, chunk.size());
  keys.Append(evaluated, SelectionVector(), chunk.size());
  uint64_t index = payload_.size();
  for (idx_t i = 0; i < chunk.size(); i++)
    order_.push_back((index << 32) | i);
  payload_.push_back(std::move(payload));
  keys_.push_back(std::move(keys));
}

void SortedCollection::Append(const DataChunk& payload, const DataChunk& keys,
                              const SelectionVector& sel, idx_t count) {
  if (count == 0)
    return;
  if (payload_.empty() || payload_.back().size() + count > kVectorSize) {
    payload_.emplace_back();
    payload_.back().Initialize(payload_types_);
    keys_.emplace_back();
    keys_.back().Initialize(key_types_);
  }
  uint64_t index = payload_.size() - 1;
  idx_t first = payload_.back().size();
  payload_.back().Append(payload, sel, count);
  keys_.back().Append(keys, sel, count);
  for (idx_t i = 0; i < count; i++)
    order_.push_back((index << 32) | (first + i));
}

void SortedCollection::MergeSorted(SortedCollection& other) {
  auto split = static_cast<std::ptrdiff_t>(order_.size());
  // Merge appends other's (renumbered) entries after ours.
  Merge(other);
  std::inplace_merge(order_.begin(), order_.begin() + split, order_.end(),
                     [&](uint64_t x, uint64_t y) { return Less(x, y); });
}

void SortedCollection::Merge(SortedCollection& other) {
  uint64_t base = payload_.size();
  for (auto entry : other.order_)
    order_.push_back(((base + (entry >> 32)) << 32) | (entry & 0xFFFFFFFF));
  for (auto& p : other.payload_)
    payload_.push_back(std::move(p));
  for (auto& k : other.keys_)
    keys_.push_back(std::move(k));
  other.payload_.clear();
  other.keys_.clear();
  other.order_.clear();
}

bool SortedCollection::Less(uint64_t x, uint64_t y, idx_t from) const {
  uint32_t xc = static_cast<uint32_t>(x >> 32), xr = static_cast<uint32_t>(x);
  uint32_t yc = static_cast<uint32_t>(y >> 32), yr = static_cast<uint32_t>(y);
  for (idx_t k = from; k < compare_.size(); k++) {
    const Vector& a = keys_[xc].column(k);
    const Vector& b = keys_[yc].column(k);
    bool an = a.IsNull(xr), bn = b.IsNull(yr);
    if (an || bn) {
      if (an && bn)
        continue;
      // NULL placement is independent of ASC/DESC.
      return an == nulls_first_[k];
    }
    int c = compare_[k](a, xr, b, yr);
    if (c != 0)
      return descending_[k] ? c > 0 : c < 0;
  }
  return false;
}

void SortedCollection::Sort() {
  if (compare_.empty())
    return;
  // Most comparisons are decided by a 64-bit prefix of the first key that
  // never orders two rows against the full comparison (equal prefixes fall
  // back to Less), so the sort rarely chases rows through their chunks.
  std::vector<std::vector<uint64_t>> prefixes(keys_.size());
  for (idx_t c = 0; c < keys_.size(); c++) {
    // Truncate() empties chunks no row refers to.
    if (keys_[c].ColumnCount() == 0)
      continue;
    KeyPrefixes(keys_[c].column(0), keys_[c].size(), descending_[0], nulls_first_[0], prefixes[c]);
  }
  struct Entry {
    uint64_t prefix;
    uint64_t row;
  };
  std::vector<Entry> entries(order_.size());
  for (idx_t i = 0; i < order_.size(); i++)
    entries[i] = {prefixes[order_[i] >> 32][order_[i] & 0xFFFFFFFF], order_[i]};
  prefixes.clear();
  // Integer and floating-point prefixes are exact: equal prefixes of two
  // non-NULL keys mean equal keys, and the comparison goes on at the second.
  auto physical = key_types_[0].physical();
  bool exact = physical == PhysicalType::kBool || physical == PhysicalType::kInt16 ||
               physical == PhysicalType::kInt32 || physical == PhysicalType::kInt64 ||
               physical == PhysicalType::kFloat || physical == PhysicalType::kDouble;
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& x, const Entry& y) {
    if (x.prefix != y.prefix)
      return x.prefix < y.prefix;
    if (exact && !keys_[x.row >> 32].column(0).IsNull(x.row & 0xFFFFFFFF) &&
        !keys_[y.row >> 32].column(0).IsNull(y.row & 0xFFFFFFFF)) {
      return Less(x.row, y.row, 1);
    }
    return Less(x.row, y.row);
  });
  for (idx_t i = 0; i < order_.size(); i++)
    order_[i] = entries[i].row;
}

void SortedCollection::Truncate(idx_t count) {
  if (order_.size() > count)
    order_.resize(count);
  // Drop chunks no row refers to any more.
  std::vector<bool> used(payload_.size(), false);
  for (auto entry : order_)
    used[entry >> 32] = true;
  for (idx_t i = 0; i < payload_.size(); i++) {
    if (!used[i] && payload_[i].size() > 0) {
      payload_[i] = DataChunk();
      keys_[i] = DataChunk();
    }
  }
}

idx_t SortedCollection::Read(idx_t offset, idx_t n, DataChunk& out) const {
  return Read(offset, n, out, std::vector<bool>(payload_types_.size(), true));
}

idx_t SortedCollection::Read(idx_t offset, idx_t n, DataChunk& out,
                             const std::vector<bool>& columns) const {
  if (offset >= order_.size())
    return 0;
  n = std::min(n, static_cast<idx_t>(order_.size()) - offset);
  for (idx_t c = 0; c < payload_types_.size(); c++) {
    if (!columns[c])
      continue;
    Vector& target = out.column(c);
    target.ResetToFlat();
    DispatchPhysical(payload_types_[c].physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      auto dst = target.Data<T>();
      const StringHeap* last_heap = nullptr;
      for (idx_t i = 0; i < n; i++) {
        uint64_t entry = order_[offset + i];
        const Vector& source = payload_[entry >> 32].column(c);
        idx_t row = entry & 0xFFFFFFFF;
        if (source.IsNull(row)) {
          target.SetNull(i);
          continue;
        }
        dst[i] = source.Data<T>()[row];
        if constexpr (std::is_same_v<T, string_t>) {
          if (source.heap_ptr().get() != last_heap) {
            target.heap().KeepAlive(source.heap_ptr());
            last_heap = source.heap_ptr().get();
          }
        }
      }
    });
  }
  out.SetCardinality(n);
  return n;
}

}  // namespace tributary
