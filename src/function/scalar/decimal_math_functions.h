// sqrt, exp, ln, log, log(b, x), power/pow over DECIMAL returning DECIMAL
// (PostgreSQL's numeric versions), at a fixed scale of at least 16 and the
// arguments' scales; values are the exact results rounded half away from
// zero at that scale. Thread-safe (pure functions).
#pragma once

namespace tributary {

class FunctionRegistry;

// Called by RegisterMathFunctions.
void RegisterDecimalMathFunctions(FunctionRegistry& registry);

}  // namespace tributary
