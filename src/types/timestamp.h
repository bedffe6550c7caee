// Timestamp: TIMESTAMP and TIMESTAMPTZ values as int64 microseconds since
// 2000-01-01 00:00:00 (UTC for TIMESTAMPTZ; sessions run in UTC).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "types/interval.h"

namespace tributary {

class Timestamp {
 public:
  static constexpr int64_t kMicrosPerSecond = 1000000;
  static constexpr int64_t kMicrosPerDay = 86400LL * kMicrosPerSecond;

  static int64_t FromDate(int32_t days) { return days * kMicrosPerDay; }
  // Floor division: the date a timestamp falls on.
  static int32_t ToDate(int64_t micros);
  static int64_t FromParts(int32_t days, int32_t hour, int32_t minute, int32_t second,
                           int32_t micros);
  // `YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]][zone]`. With `with_time_zone` a
  // zone offset (+05, -03:30, Z, UTC) converts to UTC; without it a zone is
  // ignored, as PostgreSQL does for TIMESTAMP. Throws 22007/22008.
  static int64_t Parse(std::string_view text, bool with_time_zone);
  static std::string Format(int64_t micros, bool with_time_zone);
  // PostgreSQL interval arithmetic: months first (clamped day), then days,
  // then microseconds.
  static int64_t Add(int64_t micros, const interval_t& interval);
};

class Interval {
 public:
  // `'3 month'`, `'1 year 2 mons 3 days 04:05:06'`, `'-1 day'`, `'90 days'`.
  // Throws 22007 for bad syntax.
  static interval_t Parse(std::string_view text);
  // PostgreSQL's IntervalStyle "postgres".
  static std::string Format(const interval_t& interval);
  static interval_t Negate(const interval_t& interval);
};

}  // namespace tributary
