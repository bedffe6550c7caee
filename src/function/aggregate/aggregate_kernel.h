// Templates that build the vectorized callbacks of an AggregateFunction
// (see function/aggregate_function.h) from a small Op struct:
//   struct Op {
//     using State = ...;                       // trivially copyable
//     static void Initialize(State&);
//     template <class T> static void Update(State&, const T& value, AggregateInputData&);
//     static void Combine(const State& source, State& target, AggregateInputData&);
//     static void Finalize(const State&, Vector& result, idx_t row, AggregateInputData&);
//   };
// NULL inputs are skipped before Update is called. An Op may also define
//   template <class T> static void UpdateFlat(State&, const T* data, idx_t count);
// a tight loop for the common ungrouped case (flat input, no NULLs).
#pragma once

#include <new>

#include "function/aggregate_function.h"
#include "vector/vector.h"

namespace tributary {

template <class Op>
struct AggregateKernel {
  using State = typename Op::State;

  static void Initialize(const AggregateFunction&, data_ptr_t state) {
    new (state) State();
    Op::Initialize(*reinterpret_cast<State*>(state));
  }

  template <class T>
  static void Update(Vector inputs[], idx_t, AggregateInputData& aux, Vector& states, idx_t count) {
    auto& input = inputs[0];
    auto data = input.Data<T>();
    auto targets = states.Data<data_ptr_t>();
    if (input.IsConstant()) {
      if (input.IsNull(0))
        return;
      for (idx_t i = 0; i < count; i++)
        Op::Update(*reinterpret_cast<State*>(targets[i]), data[0], aux);
      return;
    }
    auto& validity = input.validity();
    if (validity.AllValid()) {
      for (idx_t i = 0; i < count; i++)
        Op::Update(*reinterpret_cast<State*>(targets[i]), data[i], aux);
    } else {
      for (idx_t i = 0; i < count; i++) {
        if (validity.RowIsValid(i))
          Op::Update(*reinterpret_cast<State*>(targets[i]), data[i], aux);
      }
    }
  }

  template <class T>
  static void SimpleUpdate(Vector inputs[], idx_t, AggregateInputData& aux, data_ptr_t state,
                           idx_t count) {
    auto& input = inputs[0];
    auto data = input.Data<T>();
    auto& s = *reinterpret_cast<State*>(state);
    if (input.IsConstant()) {
      if (input.IsNull(0))
        return;
      for (idx_t i = 0; i < count; i++)
        Op::Update(s, data[0], aux);
      return;
    }
    auto& validity = input.validity();
    if (validity.AllValid()) {
      if constexpr (requires { Op::template UpdateFlat<T>(s, data, count); }) {
        Op::template UpdateFlat<T>(s, data, count);
      } else {
        for (idx_t i = 0; i < count; i++)
          Op::Update(s, data[i], aux);
      }
    } else {
      for (idx_t i = 0; i < count; i++) {
        if (validity.RowIsValid(i))
          Op::Update(s, data[i], aux);
      }
    }
  }

  static void Combine(Vector& source, Vector& target, AggregateInputData& aux, idx_t count) {
    auto src = source.Data<data_ptr_t>();
    auto dst = target.Data<data_ptr_t>();
    for (idx_t i = 0; i < count; i++) {
      Op::Combine(*reinterpret_cast<State*>(src[i]), *reinterpret_cast<State*>(dst[i]), aux);
    }
  }

  static void Finalize(Vector& states, AggregateInputData& aux, Vector& result, idx_t count,
                       idx_t offset) {
    auto src = states.Data<data_ptr_t>();
    for (idx_t i = 0; i < count; i++) {
      Op::Finalize(*reinterpret_cast<State*>(src[i]), result, offset + i, aux);
    }
  }

  // An AggregateFunction over one argument of C++ type T.
  template <class T>
  static AggregateFunction Make(std::string name, LogicalType argument, LogicalType result,
                                bind_aggregate_function_t bind = nullptr) {
    AggregateFunction f;
    f.name = std::move(name);
    f.arguments = {std::move(argument)};
    f.return_type = std::move(result);
    f.fixed_state_size = sizeof(State);
    f.initialize = Initialize;
    f.update = Update<T>;
    f.simple_update = SimpleUpdate<T>;
    f.combine = Combine;
    f.finalize = Finalize;
    f.bind = bind;
    return f;
  }
};

}  // namespace tributary
