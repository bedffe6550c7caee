// Calendar arithmetic: Redshift's DATEADD, DATEDIFF, ADD_MONTHS and
// LAST_DAY, and PostgreSQL's AGE. Redshift date parts accept Redshift's
// abbreviations (yr, qtr, mon, w, d, h, m, s, ms, us, ...).
#include <cctype>
#include <chrono>

#include "common/exception.h"
#include "function/function_registry.h"
#include "function/scalar/scalar_kernel.h"
#include "types/date.h"
#include "types/timestamp.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;
const LogicalType kText = LogicalType::Varchar();

constexpr int64_t kMicrosPerMinute = 60 * Timestamp::kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;

enum class DatePart {
  kMillennium,
  kCentury,
  kDecade,
  kYear,
  kQuarter,
  kMonth,
  kWeek,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kMicrosecond
};

DatePart ParseDatePart(std::string_view raw) {
  std::string s;
  for (char c : raw) {
    if (c != ' ')
      s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto is = [&](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (s == n)
        return true;
    }
    return false;
  };
  if (is({"millennium", "millennia", "mil", "mils"}))
    return DatePart::kMillennium;
  if (is({"century", "centuries", "c", "cent", "cents"}))
    return DatePart::kCentury;
  if (is({"decade", "decades", "dec", "decs"}))
    return DatePart::kDecade;
  if (is({"year", "years", "y", "yr", "yrs"}))
    return DatePart::kYear;
  if (is({"quarter", "quarters", "qtr", "qtrs"}))
    return DatePart::kQuarter;
  if (is({"month", "months", "mon", "mons"}))
    return DatePart::kMonth;
  if (is({"week", "weeks", "w"}))
    return DatePart::kWeek;
  if (is({"day", "days", "d"}))
    return DatePart::kDay;
  if (is({"hour", "hours", "h", "hr", "hrs"}))
    return DatePart::kHour;
  if (is({"minute", "minutes", "m", "min", "mins"}))
    return DatePart::kMinute;
  if (is({"second", "seconds", "s", "sec", "secs"}))
    return DatePart::kSecond;
  if (is({"millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds", "millisec",
          "millisecs", "millisecon"}))
    return DatePart::kMillisecond;
  if (is({"microsecond", "microseconds", "microsec", "microsecs", "microsecond", "usecond",
          "useconds", "us", "usec", "usecs"}))
    return DatePart::kMicrosecond;
  throw Exception(sqlstate::kInvalidParameterValue,
                  "date part \"" + std::string(raw) + "\" is not supported");
}

int64_t ReadMicros(const Vector& v, idx_t row) {
  if (v.type().id() == Id::kDate)
    return Timestamp::FromDate(v.Data<int32_t>()[row]);
  return v.Data<int64_t>()[row];
}

[[noreturn]] void OutOfRange() {
  throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}

int64_t CheckedAdd(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r))
    OutOfRange();
  return r;
}

int64_t CheckedMul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r))
    OutOfRange();
  return r;
}

int64_t AddMonthsToMicros(int64_t micros, int64_t months) {
  if (months > 12 * 300000 || months < -12 * 300000)
    OutOfRange();
  int32_t days = Timestamp::ToDate(micros);
  int64_t time = micros - Timestamp::FromDate(days);
  return Timestamp::FromDate(Date::AddMonths(days, static_cast<int32_t>(months))) + time;
}

int64_t DateAdd(DatePart part, int64_t n, int64_t micros) {
  switch (part) {
    case DatePart::kMillennium:
      return AddMonthsToMicros(micros, CheckedMul(n, 12000));
    case DatePart::kCentury:
      return AddMonthsToMicros(micros, CheckedMul(n, 1200));
    case DatePart::kDecade:
      return AddMonthsToMicros(micros, CheckedMul(n, 120));
    case DatePart::kYear:
      return AddMonthsToMicros(micros, CheckedMul(n, 12));
    case DatePart::kQuarter:
      return AddMonthsToMicros(micros, CheckedMul(n, 3));
    case DatePart::kMonth:
      return AddMonthsToMicros(micros, n);
    case DatePart::kWeek:
      return CheckedAdd(micros, CheckedMul(n, 7 * Timestamp::kMicrosPerDay));
    case DatePart::kDay:
      return CheckedAdd(micros, CheckedMul(n, Timestamp::kMicrosPerDay));
    case DatePart::kHour:
      return CheckedAdd(micros, CheckedMul(n, kMicrosPerHour));
    case DatePart::kMinute:
      return CheckedAdd(micros, CheckedMul(n, kMicrosPerMinute));
    case DatePart::kSecond:
      return CheckedAdd(micros, CheckedMul(n, Timestamp::kMicrosPerSecond));
    case DatePart::kMillisecond:
      return CheckedAdd(micros, CheckedMul(n, 1000));
    case DatePart::kMicrosecond:
      return CheckedAdd(micros, n);
  }
  return micros;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// Months since year 0 and the pieces of a timestamp.
struct Fields {
  int32_t year, month, day;
  int32_t days;
  int64_t time;
};

Fields Split(int64_t micros) {
  Fields f;
  f.days = Timestamp::ToDate(micros);
  f.time = micros - Timestamp::FromDate(f.days);
  Date::ToYmd(f.days, f.year, f.month, f.day);
  return f;
}

// Redshift: the number of `part` boundaries crossed going from a to b.
int64_t DateDiff(DatePart part, int64_t a, int64_t b) {
  Fields fa = Split(a), fb = Split(b);
  switch (part) {
    case DatePart::kMillennium:
      return FloorDiv(fb.year - 1, 1000) - FloorDiv(fa.year - 1, 1000);
    case DatePart::kCentury:
      return FloorDiv(fb.year - 1, 100) - FloorDiv(fa.year - 1, 100);
    case DatePart::kDecade:
      return FloorDiv(fb.year, 10) - FloorDiv(fa.year, 10);
    case DatePart::kYear:
      return fb.year - fa.year;
    case DatePart::kQuarter:
      return (fb.year * 4LL + (fb.month - 1) / 3) - (fa.year * 4LL + (fa.month - 1) / 3);
    case DatePart::kMonth:
      return (fb.year * 12LL + fb.month) - (fa.year * 12LL + fa.month);
    case DatePart::kWeek: {
      // Weeks start on Monday, as DATE_TRUNC('week') does. 2000-01-03 was one.
      return FloorDiv(fb.days - 2, 7) - FloorDiv(fa.days - 2, 7);
    }
    case DatePart::kDay:
      return static_cast<int64_t>(fb.days) - fa.days;
    case DatePart::kHour:
      return FloorDiv(b, kMicrosPerHour) - FloorDiv(a, kMicrosPerHour);
    case DatePart::kMinute:
      return FloorDiv(b, kMicrosPerMinute) - FloorDiv(a, kMicrosPerMinute);
    case DatePart::kSecond:
      return FloorDiv(b, Timestamp::kMicrosPerSecond) - FloorDiv(a, Timestamp::kMicrosPerSecond);
    case DatePart::kMillisecond:
      return FloorDiv(b, 1000) - FloorDiv(a, 1000);
    case DatePart::kMicrosecond:
      return b - a;
  }
  return 0;
}

// The date part argument of DATEADD/DATEDIFF: parsed once when constant.
class DatePartColumn {
 public:
  explicit DatePartColumn(Vector& parts)
      : parts_(parts), constant_(parts.IsConstant() && !parts.IsNull(0)) {
    if (constant_)
      fixed_ = ParseDatePart(parts.Data<string_t>()[0].View());
  }
  DatePart Get(idx_t row) const {
    return constant_ ? fixed_ : ParseDatePart(parts_.Data<string_t>()[row].View());
  }

 private:
  Vector& parts_;
  bool constant_;
  DatePart fixed_ = DatePart::kDay;
};

void DateAddKernel(DataChunk& args, ExpressionState&, Vector& result) {
  DatePartColumn parts(args.column(0));
  auto& amounts = args.column(1);
  auto& source = args.column(2);
  auto out = result.Data<int64_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    DatePart part = parts.Get(rows[0]);
    int64_t n = amounts.type().id() == Id::kBigInt ? amounts.Data<int64_t>()[rows[1]]
                                                   : amounts.Data<int32_t>()[rows[1]];
    out[i] = DateAdd(part, n, ReadMicros(source, rows[2]));
  });
}

void DateDiffKernel(DataChunk& args, ExpressionState&, Vector& result) {
  DatePartColumn parts(args.column(0));
  auto& a = args.column(1);
  auto& b = args.column(2);
  auto out = result.Data<int64_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    DatePart part = parts.Get(rows[0]);
    out[i] = DateDiff(part, ReadMicros(a, rows[1]), ReadMicros(b, rows[2]));
  });
}

// Redshift ADD_MONTHS: like DATEADD(month, ...), except that the last day of
// a month maps to the last day of the result month.
void AddMonthsKernel(DataChunk& args, ExpressionState&, Vector& result) {
  auto& source = args.column(0);
  auto& amounts = args.column(1);
  auto out = result.Data<int64_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    int64_t micros = ReadMicros(source, rows[0]);
    int64_t n = amounts.type().id() == Id::kBigInt ? amounts.Data<int64_t>()[rows[1]]
                                                   : amounts.Data<int32_t>()[rows[1]];
    Fields f = Split(micros);
    int64_t moved = AddMonthsToMicros(micros, n);
    if (f.day == Date::DaysInMonth(f.year, f.month)) {
      Fields m = Split(moved);
      moved =
          Timestamp::FromDate(Date::FromYmd(m.year, m.month, Date::DaysInMonth(m.year, m.month))) +
          m.time;
    }
    out[i] = moved;
  });
}

void LastDay(DataChunk& args, ExpressionState&, Vector& result) {
  auto& source = args.column(0);
  auto out = result.Data<int32_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    Fields f = Split(ReadMicros(source, rows[0]));
    out[i] = Date::FromYmd(f.year, f.month, Date::DaysInMonth(f.year, f.month));
  });
}

// PostgreSQL's age(a, b): a - b in years, months and days. A borrowed month
// has the length of the month of `a` when a < b, of `b` otherwise, as in
// PostgreSQL.
interval_t Age(int64_t a, int64_t b) {
  Fields fa = Split(a), fb = Split(b);
  bool negative = a < b;
  int64_t sign = negative ? -1 : 1;
  int64_t time = sign * (fa.time - fb.time);
  int64_t day = sign * (fa.day - fb.day);
  int64_t month = sign * (fa.month - fb.month);
  int64_t year = sign * (static_cast<int64_t>(fa.year) - fb.year);
  if (time < 0) {
    time += Timestamp::kMicrosPerDay;
    day--;
  }
  while (day < 0) {
    const Fields& f = negative ? fa : fb;
    day += Date::DaysInMonth(f.year, f.month);
    month--;
  }
  while (month < 0) {
    month += 12;
    year--;
  }
  interval_t result;
  result.months = static_cast<int32_t>(sign * (year * 12 + month));
  result.days = static_cast<int32_t>(sign * day);
  result.micros = sign * time;
  return result;
}

void AgeKernel(DataChunk& args, ExpressionState&, Vector& result) {
  auto out = result.Data<interval_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    out[i] = Age(ReadMicros(args.column(0), rows[0]), ReadMicros(args.column(1), rows[1]));
  });
}

// age(t) = age(midnight of today, t).
void AgeFromToday(DataChunk& args, ExpressionState&, Vector& result) {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  int64_t today = Timestamp::FromDate(Timestamp::ToDate(
      unix_micros - static_cast<int64_t>(Date::kEpochOffsetFromUnix) * Timestamp::kMicrosPerDay));
  auto out = result.Data<interval_t>();
  NaryExecute(args, result, [&](idx_t i, const idx_t* rows) {
    out[i] = Age(today, ReadMicros(args.column(0), rows[0]));
  });
}

}  // namespace

void RegisterDateArithmeticFunctions(FunctionRegistry& r) {
  for (Id source : {Id::kTimestamp, Id::kDate}) {
    for (Id amount : {Id::kInteger, Id::kBigInt}) {
      r.AddScalar({"dateadd", {kText, amount, source}, Id::kTimestamp, DateAddKernel});
      r.AddScalar({"add_months", {source, amount}, Id::kTimestamp, AddMonthsKernel});
    }
    r.AddScalar({"last_day", {source}, Id::kDate, LastDay});
  }
  r.AddScalar(
      {"dateadd", {kText, Id::kInteger, Id::kTimestampTz}, Id::kTimestampTz, DateAddKernel});
  for (Id a : {Id::kTimestamp, Id::kDate, Id::kTimestampTz}) {
    for (Id b : {Id::kTimestamp, Id::kDate, Id::kTimestampTz})
      r.AddScalar({"datediff", {kText, a, b}, Id::kBigInt, DateDiffKernel});
  }
  r.AddScalar({"age", {Id::kTimestamp, Id::kTimestamp}, Id::kInterval, AgeKernel});
  r.AddScalar({"age", {Id::kTimestampTz, Id::kTimestampTz}, Id::kInterval, AgeKernel});
  for (Id id : {Id::kTimestamp, Id::kTimestampTz}) {
    ScalarFunction f{"age", {id}, Id::kInterval, AgeFromToday};
    f.is_volatile = true;
    r.AddScalar(f);
  }
}

}  // namespace tributary
