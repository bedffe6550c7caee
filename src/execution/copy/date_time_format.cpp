#include "execution/copy/date_time_format.h"

#include <cctype>
#include <charconv>
#include <cstring>

#include "common/exception.h"
#include "types/date.h"
#include "types/timestamp.h"

namespace tributary {

namespace {

std::string Upper(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool Digits(std::string_view text, size_t& pos, int min, int max, int& value) {
  int n = 0;
  value = 0;
  while (n < max && pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    value = value * 10 + (text[pos] - '0');
    pos++;
    n++;
  }
  return n >= min;
}

}  // namespace

std::vector<DateTimeFormat::Element> DateTimeFormat::Compile(const std::string& pattern) {
  std::vector<Element> elements;
  std::string p = Upper(pattern);
  size_t i = 0;
  auto starts = [&](const char* word) { return p.compare(i, std::strlen(word), word) == 0; };
  while (i < p.size()) {
    if (starts("YYYY")) {
      elements.push_back({Part::kYear4});
      i += 4;
    } else if (starts("YY")) {
      elements.push_back({Part::kYear2});
      i += 2;
    } else if (starts("MON")) {
      elements.push_back({Part::kMonthName});
      i += 3;
    } else if (starts("MM")) {
      elements.push_back({Part::kMonth});
      i += 2;
    } else if (starts("MI")) {
      elements.push_back({Part::kMinute});
      i += 2;
    } else if (starts("DD")) {
      elements.push_back({Part::kDay});
      i += 2;
    } else if (starts("HH24")) {
      elements.push_back({Part::kHour24});
      i += 4;
    } else if (starts("HH12")) {
      elements.push_back({Part::kHour12});
      i += 4;
    } else if (starts("HH")) {
      elements.push_back({Part::kHour12});
      i += 2;
    } else if (starts("SS")) {
      elements.push_back({Part::kSecond});
      i += 2;
    } else if (starts("FF") || starts("US") || starts("MS")) {
      elements.push_back({Part::kFraction});
      i += 2;
      while (i < p.size() && std::isdigit(static_cast<unsigned char>(p[i])))
        i++;
    } else if (starts("AM") || starts("PM")) {
      elements.push_back({Part::kMeridiem});
      i += 2;
    } else if (std::isalpha(static_cast<unsigned char>(p[i]))) {
      throw Exception(sqlstate::kInvalidParameterValue, "invalid date or time format \"" + pattern +
                                                            "\": unknown field at \"" +
                                                            pattern.substr(i) + "\"");
    } else {
      elements.push_back({Part::kLiteral, pattern[i]});
      i++;
    }
  }
  return elements;
}

DateTimeFormat::DateTimeFormat(const std::string& pattern) {
  std::string upper = Upper(pattern);
  if (upper == "AUTO") {
    auto_ = true;
    for (const char* form :
         {"MM/DD/YYYY", "YYYYMMDD", "DD-MON-YYYY", "MON DD YYYY", "YYYY/MM/DD", "DD.MM.YYYY",
          "MM/DD/YYYY HH24:MI:SS", "YYYY/MM/DD HH24:MI:SS", "YYYYMMDD HH24:MI:SS",
          "DD-MON-YYYY HH24:MI:SS", "MM/DD/YYYY HH24:MI:SS.FF"}) {
      auto_patterns_.push_back(Compile(form));
    }
  } else if (upper == "EPOCHSECS") {
    epoch_seconds_ = true;
  } else if (upper == "EPOCHMILLISECS") {
    epoch_millis_ = true;
  } else {
    elements_ = Compile(pattern);
  }
}

bool DateTimeFormat::ParseWith(const std::vector<Element>& elements, std::string_view text,
                               int64_t& micros) {
  static const char* kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, fraction = 0;
  bool pm = false, meridiem = false;
  size_t pos = 0;
  for (auto& e : elements) {
    int v = 0;
    switch (e.part) {
      case Part::kYear4:
        if (!Digits(text, pos, 4, 4, year))
          return false;
        break;
      case Part::kYear2:
        if (!Digits(text, pos, 2, 2, v))
          return false;
        year = v < 70 ? 2000 + v : 1900 + v;
        break;
      case Part::kMonth:
        if (!Digits(text, pos, 1, 2, month))
          return false;
        break;
      case Part::kMonthName: {
        if (pos + 3 > text.size())
          return false;
        std::string name = Upper(std::string(text.substr(pos, 3)));
        month = 0;
        for (int m = 0; m < 12; m++) {
          if (name == kMonths[m])
            month = m + 1;
        }
        if (month == 0)
          return false;
        pos += 3;
        break;
      }
      case Part::kDay:
        if (!Digits(text, pos, 1, 2, day))
          return false;
        break;
      case Part::kHour24:
        if (!Digits(text, pos, 1, 2, hour) || hour > 24)
          return false;
        break;
      case Part::kHour12:
        if (!Digits(text, pos, 1, 2, hour) || hour > 12)
          return false;
        break;
      case Part::kMinute:
        if (!Digits(text, pos, 1, 2, minute) || minute > 59)
          return false;
        break;
      case Part::kSecond:
        if (!Digits(text, pos, 1, 2, second) || second > 60)
          return false;
        break;
      case Part::kFraction: {
        int digits = 0;
        fraction = 0;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
          if (digits < 6) {
            fraction = fraction * 10 + (text[pos] - '0');
            digits++;
          }
          pos++;
        }
        if (digits == 0)
          return false;
        for (; digits < 6; digits++)
          fraction *= 10;
        break;
      }
      case Part::kMeridiem: {
        if (pos + 2 > text.size())
          return false;
        std::string m = Upper(std::string(text.substr(pos, 2)));
        if (m != "AM" && m != "PM")
          return false;
        meridiem = true;
        pm = m == "PM";
        pos += 2;
        break;
      }
      case Part::kLiteral:
        // A literal '.' before a fraction or ':' may also be absent at the end.
        if (pos >= text.size() || text[pos] != e.literal)
          return false;
        pos++;
        break;
    }
  }
  while (pos < text.size() && text[pos] == ' ')
    pos++;
  if (pos != text.size())
    return false;
  if (meridiem) {
    if (hour == 12)
      hour = 0;
    if (pm)
      hour += 12;
  }
  if (!Date::IsValid(year, month, day))
    return false;
  micros = Timestamp::FromParts(Date::FromYmd(year, month, day), hour, minute, second, fraction);
  return true;
}

bool DateTimeFormat::Parse(std::string_view text, int64_t& micros) const {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  if (epoch_seconds_ || epoch_millis_) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
      return false;
    constexpr int64_t kUnixTo2000 = 946684800LL;
    micros = epoch_seconds_ ? (v - kUnixTo2000) * 1000000 : (v - kUnixTo2000 * 1000) * 1000;
    return true;
  }
  if (!auto_)
    return ParseWith(elements_, text, micros);
  for (auto& form : auto_patterns_) {
    if (ParseWith(form, text, micros))
      return true;
  }
  return false;
}

}  // namespace tributary
