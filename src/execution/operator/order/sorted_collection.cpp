#include "execution/operator/order/sorted_collection.h"

#include <algorithm>

#include "execution/vector_comparison.h"

namespace tributary {

namespace {

template <class T>
int CompareRows(const Vector& a, idx_t ai, const Vector& b, idx_t bi) {
  return CompareValues<T>(a.Data<T>()[ai], b.Data<T>()[bi]);
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

bool SortedCollection::Less(uint64_t x, uint64_t y) const {
  uint32_t xc = static_cast<uint32_t>(x >> 32), xr = static_cast<uint32_t>(x);
  uint32_t yc = static_cast<uint32_t>(y >> 32), yr = static_cast<uint32_t>(y);
  for (idx_t k = 0; k < compare_.size(); k++) {
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
  std::stable_sort(order_.begin(), order_.end(),
                   [&](uint64_t x, uint64_t y) { return Less(x, y); });
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
  if (offset >= order_.size())
    return 0;
  n = std::min(n, static_cast<idx_t>(order_.size()) - offset);
  for (idx_t c = 0; c < payload_types_.size(); c++) {
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
