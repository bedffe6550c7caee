#include "execution/operator/aggregate/row_key_kernels.h"

#include <cstring>

#include "execution/vector_comparison.h"

namespace tributary {

namespace {

template <class T>
inline bool KeysEqual(const T& a, const T& b) {
  return ValuesEqual<T>(a, b);
}

template <class T, bool kConstant, bool kAllValid>
void ScatterLoop(const Vector& keys, const sel_t* sel, idx_t count, const data_ptr_t* rows,
                 idx_t offset, idx_t validity_offset, StringHeap& heap) {
  auto data = keys.Data<T>();
  auto& validity = keys.validity();
  for (idx_t i = 0; i < count; i++) {
    idx_t r = sel[i];
    idx_t k = kConstant ? 0 : r;
    data_ptr_t row = rows[r];
    bool valid = kAllValid || validity.RowIsValid(k);
    row[validity_offset] = valid;
    if (!valid) {
      std::memset(row + offset, 0, sizeof(T));
    } else if constexpr (std::is_same_v<T, string_t>) {
      string_t copy = heap.Add(data[k]);
      std::memcpy(row + offset, &copy, sizeof(T));
    } else {
      std::memcpy(row + offset, &data[k], sizeof(T));
    }
  }
}

template <class T, bool kConstant, bool kAllValid>
idx_t MatchLoop(const Vector& keys, sel_t* sel, idx_t count, const data_ptr_t* rows, idx_t offset,
                idx_t validity_offset, sel_t* no_match, idx_t& no_match_count) {
  auto data = keys.Data<T>();
  auto& validity = keys.validity();
  idx_t match_count = 0;
  for (idx_t i = 0; i < count; i++) {
    sel_t r = sel[i];
    idx_t k = kConstant ? 0 : r;
    const_data_ptr_t row = rows[r];
    bool stored_valid = row[validity_offset];
    bool match;
    if (kAllValid || validity.RowIsValid(k)) {
      T stored;
      std::memcpy(static_cast<void*>(&stored), row + offset, sizeof(T));
      match = stored_valid && KeysEqual<T>(stored, data[k]);
    } else {
      match = !stored_valid;
    }
    if (match) {
      sel[match_count++] = r;
    } else {
      no_match[no_match_count++] = r;
    }
  }
  return match_count;
}

// Calls Loop<T, kConstant, kAllValid> for the key vector's shape.
template <template <class, bool, bool> class Loop, class... Args>
decltype(auto) DispatchKeys(const Vector& keys, Args&&... args) {
  return DispatchPhysical(keys.type().physical(), [&](auto tag) -> decltype(auto) {
    using T = typename decltype(tag)::type;
    bool all_valid = keys.validity().AllValid();
    if (keys.IsConstant()) {
      return all_valid ? Loop<T, true, true>::Run(keys, args...)
                       : Loop<T, true, false>::Run(keys, args...);
    }
    return all_valid ? Loop<T, false, true>::Run(keys, args...)
                     : Loop<T, false, false>::Run(keys, args...);
  });
}

template <class T, bool kConstant, bool kAllValid>
struct Scatter {
  template <class... Args>
  static void Run(const Vector& keys, Args&... args) {
    ScatterLoop<T, kConstant, kAllValid>(keys, args...);
  }
};

template <class T, bool kConstant, bool kAllValid>
struct Match {
  template <class... Args>
  static idx_t Run(const Vector& keys, Args&... args) {
    return MatchLoop<T, kConstant, kAllValid>(keys, args...);
  }
};

}  // namespace

void ScatterKeyColumn(const Vector& keys, const sel_t* sel, idx_t count, const data_ptr_t* rows,
                      idx_t offset, idx_t validity_offset, StringHeap& heap) {
  DispatchKeys<Scatter>(keys, sel, count, rows, offset, validity_offset, heap);
}

idx_t MatchKeyColumn(const Vector& keys, sel_t* sel, idx_t count, const data_ptr_t* rows,
                     idx_t offset, idx_t validity_offset, sel_t* no_match, idx_t& no_match_count) {
  return DispatchKeys<Match>(keys, sel, count, rows, offset, validity_offset, no_match,
                             no_match_count);
}

void GatherKeyColumn(const data_ptr_t* rows, idx_t count, idx_t offset, idx_t validity_offset,
                     Vector& out) {
  DispatchPhysical(out.type().physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto data = out.Data<T>();
    bool any_null = false;
    for (idx_t i = 0; i < count; i++) {
      std::memcpy(static_cast<void*>(data + i), rows[i] + offset, sizeof(T));
      any_null |= !rows[i][validity_offset];
    }
    if (any_null) {
      for (idx_t i = 0; i < count; i++) {
        if (!rows[i][validity_offset])
          out.validity().SetInvalid(i);
      }
    }
  });
}

}  // namespace tributary
