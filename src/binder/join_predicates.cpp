#include "binder/join_predicates.h"

#include "optimizer/expression_bindings.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"

namespace tributary {

namespace {

bool HasReferences(const Expression& expr) {
  std::vector<ColumnBinding> bindings;
  CollectBindings(expr, bindings);
  return !bindings.empty();
}

}  // namespace

ExpressionPtr MakeConjunction(std::vector<ExpressionPtr> conjuncts) {
  if (conjuncts.empty())
    return nullptr;
  if (conjuncts.size() == 1)
    return std::move(conjuncts[0]);
  return std::make_unique<BoundConjunctionExpression>(ConjunctionType::kAnd, std::move(conjuncts));
}

void AddJoinPredicates(LogicalJoin& join, std::vector<ExpressionPtr> predicates,
                       const std::function<bool(const Expression&)>& as_condition,
                       const std::function<ExpressionPtr(ExpressionPtr)>& to_residual) {
  auto left = join.children[0]->GetColumnBindings();
  auto right = join.children[1]->GetColumnBindings();
  std::vector<ExpressionPtr> residual;
  if (join.residual)
    residual.push_back(std::move(join.residual));
  for (auto& p : predicates) {
    if (p->expression_class == ExpressionClass::kComparison &&
        p->Cast<BoundComparisonExpression>().type != ComparisonType::kDistinctFrom &&
        (!as_condition || as_condition(*p))) {
      auto& cmp = p->Cast<BoundComparisonExpression>();
      if (HasReferences(*cmp.left) && HasReferences(*cmp.right)) {
        if (ReferencesOnly(*cmp.left, left) && ReferencesOnly(*cmp.right, right)) {
          join.conditions.push_back({std::move(cmp.left), std::move(cmp.right), cmp.type});
          continue;
        }
        if (ReferencesOnly(*cmp.left, right) && ReferencesOnly(*cmp.right, left)) {
          join.conditions.push_back(
              {std::move(cmp.right), std::move(cmp.left), FlipComparison(cmp.type)});
          continue;
        }
      }
    }
    residual.push_back(to_residual ? to_residual(std::move(p)) : std::move(p));
  }
  join.residual = MakeConjunction(std::move(residual));
}

}  // namespace tributary
