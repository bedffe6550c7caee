// Inline part of vector_comparison.h.
#pragma once

#include <cmath>
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

}  // namespace tributary
