// A column of an operator below, named by binding (logical plans only).
#pragma once

#include "planner/column_binding.h"
#include "planner/expression.h"

namespace tributary {

class BoundColumnRefExpression : public Expression {
 public:
  BoundColumnRefExpression(LogicalType type, ColumnBinding binding, idx_t depth = 0)
      : Expression(ExpressionClass::kColumnRef, std::move(type)), binding(binding), depth(depth) {}

  ColumnBinding binding;
  // > 0 for a correlated reference to an enclosing query (subqueries).
  idx_t depth;

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
  hash_t Hash() const override;
  bool IsFoldable() const override { return false; }
};

}  // namespace tributary
