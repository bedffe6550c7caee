// left <op> right, both sides of the same type (the binder inserts casts).
#pragma once

#include "planner/expression.h"

namespace tributary {

enum class ComparisonType : uint8_t {
  kEqual,
  kNotEqual,
  kLessThan,
  kLessThanOrEqual,
  kGreaterThan,
  kGreaterThanOrEqual,
  kDistinctFrom,     // IS DISTINCT FROM: never NULL
  kNotDistinctFrom,  // IS NOT DISTINCT FROM: never NULL
};

// "=", "<>", ... ; "IS DISTINCT FROM", ...
const char* ComparisonTypeToString(ComparisonType type);
// a < b  <=>  b > a
ComparisonType FlipComparison(ComparisonType type);
// NOT (a < b)  <=>  a >= b  (for non-NULL inputs)
ComparisonType NegateComparison(ComparisonType type);

class BoundComparisonExpression : public Expression {
 public:
  BoundComparisonExpression(ComparisonType type, ExpressionPtr left, ExpressionPtr right)
      : Expression(ExpressionClass::kComparison, LogicalTypeId::kBoolean),
        type(type),
        left(std::move(left)),
        right(std::move(right)) {}

  ComparisonType type;
  ExpressionPtr left;
  ExpressionPtr right;

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
  void ForEachChild(const std::function<void(ExpressionPtr&)>& fn) override {
    fn(left);
    fn(right);
  }
};

// `cmp` read with a constant on its right when its left side is one
// (`5 > x` is `x < 5`); other comparisons as they are.
struct ConstantOnRight {
  explicit ConstantOnRight(const BoundComparisonExpression& cmp);
  const Expression* column;  // the other side
  const Expression* constant;
  ComparisonType type;
};

}  // namespace tributary
