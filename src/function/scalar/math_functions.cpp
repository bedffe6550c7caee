// abs, round, trunc, ceil, floor, sign, sqrt, power, exp, ln, log, pi,
// random, greatest, least.
#include <cmath>
#include <random>

#include "binder/expression_binder.h"
#include "common/exception.h"
#include "execution/vector_comparison.h"
#include "function/function_registry.h"
#include "function/scalar/decimal_math_functions.h"
#include "function/scalar/scalar_kernel.h"
#include "planner/expression/bound_constant_expression.h"
#include "types/decimal.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;
const LogicalType kAnyDecimal(Id::kDecimal);

template <class T>
void Abs(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, T>(args.column(0), result, args.size(), [](T v) {
    if constexpr (std::is_integral_v<T>) {
      if (v == std::numeric_limits<T>::min()) {
        throw Exception(sqlstate::kNumericValueOutOfRange, sizeof(T) == 2 ? "smallint out of range"
                                                           : sizeof(T) == 4
                                                               ? "integer out of range"
                                                               : "bigint out of range");
      }
    }
    return v < 0 ? static_cast<T>(-v) : v;
  });
}

void DecimalAbs(DataChunk& args, ExpressionState& state, Vector& result) {
  if (result.type().physical() == PhysicalType::kInt64) {
    Abs<int64_t>(args, state, result);
  } else {
    UnaryExecute<hugeint_t, hugeint_t>(args.column(0), result, args.size(),
                                       [](hugeint_t v) { return v < 0 ? -v : v; });
  }
}

std::unique_ptr<FunctionData> BindSame(ScalarFunction& bound, std::vector<ExpressionPtr>& args) {
  bound.return_type = args[0]->return_type;
  return nullptr;
}

// Decimal rounding to a target scale: the result type keeps the argument's
// integer digits (+1 for carries) at the new scale. As in PostgreSQL, a
// constant scale above the argument's pads with zeros (round(1.5, 3) is
// 1.500) and a negative one rounds to tens, hundreds, ... at scale 0
// (round(12.5, -1) is 10).
struct RoundBindData : public FunctionData {
  int source_scale = 0;
  int target_scale = 0;
  int round_scale = 0;  // the digit rounded at; negative left of the point
  bool constant_scale = true;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<RoundBindData>(*this);
  }
};

enum class RoundMode { kRound, kTrunc, kCeil, kFloor };

template <RoundMode kMode>
std::unique_ptr<FunctionData> BindDecimalRound(ScalarFunction& bound,
                                               std::vector<ExpressionPtr>& args) {
  auto data = std::make_unique<RoundBindData>();
  const auto& t = args[0]->return_type;
  data->source_scale = t.scale();
  data->target_scale = 0;
  if (args.size() > 1) {
    if (args[1]->expression_class == ExpressionClass::kConstant &&
        !args[1]->Cast<BoundConstantExpression>().value.IsNull()) {
      int64_t s = args[1]->Cast<BoundConstantExpression>().value.GetInt64();
      int max_scale = std::max(t.scale(), 38 - (t.width() - t.scale() + 1));
      data->round_scale = static_cast<int>(std::max<int64_t>(-38, std::min<int64_t>(s, max_scale)));
      data->target_scale = std::max(0, data->round_scale);
    } else {
      data->constant_scale = false;
      data->target_scale = t.scale();
    }
  }
  int int_digits = t.width() - t.scale() + 1;
  int precision = std::min(38, std::max(1, int_digits + data->target_scale));
  bound.return_type = LogicalType::Decimal(precision, data->target_scale);
  return data;
}

template <RoundMode kMode>
hugeint_t RoundUnscaled(hugeint_t v, int from, int to) {
  if (to >= from)
    return v * Decimal::PowerOfTen(to - from);
  hugeint_t divisor = Decimal::PowerOfTen(from - to);
  hugeint_t q = v / divisor, r = v % divisor;
  switch (kMode) {
    case RoundMode::kRound:
      return Decimal::DivideRound(v, divisor);
    case RoundMode::kTrunc:
      return q;
    case RoundMode::kCeil:
      return r > 0 ? q + 1 : q;
    case RoundMode::kFloor:
      return r < 0 ? q - 1 : q;
  }
  return q;
}

template <RoundMode kMode>
void DecimalRound(DataChunk& args, ExpressionState& state, Vector& result) {
  auto& d = state.BindData()->Cast<RoundBindData>();
  auto& in = args.column(0);
  bool in64 = in.type().physical() == PhysicalType::kInt64;
  bool out64 = result.type().physical() == PhysicalType::kInt64;
  bool constant = true;
  for (idx_t c = 0; c < args.ColumnCount(); c++)
    constant = constant && args.column(c).IsConstant();
  idx_t n = constant ? 1 : args.size();
  for (idx_t i = 0; i < n; i++) {
    idx_t ii = in.IsConstant() ? 0 : i;
    if (in.IsNull(ii) ||
        (args.ColumnCount() > 1 && args.column(1).IsNull(args.column(1).IsConstant() ? 0 : i))) {
      result.SetNull(i);
      continue;
    }
    hugeint_t v = in64 ? in.Data<int64_t>()[ii] : in.Data<hugeint_t>()[ii];
    hugeint_t r;
    int round_scale = d.round_scale;
    if (!d.constant_scale) {
      // A per-row scale, keeping the declared result scale.
      auto& s = args.column(1);
      round_scale = s.Data<int32_t>()[s.IsConstant() ? 0 : i];
      round_scale = std::max(-38, std::min(round_scale, d.source_scale));
    }
    if (d.source_scale - round_scale > 38) {
      r = 0;  // |v| < 10^38: nothing is left at that digit
    } else {
      r = RoundUnscaled<kMode>(v, d.source_scale, round_scale);
      if (round_scale < d.target_scale)
        r *= Decimal::PowerOfTen(d.target_scale - round_scale);
    }
    Decimal::CheckPrecision(r, result.type().width(), result.type().scale());
    if (out64) {
      result.Data<int64_t>()[i] = static_cast<int64_t>(r);
    } else {
      result.Data<hugeint_t>()[i] = r;
    }
  }
  if (constant)
    result.MarkConstant();
}

template <double (*kFn)(double)>
void DoubleUnary(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<double, double>(args.column(0), result, args.size(),
                               [](double v) { return kFn(v); });
}

double RoundHalfEven(double v) {
  return std::nearbyint(v);
}
double Sign(double v) {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}
double Cbrt(double v) {
  return std::cbrt(v);
}

double Sqrt(double v) {
  if (v < 0)
    throw Exception("2201F", "cannot take square root of a negative number");
  return std::sqrt(v);
}
double Ln(double v) {
  if (v == 0)
    throw Exception("2201E", "cannot take logarithm of zero");
  if (v < 0)
    throw Exception("2201E", "cannot take logarithm of a negative number");
  return std::log(v);
}
double Log10(double v) {
  if (v == 0)
    throw Exception("2201E", "cannot take logarithm of zero");
  if (v < 0)
    throw Exception("2201E", "cannot take logarithm of a negative number");
  return std::log10(v);
}
double Exp(double v) {
  double r = std::exp(v);
  if (std::isinf(r) && !std::isinf(v)) {
    throw Exception(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  return r;
}

// Integers go to the double precision versions (PostgreSQL's preferred
// type), not the DECIMAL ones an integer would cast to more cheaply.
template <double (*kFn)(double)>
void IntegerUnary(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<int64_t, double>(args.column(0), result, args.size(),
                                [](int64_t v) { return kFn(static_cast<double>(v)); });
}

double PowerOf(double a, double b);

void IntegerPower(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int64_t, int64_t, double>(
      args.column(0), args.column(1), result, args.size(),
      [](int64_t a, int64_t b) { return PowerOf(static_cast<double>(a), static_cast<double>(b)); });
}

void Power(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<double, double, double>(args.column(0), args.column(1), result, args.size(),
                                        PowerOf);
}

double PowerOf(double a, double b) {
  if (a == 0 && b < 0)
    throw Exception("2201F", "zero raised to a negative power is undefined");
  if (a < 0 && std::floor(b) != b) {
    throw Exception("2201F",
                    "a negative number raised to a non-integer power yields a complex result");
  }
  return std::pow(a, b);
}

// log(b, x): the logarithm of x to base b (PostgreSQL's numeric form; here
// in double precision like the other logarithms). The quotient of the
// logarithms is taken in long double so that exact powers (log(10, 1000))
// come out exact.
void LogBase(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<double, double, double>(
      args.column(0), args.column(1), result, args.size(), [](double base, double x) {
        Ln(base);  // PostgreSQL's errors for zero and negative arguments
        Ln(x);
        long double denominator = std::log(static_cast<long double>(base));
        if (denominator == 0)
          throw Exception(sqlstate::kDivisionByZero, "division by zero");
        return static_cast<double>(std::log(static_cast<long double>(x)) / denominator);
      });
}

void Pi(DataChunk&, ExpressionState&, Vector& result) {
  result.Data<double>()[0] = M_PI;
  result.MarkConstant();
}

void Random(DataChunk& args, ExpressionState&, Vector& result) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_real_distribution<double> distribution(0.0, 1.0);
  idx_t n = args.size() ? args.size() : 1;
  for (idx_t i = 0; i < n; i++)
    result.Data<double>()[i] = distribution(generator);
}

// greatest/least: NULLs are ignored; NULL only if every argument is NULL.
template <bool kGreatest>
void Extremum(DataChunk& args, ExpressionState&, Vector& result) {
  bool constant = true;
  for (idx_t c = 0; c < args.ColumnCount(); c++)
    constant = constant && args.column(c).IsConstant();
  idx_t n = constant ? 1 : args.size();
  DispatchPhysical(result.type().physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto out = result.Data<T>();
    for (idx_t i = 0; i < n; i++) {
      bool found = false;
      T best{};
      for (idx_t c = 0; c < args.ColumnCount(); c++) {
        auto& v = args.column(c);
        idx_t row = v.IsConstant() ? 0 : i;
        if (v.IsNull(row))
          continue;
        T x = v.Data<T>()[row];
        int cmp = found ? CompareValues<T>(x, best) : 0;
        if (!found || (kGreatest ? cmp > 0 : cmp < 0)) {
          best = x;
          found = true;
        }
      }
      if (found) {
        out[i] = best;
      } else {
        result.SetNull(i);
      }
    }
  });
  if (result.type().physical() == PhysicalType::kString) {
    for (idx_t c = 0; c < args.ColumnCount(); c++)
      result.heap().KeepAlive(args.column(c).heap_ptr());
  }
  if (constant)
    result.MarkConstant();
}

std::unique_ptr<FunctionData> BindExtremum(ScalarFunction& bound,
                                           std::vector<ExpressionPtr>& args) {
  std::vector<const Expression*> raw;
  for (auto& a : args)
    raw.push_back(a.get());
  LogicalType type =
      ExpressionBinder::CommonType(raw, bound.name == "greatest" ? "GREATEST" : "LEAST");
  if (type.id() == Id::kNull)
    type = LogicalType::Varchar();
  for (auto& a : args)
    a = ExpressionBinder::Coerce(std::move(a), type);
  bound.return_type = type;
  return nullptr;
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& r) {
  RegisterDecimalMathFunctions(r);
  r.AddScalar({"abs", {Id::kSmallInt}, Id::kSmallInt, Abs<int16_t>});
  r.AddScalar({"abs", {Id::kInteger}, Id::kInteger, Abs<int32_t>});
  r.AddScalar({"abs", {Id::kBigInt}, Id::kBigInt, Abs<int64_t>});
  r.AddScalar({"abs", {kAnyDecimal}, kAnyDecimal, DecimalAbs, BindSame});
  r.AddScalar({"abs", {Id::kReal}, Id::kReal, Abs<float>});
  r.AddScalar({"abs", {Id::kDouble}, Id::kDouble, Abs<double>});

  r.AddScalar({"round",
               {kAnyDecimal},
               kAnyDecimal,
               DecimalRound<RoundMode::kRound>,
               BindDecimalRound<RoundMode::kRound>});
  r.AddScalar({"round",
               {kAnyDecimal, Id::kInteger},
               kAnyDecimal,
               DecimalRound<RoundMode::kRound>,
               BindDecimalRound<RoundMode::kRound>});
  r.AddScalar({"trunc",
               {kAnyDecimal},
               kAnyDecimal,
               DecimalRound<RoundMode::kTrunc>,
               BindDecimalRound<RoundMode::kTrunc>});
  r.AddScalar({"trunc",
               {kAnyDecimal, Id::kInteger},
               kAnyDecimal,
               DecimalRound<RoundMode::kTrunc>,
               BindDecimalRound<RoundMode::kTrunc>});
  for (const char* name : {"ceil", "ceiling"}) {
    r.AddScalar({name,
                 {kAnyDecimal},
                 kAnyDecimal,
                 DecimalRound<RoundMode::kCeil>,
                 BindDecimalRound<RoundMode::kCeil>});
    r.AddScalar({name, {Id::kDouble}, Id::kDouble, DoubleUnary<std::ceil>});
  }
  r.AddScalar({"floor",
               {kAnyDecimal},
               kAnyDecimal,
               DecimalRound<RoundMode::kFloor>,
               BindDecimalRound<RoundMode::kFloor>});
  r.AddScalar({"floor", {Id::kDouble}, Id::kDouble, DoubleUnary<std::floor>});
  r.AddScalar({"round", {Id::kDouble}, Id::kDouble, DoubleUnary<RoundHalfEven>});
  r.AddScalar({"trunc", {Id::kDouble}, Id::kDouble, DoubleUnary<std::trunc>});
  r.AddScalar({"sign", {Id::kDouble}, Id::kDouble, DoubleUnary<Sign>});
  r.AddScalar({"sqrt", {Id::kDouble}, Id::kDouble, DoubleUnary<Sqrt>});
  r.AddScalar({"sqrt", {Id::kBigInt}, Id::kDouble, IntegerUnary<Sqrt>});
  r.AddScalar({"exp", {Id::kBigInt}, Id::kDouble, IntegerUnary<Exp>});
  r.AddScalar({"ln", {Id::kBigInt}, Id::kDouble, IntegerUnary<Ln>});
  r.AddScalar({"log", {Id::kBigInt}, Id::kDouble, IntegerUnary<Log10>});
  r.AddScalar({"power", {Id::kBigInt, Id::kBigInt}, Id::kDouble, IntegerPower});
  r.AddScalar({"pow", {Id::kBigInt, Id::kBigInt}, Id::kDouble, IntegerPower});
  r.AddScalar({"cbrt", {Id::kDouble}, Id::kDouble, DoubleUnary<Cbrt>});
  r.AddScalar({"exp", {Id::kDouble}, Id::kDouble, DoubleUnary<Exp>});
  r.AddScalar({"ln", {Id::kDouble}, Id::kDouble, DoubleUnary<Ln>});
  r.AddScalar({"log", {Id::kDouble}, Id::kDouble, DoubleUnary<Log10>});
  r.AddScalar({"log", {Id::kDouble, Id::kDouble}, Id::kDouble, LogBase});
  r.AddScalar({"power", {Id::kDouble, Id::kDouble}, Id::kDouble, Power});
  r.AddScalar({"pow", {Id::kDouble, Id::kDouble}, Id::kDouble, Power});
  r.AddScalar({"pi", {}, Id::kDouble, Pi});
  ScalarFunction random{"random", {}, Id::kDouble, Random};
  random.is_volatile = true;
  r.AddScalar(random);
  for (const char* name : {"greatest", "least"}) {
    ScalarFunction f{name,
                     {},
                     Id::kInvalid,
                     std::string(name) == "greatest" ? Extremum<true> : Extremum<false>,
                     BindExtremum};
    f.null_handling = FunctionNullHandling::kSpecial;
    // Any argument types: matched as text here, unified in BindExtremum.
    f.varargs = LogicalType::Varchar();
    r.AddScalar(f);
  }
}

}  // namespace tributary
