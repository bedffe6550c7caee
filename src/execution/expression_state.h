// ExpressionState: the per-thread mutable state for evaluating one
// Expression node (scratch vectors for child results). Built once per
// operator instance per thread; reused for every chunk.
#pragma once

#include <memory>
#include <vector>

#include "function/function_data.h"
#include "planner/expression.h"
#include "vector/data_chunk.h"

namespace tributary {

class ExpressionState {
 public:
  explicit ExpressionState(const Expression& expr);

  const Expression& expr;
  std::vector<std::unique_ptr<ExpressionState>> children;
  // Scratch space: one column per child, sized kVectorSize.
  DataChunk intermediate;

  // The bound function data of a function expression (nullptr otherwise).
  const FunctionData* BindData() const;
};

}  // namespace tributary
