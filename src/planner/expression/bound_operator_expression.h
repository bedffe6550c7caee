// Built-in operators with special NULL handling that are not functions.
//   kNot          NOT child[0]
//   kIsNull       child[0] IS NULL            (never NULL)
//   kIsNotNull    child[0] IS NOT NULL        (never NULL)
//   kIn           child[0] IN (child[1..])    (PostgreSQL NULL semantics)
//   kNotIn        child[0] NOT IN (child[1..])
//   kCoalesce     first non-NULL of children (lazily evaluated)
#pragma once

#include "planner/expression.h"

namespace tributary {

enum class OperatorType : uint8_t { kNot, kIsNull, kIsNotNull, kIn, kNotIn, kCoalesce };

class BoundOperatorExpression : public Expression {
 public:
  BoundOperatorExpression(OperatorType type, LogicalType return_type,
                          std::vector<ExpressionPtr> children)
      : Expression(ExpressionClass::kOperator, std::move(return_type)),
        type(type),
        children(std::move(children)) {}

  OperatorType type;
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
