// AND / OR with SQL's three-valued logic.
#pragma once

#include "planner/expression.h"

namespace tributary {

enum class ConjunctionType : uint8_t { kAnd, kOr };

class BoundConjunctionExpression : public Expression {
 public:
  BoundConjunctionExpression(ConjunctionType type, std::vector<ExpressionPtr> children)
      : Expression(ExpressionClass::kConjunction, LogicalTypeId::kBoolean),
        type(type),
        children(std::move(children)) {}

  ConjunctionType type;
  std::vector<ExpressionPtr> children;

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
  void ForEachChild(const std::function<void(ExpressionPtr&)>& fn) override {
    for (auto& c : children)
      fn(c);
  }
};

}  // namespace tributary
