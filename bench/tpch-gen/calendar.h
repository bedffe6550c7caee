// Dates of the TPC-H population, as day numbers counted from STARTDATE (1992-01-01 = day 0).
#pragma once

#include <array>

namespace tpch_gen {

constexpr bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int DaysInMonth(int year, int month) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// The day number of a date on or after 1992-01-01.
constexpr int DayNumber(int year, int month, int day) {
  int days = 0;
  for (int y = 1992; y < year; ++y) {
    days += IsLeapYear(y) ? 366 : 365;
  }
  for (int m = 1; m < month; ++m) {
    days += DaysInMonth(year, m);
  }
  return days + day - 1;
}

inline constexpr int kStartDay = DayNumber(1992, 1, 1);     // STARTDATE
inline constexpr int kCurrentDay = DayNumber(1995, 6, 17);  // CURRENTDATE
inline constexpr int kEndDay = DayNumber(1998, 12, 31);     // ENDDATE
static_assert(kStartDay == 0 && kCurrentDay == 1263 && kEndDay == 2556);

using DayText = std::array<char, 10>;

// "YYYY-MM-DD" for every day in [kStartDay, kEndDay], indexed by day number.
const DayText* DayTexts();

}  // namespace tpch_gen
