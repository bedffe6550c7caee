// bool_and (alias every) and bool_or: NULL over no non-NULL rows.
#include "function/aggregate/aggregate_kernel.h"
#include "function/function_registry.h"

namespace tributary {

namespace {

template <bool kAnd>
struct BoolOp {
  struct State {
    bool seen;
    bool value;
  };
  static void Initialize(State& s) { s = {false, kAnd}; }
  template <class T>
  static void Update(State& s, const T& v, AggregateInputData&) {
    s.seen = true;
    s.value = kAnd ? (s.value && v) : (s.value || v);
  }
  static void Combine(const State& source, State& target, AggregateInputData&) {
    if (!source.seen)
      return;
    target.value = target.seen
                       ? (kAnd ? (target.value && source.value) : (target.value || source.value))
                       : source.value;
    target.seen = true;
  }
  static void Finalize(const State& s, Vector& result, idx_t row, AggregateInputData&) {
    if (!s.seen)
      result.SetNull(row);
    else
      result.Data<bool>()[row] = s.value;
  }
};

}  // namespace

void RegisterBooleanAggregates(FunctionRegistry& r) {
  using Id = LogicalTypeId;
  for (const char* name : {"bool_and", "every"}) {
    r.AddAggregate(AggregateKernel<BoolOp<true>>::Make<bool>(name, Id::kBoolean, Id::kBoolean));
  }
  r.AddAggregate(AggregateKernel<BoolOp<false>>::Make<bool>("bool_or", Id::kBoolean, Id::kBoolean));
}

}  // namespace tributary
