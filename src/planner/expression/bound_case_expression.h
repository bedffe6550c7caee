// CASE WHEN c1 THEN r1 ... ELSE e END. Each THEN is evaluated only for the
// rows that reach it (so CASE WHEN x <> 0 THEN 1 / x END never divides by 0).
#pragma once

#include "planner/expression.h"

namespace tributary {

struct BoundCaseCheck {
  ExpressionPtr when_expr;
  ExpressionPtr then_expr;
};

class BoundCaseExpression : public Expression {
 public:
  BoundCaseExpression(LogicalType type, std::vector<BoundCaseCheck> checks, ExpressionPtr else_expr)
      : Expression(ExpressionClass::kCase, std::move(type)),
        checks(std::move(checks)),
        else_expr(std::move(else_expr)) {}

  std::vector<BoundCaseCheck> checks;
  ExpressionPtr else_expr;  // never null: the binder adds NULL

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
  void ForEachChild(const std::function<void(ExpressionPtr&)>& fn) override {
    for (auto& c : checks) {
      fn(c.when_expr);
      fn(c.then_expr);
    }
    fn(else_expr);
  }
};

}  // namespace tributary
