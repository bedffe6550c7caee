// stddev, stddev_samp, stddev_pop, variance, var_samp, var_pop.
//
// Over REAL and DOUBLE PRECISION: DOUBLE, by PostgreSQL's float8 algorithm,
// whose partial states combine in the parallel hash aggregate.
//
// Over SMALLINT, INTEGER, BIGINT and DECIMAL: DECIMAL, as PostgreSQL's
// numeric, computed exactly as PostgreSQL does (numeric_stddev_internal):
// the count, the sum and the sum of squares are kept exactly (128 and 256
// bits), the variance is (N sum(x^2) - sum(x)^2) / (N (N - 1)) (N^2 for the
// population forms) rounded once, half away from zero, and the standard
// deviation is the square root of that rounded variance rounded the same
// way (GMP does the wide arithmetic). The scale is PostgreSQL's minimum of
// 16 digits, at least twice the input's (Decimal::QuotientType), so the
// digits agree with PostgreSQL's wherever its value-dependent scale is 16
// (variances from 1 to about 10^4) and to 1e-16 relative elsewhere. A
// variance of 10^22 or more (BIGINT or wide DECIMAL inputs) raises 22003.
//
// The sample forms are NULL for fewer than two rows; a variance whose
// numerator is zero is 0.
#include <gmp.h>

#include <cmath>

#include "common/exception.h"
#include "function/aggregate/aggregate_kernel.h"
#include "function/function_registry.h"
#include "planner/expression.h"
#include "types/decimal.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;

enum class Moment { kVarianceSample, kVariancePopulation, kStddevSample, kStddevPopulation };

template <Moment kMoment>
struct VarianceOp {
  // PostgreSQL's float8_accum / float8_combine (Youngs-Cramer): N, the sum
  // and the sum of squared differences from the mean, updated in the same
  // order of operations, so float results equal PostgreSQL's to the last bit.
  struct State {
    double n;
    double sx;
    double sxx;
  };
  static void Initialize(State& s) { s = {0, 0, 0}; }
  template <class T>
  static void Update(State& s, const T& value, AggregateInputData&) {
    double x = static_cast<double>(value);
    double previous = s.n, previous_sx = s.sx;
    s.n += 1.0;
    s.sx += x;
    if (previous > 0.0) {
      double tmp = x * s.n - s.sx;
      s.sxx += tmp * tmp / (s.n * previous);
      // Finite inputs overflowing are an error; infinite inputs give NaN.
      if (std::isinf(s.sx) || std::isinf(s.sxx)) {
        if (!std::isinf(previous_sx) && !std::isinf(x))
          throw Exception(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
        s.sxx = std::nan("");
      }
    } else if (std::isnan(x) || std::isinf(x)) {
      s.sxx = std::nan("");
    }
  }
  static void Combine(const State& source, State& target, AggregateInputData&) {
    if (source.n == 0.0)
      return;
    if (target.n == 0.0) {
      target = source;
      return;
    }
    double n = target.n + source.n;
    double tmp = target.sx / target.n - source.sx / source.n;
    target.sxx = target.sxx + source.sxx + target.n * source.n * tmp * tmp / n;
    target.sx += source.sx;
    target.n = n;
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData&) {
    bool sample = kMoment == Moment::kVarianceSample || kMoment == Moment::kStddevSample;
    if (s.n == 0.0 || (sample && s.n <= 1.0)) {
      result.SetNull(row);
      return;
    }
    double variance = s.sxx / (sample ? s.n - 1.0 : s.n);
    bool root = kMoment == Moment::kStddevSample || kMoment == Moment::kStddevPopulation;
    result.Data<double>()[row] = root ? std::sqrt(variance) : variance;
  }
};

bool IsSample(Moment m) {
  return m == Moment::kVarianceSample || m == Moment::kStddevSample;
}
bool IsRoot(Moment m) {
  return m == Moment::kStddevSample || m == Moment::kStddevPopulation;
}

[[noreturn]] void NumericOverflow() {
  throw Exception(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
}

struct ExactMomentBindData : public FunctionData {
  int input_scale = 0;
  int result_scale = Decimal::kMinQuotientScale;
  int result_precision = 38;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<ExactMomentBindData>(*this);
  }
};

// An mpz_t that frees itself.
class BigInteger {
 public:
  BigInteger() { mpz_init(value_); }
  ~BigInteger() { mpz_clear(value_); }
  BigInteger(const BigInteger&) = delete;
  BigInteger& operator=(const BigInteger&) = delete;
  mpz_ptr get() { return value_; }

  // Sets the value to hi * 2^128 + lo (unsigned) or to a signed 128-bit value.
  void SetUnsigned(uhugeint_t hi, uhugeint_t lo) {
    mpz_set_ui(value_, 0);
    for (uhugeint_t part : {hi, lo}) {
      for (int shift = 96; shift >= 0; shift -= 32) {
        mpz_mul_2exp(value_, value_, 32);
        mpz_add_ui(value_, value_, static_cast<uint32_t>(part >> shift));
      }
    }
  }
  void SetSigned(hugeint_t v) {
    uhugeint_t magnitude = v < 0 ? -static_cast<uhugeint_t>(v) : static_cast<uhugeint_t>(v);
    SetUnsigned(0, magnitude);
    if (v < 0)
      mpz_neg(value_, value_);
  }
  void SetPowerOfTen(int n) { mpz_ui_pow_ui(value_, 10, static_cast<unsigned long>(n)); }
  // The value, which the caller has checked to fit in 127 bits.
  hugeint_t ToHuge() {
    bool negative = mpz_sgn(value_) < 0;
    uhugeint_t result = 0;
    BigInteger rest;
    mpz_abs(rest.get(), value_);
    for (int shift = 0; shift < 128; shift += 32) {
      result |= static_cast<uhugeint_t>(mpz_fdiv_ui(rest.get(), 1UL << 32)) << shift;
      mpz_fdiv_q_2exp(rest.get(), rest.get(), 32);
    }
    return negative ? -static_cast<hugeint_t>(result) : static_cast<hugeint_t>(result);
  }

 private:
  mpz_t value_;
};

// numerator / denominator for both >= 0, rounded half away from zero.
void DivideRound(mpz_ptr q, mpz_ptr numerator, mpz_ptr denominator) {
  BigInteger r, twice;
  mpz_fdiv_qr(q, r.get(), numerator, denominator);
  mpz_mul_2exp(twice.get(), r.get(), 1);
  if (mpz_cmp(twice.get(), denominator) >= 0)
    mpz_add_ui(q, q, 1);
}

template <Moment kMoment>
struct ExactMomentOp {
  // Sum of squares: 256 bits, unsigned (high and low halves).
  struct State {
    int64_t n;
    hugeint_t sx;
    uhugeint_t sxx_hi;
    uhugeint_t sxx_lo;
  };
  static void Initialize(State& s) { s = {0, 0, 0, 0}; }
  static void AddSquare(State& s, uhugeint_t hi, uhugeint_t lo) {
    uhugeint_t sum = s.sxx_lo + lo;
    uhugeint_t carry = sum < lo ? 1 : 0;
    s.sxx_lo = sum;
    if (__builtin_add_overflow(s.sxx_hi, hi, &s.sxx_hi) ||
        __builtin_add_overflow(s.sxx_hi, carry, &s.sxx_hi)) {
      NumericOverflow();
    }
  }
  template <class T>
  static void Update(State& s, const T& value, AggregateInputData&) {
    auto x = static_cast<hugeint_t>(value);
    s.n++;
    if (__builtin_add_overflow(s.sx, x, &s.sx))
      NumericOverflow();
    uhugeint_t magnitude = x < 0 ? -static_cast<uhugeint_t>(x) : static_cast<uhugeint_t>(x);
    if (magnitude >> 64 == 0) {
      AddSquare(s, 0, magnitude * magnitude);
      return;
    }
    // A 128 x 128-bit square from 64-bit halves.
    uhugeint_t a = magnitude >> 64, b = static_cast<uint64_t>(magnitude);
    uhugeint_t middle = a * b;  // < 2^127: a < 2^63 since |x| <= 2^127
    uhugeint_t lo = b * b, hi = a * a;
    uhugeint_t mid_lo = middle << 65, mid_hi = middle >> 63;
    uhugeint_t sum = lo + mid_lo;
    hi += mid_hi + (sum < lo ? 1 : 0);
    AddSquare(s, hi, sum);
  }
  static void Combine(const State& source, State& target, AggregateInputData&) {
    target.n += source.n;
    if (__builtin_add_overflow(target.sx, source.sx, &target.sx))
      NumericOverflow();
    AddSquare(target, source.sxx_hi, source.sxx_lo);
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData& aux) {
    if (s.n == 0 || (IsSample(kMoment) && s.n <= 1)) {
      result.SetNull(row);
      return;
    }
    ExactMomentBindData defaults;
    auto& d = aux.bind_data ? aux.bind_data->Cast<ExactMomentBindData>() : defaults;
    BigInteger n, numerator, square, denominator, scale, q;
    mpz_set_si(n.get(), s.n);
    numerator.SetUnsigned(s.sxx_hi, s.sxx_lo);
    mpz_mul(numerator.get(), numerator.get(), n.get());
    square.SetSigned(s.sx);
    mpz_mul(square.get(), square.get(), square.get());
    mpz_sub(numerator.get(), numerator.get(), square.get());
    hugeint_t answer = 0;
    if (mpz_sgn(numerator.get()) > 0) {
      // variance = numerator / (denominator * 10^(2 s_in)), at scale S.
      mpz_set_si(denominator.get(), IsSample(kMoment) ? s.n - 1 : s.n);
      mpz_mul(denominator.get(), denominator.get(), n.get());
      int shift = d.result_scale - 2 * d.input_scale;
      scale.SetPowerOfTen(shift >= 0 ? shift : -shift);
      mpz_mul(shift >= 0 ? numerator.get() : denominator.get(),
              shift >= 0 ? numerator.get() : denominator.get(), scale.get());
      DivideRound(q.get(), numerator.get(), denominator.get());
      if (IsRoot(kMoment)) {
        // sqrt(q / 10^S) * 10^S = sqrt(q * 10^S), rounded: up when the
        // remainder exceeds the root, as (r + 1/2)^2 = r^2 + r + 1/4.
        BigInteger root, remainder;
        scale.SetPowerOfTen(d.result_scale);
        mpz_mul(q.get(), q.get(), scale.get());
        mpz_sqrtrem(root.get(), remainder.get(), q.get());
        if (mpz_cmp(remainder.get(), root.get()) > 0)
          mpz_add_ui(root.get(), root.get(), 1);
        mpz_swap(q.get(), root.get());
      }
      BigInteger limit;
      limit.SetPowerOfTen(d.result_precision);
      if (mpz_cmp(q.get(), limit.get()) >= 0)
        NumericOverflow();
      answer = q.ToHuge();
    }
    if (result.type().physical() == PhysicalType::kInt64) {
      result.Data<int64_t>()[row] = static_cast<int64_t>(answer);
    } else {
      result.Data<hugeint_t>()[row] = answer;
    }
  }
};

// The result type of moment m over inputs with `int_digits` integer digits
// at `scale`: a variance needs twice the digits (and one for the sample
// forms' N / (N - 1) <= 2), a standard deviation one more than the input.
template <Moment kMoment>
LogicalType ExactMomentType(int int_digits, int scale, ExactMomentBindData& data) {
  data.input_scale = scale;
  int digits = IsRoot(kMoment) ? int_digits + 1 : 2 * int_digits + 1;
  Decimal::QuotientType(digits, 2 * scale, data.result_precision, data.result_scale);
  return LogicalType::Decimal(data.result_precision, data.result_scale);
}

template <Moment kMoment, int kDigits>
std::unique_ptr<FunctionData> BindIntegerMoment(AggregateFunction& bound,
                                                std::vector<ExpressionPtr>&) {
  auto data = std::make_unique<ExactMomentBindData>();
  bound.return_type = ExactMomentType<kMoment>(kDigits, 0, *data);
  return data;
}

template <Moment kMoment>
std::unique_ptr<FunctionData> BindDecimalMoment(AggregateFunction& bound,
                                                std::vector<ExpressionPtr>& args) {
  auto& type = args[0]->return_type;
  if (type.physical() != PhysicalType::kInt64) {
    bound = AggregateKernel<ExactMomentOp<kMoment>>::template Make<hugeint_t>(
        bound.name, LogicalType(LogicalTypeId::kDecimal), type);
  }
  auto data = std::make_unique<ExactMomentBindData>();
  bound.return_type = ExactMomentType<kMoment>(type.width() - type.scale(), type.scale(), *data);
  return data;
}

template <Moment kMoment>
void AddMoment(FunctionRegistry& r, const char* name) {
  using Float = AggregateKernel<VarianceOp<kMoment>>;
  using Exact = AggregateKernel<ExactMomentOp<kMoment>>;
  // Placeholder result types: the bind functions set the real ones.
  auto decimal = LogicalType::Decimal(38, Decimal::kMinQuotientScale);
  r.AddAggregate(Float::template Make<double>(name, Id::kDouble, Id::kDouble));
  r.AddAggregate(Float::template Make<float>(name, Id::kReal, Id::kDouble));
  r.AddAggregate(
      Exact::template Make<int16_t>(name, Id::kSmallInt, decimal, BindIntegerMoment<kMoment, 5>));
  r.AddAggregate(
      Exact::template Make<int32_t>(name, Id::kInteger, decimal, BindIntegerMoment<kMoment, 10>));
  r.AddAggregate(
      Exact::template Make<int64_t>(name, Id::kBigInt, decimal, BindIntegerMoment<kMoment, 19>));
  r.AddAggregate(Exact::template Make<int64_t>(
      name, LogicalType(Id::kDecimal), LogicalType(Id::kDecimal), BindDecimalMoment<kMoment>));
}

}  // namespace

void RegisterStatisticalAggregates(FunctionRegistry& r) {
  AddMoment<Moment::kStddevSample>(r, "stddev");
  AddMoment<Moment::kStddevSample>(r, "stddev_samp");
  AddMoment<Moment::kStddevPopulation>(r, "stddev_pop");
  AddMoment<Moment::kVarianceSample>(r, "variance");
  AddMoment<Moment::kVarianceSample>(r, "var_samp");
  AddMoment<Moment::kVariancePopulation>(r, "var_pop");
}

}  // namespace tributary
