// DateTimeFormat: Redshift's DATEFORMAT / TIMEFORMAT patterns for COPY.
// A pattern is made of YYYY, YY, MM, MON (Jan..Dec), DD, HH24, HH12 / HH,
// MI, SS, FF / US (fraction digits), AM / PM, and literal characters;
// 'auto' tries ISO first, then common forms (MM/DD/YYYY, YYYYMMDD,
// DD-MON-YYYY, MON DD YYYY, YYYY/MM/DD, DD.MM.YYYY, each with an optional
// time of day); TIMEFORMAT also takes 'epochsecs' and 'epochmillisecs'.
//
// Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tributary {

class DateTimeFormat {
 public:
  // Throws 22023 for a pattern it does not understand.
  explicit DateTimeFormat(const std::string& pattern);

  // Microseconds since 2000-01-01 00:00 (a date has no time part); false
  // when `text` does not match.
  bool Parse(std::string_view text, int64_t& micros) const;

 private:
  enum class Part : uint8_t {
    kYear4,
    kYear2,
    kMonth,
    kMonthName,
    kDay,
    kHour24,
    kHour12,
    kMinute,
    kSecond,
    kFraction,
    kMeridiem,
    kLiteral
  };
  struct Element {
    Part part;
    char literal = 0;
  };
  static bool ParseWith(const std::vector<Element>& elements, std::string_view text,
                        int64_t& micros);
  static std::vector<Element> Compile(const std::string& pattern);

  bool auto_ = false;
  bool epoch_seconds_ = false;
  bool epoch_millis_ = false;
  std::vector<Element> elements_;
  std::vector<std::vector<Element>> auto_patterns_;
};

}  // namespace tributary
