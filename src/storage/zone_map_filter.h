// ZoneMapFilter: a `column <op> constant` conjunct of a scan's filter, used
// to skip row groups whose segment zone map (see SegmentStatistics) shows
// that no row can match. Integer-like columns (SMALLINT, INTEGER, BIGINT,
// DATE, TIMESTAMP, DECIMAL(p<=18) with the constant at the column's scale)
// compare `value`; REAL/DOUBLE compare `float_value` (never NaN: such a
// constant is not pushed), with PostgreSQL's NaN-above-everything order;
// VARCHAR compares `string_value` byte-wise against the bounded prefixes.
// The filter itself still runs on the rows read: a zone map only rules
// out row groups, and only when that is certain.
#pragma once

#include <cstdint>
#include <string>

#include "storage/column_segment.h"

namespace tributary {

struct ZoneMapFilter {
  enum class Op : uint8_t { kEqual, kLess, kLessEqual, kGreater, kGreaterEqual };
  enum class Kind : uint8_t { kInteger, kFloat, kString };
  idx_t column = 0;  // table column index
  Op op = Op::kEqual;
  Kind kind = Kind::kInteger;
  int64_t value = 0;
  double float_value = 0;
  std::string string_value;

  // False only when no non-NULL value the zone map describes matches.
  bool MayMatch(const SegmentStatistics& stats) const {
    switch (kind) {
      case Kind::kInteger:
        return !stats.has_min_max || InRange(stats.min, stats.max, value);
      case Kind::kFloat:
        return MayMatchFloat(stats);
      case Kind::kString:
        return MayMatchString(stats);
    }
    return true;
  }

 private:
  template <class T>
  bool InRange(const T& min, const T& max, const T& v) const {
    switch (op) {
      case Op::kEqual:
        return min <= v && v <= max;
      case Op::kLess:
        return min < v;
      case Op::kLessEqual:
        return min <= v;
      case Op::kGreater:
        return max > v;
      case Op::kGreaterEqual:
        return max >= v;
    }
    return true;
  }

  bool MayMatchFloat(const SegmentStatistics& stats) const {
    if (!stats.has_float_range)
      return true;
    // NaN is greater than every number and equal only to NaN.
    if (stats.has_nan && (op == Op::kGreater || op == Op::kGreaterEqual))
      return true;
    return stats.has_float_number && InRange(stats.float_min, stats.float_max, float_value);
  }

  bool MayMatchString(const SegmentStatistics& stats) const {
    if (!stats.has_string_range)
      return true;
    std::string_view v = string_value;
    // string_min is at most the smallest value: a lower bound as it is.
    std::string_view min = stats.string_min;
    bool low = op == Op::kLess ? min < v : min <= v;
    // A cut string_max P: the largest value starts with P and is longer,
    // so it is below v exactly when v's first |P| bytes are above P.
    bool high;
    std::string_view max = stats.string_max;
    if (stats.string_max_truncated)
      high = v.substr(0, max.size()) <= max;
    else
      high = op == Op::kGreater ? max > v : max >= v;
    switch (op) {
      case Op::kEqual:
        return low && high;
      case Op::kLess:
      case Op::kLessEqual:
        return low;
      case Op::kGreater:
      case Op::kGreaterEqual:
        return high;
    }
    return true;
  }
};

}  // namespace tributary
