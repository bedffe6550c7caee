// ScalarFunction: one overload of a scalar function or operator ("+",
// "upper", "substring", ...). Functions are vectorized: `function` receives
// whole argument vectors and writes a whole result vector.
//
// Kernel contract:
//  - `args` holds one vector per argument with args.size() rows; each vector
//    is FLAT or CONSTANT. If every argument is CONSTANT the result must be
//    made CONSTANT too (ScalarKernel helpers in function/scalar_kernel.h do
//    all of this).
//  - NULL in, NULL out unless the function says otherwise (null_handling).
//  - Errors throw Exception with the SQLSTATE PostgreSQL uses (overflow
//    22003, division by zero 22012, ...).
//  - Kernels are stateless and thread-safe; per-call information comes from
//    the bound FunctionData (state.BindData()).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/function_data.h"
#include "types/logical_type.h"

namespace tributary {

class DataChunk;
class Vector;
class ExpressionState;
class Expression;

using scalar_function_t = void (*)(DataChunk& args, ExpressionState& state, Vector& result);

struct ScalarFunction;
// Called once at bind time with the bound argument expressions. May change
// `bound.return_type` (e.g. DECIMAL precision) and may return bind data.
using bind_scalar_function_t = std::unique_ptr<FunctionData> (*)(
    ScalarFunction& bound, std::vector<std::unique_ptr<Expression>>& arguments);

enum class FunctionNullHandling : uint8_t {
  kDefault,  // any NULL argument gives NULL (lets the binder fold NULL inputs)
  kSpecial,  // the kernel handles NULLs itself (coalesce, concat, ...)
};

struct ScalarFunction {
  std::string name;
  // Argument types. A DECIMAL entry with width 0 matches any DECIMAL; a
  // VARCHAR entry matches CHAR and VARCHAR of any length.
  std::vector<LogicalType> arguments;
  LogicalType return_type;
  scalar_function_t function = nullptr;
  bind_scalar_function_t bind = nullptr;
  // When valid, any number of further arguments of this type may follow.
  LogicalType varargs = LogicalTypeId::kInvalid;
  FunctionNullHandling null_handling = FunctionNullHandling::kDefault;
  // Volatile functions (random(), now()) are never constant-folded.
  bool is_volatile = false;
};

}  // namespace tributary
