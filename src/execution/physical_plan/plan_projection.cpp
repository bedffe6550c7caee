#include "execution/operator/filter/physical_filter.h"
#include "execution/operator/projection/physical_projection.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/expression/bound_conjunction_expression.h"

namespace tributary {

PhysicalOperatorPtr PhysicalPlanGenerator::PlanProjection(LogicalOperator& op) {
  auto bindings = op.children[0]->GetColumnBindings();
  auto child = CreatePlan(*op.children[0]);
  std::vector<ExpressionPtr> list;
  for (auto& e : op.expressions)
    list.push_back(ResolveBindings(std::move(e), bindings));
  auto result =
      std::make_unique<PhysicalProjection>(op.types, std::move(list), op.estimated_cardinality);
  result->children.push_back(std::move(child));
  return result;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanFilter(LogicalOperator& op) {
  auto bindings = op.children[0]->GetColumnBindings();
  auto child = CreatePlan(*op.children[0]);
  if (op.expressions.empty())
    return child;
  ExpressionPtr predicate;
  if (op.expressions.size() == 1) {
    predicate = std::move(op.expressions[0]);
  } else {
    predicate = std::make_unique<BoundConjunctionExpression>(ConjunctionType::kAnd,
                                                             std::move(op.expressions));
  }
  auto result = std::make_unique<PhysicalFilter>(
      op.types, ResolveBindings(std::move(predicate), bindings), op.estimated_cardinality);
  result->children.push_back(std::move(child));
  return result;
}

}  // namespace tributary
