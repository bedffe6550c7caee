// AggregateFunction: one overload of an aggregate (count, sum, avg, min,
// max, ...). Vectorized like DuckDB's: each group's state is a fixed-size
// block of memory the hash table owns, and the callbacks process a whole
// vector of input rows against a vector of state pointers.
//
// Contract:
//  - state_size bytes per group, initialized with `initialize`.
//  - `update`: inputs[0..input_count) have `count` rows; `states` is a FLAT
//    vector of data_ptr_t (one state pointer per row; rows of the same group
//    share a pointer). Rows whose inputs are NULL are skipped by the function
//    (count(*) has no inputs).
//  - `simple_update`: the ungrouped case, all rows update one state.
//  - `combine`: merges states source[i] into target[i] (parallel partial
//    aggregation); must be associative.
//  - `finalize`: writes the result of states[i] into result row offset + i.
//  - `destructor` (optional): frees memory a state owns outside its block.
//  - States that hold strings must copy the bytes (into memory they own or
//    into the arena passed via AggregateInputData).
// All callbacks are thread-compatible: different threads use different states.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/constants.h"
#include "function/function_data.h"
#include "types/logical_type.h"

namespace tributary {

class Vector;
class Expression;
class StringHeap;

struct AggregateInputData {
  const FunctionData* bind_data = nullptr;
  // Arena for state-owned variable-size data (lives as long as the states).
  StringHeap* arena = nullptr;
};

struct AggregateFunction;
using aggregate_size_t = idx_t (*)(const AggregateFunction& function);
using aggregate_initialize_t = void (*)(const AggregateFunction& function, data_ptr_t state);
using aggregate_update_t = void (*)(Vector inputs[], idx_t input_count, AggregateInputData& aux,
                                    Vector& states, idx_t count);
using aggregate_simple_update_t = void (*)(Vector inputs[], idx_t input_count,
                                           AggregateInputData& aux, data_ptr_t state, idx_t count);
using aggregate_combine_t = void (*)(Vector& source, Vector& target, AggregateInputData& aux,
                                     idx_t count);
using aggregate_finalize_t = void (*)(Vector& states, AggregateInputData& aux, Vector& result,
                                      idx_t count, idx_t offset);
using aggregate_destructor_t = void (*)(Vector& states, AggregateInputData& aux, idx_t count);
using bind_aggregate_function_t = std::unique_ptr<FunctionData> (*)(
    AggregateFunction& bound, std::vector<std::unique_ptr<Expression>>& arguments);

struct AggregateFunction {
  std::string name;
  std::vector<LogicalType> arguments;  // same matching rules as ScalarFunction
  LogicalType return_type;
  aggregate_size_t state_size = nullptr;
  aggregate_initialize_t initialize = nullptr;
  aggregate_update_t update = nullptr;
  aggregate_simple_update_t simple_update = nullptr;
  aggregate_combine_t combine = nullptr;
  aggregate_finalize_t finalize = nullptr;
  aggregate_destructor_t destructor = nullptr;
  bind_aggregate_function_t bind = nullptr;
  // Fixed state size when state_size is null.
  idx_t fixed_state_size = 0;

  idx_t StateSize() const { return state_size ? state_size(*this) : fixed_state_size; }
};

}  // namespace tributary
