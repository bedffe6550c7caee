// TO_CHAR, TO_DATE and TO_TIMESTAMP with PostgreSQL/Redshift format
// templates. Date/time templates: YYYY YYY YY Y Y,YYY IYYY CC Q MM Month
// MONTH month Mon MON mon RM WW W IW DDD DD D ID Day DAY day Dy DY dy J HH
// HH12 HH24 MI SS MS US SSSS AM PM A.M. P.M. (either case), the FM prefix,
// the TH/th suffix, "quoted text" and \-escapes. Number templates: 9 0 . D
// , G S MI PL SG PR $ L FM.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "common/exception.h"
#include "function/function_registry.h"
#include "function/scalar/scalar_kernel.h"
#include "types/date.h"
#include "types/decimal.h"
#include "types/timestamp.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;
const LogicalType kText = LogicalType::Varchar();

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
constexpr const char* kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
constexpr const char* kRoman[] = {"I",   "II",   "III", "IV", "V",  "VI",
                                  "VII", "VIII", "IX",  "X",  "XI", "XII"};

enum class Key {
  kLiteral,
  kYCommaYYY,
  kYYYY,
  kYYY,
  kYY,
  kY,
  kIYYY,
  kCC,
  kQ,
  kMM,
  kMonth,
  kMon,
  kRM,
  kWW,
  kW,
  kIW,
  kDDD,
  kDD,
  kD,
  kID,
  kDay,
  kDy,
  kJ,
  kHH24,
  kHH12,
  kMI,
  kSSSS,
  kSS,
  kMS,
  kUS,
  kAM,
  kAMDots,
};

// Letter case of a name pattern: MONTH, Month, month.
enum class Case { kUpper, kCapital, kLower };

struct Pattern {
  const char* text;
  Key key;
  bool case_sensitive;
  Case letter_case = Case::kUpper;
};

// Longest first where one is a prefix of another.
const Pattern kPatterns[] = {
    {"Y,YYY", Key::kYCommaYYY, false},
    {"YYYY", Key::kYYYY, false},
    {"YYY", Key::kYYY, false},
    {"YY", Key::kYY, false},
    {"IYYY", Key::kIYYY, false},
    {"IW", Key::kIW, false},
    {"ID", Key::kID, false},
    {"Y", Key::kY, false},
    {"CC", Key::kCC, false},
    {"Q", Key::kQ, false},
    {"MONTH", Key::kMonth, true, Case::kUpper},
    {"Month", Key::kMonth, true, Case::kCapital},
    {"month", Key::kMonth, true, Case::kLower},
    {"MON", Key::kMon, true, Case::kUpper},
    {"Mon", Key::kMon, true, Case::kCapital},
    {"mon", Key::kMon, true, Case::kLower},
    {"MM", Key::kMM, false},
    {"MI", Key::kMI, false},
    {"MS", Key::kMS, false},
    {"RM", Key::kRM, true, Case::kUpper},
    {"rm", Key::kRM, true, Case::kLower},
    {"WW", Key::kWW, false},
    {"W", Key::kW, false},
    {"DDD", Key::kDDD, false},
    {"DD", Key::kDD, false},
    {"DAY", Key::kDay, true, Case::kUpper},
    {"Day", Key::kDay, true, Case::kCapital},
    {"day", Key::kDay, true, Case::kLower},
    {"DY", Key::kDy, true, Case::kUpper},
    {"Dy", Key::kDy, true, Case::kCapital},
    {"dy", Key::kDy, true, Case::kLower},
    {"D", Key::kD, false},
    {"J", Key::kJ, false},
    {"HH24", Key::kHH24, false},
    {"HH12", Key::kHH12, false},
    {"HH", Key::kHH12, false},
    {"SSSS", Key::kSSSS, false},
    {"SS", Key::kSS, false},
    {"US", Key::kUS, false},
    {"A.M.", Key::kAMDots, true, Case::kUpper},
    {"P.M.", Key::kAMDots, true, Case::kUpper},
    {"a.m.", Key::kAMDots, true, Case::kLower},
    {"p.m.", Key::kAMDots, true, Case::kLower},
    {"AM", Key::kAM, true, Case::kUpper},
    {"PM", Key::kAM, true, Case::kUpper},
    {"am", Key::kAM, true, Case::kLower},
    {"pm", Key::kAM, true, Case::kLower},
};

struct FormatItem {
  Key key = Key::kLiteral;
  Case letter_case = Case::kUpper;
  bool fill_mode = false;  // FM: no padding
  bool ordinal = false;    // TH / th suffix
  bool ordinal_upper = false;
  std::string literal;
};

bool StartsWith(std::string_view s, size_t at, const char* p, bool case_sensitive) {
  size_t n = std::char_traits<char>::length(p);
  if (at + n > s.size())
    return false;
  for (size_t i = 0; i < n; i++) {
    char a = s[at + i], b = p[i];
    if (case_sensitive ? a != b
                       : std::toupper(static_cast<unsigned char>(a)) !=
                             std::toupper(static_cast<unsigned char>(b)))
      return false;
  }
  return true;
}

std::vector<FormatItem> ParseDateFormat(std::string_view f) {
  std::vector<FormatItem> items;
  size_t i = 0;
  auto literal = [&](std::string_view text) {
    if (items.empty() || items.back().key != Key::kLiteral)
      items.emplace_back();
    items.back().literal.append(text);
  };
  while (i < f.size()) {
    bool fill = false;
    if (StartsWith(f, i, "FM", false)) {
      fill = true;
      i += 2;
    }
    const Pattern* match = nullptr;
    for (auto& p : kPatterns) {
      if (StartsWith(f, i, p.text, p.case_sensitive)) {
        match = &p;
        break;
      }
    }
    if (match) {
      FormatItem item;
      item.key = match->key;
      item.letter_case = match->letter_case;
      item.fill_mode = fill;
      i += std::char_traits<char>::length(match->text);
      if (StartsWith(f, i, "TH", true) || StartsWith(f, i, "th", true)) {
        item.ordinal = true;
        item.ordinal_upper = f[i] == 'T';
        i += 2;
      }
      items.push_back(std::move(item));
      continue;
    }
    if (fill)
      continue;
    if (f[i] == '"') {
      size_t j = i + 1;
      std::string text;
      while (j < f.size() && f[j] != '"') {
        if (f[j] == '\\' && j + 1 < f.size())
          j++;
        text += f[j++];
      }
      literal(text);
      i = j + 1;
      continue;
    }
    // Outside double quotes a backslash is special only before a quote.
    if (f[i] == '\\' && i + 1 < f.size() && f[i + 1] == '"') {
      literal("\"");
      i += 2;
      continue;
    }
    literal(f.substr(i, 1));
    i++;
  }
  return items;
}

std::string ApplyCase(std::string_view name, Case c) {
  std::string s(name);
  for (size_t i = 0; i < s.size(); i++) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    if (c == Case::kUpper || (c == Case::kCapital && i == 0))
      s[i] = static_cast<char>(std::toupper(ch));
    else
      s[i] = static_cast<char>(std::tolower(ch));
  }
  return s;
}

std::string OrdinalSuffix(int64_t n, bool upper) {
  int64_t last2 = std::llabs(n) % 100, last = std::llabs(n) % 10;
  const char* s = "th";
  if (last2 < 11 || last2 > 13) {
    if (last == 1)
      s = "st";
    else if (last == 2)
      s = "nd";
    else if (last == 3)
      s = "rd";
  }
  return upper ? ApplyCase(s, Case::kUpper) : std::string(s);
}

void AppendNumber(std::string& out, int64_t value, int width, const FormatItem& item) {
  char buffer[32];
  if (item.fill_mode || width == 0)
    std::snprintf(buffer, sizeof(buffer), "%lld", static_cast<long long>(value));
  else
    std::snprintf(buffer, sizeof(buffer), "%0*lld", width, static_cast<long long>(value));
  out += buffer;
  if (item.ordinal)
    out += OrdinalSuffix(value, item.ordinal_upper);
}

void AppendName(std::string& out, std::string_view name, bool pad, const FormatItem& item) {
  out += ApplyCase(name, item.letter_case);
  if (pad && !item.fill_mode && name.size() < 9)
    out.append(9 - name.size(), ' ');
}

int IsoWeek(int32_t days, int32_t& iso_year) {
  int wday = Date::DayOfWeek(days);
  int iso = wday == 0 ? 7 : wday;
  int32_t thursday = days - iso + 4;
  int32_t m, d;
  Date::ToYmd(thursday, iso_year, m, d);
  return (thursday - Date::FromYmd(iso_year, 1, 1)) / 7 + 1;
}

std::string FormatTimestamp(int64_t micros, const std::vector<FormatItem>& items) {
  int32_t days = Timestamp::ToDate(micros);
  int64_t time = micros - Timestamp::FromDate(days);
  int32_t y, m, d;
  Date::ToYmd(days, y, m, d);
  int hour = static_cast<int>(time / 3600000000LL);
  int minute = static_cast<int>(time / 60000000LL % 60);
  int second = static_cast<int>(time / 1000000LL % 60);
  int64_t fraction = time % 1000000LL;
  int dow = Date::DayOfWeek(days);
  int doy = Date::DayOfYear(days);
  int32_t shown_year = y > 0 ? y : 1 - y;  // no year 0: 1 BC
  std::string out;
  for (auto& item : items) {
    switch (item.key) {
      case Key::kLiteral:
        out += item.literal;
        break;
      case Key::kYCommaYYY: {
        char buffer[32];
        std::snprintf(buffer, sizeof(buffer), "%d,%03d", shown_year / 1000, shown_year % 1000);
        out += buffer;
        break;
      }
      case Key::kYYYY:
        AppendNumber(out, shown_year, 4, item);
        break;
      case Key::kYYY:
        AppendNumber(out, shown_year % 1000, 3, item);
        break;
      case Key::kYY:
        AppendNumber(out, shown_year % 100, 2, item);
        break;
      case Key::kY:
        AppendNumber(out, shown_year % 10, 1, item);
        break;
      case Key::kIYYY: {
        int32_t iso_year;
        IsoWeek(days, iso_year);
        AppendNumber(out, iso_year, 4, item);
        break;
      }
      case Key::kCC:
        AppendNumber(out, y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100), 2, item);
        break;
      case Key::kQ:
        AppendNumber(out, (m - 1) / 3 + 1, 0, item);
        break;
      case Key::kMM:
        AppendNumber(out, m, 2, item);
        break;
      case Key::kMonth:
        AppendName(out, kMonthNames[m - 1], true, item);
        break;
      case Key::kMon:
        AppendName(out, std::string_view(kMonthNames[m - 1]).substr(0, 3), false, item);
        break;
      case Key::kRM: {
        std::string roman = kRoman[m - 1];
        if (!item.fill_mode)
          roman.append(4 - roman.size(), ' ');
        out += item.letter_case == Case::kLower ? ApplyCase(roman, Case::kLower) : roman;
        break;
      }
      case Key::kWW:
        AppendNumber(out, (doy - 1) / 7 + 1, 2, item);
        break;
      case Key::kW:
        AppendNumber(out, (d - 1) / 7 + 1, 0, item);
        break;
      case Key::kIW: {
        int32_t iso_year;
        AppendNumber(out, IsoWeek(days, iso_year), 2, item);
        break;
      }
      case Key::kDDD:
        AppendNumber(out, doy, 3, item);
        break;
      case Key::kDD:
        AppendNumber(out, d, 2, item);
        break;
      case Key::kD:
        AppendNumber(out, dow + 1, 0, item);
        break;
      case Key::kID:
        AppendNumber(out, dow == 0 ? 7 : dow, 0, item);
        break;
      case Key::kDay:
        AppendName(out, kDayNames[dow], true, item);
        break;
      case Key::kDy:
        AppendName(out, std::string_view(kDayNames[dow]).substr(0, 3), false, item);
        break;
      case Key::kJ:
        // Julian day: 2000-01-01 is day 2451545.
        AppendNumber(out, static_cast<int64_t>(days) + 2451545, 0, item);
        break;
      case Key::kHH24:
        AppendNumber(out, hour, 2, item);
        break;
      case Key::kHH12:
        AppendNumber(out, hour % 12 == 0 ? 12 : hour % 12, 2, item);
        break;
      case Key::kMI:
        AppendNumber(out, minute, 2, item);
        break;
      case Key::kSS:
        AppendNumber(out, second, 2, item);
        break;
      case Key::kSSSS:
        AppendNumber(out, time / 1000000LL, 0, item);
        break;
      case Key::kMS:
        AppendNumber(out, fraction / 1000, 3, item);
        break;
      case Key::kUS:
        AppendNumber(out, fraction, 6, item);
        break;
      case Key::kAM:
        out += ApplyCase(hour < 12 ? "AM" : "PM", item.letter_case);
        break;
      case Key::kAMDots:
        out += ApplyCase(hour < 12 ? "A.M." : "P.M.", item.letter_case);
        break;
    }
  }
  return out;
}

// Parses `format` once per kernel call and again only when it changes.
class FormatCache {
 public:
  const std::vector<FormatItem>& Get(string_t format) {
    if (!valid_ || format.View() != text_) {
      items_ = ParseDateFormat(format.View());
      text_.assign(format.ptr, format.len);
      valid_ = true;
    }
    return items_;
  }

 private:
  bool valid_ = false;
  std::string text_;
  std::vector<FormatItem> items_;
};

void ToCharTimestamp(DataChunk& args, ExpressionState&, Vector& result) {
  auto& source = args.column(0);
  auto formats = args.column(1).Data<string_t>();
  auto out = result.Data<string_t>();
  FormatCache cache;
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    int64_t micros = source.type().id() == Id::kDate
                         ? Timestamp::FromDate(source.Data<int32_t>()[rows[0]])
                         : source.Data<int64_t>()[rows[0]];
    out[i] = result.AddString(FormatTimestamp(micros, cache.Get(formats[rows[1]])));
  });
}

// ---- parsing (TO_DATE, TO_TIMESTAMP) ----

[[noreturn]] void BadInput(std::string_view text, std::string_view what) {
  throw Exception(sqlstate::kInvalidDatetimeFormat,
                  "invalid value \"" + std::string(text) + "\" for \"" + std::string(what) + "\"");
}

struct ParsedFields {
  int32_t year = 1, month = 1, day = 1;
  int32_t doy = 0;
  int32_t hour = 0, minute = 0, second = 0;
  int64_t micros = 0;
  bool pm = false, has_meridiem = false, hour12 = false;
  bool bc = false;
};

int64_t ReadDigits(std::string_view s, size_t& i, int max_digits, std::string_view what) {
  while (i < s.size() && s[i] == ' ')
    i++;
  size_t start = i;
  int64_t v = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) &&
         (max_digits <= 0 || static_cast<int>(i - start) < max_digits)) {
    v = v * 10 + (s[i] - '0');
    i++;
    if (v > 100000000)
      BadInput(s.substr(start), what);
  }
  if (i == start)
    BadInput(s.substr(start), what);
  return v;
}

int ReadName(std::string_view s, size_t& i, const char* const* names, int count, bool abbreviated,
             std::string_view what) {
  while (i < s.size() && s[i] == ' ')
    i++;
  for (int k = 0; k < count; k++) {
    std::string_view name = names[k];
    if (abbreviated)
      name = name.substr(0, 3);
    if (StartsWith(s, i, std::string(name).c_str(), false)) {
      i += name.size();
      return k;
    }
  }
  BadInput(s.substr(i), what);
}

int64_t ParseWithFormat(std::string_view s, std::string_view format, bool with_time) {
  auto items = ParseDateFormat(format);
  ParsedFields f;
  size_t i = 0;
  for (idx_t n = 0; n < items.size(); n++) {
    auto& item = items[n];
    // A numeric field followed by another field reads only its own width;
    // the last one reads every digit that follows.
    bool next_is_field = n + 1 < items.size() && items[n + 1].key != Key::kLiteral;
    auto width = [&](int w) { return next_is_field ? w : 0; };
    switch (item.key) {
      case Key::kLiteral:
        for (char c : item.literal) {
          if (i >= s.size())
            break;
          if (c == ' ') {
            while (i < s.size() && s[i] == ' ')
              i++;
          } else if (!std::isdigit(static_cast<unsigned char>(s[i])) ||
                     std::isdigit(static_cast<unsigned char>(c))) {
            i++;
          }
        }
        break;
      case Key::kYCommaYYY: {
        int64_t thousands = ReadDigits(s, i, 0, "Y,YYY");
        if (i < s.size() && s[i] == ',')
          i++;
        f.year = static_cast<int32_t>(thousands * 1000 + ReadDigits(s, i, 3, "Y,YYY"));
        break;
      }
      case Key::kYYYY:
      case Key::kIYYY:
        f.year = static_cast<int32_t>(ReadDigits(s, i, width(4), "YYYY"));
        break;
      case Key::kYYY: {
        int64_t v = ReadDigits(s, i, 3, "YYY");
        f.year = static_cast<int32_t>(v < 100 ? v + 2000 : v + 1000);
        break;
      }
      case Key::kYY: {
        int64_t v = ReadDigits(s, i, 2, "YY");
        f.year = static_cast<int32_t>(v < 70 ? 2000 + v : 1900 + v);
        break;
      }
      case Key::kY:
        f.year = static_cast<int32_t>(2000 + ReadDigits(s, i, 1, "Y"));
        break;
      case Key::kMM:
        f.month = static_cast<int32_t>(ReadDigits(s, i, width(2), "MM"));
        break;
      case Key::kMonth:
        f.month = ReadName(s, i, kMonthNames, 12, false, "Month") + 1;
        break;
      case Key::kMon:
        f.month = ReadName(s, i, kMonthNames, 12, true, "Mon") + 1;
        break;
      case Key::kDD:
        f.day = static_cast<int32_t>(ReadDigits(s, i, width(2), "DD"));
        break;
      case Key::kDDD:
        f.doy = static_cast<int32_t>(ReadDigits(s, i, width(3), "DDD"));
        break;
      case Key::kDay:
        ReadName(s, i, kDayNames, 7, false, "Day");
        break;
      case Key::kDy:
        ReadName(s, i, kDayNames, 7, true, "Dy");
        break;
      case Key::kHH24:
        f.hour = static_cast<int32_t>(ReadDigits(s, i, width(2), "HH24"));
        break;
      case Key::kHH12:
        f.hour = static_cast<int32_t>(ReadDigits(s, i, width(2), "HH12"));
        f.hour12 = true;
        break;
      case Key::kMI:
        f.minute = static_cast<int32_t>(ReadDigits(s, i, width(2), "MI"));
        break;
      case Key::kSS:
        f.second = static_cast<int32_t>(ReadDigits(s, i, width(2), "SS"));
        break;
      case Key::kMS:
      case Key::kUS: {
        size_t start = i;
        int64_t v =
            ReadDigits(s, i, item.key == Key::kMS ? 3 : 6, item.key == Key::kMS ? "MS" : "US");
        int digits = static_cast<int>(i - start);
        int scale = item.key == Key::kMS ? 3 : 6;
        for (int k = digits; k < scale; k++)
          v *= 10;
        f.micros = item.key == Key::kMS ? v * 1000 : v;
        break;
      }
      case Key::kAM:
      case Key::kAMDots: {
        while (i < s.size() && s[i] == ' ')
          i++;
        bool dots = item.key == Key::kAMDots;
        const char* am = dots ? "A.M." : "AM";
        const char* pm = dots ? "P.M." : "PM";
        if (StartsWith(s, i, am, false)) {
          f.pm = false;
        } else if (StartsWith(s, i, pm, false)) {
          f.pm = true;
        } else {
          BadInput(s.substr(i), dots ? "A.M." : "AM");
        }
        f.has_meridiem = true;
        i += dots ? 4 : 2;
        break;
      }
      default:
        throw Exception(sqlstate::kFeatureNotSupported,
                        "this format pattern is not supported in input");
    }
  }
  if (f.has_meridiem || f.hour12) {
    if (f.hour < 1 || f.hour > 12) {
      throw Exception(sqlstate::kInvalidDatetimeFormat,
                      "hour \"" + std::to_string(f.hour) + "\" is invalid for the 12-hour clock");
    }
    f.hour = f.hour % 12 + (f.pm ? 12 : 0);
  }
  int32_t days;
  if (f.doy > 0) {
    if (f.doy > (Date::IsLeapYear(f.year) ? 366 : 365))
      throw Exception(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range");
    days = Date::FromYmd(f.year, 1, 1) + f.doy - 1;
  } else {
    if (!Date::IsValid(f.year, f.month, f.day)) {
      throw Exception(sqlstate::kDatetimeFieldOverflow,
                      "date/time field value out of range: \"" + std::string(s) + "\"");
    }
    days = Date::FromYmd(f.year, f.month, f.day);
  }
  if (!with_time)
    return days;
  if (f.hour > 24 || f.minute > 59 || f.second > 60) {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "date/time field value out of range: \"" + std::string(s) + "\"");
  }
  return Timestamp::FromParts(days, f.hour, f.minute, f.second, static_cast<int32_t>(f.micros));
}

void ToDate(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<string_t, string_t, int32_t>(
      args.column(0), args.column(1), result, args.size(), [](string_t s, string_t f) {
        return static_cast<int32_t>(ParseWithFormat(s.View(), f.View(), false));
      });
}

void ToTimestamp(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<string_t, string_t, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](string_t s, string_t f) { return ParseWithFormat(s.View(), f.View(), true); });
}

// to_timestamp(double): seconds since 1970-01-01 00:00:00 UTC.
void ToTimestampEpoch(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<double, int64_t>(args.column(0), result, args.size(), [](double seconds) {
    double micros = std::nearbyint(seconds * 1e6) -
                    static_cast<double>(Date::kEpochOffsetFromUnix) * Timestamp::kMicrosPerDay;
    if (!std::isfinite(micros) || std::fabs(micros) > 9.2e18)
      throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
    return static_cast<int64_t>(micros);
  });
}

// ---- numbers ----

struct NumberFormat {
  // Elements in template order: '9', '0', '.', ',', 'S' (sign), 'M' (MI),
  // 'P' (PL), 'G' (SG), '$', or a literal character in `literals`. A leading S
  // and PR float to the first digit (leading_sign, brackets).
  std::string elements;
  std::string fraction_elements;
  std::vector<std::string> literals;
  int integer_digits = 0, fraction_digits = 0;
  bool fill_mode = false, explicit_sign = false, brackets = false, leading_sign = false;
};

NumberFormat ParseNumberFormat(std::string_view f) {
  NumberFormat nf;
  bool after_point = false;
  for (size_t i = 0; i < f.size(); i++) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(f[i])));
    auto next = [&](char n) {
      return i + 1 < f.size() && std::toupper(static_cast<unsigned char>(f[i + 1])) == n;
    };
    if (c == 'F' && next('M')) {
      nf.fill_mode = true;
      i++;
    } else if (c == '9' || c == '0') {
      nf.elements += c;
      (after_point ? nf.fraction_digits : nf.integer_digits)++;
      if (after_point)
        nf.fraction_elements += c;
    } else if ((c == '.' || c == 'D') && !after_point) {
      nf.elements += '.';
      after_point = true;
    } else if (c == ',' || c == 'G') {
      nf.elements += ',';
    } else if (c == 'S' && !next('G')) {
      // A leading S floats to the first digit like the default sign.
      if (nf.integer_digits == 0 && nf.fraction_digits == 0) {
        nf.leading_sign = true;
      } else {
        nf.elements += 'S';
        nf.explicit_sign = true;
      }
    } else if (c == 'M' && next('I')) {
      nf.elements += 'M';
      nf.explicit_sign = true;
      i++;
    } else if (c == 'P' && next('L')) {
      nf.elements += 'P';
      nf.explicit_sign = true;
      i++;
    } else if (c == 'S' && next('G')) {
      nf.elements += 'G';
      nf.explicit_sign = true;
      i++;
    } else if (c == 'P' && next('R')) {
      nf.brackets = true;
      i++;
    } else if (c == '$' || c == 'L') {
      nf.elements += '$';
    } else if (f[i] == '"') {
      std::string text;
      for (i++; i < f.size() && f[i] != '"'; i++)
        text += f[i];
      nf.elements += 'L';
      nf.literals.push_back(text);
    } else {
      nf.elements += 'L';
      nf.literals.emplace_back(1, f[i]);
    }
  }
  return nf;
}

// Renders the absolute value given as decimal digits (`integer` without
// leading zeros, `fraction` exactly fraction_digits long).
std::string RenderNumber(const NumberFormat& nf, bool negative, std::string integer,
                         std::string fraction) {
  bool overflow = static_cast<int>(integer.size()) > nf.integer_digits;
  std::string out;
  // Leading zeros start at the first '0' of the integer part.
  int first_zero = -1, digit = 0;
  for (char e : nf.elements) {
    if (e == '.')
      break;
    if (e == '0' && first_zero < 0)
      first_zero = digit;
    if (e == '9' || e == '0')
      digit++;
  }
  // PostgreSQL prints a 0 before the point when there is nothing else.
  if (integer.empty() && nf.fraction_digits == 0 && nf.integer_digits > 0)
    integer = "0";
  int pad = nf.integer_digits - static_cast<int>(integer.size());
  bool started = false;
  bool sign_done = nf.explicit_sign;
  auto sign_char = [&] {
    if (nf.brackets)
      return negative ? "<" : (nf.fill_mode ? "" : " ");
    if (nf.leading_sign)
      return negative ? "-" : "+";
    return negative ? "-" : (nf.fill_mode ? "" : " ");
  };
  int position = 0, literal = 0, fraction_position = 0;
  bool after_point = false;
  // FM drops trailing zeros printed by 9 positions after the point.
  int keep = nf.fraction_digits;
  if (nf.fill_mode) {
    while (keep > 0 && fraction[keep - 1] == '0' && nf.fraction_elements[keep - 1] == '9')
      keep--;
  }
  for (char e : nf.elements) {
    switch (e) {
      case '9':
      case '0':
        if (after_point) {
          if (fraction_position < keep)
            out += overflow ? '#' : fraction[fraction_position];
          fraction_position++;
          break;
        }
        if (overflow) {
          out += '#';
        } else if (position < pad) {
          if (first_zero >= 0 && position >= first_zero) {
            if (!sign_done) {
              out += sign_char();
              sign_done = true;
            }
            out += '0';
            started = true;
          } else if (!nf.fill_mode) {
            out += ' ';
          }
        } else {
          if (!sign_done) {
            out += sign_char();
            sign_done = true;
          }
          out += integer[position - pad];
          started = true;
        }
        position++;
        break;
      case '.':
        if (!sign_done) {
          out += sign_char();
          sign_done = true;
        }
        out += '.';
        after_point = true;
        break;
      case ',':
        if (started || overflow)
          out += ',';
        else if (!nf.fill_mode)
          out += ' ';
        break;
      case 'S':
        out += negative ? '-' : '+';
        break;
      case 'M':
        out += negative ? "-" : (nf.fill_mode ? "" : " ");
        break;
      case 'P':
        out += negative ? "" : "+";
        break;
      case 'G':
        out += negative ? '-' : '+';
        break;
      case '$':
        out += '$';
        break;
      default:
        out += nf.literals[literal++];
    }
  }
  if (!sign_done)
    out.insert(0, sign_char());
  if (nf.brackets)
    out += negative ? ">" : (nf.fill_mode ? "" : " ");
  return out;
}

// value = unscaled / 10^scale, rounded half away from zero to fraction_digits.
std::string FormatExact(const NumberFormat& nf, hugeint_t unscaled, int scale) {
  bool negative = unscaled < 0;
  hugeint_t v = negative ? -unscaled : unscaled;
  int target = nf.fraction_digits;
  if (scale > target) {
    hugeint_t divisor = Decimal::PowerOfTen(scale - target);
    hugeint_t rest = v % divisor;
    v /= divisor;
    if (rest * 2 >= divisor)
      v++;
  } else if (scale < target) {
    v *= Decimal::PowerOfTen(target - scale);
  }
  std::string digits = Decimal::Format(v, 0);
  while (static_cast<int>(digits.size()) <= target)
    digits.insert(0, "0");
  std::string integer = digits.substr(0, digits.size() - target);
  std::string fraction = digits.substr(digits.size() - target);
  size_t nz = integer.find_first_not_of('0');
  integer = nz == std::string::npos ? "" : integer.substr(nz);
  return RenderNumber(nf, negative && v != 0, integer, fraction);
}

std::string FormatDouble(const NumberFormat& nf, double value) {
  if (!std::isfinite(value))
    return RenderNumber(nf, false, std::string(nf.integer_digits + 1, '9'), "");
  char buffer[400];
  std::snprintf(buffer, sizeof(buffer), "%.*f", nf.fraction_digits, std::fabs(value));
  std::string digits = buffer;
  size_t point = digits.find('.');
  std::string integer = point == std::string::npos ? digits : digits.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  size_t nz = integer.find_first_not_of('0');
  integer = nz == std::string::npos ? "" : integer.substr(nz);
  bool zero = integer.empty() && fraction.find_first_not_of('0') == std::string::npos;
  return RenderNumber(nf, value < 0 && !zero, integer, fraction);
}

hugeint_t ReadUnscaled(const Vector& v, idx_t row) {
  switch (v.type().physical()) {
    case PhysicalType::kInt16:
      return v.Data<int16_t>()[row];
    case PhysicalType::kInt32:
      return v.Data<int32_t>()[row];
    case PhysicalType::kInt64:
      return v.Data<int64_t>()[row];
    default:
      return v.Data<hugeint_t>()[row];
  }
}

void ToCharNumber(DataChunk& args, ExpressionState&, Vector& result) {
  auto& source = args.column(0);
  auto formats = args.column(1).Data<string_t>();
  auto out = result.Data<string_t>();
  std::string last_format;
  NumberFormat nf;
  bool parsed = false;
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    auto f = formats[rows[1]].View();
    if (!parsed || f != last_format) {
      nf = ParseNumberFormat(f);
      last_format.assign(f);
      parsed = true;
    }
    std::string text;
    if (source.type().id() == Id::kDouble) {
      text = FormatDouble(nf, source.Data<double>()[rows[0]]);
    } else {
      int scale = source.type().id() == Id::kDecimal ? source.type().scale() : 0;
      text = FormatExact(nf, ReadUnscaled(source, rows[0]), scale);
    }
    out[i] = result.AddString(text);
  });
}

}  // namespace

void RegisterDatetimeFormatFunctions(FunctionRegistry& r) {
  for (Id id : {Id::kTimestamp, Id::kTimestampTz, Id::kDate})
    r.AddScalar({"to_char", {id, kText}, kText, ToCharTimestamp});
  r.AddScalar({"to_char", {Id::kBigInt, kText}, kText, ToCharNumber});
  r.AddScalar({"to_char", {Id::kInteger, kText}, kText, ToCharNumber});
  r.AddScalar({"to_char", {Id::kSmallInt, kText}, kText, ToCharNumber});
  r.AddScalar({"to_char", {Id::kDouble, kText}, kText, ToCharNumber});
  r.AddScalar({"to_char", {LogicalType(Id::kDecimal), kText}, kText, ToCharNumber});
  r.AddScalar({"to_date", {kText, kText}, Id::kDate, ToDate});
  r.AddScalar({"to_timestamp", {kText, kText}, Id::kTimestampTz, ToTimestamp});
  r.AddScalar({"to_timestamp", {Id::kDouble}, Id::kTimestampTz, ToTimestampEpoch});
}

}  // namespace tributary
