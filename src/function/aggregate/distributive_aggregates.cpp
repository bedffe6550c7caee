// count(*), count, sum, min, max with PostgreSQL's result types:
// count -> BIGINT; sum(smallint|integer) -> BIGINT; sum(bigint) and
// sum(decimal(p,s)) -> DECIMAL(38,s); sum(real|double) -> same type;
// min/max -> the argument type.
#include <cstring>

#include "common/exception.h"
#include "execution/vector_comparison.h"
#include "function/aggregate/aggregate_kernel.h"
#include "function/function_registry.h"
#include "planner/expression.h"
#include "types/decimal.h"
#include "vector/string_heap.h"

namespace tributary {

namespace {

using Id = LogicalTypeId;

struct CountOp {
  using State = int64_t;
  static void Initialize(State& s) { s = 0; }
  template <class T>
  static void Update(State& s, const T&, AggregateInputData&) {
    s++;
  }
  static void Combine(const State& src, State& dst, AggregateInputData&) { dst += src; }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData&) {
    result.Data<int64_t>()[row] = s;
  }
};

void CountStarUpdate(Vector[], idx_t, AggregateInputData&, Vector& states, idx_t count) {
  auto targets = states.Data<data_ptr_t>();
  for (idx_t i = 0; i < count; i++)
    (*reinterpret_cast<int64_t*>(targets[i]))++;
}

void CountStarSimpleUpdate(Vector[], idx_t, AggregateInputData&, data_ptr_t state, idx_t count) {
  *reinterpret_cast<int64_t*>(state) += count;
}

// Sums into int64 (for smallint/integer inputs).
struct IntegerSumOp {
  struct State {
    int64_t value;
    bool has;
  };
  static void Initialize(State& s) { s = {0, false}; }
  template <class T>
  static void Update(State& s, const T& v, AggregateInputData&) {
    s.value += v;
    s.has = true;
  }
  static void Combine(const State& src, State& dst, AggregateInputData&) {
    dst.value += src.value;
    dst.has = dst.has || src.has;
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData&) {
    if (!s.has) {
      result.SetNull(row);
    } else {
      result.Data<int64_t>()[row] = s.value;
    }
  }
};

[[noreturn]] void SumOverflow() {
  throw Exception(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
}

// Sums into int128 with a 38-digit limit (bigint and decimal inputs).
struct HugeSumOp {
  struct State {
    hugeint_t value;
    bool has;
  };
  static void Initialize(State& s) {
    s.value = 0;
    s.has = false;
  }
  template <class T>
  static void Update(State& s, const T& v, AggregateInputData&) {
    s.value += static_cast<hugeint_t>(v);
    s.has = true;
  }
  // 128-bit additions do not vectorize; two 64-bit sums do. The high halves
  // (< 2^31 in magnitude) and the low halves (< 2^32) of fewer than 2^32
  // values cannot overflow 64 bits.
  template <class T>
  requires std::is_same_v<T, int64_t>
  static void UpdateFlat(State& s, const T* data, idx_t count) {
    int64_t high = 0;
    uint64_t low = 0;
    for (idx_t i = 0; i < count; i++) {
      high += data[i] >> 32;
      low += static_cast<uint32_t>(data[i]);
    }
    s.value += static_cast<hugeint_t>(high) * (hugeint_t(1) << 32) + static_cast<hugeint_t>(low);
    s.has = s.has || count > 0;
  }
  static void Combine(const State& src, State& dst, AggregateInputData&) {
    dst.value += src.value;
    dst.has = dst.has || src.has;
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData&) {
    if (!s.has) {
      result.SetNull(row);
      return;
    }
    hugeint_t limit = Decimal::PowerOfTen(38);
    if (s.value >= limit || s.value <= -limit)
      SumOverflow();
    result.Data<hugeint_t>()[row] = s.value;
  }
};

template <class R>
struct FloatSumOp {
  struct State {
    double value;
    bool has;
  };
  static void Initialize(State& s) { s = {0, false}; }
  template <class T>
  static void Update(State& s, const T& v, AggregateInputData&) {
    s.value += v;
    s.has = true;
  }
  static void Combine(const State& src, State& dst, AggregateInputData&) {
    dst.value += src.value;
    dst.has = dst.has || src.has;
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData&) {
    if (!s.has) {
      result.SetNull(row);
    } else {
      result.Data<R>()[row] = static_cast<R>(s.value);
    }
  }
};

// min/max. String values are copied into the aggregate's arena.
template <class T, bool kMax>
struct ExtremumOp {
  struct State {
    T value;
    bool has;
  };
  static void Initialize(State& s) {
    s.value = T();
    s.has = false;
  }
  static void Assign(State& s, const T& v, AggregateInputData& aux) {
    if constexpr (std::is_same_v<T, string_t>) {
      s.value = aux.arena->Add(v);
    } else {
      s.value = v;
    }
    s.has = true;
  }
  template <class X>
  static void Update(State& s, const X& v, AggregateInputData& aux) {
    if (!s.has) {
      Assign(s, v, aux);
      return;
    }
    int cmp = CompareValues<T>(v, s.value);
    if (kMax ? cmp > 0 : cmp < 0)
      Assign(s, v, aux);
  }
  static void Combine(const State& src, State& dst, AggregateInputData& aux) {
    if (src.has)
      Update(dst, src.value, aux);
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData&) {
    if (!s.has) {
      result.SetNull(row);
    } else if constexpr (std::is_same_v<T, string_t>) {
      result.Data<string_t>()[row] = result.AddString(s.value.View());
    } else {
      result.Data<T>()[row] = s.value;
    }
  }
};

std::unique_ptr<FunctionData> BindDecimalSum(AggregateFunction& bound,
                                             std::vector<ExpressionPtr>& args) {
  bound.return_type = LogicalType::Decimal(38, args[0]->return_type.scale());
  return nullptr;
}

std::unique_ptr<FunctionData> BindSameType(AggregateFunction& bound,
                                           std::vector<ExpressionPtr>& args) {
  bound.return_type = args[0]->return_type;
  return nullptr;
}

template <bool kMax>
void AddExtremum(FunctionRegistry& r, const char* name) {
  r.AddAggregate(AggregateKernel<ExtremumOp<bool, kMax>>::template Make<bool>(name, Id::kBoolean,
                                                                              Id::kBoolean));
  r.AddAggregate(AggregateKernel<ExtremumOp<int16_t, kMax>>::template Make<int16_t>(
      name, Id::kSmallInt, Id::kSmallInt));
  r.AddAggregate(AggregateKernel<ExtremumOp<int32_t, kMax>>::template Make<int32_t>(
      name, Id::kInteger, Id::kInteger));
  r.AddAggregate(AggregateKernel<ExtremumOp<int64_t, kMax>>::template Make<int64_t>(
      name, Id::kBigInt, Id::kBigInt));
  r.AddAggregate(
      AggregateKernel<ExtremumOp<float, kMax>>::template Make<float>(name, Id::kReal, Id::kReal));
  r.AddAggregate(AggregateKernel<ExtremumOp<double, kMax>>::template Make<double>(name, Id::kDouble,
                                                                                  Id::kDouble));
  r.AddAggregate(AggregateKernel<ExtremumOp<int32_t, kMax>>::template Make<int32_t>(name, Id::kDate,
                                                                                    Id::kDate));
  r.AddAggregate(AggregateKernel<ExtremumOp<int64_t, kMax>>::template Make<int64_t>(
      name, Id::kTimestamp, Id::kTimestamp));
  r.AddAggregate(AggregateKernel<ExtremumOp<int64_t, kMax>>::template Make<int64_t>(
      name, Id::kTimestampTz, Id::kTimestampTz));
  r.AddAggregate(AggregateKernel<ExtremumOp<interval_t, kMax>>::template Make<interval_t>(
      name, Id::kInterval, Id::kInterval));
  r.AddAggregate(AggregateKernel<ExtremumOp<string_t, kMax>>::template Make<string_t>(
      name, LogicalType::Varchar(), LogicalType::Varchar(), BindSameType));
  // Decimals: one overload per storage width, chosen by the bind callback.
  auto decimal64 = AggregateKernel<ExtremumOp<int64_t, kMax>>::template Make<int64_t>(
      name, LogicalType(Id::kDecimal), LogicalType(Id::kDecimal), nullptr);
  auto decimal128 = AggregateKernel<ExtremumOp<hugeint_t, kMax>>::template Make<hugeint_t>(
      name, LogicalType(Id::kDecimal), LogicalType(Id::kDecimal), nullptr);
  decimal64.bind = [](AggregateFunction& bound,
                      std::vector<ExpressionPtr>& args) -> std::unique_ptr<FunctionData> {
    auto& type = args[0]->return_type;
    if (type.physical() != PhysicalType::kInt64) {
      bound = AggregateKernel<ExtremumOp<hugeint_t, kMax>>::template Make<hugeint_t>(
          bound.name, LogicalType(Id::kDecimal), type, nullptr);
    }
    bound.return_type = type;
    return nullptr;
  };
  (void)decimal128;
  r.AddAggregate(decimal64);
}

}  // namespace

void RegisterDistributiveAggregates(FunctionRegistry& r) {
  AggregateFunction count_star;
  count_star.name = "count_star";
  count_star.return_type = Id::kBigInt;
  count_star.fixed_state_size = sizeof(int64_t);
  count_star.initialize = AggregateKernel<CountOp>::Initialize;
  count_star.update = CountStarUpdate;
  count_star.simple_update = CountStarSimpleUpdate;
  count_star.combine = AggregateKernel<CountOp>::Combine;
  count_star.finalize = AggregateKernel<CountOp>::Finalize;
  r.AddAggregate(count_star);

  // count(x) for every type: only NULL-ness matters, so one physical
  // overload per storage width.
  for (Id id : {Id::kBoolean, Id::kSmallInt, Id::kInteger, Id::kBigInt, Id::kReal, Id::kDouble,
                Id::kDate, Id::kTimestamp, Id::kTimestampTz, Id::kInterval}) {
    LogicalType type(id);
    DispatchPhysical(type.physical(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      r.AddAggregate(AggregateKernel<CountOp>::Make<T>("count", type, Id::kBigInt));
    });
  }
  r.AddAggregate(
      AggregateKernel<CountOp>::Make<string_t>("count", LogicalType::Varchar(), Id::kBigInt));
  auto count_decimal =
      AggregateKernel<CountOp>::Make<int64_t>("count", LogicalType(Id::kDecimal), Id::kBigInt);
  count_decimal.bind = [](AggregateFunction& bound,
                          std::vector<ExpressionPtr>& args) -> std::unique_ptr<FunctionData> {
    if (args[0]->return_type.physical() != PhysicalType::kInt64) {
      bound = AggregateKernel<CountOp>::Make<hugeint_t>("count", LogicalType(Id::kDecimal),
                                                        Id::kBigInt);
    }
    return nullptr;
  };
  r.AddAggregate(count_decimal);

  r.AddAggregate(AggregateKernel<IntegerSumOp>::Make<int16_t>("sum", Id::kSmallInt, Id::kBigInt));
  r.AddAggregate(AggregateKernel<IntegerSumOp>::Make<int32_t>("sum", Id::kInteger, Id::kBigInt));
  r.AddAggregate(
      AggregateKernel<HugeSumOp>::Make<int64_t>("sum", Id::kBigInt, LogicalType::Decimal(38, 0)));
  auto sum_decimal = AggregateKernel<HugeSumOp>::Make<int64_t>("sum", LogicalType(Id::kDecimal),
                                                               LogicalType(Id::kDecimal));
  sum_decimal.bind = [](AggregateFunction& bound,
                        std::vector<ExpressionPtr>& args) -> std::unique_ptr<FunctionData> {
    auto& type = args[0]->return_type;
    if (type.physical() != PhysicalType::kInt64) {
      bound = AggregateKernel<HugeSumOp>::Make<hugeint_t>("sum", LogicalType(Id::kDecimal), type);
    }
    bound.return_type = LogicalType::Decimal(38, type.scale());
    return nullptr;
  };
  r.AddAggregate(sum_decimal);
  r.AddAggregate(AggregateKernel<FloatSumOp<float>>::Make<float>("sum", Id::kReal, Id::kReal));
  r.AddAggregate(
      AggregateKernel<FloatSumOp<double>>::Make<double>("sum", Id::kDouble, Id::kDouble));

  AddExtremum<false>(r, "min");
  AddExtremum<true>(r, "max");
  (void)BindDecimalSum;
}

}  // namespace tributary
