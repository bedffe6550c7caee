#pragma once

#include "planner/expression.h"
#include "types/value.h"

namespace tributary {

class BoundConstantExpression : public Expression {
 public:
  explicit BoundConstantExpression(Value value)
      : Expression(ExpressionClass::kConstant, value.type()), value(std::move(value)) {}

  Value value;
  // A quoted literal whose type is still open (PostgreSQL's "unknown"):
  // the binder gives it the type its context needs; TEXT otherwise.
  bool is_unknown_literal = false;

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
};

}  // namespace tributary
