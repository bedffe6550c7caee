// ZoneMapFilter: a `column <op> constant` conjunct of a scan's filter, used
// to skip row groups whose segment min/max (zone map) show that no row can
// match. Only integer-like columns (SMALLINT, INTEGER, BIGINT, DATE,
// TIMESTAMP) carry min/max; the filter itself still runs on the rows read.
#pragma once

#include <cstdint>
#include <string>

#include "storage/column_segment.h"

namespace tributary {

struct ZoneMapFilter {
  enum class Op : uint8_t { kEqual, kLess, kLessEqual, kGreater, kGreaterEqual };
  idx_t column = 0;  // table column index
  Op op = Op::kEqual;
  int64_t value = 0;

  // False only when no non-NULL value in [stats.min, stats.max] matches.
  bool MayMatch(const SegmentStatistics& stats) const {
    if (!stats.has_min_max)
      return true;
    switch (op) {
      case Op::kEqual:
        return stats.min <= value && value <= stats.max;
      case Op::kLess:
        return stats.min < value;
      case Op::kLessEqual:
        return stats.min <= value;
      case Op::kGreater:
        return stats.max > value;
      case Op::kGreaterEqual:
        return stats.max >= value;
    }
    return true;
  }
};

}  // namespace tributary
