// EXTRACT, date_part, date_trunc, current_date / now().
#include <chrono>
#include <cmath>

#include "common/exception.h"
#include "function/function_registry.h"
#include "function/scalar/scalar_kernel.h"
#include "planner/expression/bound_constant_expression.h"
#include "types/date.h"
#include "types/decimal.h"
#include "types/timestamp.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;
const LogicalType kText = LogicalType::Varchar();

enum class Field {
  kYear,
  kMonth,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kDow,
  kDoy,
  kQuarter,
  kWeek,
  kEpoch,
  kDecade,
  kCentury,
  kMillennium,
  kMillisecond,
  kMicrosecond,
  kIsoDow
};

Field ParseField(std::string_view raw) {
  std::string s;
  for (char c : raw)
    s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "year" || s == "years" || s == "y" || s == "yr" || s == "yrs")
    return Field::kYear;
  if (s == "month" || s == "months" || s == "mon" || s == "mons")
    return Field::kMonth;
  if (s == "day" || s == "days" || s == "d")
    return Field::kDay;
  if (s == "hour" || s == "hours" || s == "h")
    return Field::kHour;
  if (s == "minute" || s == "minutes" || s == "min" || s == "m")
    return Field::kMinute;
  if (s == "second" || s == "seconds" || s == "sec" || s == "s")
    return Field::kSecond;
  if (s == "dow")
    return Field::kDow;
  if (s == "isodow")
    return Field::kIsoDow;
  if (s == "doy")
    return Field::kDoy;
  if (s == "quarter")
    return Field::kQuarter;
  if (s == "week")
    return Field::kWeek;
  if (s == "epoch")
    return Field::kEpoch;
  if (s == "decade")
    return Field::kDecade;
  if (s == "century")
    return Field::kCentury;
  if (s == "millennium")
    return Field::kMillennium;
  if (s == "millisecond" || s == "milliseconds" || s == "ms")
    return Field::kMillisecond;
  if (s == "microsecond" || s == "microseconds" || s == "us")
    return Field::kMicrosecond;
  throw Exception(sqlstate::kInvalidParameterValue,
                  "unit \"" + std::string(raw) + "\" not recognized");
}

// The field of a timestamp (microseconds) as a double.
double ExtractFromTimestamp(Field f, int64_t micros) {
  int32_t days = Timestamp::ToDate(micros);
  int64_t time = micros - Timestamp::FromDate(days);
  int32_t y, m, d;
  Date::ToYmd(days, y, m, d);
  switch (f) {
    case Field::kYear:
      return y > 0 ? y : y - 1;
    case Field::kMonth:
      return m;
    case Field::kDay:
      return d;
    case Field::kHour:
      return static_cast<double>(time / 3600000000LL);
    case Field::kMinute:
      return static_cast<double>(time / 60000000LL % 60);
    case Field::kSecond:
      return (time % 60000000LL) / 1e6;
    case Field::kMillisecond:
      return (time % 60000000LL) / 1e3;
    case Field::kMicrosecond:
      return static_cast<double>(time % 60000000LL);
    case Field::kDow:
      return Date::DayOfWeek(days);
    case Field::kIsoDow: {
      int dow = Date::DayOfWeek(days);
      return dow == 0 ? 7 : dow;
    }
    case Field::kDoy:
      return Date::DayOfYear(days);
    case Field::kQuarter:
      return (m - 1) / 3 + 1;
    case Field::kWeek: {
      // ISO 8601 week number.
      int wday = Date::DayOfWeek(days);
      int iso = wday == 0 ? 7 : wday;
      int32_t thursday = days - iso + 4;
      int32_t ty, tm, td;
      Date::ToYmd(thursday, ty, tm, td);
      return (thursday - Date::FromYmd(ty, 1, 1)) / 7 + 1;
    }
    case Field::kEpoch:
      return micros / 1e6 + Date::kEpochOffsetFromUnix * 86400.0;
    case Field::kDecade:
      return std::floor(y / 10.0);
    case Field::kCentury:
      return y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100);
    case Field::kMillennium:
      return y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000);
  }
  return 0;
}

struct ExtractBindData : public FunctionData {
  bool constant_field = false;
  Field field = Field::kYear;
  int scale = 0;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<ExtractBindData>(*this);
  }
};

bool FractionalField(Field f) {
  return f == Field::kSecond || f == Field::kEpoch || f == Field::kMillisecond;
}

std::unique_ptr<FunctionData> BindExtract(ScalarFunction& bound, std::vector<ExpressionPtr>& args) {
  auto data = std::make_unique<ExtractBindData>();
  data->scale = 6;
  if (args[0]->expression_class == ExpressionClass::kConstant) {
    auto& v = args[0]->Cast<BoundConstantExpression>().value;
    if (!v.IsNull()) {
      data->constant_field = true;
      data->field = ParseField(v.GetString());
      data->scale = FractionalField(data->field) ? 6 : 0;
    }
  }
  bound.return_type = LogicalType::Decimal(data->scale ? 24 : 18, data->scale);
  return data;
}

// Reads row i of a DATE/TIMESTAMP vector as microseconds.
int64_t ReadMicros(const Vector& v, idx_t row) {
  if (v.type().id() == Id::kDate)
    return Timestamp::FromDate(v.Data<int32_t>()[row]);
  return v.Data<int64_t>()[row];
}

template <bool kDecimal>
void ExtractKernel(DataChunk& args, ExpressionState& state, Vector& result) {
  auto* data = kDecimal ? &state.BindData()->Cast<ExtractBindData>() : nullptr;
  auto& fields = args.column(0);
  auto& source = args.column(1);
  bool constant = fields.IsConstant() && source.IsConstant();
  idx_t n = constant ? 1 : args.size();
  for (idx_t i = 0; i < n; i++) {
    idx_t fi = fields.IsConstant() ? 0 : i, si = source.IsConstant() ? 0 : i;
    if (fields.IsNull(fi) || source.IsNull(si)) {
      result.SetNull(i);
      continue;
    }
    Field f =
        data && data->constant_field ? data->field : ParseField(fields.Data<string_t>()[fi].View());
    double value;
    if (source.type().id() == Id::kInterval) {
      auto iv = source.Data<interval_t>()[si];
      switch (f) {
        case Field::kYear:
          value = iv.months / 12;
          break;
        case Field::kMonth:
          value = iv.months % 12;
          break;
        case Field::kDay:
          value = iv.days;
          break;
        case Field::kHour:
          value = static_cast<double>(iv.micros / 3600000000LL);
          break;
        case Field::kMinute:
          value = static_cast<double>(iv.micros / 60000000LL % 60);
          break;
        case Field::kSecond:
          value = (iv.micros % 60000000LL) / 1e6;
          break;
        case Field::kEpoch:
          value = iv.micros / 1e6 + iv.days * 86400.0 + iv.months * 30.0 * 86400.0;
          break;
        default:
          throw Exception(sqlstate::kFeatureNotSupported,
                          "this unit is not supported for interval");
      }
    } else {
      if (source.type().id() == Id::kDate &&
          (f == Field::kHour || f == Field::kMinute || f == Field::kSecond)) {
        throw Exception(sqlstate::kFeatureNotSupported, "unit is not supported for type date");
      }
      value = ExtractFromTimestamp(f, ReadMicros(source, si));
    }
    if constexpr (kDecimal) {
      hugeint_t scaled = static_cast<hugeint_t>(std::llround(value * std::pow(10.0, data->scale)));
      if (result.type().physical() == PhysicalType::kInt64) {
        result.Data<int64_t>()[i] = static_cast<int64_t>(scaled);
      } else {
        result.Data<hugeint_t>()[i] = scaled;
      }
    } else {
      result.Data<double>()[i] = value;
    }
  }
  if (constant)
    result.MarkConstant();
}

void DateTrunc(DataChunk& args, ExpressionState&, Vector& result) {
  auto& source = args.column(1);
  BinaryExecute<string_t, int64_t, int64_t>(
      args.column(0), source, result, args.size(), [](string_t unit, int64_t micros) -> int64_t {
        Field f = ParseField(unit.View());
        int32_t days = Timestamp::ToDate(micros);
        int64_t time = micros - Timestamp::FromDate(days);
        int32_t y, m, d;
        Date::ToYmd(days, y, m, d);
        switch (f) {
          case Field::kMillennium:
            return Timestamp::FromDate(Date::FromYmd((y - 1) / 1000 * 1000 + 1, 1, 1));
          case Field::kCentury:
            return Timestamp::FromDate(Date::FromYmd((y - 1) / 100 * 100 + 1, 1, 1));
          case Field::kDecade:
            return Timestamp::FromDate(Date::FromYmd(y / 10 * 10, 1, 1));
          case Field::kYear:
            return Timestamp::FromDate(Date::FromYmd(y, 1, 1));
          case Field::kQuarter:
            return Timestamp::FromDate(Date::FromYmd(y, (m - 1) / 3 * 3 + 1, 1));
          case Field::kMonth:
            return Timestamp::FromDate(Date::FromYmd(y, m, 1));
          case Field::kWeek: {
            int wday = Date::DayOfWeek(days);
            return Timestamp::FromDate(days - (wday == 0 ? 6 : wday - 1));
          }
          case Field::kDay:
            return Timestamp::FromDate(days);
          case Field::kHour:
            return Timestamp::FromDate(days) + time / 3600000000LL * 3600000000LL;
          case Field::kMinute:
            return Timestamp::FromDate(days) + time / 60000000LL * 60000000LL;
          case Field::kSecond:
            return Timestamp::FromDate(days) + time / 1000000LL * 1000000LL;
          default:
            throw Exception(sqlstate::kFeatureNotSupported, "unit is not supported by date_trunc");
        }
      });
}

int64_t NowMicros() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  return unix_micros - static_cast<int64_t>(Date::kEpochOffsetFromUnix) * Timestamp::kMicrosPerDay;
}

void CurrentDate(DataChunk&, ExpressionState&, Vector& result) {
  result.Data<int32_t>()[0] = Timestamp::ToDate(NowMicros());
  result.MarkConstant();
}

void Now(DataChunk&, ExpressionState&, Vector& result) {
  result.Data<int64_t>()[0] = NowMicros();
  result.MarkConstant();
}

}  // namespace

void RegisterDateFunctions(FunctionRegistry& r) {
  for (Id id : {Id::kDate, Id::kTimestamp, Id::kTimestampTz, Id::kInterval}) {
    r.AddScalar({"date_part", {kText, id}, Id::kDouble, ExtractKernel<false>});
    r.AddScalar(
        {"extract", {kText, id}, LogicalType::Decimal(18, 0), ExtractKernel<true>, BindExtract});
  }
  r.AddScalar({"date_trunc", {kText, Id::kTimestamp}, Id::kTimestamp, DateTrunc});
  r.AddScalar({"date_trunc", {kText, Id::kTimestampTz}, Id::kTimestampTz, DateTrunc});
  for (const char* name : {"current_date"}) {
    ScalarFunction f{name, {}, Id::kDate, CurrentDate};
    f.is_volatile = true;
    r.AddScalar(f);
  }
  for (const char* name : {"now", "current_timestamp"}) {
    ScalarFunction f{name, {}, Id::kTimestampTz, Now};
    f.is_volatile = true;
    r.AddScalar(f);
  }
  // Redshift's GETDATE() and SYSDATE return TIMESTAMP (UTC).
  for (const char* name : {"getdate", "sysdate"}) {
    ScalarFunction f{name, {}, Id::kTimestamp, Now};
    f.is_volatile = true;
    r.AddScalar(f);
  }
  ScalarFunction local{"localtimestamp", {}, Id::kTimestamp, Now};
  local.is_volatile = true;
  r.AddScalar(local);
}

}  // namespace tributary
