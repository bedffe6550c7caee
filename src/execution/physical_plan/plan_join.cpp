#include "execution/operator/filter/physical_filter.h"
#include "execution/operator/join/physical_hash_join.h"
#include "execution/operator/join/physical_nested_loop_join.h"
#include "execution/operator/join/runtime_filter.h"
#include "execution/physical_plan/physical_plan_generator.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_reference_expression.h"
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

// True when `expr` reads only columns below `left_columns` (the probe
// side's, in a residual resolved against probe + build columns) and
// calls nothing volatile.
bool ProbeOnly(const Expression& expr, idx_t left_columns) {
  if (expr.IsVolatile())
    return false;
  if (expr.expression_class == ExpressionClass::kReference)
    return expr.Cast<BoundReferenceExpression>().index < left_columns;
  bool only = true;
  expr.ForEachChild(
      [&](const Expression& child) { only = only && ProbeOnly(child, left_columns); });
  return only;
}

// Join types where a probe row failing a conjunct of the residual can be
// dropped before the probe: it could only have produced pairs the residual
// rejects, and unmatched probe rows are not emitted.
bool DropsUnmatchedProbeRows(JoinType type) {
  return type == JoinType::kInner || type == JoinType::kRight || type == JoinType::kSemi ||
         type == JoinType::kRightSemi || type == JoinType::kRightAnti;
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
    // Residual conjuncts over the probe side alone (a LEFT JOIN's ON
    // condition on its nullable side, as TPC-H Q13's) filter the probe
    // input, a chunk at a time, instead of every candidate pair.
    if (DropsUnmatchedProbeRows(join.join_type)) {
      std::vector<ExpressionPtr> probe_filter;
      idx_t kept = 0;
      for (auto& part : residual_parts) {
        if (ProbeOnly(*part, left_bindings.size())) {
          probe_filter.push_back(std::move(part));
        } else {
          residual_parts[kept++] = std::move(part);
        }
      }
      residual_parts.resize(kept);
      if (!probe_filter.empty()) {
        auto types = left->types;
        idx_t estimate = left->estimated_cardinality;
        auto filter = std::make_unique<PhysicalFilter>(std::move(types),
                                                       AndAll(std::move(probe_filter)), estimate);
        filter->children.push_back(std::move(left));
        left = std::move(filter);
      }
    }
    auto hash_join = std::make_unique<PhysicalHashJoin>(
        op.types, std::move(left), std::move(right), std::move(equalities), join.join_type,
        AndAll(std::move(residual_parts)), op.estimated_cardinality);
    AttachRuntimeFilters(*hash_join);
    return hash_join;
  }
  return std::make_unique<PhysicalNestedLoopJoin>(op.types, std::move(left), std::move(right),
                                                  AndAll(std::move(residual_parts)), join.join_type,
                                                  op.estimated_cardinality);
}

}  // namespace tributary
