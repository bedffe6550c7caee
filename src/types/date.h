// Date: DATE values as int32 days since 2000-01-01 (PostgreSQL's epoch),
// proleptic Gregorian calendar; year 0 is 1 BC.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tributary {

class Date {
 public:
  static constexpr int32_t kEpochOffsetFromUnix = 10957;  // 1970-01-01 -> 2000-01-01

  static int32_t FromYmd(int32_t year, int32_t month, int32_t day);
  static void ToYmd(int32_t days, int32_t& year, int32_t& month, int32_t& day);
  static bool IsValid(int32_t year, int32_t month, int32_t day);
  static int32_t DaysInMonth(int32_t year, int32_t month);
  static bool IsLeapYear(int32_t year);

  // ISO `YYYY-MM-DD` (optionally ` BC`), surrounding blanks ignored.
  // Throws 22007 for bad syntax, 22008 for out-of-range fields.
  static int32_t Parse(std::string_view text);
  // Parses the date part at the start of `text`; sets `consumed`. Returns
  // false on bad syntax; throws 22008 for out-of-range fields.
  static bool ParsePrefix(std::string_view text, size_t& consumed, int32_t& result,
                          std::string_view whole);
  static std::string Format(int32_t days);

  // Day of week 0 = Sunday.
  static int32_t DayOfWeek(int32_t days);
  static int32_t DayOfYear(int32_t days);
  // Adds months, clamping the day to the month's end (Jan 31 + 1 month = Feb 29/28).
  static int32_t AddMonths(int32_t days, int32_t months);
};

}  // namespace tributary
