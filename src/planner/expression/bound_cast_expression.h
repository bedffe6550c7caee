// CAST(child AS return_type). Cast semantics are types/cast.h's.
#pragma once

#include "planner/expression.h"

namespace tributary {

class BoundCastExpression : public Expression {
 public:
  BoundCastExpression(ExpressionPtr child, LogicalType target)
      : Expression(ExpressionClass::kCast, std::move(target)), child(std::move(child)) {}

  ExpressionPtr child;

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
  void ForEachChild(const std::function<void(ExpressionPtr&)>& fn) override { fn(child); }

  // Wraps `expr` in a cast to `target` unless it already has that type.
  static ExpressionPtr AddCast(ExpressionPtr expr, const LogicalType& target);
};

}  // namespace tributary
