#include "execution/operator/aggregate/physical_grouping_set_expand.h"
#include "execution/operator/aggregate/physical_hash_aggregate.h"
#include "execution/operator/aggregate/physical_ungrouped_aggregate.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/expression/bound_reference_expression.h"
#include "planner/operator/logical_aggregate.h"

namespace tributary {

PhysicalOperatorPtr PhysicalPlanGenerator::PlanAggregate(LogicalOperator& op) {
  auto& agg = op.Cast<LogicalAggregate>();
  auto bindings = op.children[0]->GetColumnBindings();
  auto child = CreatePlan(*op.children[0]);
  std::vector<ExpressionPtr> aggregates;
  for (auto& e : agg.expressions)
    aggregates.push_back(ResolveBindings(std::move(e), bindings));
  PhysicalOperatorPtr result;
  if (!agg.grouping_sets.empty()) {
    // The input once per set with the grouped values appended, then one hash
    // aggregate over (values..., set position).
    std::vector<LogicalType> types = child->types;
    idx_t width = types.size();
    std::vector<ExpressionPtr> values;
    for (auto& g : agg.groups) {
      types.push_back(g->return_type);
      values.push_back(ResolveBindings(std::move(g), bindings));
    }
    types.push_back(LogicalType(LogicalTypeId::kInteger));
    std::vector<ExpressionPtr> groups;
    for (idx_t i = width; i < types.size(); i++)
      groups.push_back(std::make_unique<BoundReferenceExpression>(types[i], i));
    auto expand = std::make_unique<PhysicalGroupingSetExpand>(
        std::move(types), std::move(values), agg.grouping_sets, child->estimated_cardinality);
    expand->children.push_back(std::move(child));
    child = std::move(expand);
    auto hash = std::make_unique<PhysicalHashAggregate>(
        op.types, std::move(groups), std::move(aggregates), op.estimated_cardinality);
    for (idx_t s = 0; s < agg.grouping_sets.size(); s++) {
      if (agg.grouping_sets[s].empty())
        hash->empty_grouping_sets.push_back(s);
    }
    result = std::move(hash);
  } else if (agg.groups.empty()) {
    result = std::make_unique<PhysicalUngroupedAggregate>(op.types, std::move(aggregates),
                                                          op.estimated_cardinality);
  } else {
    std::vector<ExpressionPtr> groups;
    for (auto& g : agg.groups)
      groups.push_back(ResolveBindings(std::move(g), bindings));
    result = std::make_unique<PhysicalHashAggregate>(
        op.types, std::move(groups), std::move(aggregates), op.estimated_cardinality);
  }
  result->children.push_back(std::move(child));
  return result;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanDistinct(LogicalOperator& op) {
  auto child = CreatePlan(*op.children[0]);
  std::vector<ExpressionPtr> groups;
  for (idx_t i = 0; i < op.types.size(); i++) {
    groups.push_back(std::make_unique<BoundReferenceExpression>(op.types[i], i));
  }
  auto result = std::make_unique<PhysicalHashAggregate>(
      op.types, std::move(groups), std::vector<ExpressionPtr>(), op.estimated_cardinality);
  result->children.push_back(std::move(child));
  return result;
}

}  // namespace tributary
