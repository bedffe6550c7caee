#include "execution/operator/join/physical_hash_join.h"
#include "execution/operator/join/physical_nested_loop_join.h"
#include "execution/operator/scan/remote_dynamic_filter.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/operator/logical_join.h"

namespace tributary {

namespace {

ExpressionPtr AndAll(std::vector<ExpressionPtr> parts) {
  if (parts.empty())
    return nullptr;
  if (parts.size() == 1)
    return std::move(parts[0]);
  return std::make_unique<BoundConjunctionExpression>(ConjunctionType::kAnd, std::move(parts));
}

}  // namespace

PhysicalOperatorPtr PhysicalPlanGenerator::PlanJoin(LogicalOperator& op) {
  auto& join = op.Cast<LogicalJoin>();
  auto left_bindings = op.children[0]->GetColumnBindings();
  auto right_bindings = op.children[1]->GetColumnBindings();
  auto both = left_bindings;
  both.insert(both.end(), right_bindings.begin(), right_bindings.end());
  auto left = CreatePlan(*op.children[0]);
  auto right = CreatePlan(*op.children[1]);

  std::vector<JoinCondition> equalities;
  std::vector<ExpressionPtr> residual_parts;
  // A MARK join with a residual needs the three-valued result of the whole
  // predicate for each pair (a NULL makes the mark NULL), which only the
  // nested loop join computes.
  bool mark_loop = join.join_type == JoinType::kMark && join.residual != nullptr;
  for (auto& cond : join.conditions) {
    bool hashable = !mark_loop && (cond.comparison == ComparisonType::kEqual ||
                                   cond.comparison == ComparisonType::kNotDistinctFrom);
    if (hashable) {
      equalities.push_back({ResolveBindings(std::move(cond.left), left_bindings),
                            ResolveBindings(std::move(cond.right), right_bindings),
                            cond.comparison});
    } else {
      residual_parts.push_back(
          ResolveBindings(std::make_unique<BoundComparisonExpression>(
                              cond.comparison, std::move(cond.left), std::move(cond.right)),
                          both));
    }
  }
  if (join.residual)
    residual_parts.push_back(ResolveBindings(std::move(join.residual), both));

  if (!equalities.empty()) {
    auto hash_join = std::make_unique<PhysicalHashJoin>(
        op.types, std::move(left), std::move(right), std::move(equalities), join.join_type,
        AndAll(std::move(residual_parts)), op.estimated_cardinality);
    AttachRemoteDynamicFilters(*hash_join);
    return hash_join;
  }
  return std::make_unique<PhysicalNestedLoopJoin>(op.types, std::move(left), std::move(right),
                                                  AndAll(std::move(residual_parts)), join.join_type,
                                                  op.estimated_cardinality);
}

}  // namespace tributary
