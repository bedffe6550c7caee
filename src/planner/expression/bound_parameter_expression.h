// $n: a parameter of a prepared statement, 1-based.
#pragma once

#include "planner/expression.h"

namespace tributary {

class BoundParameterExpression : public Expression {
 public:
  BoundParameterExpression(LogicalType type, idx_t index)
      : Expression(ExpressionClass::kParameter, std::move(type)), index(index) {}

  idx_t index;

  std::string ToString() const override { return "$" + std::to_string(index); }
  std::unique_ptr<Expression> Copy() const override;
  bool IsFoldable() const override { return false; }
};

}  // namespace tributary
