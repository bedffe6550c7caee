// A column of the input chunk, by position (physical plans only).
#pragma once

#include "planner/expression.h"

namespace tributary {

class BoundReferenceExpression : public Expression {
 public:
  BoundReferenceExpression(LogicalType type, idx_t index)
      : Expression(ExpressionClass::kReference, std::move(type)), index(index) {}

  idx_t index;

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
  bool IsFoldable() const override { return false; }
};

}  // namespace tributary
