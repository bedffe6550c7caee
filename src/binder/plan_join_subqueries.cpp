// Subqueries in the ON clause of an outer join. Each subquery is planned as
// a join (planning keeps every row of the side it is planned on, adding a
// column) under the side of the outer join whose columns it reads: the
// condition then compares plain columns and the outer join keeps its
// meaning. A subquery reading columns of both sides raises 0A000.
#include <algorithm>

#include "binder/binder.h"
#include "common/exception.h"
#include "optimizer/expression_bindings.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_subquery_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_order.h"

namespace tributary {

namespace {

// The bindings of the references `depth` levels out in `expr`.
void CollectOuter(const Expression& expr, idx_t depth, std::vector<ColumnBinding>& out) {
  if (expr.expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr.Cast<BoundColumnRefExpression>();
    if (ref.depth == depth)
      out.push_back(ref.binding);
    return;
  }
  expr.ForEachChild([&](const Expression& child) { CollectOuter(child, depth, out); });
}

void CollectOuter(LogicalOperator& op, idx_t depth, std::vector<ColumnBinding>& out) {
  for (auto& e : op.expressions)
    CollectOuter(*e, depth, out);
  switch (op.type) {
    case LogicalOperatorType::kAggregate:
      for (auto& g : op.Cast<LogicalAggregate>().groups)
        CollectOuter(*g, depth, out);
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      for (auto& c : join.conditions) {
        CollectOuter(*c.left, depth, out);
        CollectOuter(*c.right, depth, out);
      }
      if (join.residual)
        CollectOuter(*join.residual, depth, out);
      break;
    }
    case LogicalOperatorType::kOrder:
      for (auto& o : op.Cast<LogicalOrder>().orders)
        CollectOuter(*o.expression, depth, out);
      break;
    default:
      break;
  }
  for (auto& child : op.children)
    CollectOuter(*child, depth, out);
}

bool Within(const std::vector<ColumnBinding>& used, const std::vector<ColumnBinding>& side) {
  return std::all_of(used.begin(), used.end(), [&](const ColumnBinding& b) {
    return std::find(side.begin(), side.end(), b) != side.end();
  });
}

}  // namespace

ExpressionPtr Binder::PlanOuterJoinSubqueries(ExpressionPtr condition, LogicalJoin& join) {
  if (condition->expression_class == ExpressionClass::kSubquery) {
    auto& subquery = condition->Cast<BoundSubqueryExpression>();
    // This query's columns the subquery reads: correlated ones (one level
    // out from inside it) and those of ANY's left operand.
    std::vector<ColumnBinding> used;
    CollectOuter(*subquery.subplan, 1, used);
    if (subquery.child) {
      if (subquery.child->HasSubquery()) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "nested subqueries in the ON clause of an outer join are not supported "
                        "yet");
      }
      CollectBindings(*subquery.child, used);
    }
    auto left = join.children[0]->GetColumnBindings();
    auto right = join.children[1]->GetColumnBindings();
    idx_t side = Within(used, right) ? 1 : Within(used, left) ? 0 : 2;
    if (side == 2) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "a subquery in the ON clause of an outer join that reads columns of both "
                      "sides is not supported yet");
    }
    return PlanSubqueries(std::move(condition), join.children[side]);
  }
  condition->ForEachChild(
      [&](ExpressionPtr& child) { child = PlanOuterJoinSubqueries(std::move(child), join); });
  return condition;
}

}  // namespace tributary
