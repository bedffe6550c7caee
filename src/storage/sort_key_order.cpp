#include "storage/sort_key_order.h"

#include <algorithm>
#include <cstring>
#include <thread>

#include "execution/vector_comparison.h"
#include "storage/parallel_for.h"

namespace tributary {

namespace {

// One input row: its position and, for an integer-like first key column,
// that key normalized so unsigned order is the value order.
// Rows per parallel sort run, at least.
constexpr idx_t kMinimumRun = 1 << 16;

struct SortEntry {
  uint64_t prefix;
  uint32_t chunk;
  uint32_t row;
};

using CompareFn = int (*)(const Vector& a, idx_t ai, const Vector& b, idx_t bi);

template <class T>
int CompareRows(const Vector& a, idx_t ai, const Vector& b, idx_t bi) {
  return CompareValues<T>(a.Data<T>()[a.IsConstant() ? 0 : ai],
                          b.Data<T>()[b.IsConstant() ? 0 : bi]);
}

// Integer-like physical types whose values fit a normalized uint64.
bool HasPrefix(PhysicalType type) {
  switch (type) {
    case PhysicalType::kInt16:
    case PhysicalType::kInt32:
    case PhysicalType::kInt64:
      return true;
    default:
      return false;
  }
}

uint64_t Prefix(const Vector& v, idx_t row) {
  idx_t r = v.IsConstant() ? 0 : row;
  int64_t x = 0;
  switch (v.type().physical()) {
    case PhysicalType::kInt16:
      x = v.Data<int16_t>()[r];
      break;
    case PhysicalType::kInt32:
      x = v.Data<int32_t>()[r];
      break;
    default:
      x = v.Data<int64_t>()[r];
      break;
  }
  return static_cast<uint64_t>(x) ^ (uint64_t(1) << 63);
}

// One integer-like key whose values span a range no wider than the load
// (dates, small integers, dense ids): a stable counting sort gives each
// input row its output position directly, and each column is then
// scattered in input order. Reads are sequential, and the writes of each
// key value go to consecutive positions, so the write front (one cache line
// per distinct key) stays in cache. Returns false when it does not apply.
// Where the counting sort sends each input row (input order: chunk by
// chunk): its output position and its key's bucket.
struct CountingOrder {
  std::vector<uint32_t> destination;
  std::vector<uint32_t> bucket;
  uint32_t buckets = 0;
  std::vector<uint32_t> bucket_start;  // first output position of each bucket (and the end)
};

template <class T>
bool CountingDestinations(const std::vector<DataChunk>& chunks, idx_t key, idx_t total,
                          CountingOrder& order) {
  if (total >= (uint64_t(1) << 32))
    return false;
  bool any = false;
  int64_t lo = 0, hi = 0;
  for (auto& chunk : chunks) {
    const Vector& v = chunk.column(key);
    const T* data = v.Data<T>();
    idx_t n = v.IsConstant() ? std::min<idx_t>(chunk.size(), 1) : chunk.size();
    for (idx_t r = 0; r < n; r++) {
      if (v.IsNull(r))
        continue;
      int64_t x = data[r];
      if (!any || x < lo)
        lo = x;
      if (!any || x > hi)
        hi = x;
      any = true;
    }
  }
  // Buckets: one per value from lo to hi, then NULLs.
  uint64_t span = any ? static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1 : 0;
  if (any && (span == 0 || span > std::max<uint64_t>(total, uint64_t(1) << 16)))
    return false;
  std::vector<uint32_t>& bucket = order.bucket;
  bucket.resize(total);
  order.buckets = static_cast<uint32_t>(span + 1);
  std::vector<uint32_t> offsets(span + 1, 0);
  const uint32_t null_bucket = static_cast<uint32_t>(span);
  idx_t i = 0;
  for (auto& chunk : chunks) {
    const Vector& v = chunk.column(key);
    const T* data = v.Data<T>();
    bool plain = !v.IsConstant() && v.validity().AllValid();
    for (idx_t r = 0; r < chunk.size(); r++, i++) {
      uint32_t b;
      if (plain)
        b = static_cast<uint32_t>(static_cast<uint64_t>(int64_t(data[r])) - uint64_t(lo));
      else if (v.IsNull(r))
        b = null_bucket;
      else
        b = static_cast<uint32_t>(static_cast<uint64_t>(int64_t(data[v.IsConstant() ? 0 : r])) -
                                  uint64_t(lo));
      bucket[i] = b;
      offsets[b]++;
    }
  }
  uint32_t sum = 0;
  for (auto& o : offsets) {
    uint32_t n = o;
    o = sum;
    sum += n;
  }
  order.bucket_start = offsets;
  order.bucket_start.push_back(sum);
  order.destination.resize(total);
  for (idx_t j = 0; j < total; j++)
    order.destination[j] = offsets[bucket[j]]++;
  return true;
}

bool CountingDestinations(PhysicalType type, const std::vector<DataChunk>& chunks, idx_t key,
                          idx_t total, CountingOrder& order) {
  switch (type) {
    case PhysicalType::kInt16:
      return CountingDestinations<int16_t>(chunks, key, total, order);
    case PhysicalType::kInt32:
      return CountingDestinations<int32_t>(chunks, key, total, order);
    case PhysicalType::kInt64:
      return CountingDestinations<int64_t>(chunks, key, total, order);
    default:
      return false;
  }
}

// Column `c`'s data in each output chunk (looked up once: the vectors'
// headers are scattered in memory, their data pointers fit in cache).
template <class T>
std::vector<T*> OutputData(std::vector<DataChunk>& sorted, idx_t c) {
  std::vector<T*> out(sorted.size());
  for (idx_t k = 0; k < sorted.size(); k++)
    out[k] = sorted[k].column(c).Data<T>();
  return out;
}

// Writes every row of column `c` of `chunks` to its position in `sorted`.
template <class T>
void ScatterColumn(std::vector<DataChunk>& chunks, idx_t c, const CountingOrder& order,
                   std::vector<DataChunk>& sorted) {
  auto out = OutputData<T>(sorted, c);
  const uint32_t* dest = order.destination.data();
  for (auto& chunk : chunks) {
    const Vector& v = chunk.column(c);
    const T* data = v.Data<T>();
    idx_t n = chunk.size();
    if (v.IsConstant() || !v.validity().AllValid()) {
      for (idx_t r = 0; r < n; r++) {
        uint32_t d = dest[r];
        if (v.IsNull(r))
          sorted[d / kVectorSize].column(c).SetNull(d % kVectorSize);
        else
          out[d / kVectorSize][d % kVectorSize] = data[v.IsConstant() ? 0 : r];
      }
    } else {
      for (idx_t r = 0; r < n; r++) {
        uint32_t d = dest[r];
        out[d / kVectorSize][d % kVectorSize] = data[r];
      }
    }
    dest += n;
  }
}

// memcpy for the short strings of a typical load, inline: two overlapping
// moves inside [src, src + n) cover 4 to 16 bytes.
inline void CopyBytes(char* dst, const char* src, uint32_t n) {
  if (n >= 8 && n <= 16) {
    uint64_t a, b;
    std::memcpy(&a, src, 8);
    std::memcpy(&b, src + n - 8, 8);
    std::memcpy(dst, &a, 8);
    std::memcpy(dst + n - 8, &b, 8);
  } else if (n >= 4 && n < 8) {
    uint32_t a, b;
    std::memcpy(&a, src, 4);
    std::memcpy(&b, src + n - 4, 4);
    std::memcpy(dst, &a, 4);
    std::memcpy(dst + n - 4, &b, 4);
  } else if (n < 4) {
    for (uint32_t i = 0; i < n; i++)
      dst[i] = src[i];
  } else {
    std::memcpy(dst, src, n);
  }
}

// Strings are copied, so the output's bytes are in row order (encoding
// reads them several times). Each key's rows are consecutive in the
// output, so their bytes can be too: the bytes of each key are counted,
// each key gets one buffer of that size, and a cursor per key places each
// string while the input is read in order (no second pass over the
// output's views). Each output vector keeps alive the buffers of the keys
// its rows have.
template <>
void ScatterColumn<string_t>(std::vector<DataChunk>& chunks, idx_t c, const CountingOrder& order,
                             std::vector<DataChunk>& sorted) {
  auto out = OutputData<string_t>(sorted, c);
  std::vector<uint64_t> bytes(order.buckets, 0);
  const uint32_t* bucket = order.bucket.data();
  for (auto& chunk : chunks) {
    const Vector& v = chunk.column(c);
    const string_t* data = v.Data<string_t>();
    bool plain = !v.IsConstant() && v.validity().AllValid();
    for (idx_t r = 0; r < chunk.size(); r++) {
      if (plain)
        bytes[bucket[r]] += data[r].len;
      else if (!v.IsNull(r))
        bytes[bucket[r]] += data[v.IsConstant() ? 0 : r].len;
    }
    bucket += chunk.size();
  }
  std::vector<std::shared_ptr<StringHeap>> buffers(order.buckets);
  std::vector<char*> place(order.buckets, nullptr);
  for (uint32_t b = 0; b < order.buckets; b++) {
    if (bytes[b] == 0)
      continue;
    buffers[b] = std::make_shared<StringHeap>();
    place[b] = buffers[b]->Allocate(bytes[b]);
    idx_t first = order.bucket_start[b], last = order.bucket_start[b + 1];
    for (idx_t k = first / kVectorSize; k * kVectorSize < last; k++)
      sorted[k].column(c).heap().KeepAlive(buffers[b]);
  }
  const uint32_t* dest = order.destination.data();
  bucket = order.bucket.data();
  for (auto& chunk : chunks) {
    const Vector& v = chunk.column(c);
    const string_t* data = v.Data<string_t>();
    bool plain = !v.IsConstant() && v.validity().AllValid();
    for (idx_t r = 0; r < chunk.size(); r++) {
      uint32_t d = dest[r];
      string_t& view = out[d / kVectorSize][d % kVectorSize];
      if (!plain && v.IsNull(r)) {
        sorted[d / kVectorSize].column(c).SetNull(d % kVectorSize);
        view = string_t("", 0);
        continue;
      }
      const string_t& value = data[plain || !v.IsConstant() ? r : 0];
      if (value.len == 0) {
        view = string_t("", 0);
        continue;
      }
      char*& p = place[bucket[r]];
      CopyBytes(p, value.ptr, value.len);
      view = string_t(p, value.len);
      p += value.len;
    }
    dest += chunk.size();
    bucket += chunk.size();
  }
}

}  // namespace

std::vector<DataChunk> SortChunksByKey(const std::vector<LogicalType>& types,
                                       std::vector<DataChunk> chunks,
                                       const std::vector<idx_t>& key_columns) {
  idx_t total = 0;
  for (auto& chunk : chunks)
    total += chunk.size();
  if (key_columns.empty() || total <= 1)
    return chunks;

  std::vector<CompareFn> compare;
  for (idx_t k : key_columns) {
    DispatchPhysical(types[k].physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      compare.push_back(CompareRows<T>);
    });
  }
  idx_t first_key = key_columns[0];
  bool prefix = HasPrefix(types[first_key].physical());
  CountingOrder order;
  if (prefix && key_columns.size() == 1 &&
      CountingDestinations(types[first_key].physical(), chunks, first_key, total, order)) {
    // The output's vectors are made column by column, just before each is
    // scattered, so they reuse the memory of the input columns released
    // before them (rather than faulting in a second copy of the load).
    std::vector<DataChunk> sorted;
    for (idx_t start = 0; start < total; start += kVectorSize) {
      DataChunk out;
      out.Initialize(types, 1);
      out.SetCardinality(std::min(kVectorSize, total - start));
      sorted.push_back(std::move(out));
    }
    // Columns in parallel (each writes only its own vectors), strings (the
    // longest to scatter) first so no thread is left with one at the end;
    // each input column is released once scattered.
    std::vector<idx_t> column_order;
    for (int strings = 1; strings >= 0; strings--) {
      for (idx_t c = 0; c < types.size(); c++) {
        if ((types[c].physical() == PhysicalType::kString) == (strings == 1))
          column_order.push_back(c);
      }
    }
    ParallelFor(types.size(), [&](idx_t k) {
      idx_t c = column_order[k];
      for (auto& out : sorted)
        out.column(c) = Vector(types[c]);
      DispatchPhysical(types[c].physical(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        ScatterColumn<T>(chunks, c, order, sorted);
      });
      for (auto& chunk : chunks)
        chunk.column(c) = Vector(types[c], 0);
    });
    return sorted;
  }
  std::vector<SortEntry> entries;
  entries.reserve(total);
  for (idx_t c = 0; c < chunks.size(); c++) {
    const Vector& key = chunks[c].column(first_key);
    for (idx_t r = 0; r < chunks[c].size(); r++) {
      // NULLs last: the largest prefix, then the full comparison decides.
      uint64_t p = 0;
      if (prefix)
        p = key.IsNull(r) ? ~uint64_t(0) : Prefix(key, r);
      entries.push_back({p, static_cast<uint32_t>(c), static_cast<uint32_t>(r)});
    }
  }
  // Key columns compared in full (the first too when it has no prefix or
  // the prefix is the NULL marker, which a value may share).
  auto less = [&](const SortEntry& x, const SortEntry& y) {
    if (x.prefix != y.prefix)
      return x.prefix < y.prefix;
    for (idx_t k = 0; k < key_columns.size(); k++) {
      if (prefix && k == 0 && x.prefix != ~uint64_t(0))
        continue;
      const Vector& a = chunks[x.chunk].column(key_columns[k]);
      const Vector& b = chunks[y.chunk].column(key_columns[k]);
      bool an = a.IsNull(x.row), bn = b.IsNull(y.row);
      if (an || bn) {
        if (an && bn)
          continue;
        return bn;  // NULLS LAST
      }
      int cmp = compare[k](a, x.row, b, y.row);
      if (cmp != 0)
        return cmp < 0;
    }
    if (x.chunk != y.chunk)
      return x.chunk < y.chunk;
    return x.row < y.row;
  };
  // Sorted in parallel runs, then merged pairwise (the order is total:
  // ties are broken by position, so the result does not depend on the
  // number of runs).
  {
    idx_t runs = std::max<idx_t>(
        1, std::min<idx_t>(std::thread::hardware_concurrency(), total / kMinimumRun));
    std::vector<idx_t> bounds;
    for (idx_t k = 0; k <= runs; k++)
      bounds.push_back(total * k / runs);
    // One integer-like key (the common SORTKEY): entries compare by
    // prefix, then position, without reading the columns.
    bool prefix_only = prefix && key_columns.size() == 1;
    auto prefix_less = [&](const SortEntry& x, const SortEntry& y) {
      if (x.prefix != y.prefix)
        return x.prefix < y.prefix;
      if (x.prefix == ~uint64_t(0))
        return less(x, y);
      return (uint64_t(x.chunk) << 32 | x.row) < (uint64_t(y.chunk) << 32 | y.row);
    };
    ParallelFor(runs, [&](idx_t k) {
      if (prefix_only)
        std::sort(entries.begin() + bounds[k], entries.begin() + bounds[k + 1], prefix_less);
      else
        std::sort(entries.begin() + bounds[k], entries.begin() + bounds[k + 1], less);
    });
    for (idx_t width = 1; width < runs; width *= 2) {
      std::vector<idx_t> merges;
      for (idx_t k = 0; k + width < runs; k += 2 * width)
        merges.push_back(k);
      ParallelFor(merges.size(), [&](idx_t m) {
        idx_t k = merges[m];
        auto first = entries.begin() + bounds[k], middle = entries.begin() + bounds[k + width],
             last = entries.begin() + bounds[std::min(k + 2 * width, runs)];
        if (prefix_only)
          std::inplace_merge(first, middle, last, prefix_less);
        else
          std::inplace_merge(first, middle, last, less);
      });
    }
  }

  // Gather, a column at a time: the reads are random, so each is
  // prefetched a few rows ahead (strings: the view, then its bytes).
  constexpr idx_t kAhead = 16;
  std::vector<DataChunk> sorted;
  for (idx_t start = 0; start < total; start += kVectorSize) {
    DataChunk out;
    out.Initialize(types);
    out.SetCardinality(std::min(kVectorSize, total - start));
    sorted.push_back(std::move(out));
  }
  // Columns are gathered in parallel (each writes only its own vectors),
  // and each input column is released once gathered, so at most a column
  // per thread exists twice.
  ParallelFor(types.size(), [&](idx_t c) {
    DispatchPhysical(types[c].physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      // Per input chunk: its values (constants repeat row 0) and validity.
      std::vector<const T*> data(chunks.size());
      std::vector<const Vector*> vectors(chunks.size());
      std::vector<uint8_t> constant(chunks.size()), all_valid(chunks.size());
      bool any_null = false;
      for (idx_t k = 0; k < chunks.size(); k++) {
        const Vector& v = chunks[k].column(c);
        vectors[k] = &v;
        data[k] = v.Data<T>();
        constant[k] = v.IsConstant();
        all_valid[k] = v.validity().AllValid();
        any_null = any_null || !all_valid[k];
      }
      auto source = [&](const SortEntry& e) -> const T* {
        return data[e.chunk] + (constant[e.chunk] ? 0 : e.row);
      };
      for (idx_t i = 0; i < total; i++) {
        if (i + kAhead < total)
          __builtin_prefetch(source(entries[i + kAhead]));
        if constexpr (std::is_same_v<T, string_t>) {
          if (i + kAhead / 2 < total)
            __builtin_prefetch(source(entries[i + kAhead / 2])->ptr);
        }
        const SortEntry& e = entries[i];
        Vector& target = sorted[i / kVectorSize].column(c);
        idx_t row = i % kVectorSize;
        if (any_null && !all_valid[e.chunk] && vectors[e.chunk]->IsNull(e.row)) {
          target.SetNull(row);
          continue;
        }
        const T& value = *source(e);
        // Strings are copied: encoding reads them several times, and in
        // sorted order views of the input would be random reads each time.
        if constexpr (std::is_same_v<T, string_t>)
          target.Data<T>()[row] = target.AddString(value.View());
        else
          target.Data<T>()[row] = value;
      }
    });
    for (auto& chunk : chunks)
      chunk.column(c) = Vector(types[c], 0);
  });
  return sorted;
}

bool InKeyOrder(const TableSnapshot& snapshot, const std::vector<idx_t>& key_columns) {
  if (key_columns.empty() || snapshot.row_groups.empty())
    return true;
  auto& types = snapshot.row_groups[0]->types();
  std::vector<CompareFn> compare;
  for (idx_t k : key_columns) {
    DispatchPhysical(types[k].physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      compare.push_back(CompareRows<T>);
    });
  }
  // The previous row: its group's key columns and position.
  std::vector<std::shared_ptr<const ColumnVectors>> previous;
  idx_t previous_row = 0;
  for (auto& group : snapshot.row_groups) {
    std::vector<std::shared_ptr<const ColumnVectors>> columns;
    for (idx_t k : key_columns)
      columns.push_back(group->Column(k));
    for (idx_t row = 0; row < group->count(); row++) {
      if (!previous.empty()) {
        // -1, 0, 1: previous row before, equal to, after this one.
        int order = 0;
        for (idx_t k = 0; k < key_columns.size() && order == 0; k++) {
          const Vector& a = (*previous[k])[previous_row / kVectorSize];
          const Vector& b = (*columns[k])[row / kVectorSize];
          idx_t ai = previous_row % kVectorSize, bi = row % kVectorSize;
          bool an = a.IsNull(ai), bn = b.IsNull(bi);
          if (an || bn)
            order = an == bn ? 0 : (an ? 1 : -1);
          else
            order = compare[k](a, ai, b, bi);
        }
        if (order > 0)
          return false;
      }
      previous = columns;
      previous_row = row;
    }
  }
  return true;
}

}  // namespace tributary
