#include "types/date.h"

#include <algorithm>
#include <cstdio>

#include "common/exception.h"

namespace tributary {

namespace {

// Days from civil (Howard Hinnant's algorithm), relative to 1970-01-01.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int32_t& year, int32_t& month, int32_t& day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = static_cast<int32_t>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int32_t>(y + (month <= 2));
}

bool ReadInt(std::string_view s, size_t& pos, int min_digits, int max_digits, int32_t& out) {
  size_t start = pos;
  int64_t value = 0;
  while (pos < s.size() && pos - start < static_cast<size_t>(max_digits) && s[pos] >= '0' &&
         s[pos] <= '9') {
    value = value * 10 + (s[pos] - '0');
    pos++;
  }
  if (pos - start < static_cast<size_t>(min_digits))
    return false;
  out = static_cast<int32_t>(value);
  return true;
}

}  // namespace

bool Date::IsLeapYear(int32_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int32_t Date::DaysInMonth(int32_t year, int32_t month) {
  static const int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool Date::IsValid(int32_t year, int32_t month, int32_t day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

int32_t Date::FromYmd(int32_t year, int32_t month, int32_t day) {
  return static_cast<int32_t>(DaysFromCivil(year, month, day) - kEpochOffsetFromUnix);
}

void Date::ToYmd(int32_t days, int32_t& year, int32_t& month, int32_t& day) {
  CivilFromDays(static_cast<int64_t>(days) + kEpochOffsetFromUnix, year, month, day);
}

bool Date::ParsePrefix(std::string_view s, size_t& pos, int32_t& result, std::string_view whole) {
  int32_t y, m, d;
  size_t p = pos;
  if (!ReadInt(s, p, 1, 7, y) || p >= s.size() || s[p] != '-')
    return false;
  p++;
  if (!ReadInt(s, p, 1, 2, m) || p >= s.size() || s[p] != '-')
    return false;
  p++;
  if (!ReadInt(s, p, 1, 2, d))
    return false;
  // " BC" suffix (only meaningful for dates; callers handle the rest).
  size_t q = p;
  while (q < s.size() && s[q] == ' ')
    q++;
  bool bc = false;
  if (q + 1 < s.size() + 0 && (s.substr(q, 2) == "BC" || s.substr(q, 2) == "bc")) {
    bc = true;
    p = q + 2;
  }
  if (y == 0 || !IsValid(bc ? 1 - y : y, m, d)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "date/time field value out of range: \"" + std::string(whole) + "\"");
  }
  result = FromYmd(bc ? 1 - y : y, m, d);
  pos = p;
  return true;
}

int32_t Date::Parse(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  if (s == "epoch")
    return FromYmd(1970, 1, 1);
  size_t pos = 0;
  int32_t result;
  if (!ParsePrefix(s, pos, result, text) || pos != s.size()) {
    throw Exception(sqlstate::kInvalidDatetimeFormat,
                    "invalid input syntax for type date: \"" + std::string(text) + "\"");
  }
  return result;
}

std::string Date::Format(int32_t days) {
  int32_t y, m, d;
  ToYmd(days, y, m, d);
  bool bc = y <= 0;
  if (bc)
    y = 1 - y;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d%s", y, m, d, bc ? " BC" : "");
  return buf;
}

int32_t Date::DayOfWeek(int32_t days) {
  // 2000-01-01 was a Saturday (6).
  int32_t r = (days + 6) % 7;
  return r < 0 ? r + 7 : r;
}

int32_t Date::DayOfYear(int32_t days) {
  int32_t y, m, d;
  ToYmd(days, y, m, d);
  return days - FromYmd(y, 1, 1) + 1;
}

int32_t Date::AddMonths(int32_t days, int32_t months) {
  int32_t y, m, d;
  ToYmd(days, y, m, d);
  int64_t total = static_cast<int64_t>(y) * 12 + (m - 1) + months;
  int32_t ny = static_cast<int32_t>(total >= 0 ? total / 12 : (total - 11) / 12);
  int32_t nm = static_cast<int32_t>(total - static_cast<int64_t>(ny) * 12) + 1;
  int32_t nd = std::min(d, DaysInMonth(ny, nm));
  return FromYmd(ny, nm, nd);
}

}  // namespace tributary
