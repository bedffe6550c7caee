// stddev, stddev_samp, stddev_pop, variance, var_samp, var_pop over DOUBLE
// (every numeric argument is cast to DOUBLE; PostgreSQL returns NUMERIC for
// exact inputs, Redshift truncates to BIGINT for integers: a DOUBLE keeps
// the digits and one result type). Welford's update with Chan's merge, so
// partial states combine exactly in the parallel hash aggregate. The sample
// forms are NULL for fewer than two rows.
#include <cmath>

#include "function/aggregate/aggregate_kernel.h"
#include "function/function_registry.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;

enum class Moment { kVarianceSample, kVariancePopulation, kStddevSample, kStddevPopulation };

template <Moment kMoment>
struct VarianceOp {
  struct State {
    int64_t count;
    double mean;
    double m2;  // sum of squared differences from the mean
  };
  static void Initialize(State& s) { s = {0, 0, 0}; }
  template <class T>
  static void Update(State& s, const T& value, AggregateInputData&) {
    double x = static_cast<double>(value);
    s.count++;
    double delta = x - s.mean;
    s.mean += delta / static_cast<double>(s.count);
    s.m2 += delta * (x - s.mean);
  }
  static void Combine(const State& source, State& target, AggregateInputData&) {
    if (source.count == 0)
      return;
    if (target.count == 0) {
      target = source;
      return;
    }
    double n1 = static_cast<double>(target.count), n2 = static_cast<double>(source.count);
    double n = n1 + n2;
    double delta = source.mean - target.mean;
    target.mean += delta * n2 / n;
    target.m2 += source.m2 + delta * delta * n1 * n2 / n;
    target.count += source.count;
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData&) {
    bool sample = kMoment == Moment::kVarianceSample || kMoment == Moment::kStddevSample;
    if (s.count == 0 || (sample && s.count < 2)) {
      result.SetNull(row);
      return;
    }
    double variance = s.m2 / static_cast<double>(sample ? s.count - 1 : s.count);
    if (variance < 0)
      variance = 0;  // rounding
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
