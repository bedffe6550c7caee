// Pass 1: evaluates every constant subexpression once at plan time.
#include "execution/expression_executor.h"
#include "optimizer/optimizer.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_expression_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_order.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {

ExpressionPtr FoldConstants(ExpressionPtr expr) {
  if (expr->expression_class == ExpressionClass::kConstant)
    return expr;
  if (expr->IsFoldable()) {
    try {
      auto folded =
          std::make_unique<BoundConstantExpression>(ExpressionExecutor::EvaluateConstant(*expr));
      folded->alias = expr->alias;
      if (folded->return_type == expr->return_type)
        return folded;
    } catch (const Exception&) {
      // Leave it: the error is raised only if a row actually evaluates it.
    }
    return expr;
  }
  expr->ForEachChild([](ExpressionPtr& child) { child = FoldConstants(std::move(child)); });
  return expr;
}

void FoldConstants(LogicalOperator& op) {
  for (auto& child : op.children)
    FoldConstants(*child);
  for (auto& e : op.expressions)
    e = FoldConstants(std::move(e));
  switch (op.type) {
    case LogicalOperatorType::kAggregate:
      for (auto& g : op.Cast<LogicalAggregate>().groups)
        g = FoldConstants(std::move(g));
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      for (auto& c : join.conditions) {
        c.left = FoldConstants(std::move(c.left));
        c.right = FoldConstants(std::move(c.right));
      }
      if (join.residual)
        join.residual = FoldConstants(std::move(join.residual));
      break;
    }
    case LogicalOperatorType::kOrder:
      for (auto& o : op.Cast<LogicalOrder>().orders)
        o.expression = FoldConstants(std::move(o.expression));
      break;
    case LogicalOperatorType::kExpressionGet:
      for (auto& row : op.Cast<LogicalExpressionGet>().values) {
        for (auto& v : row)
          v = FoldConstants(std::move(v));
      }
      break;
    default:
      break;
  }
}

}  // namespace tributary
