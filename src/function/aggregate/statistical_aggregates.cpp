// stddev, stddev_samp, stddev_pop, variance, var_samp, var_pop over DOUBLE
// (every numeric argument is cast to DOUBLE; PostgreSQL returns NUMERIC for
// exact inputs, Redshift truncates to BIGINT for integers: a DOUBLE keeps
// the digits and one result type; Redshift documents DOUBLE PRECISION for
// every input). PostgreSQL's float8 algorithm, whose partial states combine
// in the parallel hash aggregate. The sample forms are NULL for fewer than
// two rows.
#include <cmath>

#include "common/exception.h"
#include "function/aggregate/aggregate_kernel.h"
#include "function/function_registry.h"

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

template <Moment kMoment>
void AddMoment(FunctionRegistry& r, const char* name) {
  r.AddAggregate(
      AggregateKernel<VarianceOp<kMoment>>::template Make<double>(name, Id::kDouble, Id::kDouble));
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
