// sqrt, exp, ln, log (base 10 and log(b, x)) and power over DECIMAL, which
// return DECIMAL like PostgreSQL's numeric versions. PostgreSQL picks a
// result scale from the value (at least 16 significant digits); a column
// needs one type, so the result has Decimal::QuotientType's scale: at
// least 16 and at least the arguments' scales (see Decimal::QuotientType).
// The values are computed in fixed point with GMP integers carrying
// kWorkScale fractional digits (far more than the 38 a DECIMAL holds) and
// rounded half away from zero at the result scale, so they equal the
// exact value rounded there. Integer powers are computed exactly.
#include <gmp.h>

#include <cmath>

#include "common/exception.h"
#include "function/function_registry.h"
#include "function/scalar/decimal_math_functions.h"
#include "function/scalar/scalar_kernel.h"
#include "types/decimal.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;
const LogicalType kAnyDecimal(Id::kDecimal);

constexpr int kWorkScale = 80;

// An mpz_t that frees itself.
class Big {
 public:
  Big() { mpz_init(v_); }
  explicit Big(long n) { mpz_init_set_si(v_, n); }
  Big(const Big& other) { mpz_init_set(v_, other.v_); }
  Big& operator=(const Big& other) {
    mpz_set(v_, other.v_);
    return *this;
  }
  ~Big() { mpz_clear(v_); }
  mpz_ptr get() { return v_; }
  mpz_srcptr get() const { return v_; }

  static Big FromHuge(hugeint_t value) {
    Big result;
    bool negative = value < 0;
    uhugeint_t rest = negative ? -static_cast<uhugeint_t>(value) : static_cast<uhugeint_t>(value);
    mpz_set_ui(result.v_, static_cast<unsigned long>(rest >> 64));
    mpz_mul_2exp(result.v_, result.v_, 64);
    mpz_add_ui(result.v_, result.v_, static_cast<unsigned long>(rest & ~uint64_t(0)));
    if (negative)
      mpz_neg(result.v_, result.v_);
    return result;
  }
  static Big PowerOfTen(int n) {
    Big result;
    mpz_ui_pow_ui(result.v_, 10, static_cast<unsigned long>(n));
    return result;
  }

 private:
  mpz_t v_;
};

// round(n / d) half away from zero, d != 0.
Big DivideRound(const Big& n, const Big& d) {
  Big q, r, twice;
  mpz_tdiv_qr(q.get(), r.get(), n.get(), d.get());
  mpz_mul_2exp(twice.get(), r.get(), 1);
  mpz_abs(twice.get(), twice.get());
  Big ad;
  mpz_abs(ad.get(), d.get());
  if (mpz_cmp(twice.get(), ad.get()) >= 0) {
    bool negative = (mpz_sgn(n.get()) < 0) != (mpz_sgn(d.get()) < 0);
    if (negative) {
      mpz_sub_ui(q.get(), q.get(), 1);
    } else {
      mpz_add_ui(q.get(), q.get(), 1);
    }
  }
  return q;
}

// Fixed-point numbers: integers scaled by 10^kWorkScale.
const Big& One() {
  static const Big one = Big::PowerOfTen(kWorkScale);
  return one;
}

Big ToFixed(hugeint_t unscaled, int scale) {
  Big result = Big::FromHuge(unscaled);
  mpz_mul(result.get(), result.get(), Big::PowerOfTen(kWorkScale - scale).get());
  return result;
}

Big Mul(const Big& a, const Big& b) {
  Big result;
  mpz_mul(result.get(), a.get(), b.get());
  mpz_tdiv_q(result.get(), result.get(), One().get());
  return result;
}

Big Div(const Big& a, const Big& b) {
  Big result;
  mpz_mul(result.get(), a.get(), One().get());
  mpz_tdiv_q(result.get(), result.get(), b.get());
  return result;
}

Big FixedSqrt(const Big& a) {
  Big result;
  mpz_mul(result.get(), a.get(), One().get());
  mpz_sqrt(result.get(), result.get());
  return result;
}

// ln(x) for x > 0: square roots bring x near 1, then
// ln(x) = 2 atanh((x - 1) / (x + 1)).
Big FixedLn(Big x) {
  Big high, low;
  mpz_mul_ui(high.get(), One().get(), 11);
  mpz_tdiv_q_ui(high.get(), high.get(), 10);
  mpz_mul_ui(low.get(), One().get(), 9);
  mpz_tdiv_q_ui(low.get(), low.get(), 10);
  unsigned long halvings = 0;
  while (mpz_cmp(x.get(), high.get()) > 0 || mpz_cmp(x.get(), low.get()) < 0) {
    x = FixedSqrt(x);
    halvings++;
  }
  Big num, den;
  mpz_sub(num.get(), x.get(), One().get());
  mpz_add(den.get(), x.get(), One().get());
  Big z = Div(num, den);
  Big z2 = Mul(z, z);
  Big sum = z, term = z;
  for (unsigned long n = 3;; n += 2) {
    term = Mul(term, z2);
    Big t;
    mpz_tdiv_q_ui(t.get(), term.get(), n);
    if (mpz_sgn(t.get()) == 0)
      break;
    mpz_add(sum.get(), sum.get(), t.get());
  }
  mpz_mul_2exp(sum.get(), sum.get(), halvings + 1);
  return sum;
}

// exp(x) for |x| <= 100: halvings bring x near 0, then the Taylor series,
// then as many squarings.
Big FixedExp(const Big& x) {
  Big r = x, bound;
  mpz_tdiv_q_ui(bound.get(), One().get(), 100);
  unsigned long halvings = 0;
  Big magnitude;
  mpz_abs(magnitude.get(), r.get());
  while (mpz_cmp(magnitude.get(), bound.get()) > 0) {
    mpz_tdiv_q_2exp(r.get(), r.get(), 1);
    mpz_tdiv_q_2exp(magnitude.get(), magnitude.get(), 1);
    halvings++;
  }
  Big sum = One(), term = One();
  for (unsigned long n = 1;; n++) {
    term = Mul(term, r);
    mpz_tdiv_q_ui(term.get(), term.get(), n);
    if (mpz_sgn(term.get()) == 0)
      break;
    mpz_add(sum.get(), sum.get(), term.get());
  }
  for (unsigned long i = 0; i < halvings; i++)
    sum = Mul(sum, sum);
  return sum;
}

// The DECIMAL of `result`'s type nearest to n / d (a fraction of
// integers); 22003 when it does not fit.
hugeint_t ToResult(const Big& n, const Big& d, const LogicalType& type) {
  Big scaled;
  mpz_mul(scaled.get(), n.get(), Big::PowerOfTen(type.scale()).get());
  Big q = DivideRound(scaled, d);
  Big limit = Big::PowerOfTen(type.width()), magnitude;
  mpz_abs(magnitude.get(), q.get());
  if (mpz_cmp(magnitude.get(), limit.get()) >= 0) {
    throw Exception(sqlstate::kNumericValueOutOfRange,
                    "value out of range: the result does not fit in NUMERIC(" +
                        std::to_string(type.width()) + "," + std::to_string(type.scale()) + ")");
  }
  // |q| < 10^38 < 2^127: two 64-bit halves.
  Big high, low;
  mpz_tdiv_q_2exp(high.get(), magnitude.get(), 64);
  mpz_tdiv_r_2exp(low.get(), magnitude.get(), 64);
  uhugeint_t u = (static_cast<uhugeint_t>(mpz_get_ui(high.get())) << 64) |
                 static_cast<uhugeint_t>(mpz_get_ui(low.get()));
  hugeint_t value = static_cast<hugeint_t>(u);
  return mpz_sgn(q.get()) < 0 ? -value : value;
}

hugeint_t FixedToResult(const Big& fixed, const LogicalType& type) {
  return ToResult(fixed, One(), type);
}

hugeint_t Read(const Vector& v, idx_t row) {
  return v.type().physical() == PhysicalType::kInt64 ? v.Data<int64_t>()[row]
                                                     : v.Data<hugeint_t>()[row];
}

void Write(Vector& v, idx_t row, hugeint_t value) {
  if (v.type().physical() == PhysicalType::kInt64) {
    v.Data<int64_t>()[row] = static_cast<int64_t>(value);
  } else {
    v.Data<hugeint_t>()[row] = value;
  }
}

// Runs `fn(values, scales)` per row of `args` (NULL in, NULL out).
template <class Fn>
void Execute(DataChunk& args, Vector& result, Fn&& fn) {
  bool constant = true;
  for (idx_t c = 0; c < args.ColumnCount(); c++)
    constant = constant && args.column(c).IsConstant();
  idx_t n = constant ? 1 : args.size();
  for (idx_t i = 0; i < n; i++) {
    hugeint_t values[2] = {0, 0};
    int scales[2] = {0, 0};
    bool null = false;
    for (idx_t c = 0; c < args.ColumnCount(); c++) {
      auto& v = args.column(c);
      idx_t row = v.IsConstant() ? 0 : i;
      if (v.IsNull(row)) {
        null = true;
        break;
      }
      values[c] = Read(v, row);
      scales[c] = v.type().scale();
    }
    if (null) {
      result.SetNull(i);
      continue;
    }
    Write(result, i, fn(values, scales, result.type()));
  }
  if (constant)
    result.MarkConstant();
}

void CheckLogArgument(hugeint_t v) {
  if (v == 0)
    throw Exception("2201E", "cannot take logarithm of zero");
  if (v < 0)
    throw Exception("2201E", "cannot take logarithm of a negative number");
}

void DecimalSqrt(DataChunk& args, ExpressionState&, Vector& result) {
  Execute(args, result, [](hugeint_t* v, int* s, const LogicalType& type) {
    if (v[0] < 0)
      throw Exception("2201F", "cannot take square root of a negative number");
    // sqrt(v / 10^s) at the result scale S: isqrt(v * 10^(2S + 2 - s)),
    // one extra digit, then rounded.
    int extra = 2 * type.scale() + 2 - s[0];
    Big x = Big::FromHuge(v[0]);
    mpz_mul(x.get(), x.get(), Big::PowerOfTen(extra).get());
    mpz_sqrt(x.get(), x.get());
    Big q = DivideRound(x, Big(10));
    return ToResult(q, Big::PowerOfTen(type.scale()), type);
  });
}

void DecimalExp(DataChunk& args, ExpressionState&, Vector& result) {
  Execute(args, result, [](hugeint_t* v, int* s, const LogicalType& type) {
    Big x = ToFixed(v[0], s[0]);
    Big limit;
    mpz_mul_ui(limit.get(), One().get(), 100);
    if (mpz_cmp(x.get(), limit.get()) > 0)
      throw Exception(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
    mpz_neg(limit.get(), limit.get());
    if (mpz_cmp(x.get(), limit.get()) < 0)
      return hugeint_t(0);  // below 10^-43
    return FixedToResult(FixedExp(x), type);
  });
}

void DecimalLn(DataChunk& args, ExpressionState&, Vector& result) {
  Execute(args, result, [](hugeint_t* v, int* s, const LogicalType& type) {
    CheckLogArgument(v[0]);
    return FixedToResult(FixedLn(ToFixed(v[0], s[0])), type);
  });
}

const Big& Ln10() {
  static const Big ln10 = FixedLn(ToFixed(10, 0));
  return ln10;
}

void DecimalLog10(DataChunk& args, ExpressionState&, Vector& result) {
  Execute(args, result, [](hugeint_t* v, int* s, const LogicalType& type) {
    CheckLogArgument(v[0]);
    return ToResult(FixedLn(ToFixed(v[0], s[0])), Ln10(), type);
  });
}

// log(b, x) = ln(x) / ln(b).
void DecimalLogBase(DataChunk& args, ExpressionState&, Vector& result) {
  Execute(args, result, [](hugeint_t* v, int* s, const LogicalType& type) {
    CheckLogArgument(v[0]);
    CheckLogArgument(v[1]);
    Big base = FixedLn(ToFixed(v[0], s[0]));
    if (mpz_sgn(base.get()) == 0)
      throw Exception(sqlstate::kDivisionByZero, "division by zero");
    return ToResult(FixedLn(ToFixed(v[1], s[1])), base, type);
  });
}

void DecimalPower(DataChunk& args, ExpressionState&, Vector& result) {
  Execute(args, result, [](hugeint_t* v, int* s, const LogicalType& type) {
    hugeint_t a = v[0], b = v[1];
    if (a == 0) {
      if (b < 0)
        throw Exception("2201F", "zero raised to a negative power is undefined");
      return b == 0 ? Decimal::PowerOfTen(type.scale()) : hugeint_t(0);
    }
    hugeint_t unit = Decimal::PowerOfTen(s[1]);
    bool integral = b % unit == 0;
    if (!integral && a < 0) {
      throw Exception("2201F",
                      "a negative number raised to a non-integer power yields a complex result");
    }
    // The magnitude of the result (as a power of ten) decides overflow and
    // underflow before any exact work.
    double magnitude =
        std::log10(std::fabs(Decimal::ToDouble(a, s[0]))) * Decimal::ToDouble(b, s[1]);
    if (magnitude > 40)
      throw Exception(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
    if (magnitude < -45)
      return hugeint_t(0);
    if (integral) {
      // Exactly: a^n = (v / 10^s)^n as a fraction of integers.
      hugeint_t n = b / unit;
      unsigned long e = static_cast<unsigned long>(n < 0 ? -n : n);
      Big power, scale;
      mpz_pow_ui(power.get(), Big::FromHuge(a).get(), e);
      mpz_ui_pow_ui(scale.get(), 10, static_cast<unsigned long>(s[0]) * e);
      return n >= 0 ? ToResult(power, scale, type) : ToResult(scale, power, type);
    }
    Big exponent = Mul(ToFixed(b, s[1]), FixedLn(ToFixed(a, s[0])));
    return FixedToResult(FixedExp(exponent), type);
  });
}

// Result types: room for `int_digits` integer digits at a scale of at
// least 16 and the arguments' scales.
template <int kIntDigits>
std::unique_ptr<FunctionData> BindResult(ScalarFunction& bound, std::vector<ExpressionPtr>& args) {
  int min_scale = 0;
  for (auto& a : args)
    min_scale = std::max(min_scale, static_cast<int>(a->return_type.scale()));
  int precision = 0, scale = 0;
  Decimal::QuotientType(kIntDigits, min_scale, precision, scale);
  bound.return_type = LogicalType::Decimal(precision, scale);
  return nullptr;
}

std::unique_ptr<FunctionData> BindSqrt(ScalarFunction& bound, std::vector<ExpressionPtr>& args) {
  auto& t = args[0]->return_type;
  int int_digits = (t.width() - t.scale() + 1) / 2 + 1;
  int precision = 0, scale = 0;
  Decimal::QuotientType(int_digits, t.scale(), precision, scale);
  bound.return_type = LogicalType::Decimal(precision, scale);
  return nullptr;
}

}  // namespace

void RegisterDecimalMathFunctions(FunctionRegistry& r) {
  r.AddScalar({"sqrt", {kAnyDecimal}, kAnyDecimal, DecimalSqrt, BindSqrt});
  // |ln x| < 100 for any DECIMAL x; exp and power up to 10^22.
  r.AddScalar({"exp", {kAnyDecimal}, kAnyDecimal, DecimalExp, BindResult<22>});
  r.AddScalar({"ln", {kAnyDecimal}, kAnyDecimal, DecimalLn, BindResult<3>});
  r.AddScalar({"log", {kAnyDecimal}, kAnyDecimal, DecimalLog10, BindResult<3>});
  r.AddScalar({"log", {kAnyDecimal, kAnyDecimal}, kAnyDecimal, DecimalLogBase, BindResult<22>});
  for (const char* name : {"power", "pow"})
    r.AddScalar({name, {kAnyDecimal, kAnyDecimal}, kAnyDecimal, DecimalPower, BindResult<22>});
}

}  // namespace tributary
