// Inline part of vector_comparison.h.
#pragma once

#include <cmath>
#include <cstring>
#include <type_traits>

#include "types/interval.h"
#include "types/string_t.h"

namespace tributary {

inline hugeint_t IntervalSpan(const interval_t& v) {
  return (hugeint_t(v.months) * 30 + v.days) * hugeint_t(86400000000LL) + v.micros;
}

template <class T>
inline int CompareValues(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    bool an = std::isnan(a), bn = std::isnan(b);
    if (an || bn)
      return an == bn ? 0 : (an ? 1 : -1);
    return a < b ? -1 : (a > b ? 1 : 0);
  } else if constexpr (std::is_same_v<T, string_t>) {
    int c = a.View().compare(b.View());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  } else if constexpr (std::is_same_v<T, interval_t>) {
    return CompareValues<hugeint_t>(IntervalSpan(a), IntervalSpan(b));
  } else {
    return a < b ? -1 : (a > b ? 1 : 0);
  }
}

inline bool StringsEqual(const string_t& a, const string_t& b) {
  if (a.len != b.len)
    return false;
  if (a.ptr == b.ptr || a.len == 0)
    return true;
  if (a.len <= 16) {
    // Keys such as flags, codes and names are short: a byte loop beats a
    // call to memcmp.
    for (uint32_t i = 0; i < a.len; i++) {
      if (a.ptr[i] != b.ptr[i])
        return false;
    }
    return true;
  }
  return std::memcmp(a.ptr, b.ptr, a.len) == 0;
}

template <class T>
inline bool ValuesEqual(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, string_t>) {
    return StringsEqual(a, b);
  } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> ||
                       std::is_same_v<T, interval_t>) {
    return CompareValues<T>(a, b) == 0;
  } else {
    return a == b;
  }
}

}  // namespace tributary
