#include "types/timestamp.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/exception.h"
#include "types/date.h"

namespace tributary {

namespace {

[[noreturn]] void BadTimestamp(std::string_view text, const char* type) {
  throw Exception(sqlstate::kInvalidDatetimeFormat, std::string("invalid input syntax for type ") +
                                                        type + ": \"" + std::string(text) + "\"");
}

bool Digits(std::string_view s, size_t& pos, size_t count, int32_t& out) {
  if (pos + count > s.size())
    return false;
  int32_t v = 0;
  for (size_t i = 0; i < count; i++) {
    char c = s[pos + i];
    if (c < '0' || c > '9')
      return false;
    v = v * 10 + (c - '0');
  }
  pos += count;
  out = v;
  return true;
}

}  // namespace

int32_t Timestamp::ToDate(int64_t micros) {
  int64_t d = micros / kMicrosPerDay;
  if (micros % kMicrosPerDay < 0)
    d--;
  return static_cast<int32_t>(d);
}

int64_t Timestamp::FromParts(int32_t days, int32_t hour, int32_t minute, int32_t second,
                             int32_t micros) {
  return FromDate(days) + ((hour * 60LL + minute) * 60LL + second) * kMicrosPerSecond + micros;
}

int64_t Timestamp::Parse(std::string_view text, bool with_time_zone) {
  const char* type = with_time_zone ? "timestamp with time zone" : "timestamp";
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  if (s == "epoch")
    return FromDate(Date::FromYmd(1970, 1, 1));
  size_t pos = 0;
  int32_t days;
  if (!Date::ParsePrefix(s, pos, days, text))
    BadTimestamp(text, type);
  int32_t hour = 0, minute = 0, second = 0, micros = 0;
  if (pos < s.size() && (s[pos] == ' ' || s[pos] == 'T' || s[pos] == 't')) {
    size_t p = pos + 1;
    while (p < s.size() && s[p] == ' ')
      p++;
    if (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      pos = p;
      if (!Digits(s, pos, pos + 1 < s.size() && s[pos + 1] == ':' ? 1 : 2, hour) ||
          pos >= s.size() || s[pos] != ':' || !Digits(s, ++pos, 2, minute)) {
        BadTimestamp(text, type);
      }
      if (pos < s.size() && s[pos] == ':') {
        pos++;
        if (!Digits(s, pos, 2, second))
          BadTimestamp(text, type);
        if (pos < s.size() && s[pos] == '.') {
          pos++;
          int digits = 0;
          double frac = 0, scale = 0.1;
          while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            frac += (s[pos] - '0') * scale;
            scale /= 10;
            pos++;
            digits++;
          }
          if (digits == 0)
            BadTimestamp(text, type);
          micros = static_cast<int32_t>(std::llround(frac * 1e6));
        }
      }
    }
  }
  if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute || second || micros))) {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "date/time field value out of range: \"" + std::string(text) + "\"");
  }
  int64_t offset_seconds = 0;
  while (pos < s.size() && s[pos] == ' ')
    pos++;
  if (pos < s.size()) {
    std::string_view zone = s.substr(pos);
    if (zone == "Z" || zone == "z" || zone == "UTC" || zone == "utc" || zone == "GMT") {
      offset_seconds = 0;
    } else if (zone[0] == '+' || zone[0] == '-') {
      size_t p = 1;
      int32_t zh = 0, zm = 0;
      if (!Digits(zone, p, zone.size() >= 3 && zone[2] >= '0' && zone[2] <= '9' ? 2 : 1, zh)) {
        BadTimestamp(text, type);
      }
      if (p < zone.size() && zone[p] == ':')
        p++;
      if (p < zone.size() && !Digits(zone, p, 2, zm))
        BadTimestamp(text, type);
      if (p != zone.size() || zh > 15 || zm > 59)
        BadTimestamp(text, type);
      offset_seconds = (zh * 3600 + zm * 60) * (zone[0] == '-' ? -1 : 1);
    } else {
      BadTimestamp(text, type);
    }
  }
  int64_t result = FromParts(days, hour, minute, second, micros);
  if (with_time_zone)
    result -= offset_seconds * kMicrosPerSecond;
  return result;
}

std::string Timestamp::Format(int64_t micros, bool with_time_zone) {
  int32_t days = ToDate(micros);
  int64_t rest = micros - FromDate(days);
  int64_t secs = rest / kMicrosPerSecond;
  int64_t frac = rest % kMicrosPerSecond;
  int32_t y, m, d;
  Date::ToYmd(days, y, m, d);
  bool bc = y <= 0;
  if (bc)
    y = 1 - y;
  char buf[64];
  int n = std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d", y, m, d,
                        static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                        static_cast<int>(secs % 60));
  std::string result(buf, n);
  if (frac) {
    char f[16];
    std::snprintf(f, sizeof(f), ".%06lld", static_cast<long long>(frac));
    std::string fs = f;
    while (fs.back() == '0')
      fs.pop_back();
    result += fs;
  }
  if (with_time_zone)
    result += "+00";
  if (bc)
    result += " BC";
  return result;
}

int64_t Timestamp::Add(int64_t micros, const interval_t& interval) {
  int32_t days = ToDate(micros);
  int64_t time = micros - FromDate(days);
  if (interval.months)
    days = Date::AddMonths(days, interval.months);
  days += interval.days;
  return FromDate(days) + time + interval.micros;
}

interval_t Interval::Negate(const interval_t& v) {
  interval_t r;
  r.months = -v.months;
  r.days = -v.days;
  r.micros = -v.micros;
  return r;
}

interval_t Interval::Parse(std::string_view text) {
  auto bad = [&]() -> interval_t {
    throw Exception(sqlstate::kInvalidDatetimeFormat,
                    "invalid input syntax for type interval: \"" + std::string(text) + "\"");
  };
  interval_t result;
  std::string s(text);
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t pos = 0;
  bool any = false;
  bool ago = false;
  while (true) {
    while (pos < s.size() && s[pos] == ' ')
      pos++;
    if (pos >= s.size())
      break;
    if (s.compare(pos, 3, "ago") == 0) {
      ago = true;
      pos += 3;
      continue;
    }
    if (s[pos] == '@') {
      pos++;
      continue;
    }
    // A number.
    size_t start = pos;
    if (s[pos] == '+' || s[pos] == '-')
      pos++;
    while (pos < s.size() && (std::isdigit(static_cast<unsigned char>(s[pos])) || s[pos] == '.'))
      pos++;
    if (pos == start || (pos == start + 1 && (s[start] == '+' || s[start] == '-')))
      return bad();
    std::string number = s.substr(start, pos - start);
    if (pos < s.size() && s[pos] == ':') {
      // hh:mm[:ss[.ffffff]]
      size_t end = pos;
      while (end < s.size() && s[end] != ' ')
        end++;
      std::string clock = s.substr(start, end - start);
      bool negative = clock[0] == '-';
      if (clock[0] == '-' || clock[0] == '+')
        clock = clock.substr(1);
      int h = 0, m = 0;
      double sec = 0;
      if (std::sscanf(clock.c_str(), "%d:%d:%lf", &h, &m, &sec) < 2)
        return bad();
      int64_t us = (static_cast<int64_t>(h) * 3600 + m * 60) * Timestamp::kMicrosPerSecond +
                   static_cast<int64_t>(std::llround(sec * 1e6));
      result.micros += negative ? -us : us;
      pos = end;
      any = true;
      continue;
    }
    while (pos < s.size() && s[pos] == ' ')
      pos++;
    size_t unit_start = pos;
    while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos])))
      pos++;
    std::string unit = s.substr(unit_start, pos - unit_start);
    double value = std::strtod(number.c_str(), nullptr);
    auto is = [&](std::initializer_list<const char*> names) {
      for (auto* n : names) {
        if (unit == n)
          return true;
      }
      return false;
    };
    if (unit.empty() || is({"s", "sec", "secs", "second", "seconds"})) {
      result.micros += static_cast<int64_t>(std::llround(value * 1e6));
    } else if (is({"y", "yr", "yrs", "year", "years"})) {
      result.months += static_cast<int32_t>(std::llround(value * 12));
    } else if (is({"mon", "mons", "month", "months"})) {
      result.months += static_cast<int32_t>(value);
      double frac = value - static_cast<int32_t>(value);
      result.days += static_cast<int32_t>(std::llround(frac * 30));
    } else if (is({"w", "week", "weeks"})) {
      result.days += static_cast<int32_t>(value * 7);
    } else if (is({"d", "day", "days"})) {
      result.days += static_cast<int32_t>(value);
      double frac = value - static_cast<int32_t>(value);
      result.micros += static_cast<int64_t>(std::llround(frac * 86400e6));
    } else if (is({"h", "hr", "hrs", "hour", "hours"})) {
      result.micros += static_cast<int64_t>(std::llround(value * 3600e6));
    } else if (is({"m", "min", "mins", "minute", "minutes"})) {
      result.micros += static_cast<int64_t>(std::llround(value * 60e6));
    } else if (is({"ms", "msec", "msecs", "millisecond", "milliseconds"})) {
      result.micros += static_cast<int64_t>(std::llround(value * 1e3));
    } else if (is({"us", "usec", "usecs", "microsecond", "microseconds"})) {
      result.micros += static_cast<int64_t>(std::llround(value));
    } else {
      return bad();
    }
    any = true;
  }
  if (!any)
    return bad();
  return ago ? Negate(result) : result;
}

std::string Interval::Format(const interval_t& v) {
  std::string result;
  auto part = [&](int64_t n, const char* singular, const char* plural) {
    if (n == 0)
      return;
    if (!result.empty())
      result += " ";
    result += std::to_string(n) + " " + (n == 1 ? singular : plural);
  };
  part(v.months / 12, "year", "years");
  part(v.months % 12, "mon", "mons");
  part(v.days, "day", "days");
  if (v.micros != 0 || result.empty()) {
    int64_t us = v.micros;
    bool negative = us < 0;
    if (negative)
      us = -us;
    int64_t secs = us / Timestamp::kMicrosPerSecond;
    int64_t frac = us % Timestamp::kMicrosPerSecond;
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%s%02lld:%02lld:%02lld", negative ? "-" : "",
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60));
    std::string t = buf;
    if (frac) {
      char f[16];
      std::snprintf(f, sizeof(f), ".%06lld", static_cast<long long>(frac));
      std::string fs = f;
      while (fs.back() == '0')
        fs.pop_back();
      t += fs;
    }
    if (!result.empty())
      result += " ";
    result += t;
  }
  return result;
}

}  // namespace tributary
