// + - * / % and unary minus for integers, decimals, floats, dates,
// timestamps and intervals, with PostgreSQL's errors (22003 overflow,
// 22012 division by zero) and Redshift's DECIMAL result types, except that
// division and results wider than 38 digits keep PostgreSQL's 16
// significant digits (Decimal::QuotientType, Cap).
#include <cmath>
#include <limits>

#include "common/exception.h"
#include "function/function_registry.h"
#include "function/scalar/scalar_kernel.h"
#include "planner/expression.h"
#include "types/date.h"
#include "types/decimal.h"
#include "types/timestamp.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;

[[noreturn]] void DivisionByZero() {
  throw Exception(sqlstate::kDivisionByZero, "division by zero");
}

template <class T>
[[noreturn]] void IntegerOverflow() {
  const char* name = sizeof(T) == 2 ? "smallint" : sizeof(T) == 4 ? "integer" : "bigint";
  throw Exception(sqlstate::kNumericValueOutOfRange, std::string(name) + " out of range");
}

// ---- integers ---------------------------------------------------------------

template <class T>
struct IntAdd {
  static T Op(T a, T b) {
    T r;
    if (__builtin_add_overflow(a, b, &r))
      IntegerOverflow<T>();
    return r;
  }
};
template <class T>
struct IntSub {
  static T Op(T a, T b) {
    T r;
    if (__builtin_sub_overflow(a, b, &r))
      IntegerOverflow<T>();
    return r;
  }
};
template <class T>
struct IntMul {
  static T Op(T a, T b) {
    T r;
    if (__builtin_mul_overflow(a, b, &r))
      IntegerOverflow<T>();
    return r;
  }
};
template <class T>
struct IntDiv {
  static T Op(T a, T b) {
    if (b == 0)
      DivisionByZero();
    if (b == -1) {
      if (a == std::numeric_limits<T>::min())
        IntegerOverflow<T>();
      return static_cast<T>(-a);
    }
    return static_cast<T>(a / b);
  }
};
template <class T>
struct IntMod {
  static T Op(T a, T b) {
    if (b == 0)
      DivisionByZero();
    if (b == -1)
      return 0;
    return static_cast<T>(a % b);
  }
};

template <class T, class Op>
void IntegerKernel(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(),
                         [](T a, T b) { return Op::Op(a, b); });
}

template <template <class> class Op>
void AddIntegerOverloads(FunctionRegistry& r, const std::string& name) {
  r.AddScalar(
      {name, {Id::kSmallInt, Id::kSmallInt}, Id::kSmallInt, IntegerKernel<int16_t, Op<int16_t>>});
  r.AddScalar(
      {name, {Id::kInteger, Id::kInteger}, Id::kInteger, IntegerKernel<int32_t, Op<int32_t>>});
  r.AddScalar({name, {Id::kBigInt, Id::kBigInt}, Id::kBigInt, IntegerKernel<int64_t, Op<int64_t>>});
}

// ---- floating point ------------------------------------------------------------

template <class T>
T CheckFloat(T r, T a, T b) {
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) {
    throw Exception(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  return r;
}

template <class T>
void FloatAdd(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(),
                         [](T a, T b) { return CheckFloat<T>(a + b, a, b); });
}
template <class T>
void FloatSub(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(),
                         [](T a, T b) { return CheckFloat<T>(a - b, a, b); });
}
template <class T>
void FloatMul(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(),
                         [](T a, T b) { return CheckFloat<T>(a * b, a, b); });
}
template <class T>
void FloatDiv(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(), [](T a, T b) {
    if (b == 0)
      DivisionByZero();
    return CheckFloat<T>(a / b, a, b);
  });
}

// ---- decimals -------------------------------------------------------------------

struct DecimalBindData : public FunctionData {
  int left_scale = 0, right_scale = 0, result_scale = 0, result_precision = 0;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<DecimalBindData>(*this);
  }
};

// Caps precision at 38, keeping integer digits and at least min(scale, 16)
// fractional digits: Redshift's rule, with PostgreSQL's 16 significant
// digits where Redshift keeps 6, so that small values keep PostgreSQL's
// (exact) digits; a result with more integer digits than are left raises
// 22003.
void Cap(int& precision, int& scale) {
  if (precision <= 38)
    return;
  int int_digits = precision - scale;
  scale = std::max(std::min(scale, Decimal::kMinQuotientScale), 38 - int_digits);
  scale = std::max(0, std::min(scale, 38));
  precision = 38;
}

enum class DecimalOp { kAdd, kSub, kMul, kDiv, kMod };

template <DecimalOp kOp>
std::unique_ptr<FunctionData> BindDecimal(ScalarFunction& bound, std::vector<ExpressionPtr>& args) {
  auto data = std::make_unique<DecimalBindData>();
  const auto& a = args[0]->return_type;
  const auto& b = args[1]->return_type;
  int p1 = a.width(), s1 = a.scale(), p2 = b.width(), s2 = b.scale();
  int p = 0, s = 0;
  switch (kOp) {
    case DecimalOp::kAdd:
    case DecimalOp::kSub:
    case DecimalOp::kMod:
      s = std::max(s1, s2);
      p = std::max(p1 - s1, p2 - s2) + 1 + s;
      break;
    case DecimalOp::kMul:
      s = s1 + s2;
      p = p1 + p2;
      break;
    case DecimalOp::kDiv:
      // PostgreSQL's quotient scale, not Redshift's (see QuotientType).
      Decimal::QuotientType(p1 - s1 + s2, std::max(s1, s2), p, s);
      break;
  }
  Cap(p, s);
  data->left_scale = s1;
  data->right_scale = s2;
  data->result_scale = s;
  data->result_precision = p;
  bound.return_type = LogicalType::Decimal(p, s);
  return data;
}

[[noreturn]] void NumericOverflow() {
  throw Exception(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
}

hugeint_t Multiply(hugeint_t a, hugeint_t b) {
  hugeint_t r;
  if (__builtin_mul_overflow(a, b, &r))
    NumericOverflow();
  return r;
}

template <DecimalOp kOp>
hugeint_t DecimalCompute(hugeint_t a, hugeint_t b, const DecimalBindData& d) {
  hugeint_t r = 0;
  switch (kOp) {
    case DecimalOp::kAdd:
    case DecimalOp::kSub:
    case DecimalOp::kMod: {
      hugeint_t x = Multiply(a, Decimal::PowerOfTen(d.result_scale - d.left_scale));
      hugeint_t y = Multiply(b, Decimal::PowerOfTen(d.result_scale - d.right_scale));
      if (kOp == DecimalOp::kAdd) {
        if (__builtin_add_overflow(x, y, &r))
          NumericOverflow();
      } else if (kOp == DecimalOp::kSub) {
        if (__builtin_sub_overflow(x, y, &r))
          NumericOverflow();
      } else {
        if (y == 0)
          DivisionByZero();
        r = x % y;
      }
      break;
    }
    case DecimalOp::kMul: {
      // Through a 256-bit product when a * b alone overflows but the
      // rescaled result fits (two 16-digit-scale quotients multiplied).
      int raw_scale = d.left_scale + d.right_scale;
      r = Decimal::MultiplyRescale(a, b, std::max(0, raw_scale - d.result_scale));
      break;
    }
    case DecimalOp::kDiv: {
      if (b == 0)
        DivisionByZero();
      // a / b at the result scale: a * 10^(rs - s1 + s2) / b, rounded once.
      r = Decimal::DivideScaled(a, d.result_scale - d.left_scale + d.right_scale, b);
      break;
    }
  }
  hugeint_t limit = Decimal::PowerOfTen(d.result_precision);
  if (r >= limit || r <= -limit)
    NumericOverflow();
  return r;
}

template <class A, class B, class R, DecimalOp kOp>
void DecimalTyped(DataChunk& args, ExpressionState& state, Vector& result) {
  auto& d = state.BindData()->Cast<DecimalBindData>();
  BinaryExecute<A, B, R>(args.column(0), args.column(1), result, args.size(), [&](A a, B b) {
    return static_cast<R>(
        DecimalCompute<kOp>(static_cast<hugeint_t>(a), static_cast<hugeint_t>(b), d));
  });
}

template <DecimalOp kOp>
void DecimalKernel(DataChunk& args, ExpressionState& state, Vector& result) {
  bool a64 = args.column(0).type().physical() == PhysicalType::kInt64;
  bool b64 = args.column(1).type().physical() == PhysicalType::kInt64;
  bool r64 = result.type().physical() == PhysicalType::kInt64;
  if (a64 && b64 && r64)
    return DecimalTyped<int64_t, int64_t, int64_t, kOp>(args, state, result);
  if (a64 && b64)
    return DecimalTyped<int64_t, int64_t, hugeint_t, kOp>(args, state, result);
  if (a64 && !b64) {
    return r64 ? DecimalTyped<int64_t, hugeint_t, int64_t, kOp>(args, state, result)
               : DecimalTyped<int64_t, hugeint_t, hugeint_t, kOp>(args, state, result);
  }
  if (!a64 && b64) {
    return r64 ? DecimalTyped<hugeint_t, int64_t, int64_t, kOp>(args, state, result)
               : DecimalTyped<hugeint_t, int64_t, hugeint_t, kOp>(args, state, result);
  }
  return r64 ? DecimalTyped<hugeint_t, hugeint_t, int64_t, kOp>(args, state, result)
             : DecimalTyped<hugeint_t, hugeint_t, hugeint_t, kOp>(args, state, result);
}

// ---- unary minus / plus -----------------------------------------------------------

template <class T>
void IntNegate(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, T>(args.column(0), result, args.size(), [](T a) {
    if (a == std::numeric_limits<T>::min())
      IntegerOverflow<T>();
    return static_cast<T>(-a);
  });
}
template <class T>
void PlainNegate(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, T>(args.column(0), result, args.size(), [](T a) { return -a; });
}
void DecimalNegate(DataChunk& args, ExpressionState&, Vector& result) {
  if (result.type().physical() == PhysicalType::kInt64) {
    UnaryExecute<int64_t, int64_t>(args.column(0), result, args.size(),
                                   [](int64_t a) { return -a; });
  } else {
    UnaryExecute<hugeint_t, hugeint_t>(args.column(0), result, args.size(),
                                       [](hugeint_t a) { return -a; });
  }
}
std::unique_ptr<FunctionData> BindSameAsArgument(ScalarFunction& bound,
                                                 std::vector<ExpressionPtr>& args) {
  bound.return_type = args[0]->return_type;
  return nullptr;
}
void Identity(DataChunk& args, ExpressionState&, Vector& result) {
  result.Reference(args.column(0));
}
void IntervalNegate(DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<interval_t, interval_t>(args.column(0), result, args.size(),
                                       [](interval_t a) { return Interval::Negate(a); });
}

// ---- dates, timestamps, intervals ----------------------------------------------------

void DateAddInt(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int32_t, int32_t, int32_t>(args.column(0), args.column(1), result, args.size(),
                                           [](int32_t d, int32_t n) { return d + n; });
}
void IntAddDate(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int32_t, int32_t, int32_t>(args.column(0), args.column(1), result, args.size(),
                                           [](int32_t n, int32_t d) { return d + n; });
}
void DateSubInt(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int32_t, int32_t, int32_t>(args.column(0), args.column(1), result, args.size(),
                                           [](int32_t d, int32_t n) { return d - n; });
}
void DateSubDate(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int32_t, int32_t, int32_t>(args.column(0), args.column(1), result, args.size(),
                                           [](int32_t a, int32_t b) { return a - b; });
}
void DateAddInterval(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int32_t, interval_t, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](int32_t d, interval_t i) { return Timestamp::Add(Timestamp::FromDate(d), i); });
}
void DateSubInterval(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int32_t, interval_t, int64_t>(
      args.column(0), args.column(1), result, args.size(), [](int32_t d, interval_t i) {
        return Timestamp::Add(Timestamp::FromDate(d), Interval::Negate(i));
      });
}
void TimestampAddInterval(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int64_t, interval_t, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](int64_t t, interval_t i) { return Timestamp::Add(t, i); });
}
void TimestampSubInterval(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int64_t, interval_t, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](int64_t t, interval_t i) { return Timestamp::Add(t, Interval::Negate(i)); });
}
void TimestampSubTimestamp(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int64_t, int64_t, interval_t>(
      args.column(0), args.column(1), result, args.size(), [](int64_t a, int64_t b) {
        int64_t diff = a - b;
        interval_t r;
        r.days = static_cast<int32_t>(diff / Timestamp::kMicrosPerDay);
        r.micros = diff % Timestamp::kMicrosPerDay;
        return r;
      });
}
void IntervalAdd(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<interval_t, interval_t, interval_t>(
      args.column(0), args.column(1), result, args.size(), [](interval_t a, interval_t b) {
        return interval_t{a.months + b.months, a.days + b.days, a.micros + b.micros};
      });
}
void IntervalSub(DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<interval_t, interval_t, interval_t>(
      args.column(0), args.column(1), result, args.size(), [](interval_t a, interval_t b) {
        return interval_t{a.months - b.months, a.days - b.days, a.micros - b.micros};
      });
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& r) {
  AddIntegerOverloads<IntAdd>(r, "+");
  AddIntegerOverloads<IntSub>(r, "-");
  AddIntegerOverloads<IntMul>(r, "*");
  AddIntegerOverloads<IntDiv>(r, "/");
  AddIntegerOverloads<IntMod>(r, "%");
  AddIntegerOverloads<IntMod>(r, "mod");

  LogicalType any_decimal(Id::kDecimal);
  r.AddScalar({"+",
               {any_decimal, any_decimal},
               any_decimal,
               DecimalKernel<DecimalOp::kAdd>,
               BindDecimal<DecimalOp::kAdd>});
  r.AddScalar({"-",
               {any_decimal, any_decimal},
               any_decimal,
               DecimalKernel<DecimalOp::kSub>,
               BindDecimal<DecimalOp::kSub>});
  r.AddScalar({"*",
               {any_decimal, any_decimal},
               any_decimal,
               DecimalKernel<DecimalOp::kMul>,
               BindDecimal<DecimalOp::kMul>});
  r.AddScalar({"/",
               {any_decimal, any_decimal},
               any_decimal,
               DecimalKernel<DecimalOp::kDiv>,
               BindDecimal<DecimalOp::kDiv>});
  r.AddScalar({"%",
               {any_decimal, any_decimal},
               any_decimal,
               DecimalKernel<DecimalOp::kMod>,
               BindDecimal<DecimalOp::kMod>});
  r.AddScalar({"mod",
               {any_decimal, any_decimal},
               any_decimal,
               DecimalKernel<DecimalOp::kMod>,
               BindDecimal<DecimalOp::kMod>});

  struct FloatOps {
    const char* name;
    scalar_function_t f32;
    scalar_function_t f64;
  };
  for (const FloatOps& ops : {FloatOps{"+", FloatAdd<float>, FloatAdd<double>},
                              FloatOps{"-", FloatSub<float>, FloatSub<double>},
                              FloatOps{"*", FloatMul<float>, FloatMul<double>},
                              FloatOps{"/", FloatDiv<float>, FloatDiv<double>}}) {
    r.AddScalar({ops.name, {Id::kReal, Id::kReal}, Id::kReal, ops.f32});
    r.AddScalar({ops.name, {Id::kDouble, Id::kDouble}, Id::kDouble, ops.f64});
  }

  r.AddScalar({"-", {Id::kSmallInt}, Id::kSmallInt, IntNegate<int16_t>});
  r.AddScalar({"-", {Id::kInteger}, Id::kInteger, IntNegate<int32_t>});
  r.AddScalar({"-", {Id::kBigInt}, Id::kBigInt, IntNegate<int64_t>});
  r.AddScalar({"-", {any_decimal}, any_decimal, DecimalNegate, BindSameAsArgument});
  r.AddScalar({"-", {Id::kReal}, Id::kReal, PlainNegate<float>});
  r.AddScalar({"-", {Id::kDouble}, Id::kDouble, PlainNegate<double>});
  r.AddScalar({"-", {Id::kInterval}, Id::kInterval, IntervalNegate});
  for (Id id : {Id::kSmallInt, Id::kInteger, Id::kBigInt, Id::kReal, Id::kDouble}) {
    r.AddScalar({"+", {id}, id, Identity});
  }
  r.AddScalar({"+", {any_decimal}, any_decimal, Identity, BindSameAsArgument});

  r.AddScalar({"+", {Id::kDate, Id::kInteger}, Id::kDate, DateAddInt});
  r.AddScalar({"+", {Id::kInteger, Id::kDate}, Id::kDate, IntAddDate});
  r.AddScalar({"-", {Id::kDate, Id::kInteger}, Id::kDate, DateSubInt});
  r.AddScalar({"-", {Id::kDate, Id::kDate}, Id::kInteger, DateSubDate});
  r.AddScalar({"+", {Id::kDate, Id::kInterval}, Id::kTimestamp, DateAddInterval});
  r.AddScalar({"-", {Id::kDate, Id::kInterval}, Id::kTimestamp, DateSubInterval});
  for (Id ts : {Id::kTimestamp, Id::kTimestampTz}) {
    r.AddScalar({"+", {ts, Id::kInterval}, ts, TimestampAddInterval});
    r.AddScalar({"-", {ts, Id::kInterval}, ts, TimestampSubInterval});
    r.AddScalar({"-", {ts, ts}, Id::kInterval, TimestampSubTimestamp});
  }
  r.AddScalar({"+", {Id::kInterval, Id::kInterval}, Id::kInterval, IntervalAdd});
  r.AddScalar({"-", {Id::kInterval, Id::kInterval}, Id::kInterval, IntervalSub});
}

}  // namespace tributary
