// A subquery inside an expression, as the binder produces it: the bound
// plan of the subquery plus, for `x op ANY (...)`, the bound comparison's two
// operands. It never reaches execution: the binder plans every subquery
// expression into a join under the operator that evaluates it and replaces
// it by a reference to the join's output (see Binder::PlanSubqueries).
//
// ALL and NOT IN are bound as NOT (... ANY ...) with the negated operator,
// which gives PostgreSQL's NULL semantics from the ANY mark join.
#pragma once

#include "planner/expression/bound_comparison_expression.h"
#include "planner/logical_operator.h"

namespace tributary {

enum class SubqueryType : uint8_t {
  kScalar,  // (SELECT x ...): at most one row, NULL when there is none
  kExists,  // EXISTS (SELECT ...)
  kAny,     // child <comparison> ANY (SELECT x ...), also IN
};

class BoundSubqueryExpression : public Expression {
 public:
  BoundSubqueryExpression(SubqueryType subquery_type, LogicalType return_type,
                          LogicalOperatorPtr subplan)
      : Expression(ExpressionClass::kSubquery, std::move(return_type)),
        subquery_type(subquery_type),
        subplan(std::move(subplan)) {}

  SubqueryType subquery_type;
  // The subquery's plan; its first output column is the value (kScalar,
  // kAny). Correlated columns are BoundColumnRefExpressions with depth > 0.
  LogicalOperatorPtr subplan;
  // kAny: the left operand and the subquery's first column, both cast to
  // the comparison's common type, and the comparison.
  ExpressionPtr child;
  ExpressionPtr subquery_value;
  ComparisonType comparison = ComparisonType::kEqual;

  std::string ToString() const override;
  // A subquery owns its plan, which cannot be shared: copying is an
  // internal error (the binder plans the original exactly once).
  std::unique_ptr<Expression> Copy() const override;
  // Two subquery expressions are equal only when they are the same one.
  bool Equals(const Expression& other) const override { return this == &other; }
  void ForEachChild(const std::function<void(ExpressionPtr&)>& fn) override {
    if (child)
      fn(child);
  }
  bool IsFoldable() const override { return false; }
};

}  // namespace tributary
