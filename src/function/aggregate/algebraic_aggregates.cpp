// avg. Result types follow PostgreSQL's numeric quotient (at least 16
// significant digits; Decimal::QuotientType): avg(smallint|integer|bigint)
// -> DECIMAL(5|10|19 + 16, 16), avg(decimal(p,s)) -> DECIMAL(p - s + S, S)
// with S = max(s, 16) (an average never has more integer digits than its
// inputs); avg(real|double) -> DOUBLE. The sum is exact (128 bits) and is
// divided once, rounding half away from zero as PostgreSQL does. The
// PostgreSQL deparser pushes avg as the same exact sum / count at our scale.
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
  int result_scale = Decimal::kMinQuotientScale;
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
    AvgBindData defaults;
    auto& d = aux.bind_data ? aux.bind_data->Cast<AvgBindData>() : defaults;
    result.Data<hugeint_t>()[row] =
        Decimal::DivideScaled(s.sum, d.result_scale - d.input_scale, s.count);
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

// The result type for inputs with `int_digits` integer digits at `scale`.
LogicalType AvgType(int int_digits, int scale, AvgBindData& data) {
  int precision = 0;
  data.input_scale = scale;
  Decimal::QuotientType(int_digits, scale, precision, data.result_scale);
  return LogicalType::Decimal(precision, data.result_scale);
}

std::unique_ptr<FunctionData> BindIntegerAvg(AggregateFunction& bound,
                                             std::vector<ExpressionPtr>& args) {
  auto data = std::make_unique<AvgBindData>();
  int digits = args[0]->return_type.id() == Id::kSmallInt  ? 5
               : args[0]->return_type.id() == Id::kInteger ? 10
                                                           : 19;
  bound.return_type = AvgType(digits, 0, *data);
  return data;
}

std::unique_ptr<FunctionData> BindDecimalAvg(AggregateFunction& bound,
                                             std::vector<ExpressionPtr>& args) {
  auto& type = args[0]->return_type;
  if (type.physical() != PhysicalType::kInt64) {
    bound = AggregateKernel<ExactAvgOp>::Make<hugeint_t>("avg", LogicalType(Id::kDecimal), type);
  }
  auto data = std::make_unique<AvgBindData>();
  bound.return_type = AvgType(type.width() - type.scale(), type.scale(), *data);
  return data;
}

}  // namespace

void RegisterAlgebraicAggregates(FunctionRegistry& r) {
  // Placeholder result types: the bind functions set the real ones.
  auto decimal_result = LogicalType::Decimal(38, Decimal::kMinQuotientScale);
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
