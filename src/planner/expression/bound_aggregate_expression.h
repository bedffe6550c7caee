// agg([DISTINCT] args) [FILTER (WHERE f)] inside a LogicalAggregate.
#pragma once

#include "function/aggregate_function.h"
#include "planner/expression.h"

namespace tributary {

class BoundAggregateExpression : public Expression {
 public:
  BoundAggregateExpression(AggregateFunction function, std::vector<ExpressionPtr> children,
                           std::unique_ptr<FunctionData> bind_data, bool distinct)
      : Expression(ExpressionClass::kAggregate, function.return_type),
        function(std::move(function)),
        children(std::move(children)),
        bind_data(std::move(bind_data)),
        distinct(distinct) {}

  AggregateFunction function;
  std::vector<ExpressionPtr> children;
  std::unique_ptr<FunctionData> bind_data;
  bool distinct;
  ExpressionPtr filter;  // may be null

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
  void ForEachChild(const std::function<void(ExpressionPtr&)>& fn) override {
    for (auto& c : children)
      fn(c);
    if (filter)
      fn(filter);
  }
  bool IsFoldable() const override { return false; }
};

}  // namespace tributary
