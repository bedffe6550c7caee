// avg. Result types: avg(smallint|integer|bigint) -> DECIMAL(38,6);
// avg(decimal(p,s)) -> DECIMAL(38, max(s, 6)); avg(real|double) -> DOUBLE.
// (PostgreSQL returns numeric with a value-dependent scale of about 16
// digits; a fixed scale keeps the column type stable. Rounding is half away
// from zero.)
#include <algorithm>

#include "common/exception.h"
#include "function/aggregate/aggregate_kernel.h"
#include "function/function_registry.h"
#include "planner/expression.h"
#include "types/decimal.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;

struct AvgBindData : public FunctionData {
  int input_scale = 0;
  int result_scale = 6;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<AvgBindData>(*this);
  }
};

struct ExactAvgOp {
  struct State {
    hugeint_t sum;
    int64_t count;
  };
  static void Initialize(State& s) {
    s.sum = 0;
    s.count = 0;
  }
  template <class T>
  static void Update(State& s, const T& v, AggregateInputData&) {
    s.sum += static_cast<hugeint_t>(v);
    s.count++;
  }
  static void Combine(const State& src, State& dst, AggregateInputData&) {
    dst.sum += src.sum;
    dst.count += src.count;
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData& aux) {
    if (s.count == 0) {
      result.SetNull(row);
      return;
    }
    int input_scale = 0, result_scale = 6;
    if (aux.bind_data) {
      auto& d = aux.bind_data->Cast<AvgBindData>();
      input_scale = d.input_scale;
      result_scale = d.result_scale;
    }
    hugeint_t scaled = s.sum;
    hugeint_t factor = Decimal::PowerOfTen(result_scale - input_scale);
    if (__builtin_mul_overflow(scaled, factor, &scaled)) {
      throw Exception(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
    }
    result.Data<hugeint_t>()[row] = Decimal::DivideRound(scaled, s.count);
  }
};

struct DoubleAvgOp {
  struct State {
    double sum;
    int64_t count;
  };
  static void Initialize(State& s) { s = {0, 0}; }
  template <class T>
  static void Update(State& s, const T& v, AggregateInputData&) {
    s.sum += v;
    s.count++;
  }
  static void Combine(const State& src, State& dst, AggregateInputData&) {
    dst.sum += src.sum;
    dst.count += src.count;
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData&) {
    if (s.count == 0) {
      result.SetNull(row);
    } else {
      result.Data<double>()[row] = s.sum / static_cast<double>(s.count);
    }
  }
};

std::unique_ptr<FunctionData> BindIntegerAvg(AggregateFunction& bound,
                                             std::vector<ExpressionPtr>&) {
  auto data = std::make_unique<AvgBindData>();
  bound.return_type = LogicalType::Decimal(38, data->result_scale);
  return data;
}

std::unique_ptr<FunctionData> BindDecimalAvg(AggregateFunction& bound,
                                             std::vector<ExpressionPtr>& args) {
  auto& type = args[0]->return_type;
  if (type.physical() != PhysicalType::kInt64) {
    bound = AggregateKernel<ExactAvgOp>::Make<hugeint_t>("avg", LogicalType(Id::kDecimal), type);
  }
  auto data = std::make_unique<AvgBindData>();
  data->input_scale = type.scale();
  data->result_scale = std::max(type.scale(), 6);
  bound.return_type = LogicalType::Decimal(38, data->result_scale);
  return data;
}

}  // namespace

void RegisterAlgebraicAggregates(FunctionRegistry& r) {
  auto decimal_result = LogicalType::Decimal(38, 6);
  r.AddAggregate(AggregateKernel<ExactAvgOp>::Make<int16_t>("avg", Id::kSmallInt, decimal_result,
                                                            BindIntegerAvg));
  r.AddAggregate(AggregateKernel<ExactAvgOp>::Make<int32_t>("avg", Id::kInteger, decimal_result,
                                                            BindIntegerAvg));
  r.AddAggregate(AggregateKernel<ExactAvgOp>::Make<int64_t>("avg", Id::kBigInt, decimal_result,
                                                            BindIntegerAvg));
  r.AddAggregate(AggregateKernel<ExactAvgOp>::Make<int64_t>(
      "avg", LogicalType(Id::kDecimal), LogicalType(Id::kDecimal), BindDecimalAvg));
  r.AddAggregate(AggregateKernel<DoubleAvgOp>::Make<float>("avg", Id::kReal, Id::kDouble));
  r.AddAggregate(AggregateKernel<DoubleAvgOp>::Make<double>("avg", Id::kDouble, Id::kDouble));
}

}  // namespace tributary
