#include "execution/expression_state.h"

#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_function_expression.h"

namespace tributary {

ExpressionState::ExpressionState(const Expression& expr) : expr(expr) {
  std::vector<LogicalType> types;
  expr.ForEachChild([&](const Expression& child) {
    children.push_back(std::make_unique<ExpressionState>(child));
    types.push_back(child.return_type);
  });
  if (!types.empty())
    intermediate.Initialize(types);
}

const FunctionData* ExpressionState::BindData() const {
  if (expr.expression_class == ExpressionClass::kFunction) {
    return expr.Cast<BoundFunctionExpression>().bind_data.get();
  }
  if (expr.expression_class == ExpressionClass::kAggregate) {
    return expr.Cast<BoundAggregateExpression>().bind_data.get();
  }
  return nullptr;
}

}  // namespace tributary
