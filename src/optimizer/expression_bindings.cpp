#include "optimizer/expression_bindings.h"

#include <algorithm>

#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_conjunction_expression.h"

namespace tributary {

void CollectBindings(const Expression& expr, std::vector<ColumnBinding>& out) {
  if (expr.expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr.Cast<BoundColumnRefExpression>();
    if (ref.depth == 0)
      out.push_back(ref.binding);
    return;
  }
  expr.ForEachChild([&](const Expression& child) { CollectBindings(child, out); });
}

bool ReferencesOnly(const Expression& expr, const std::vector<ColumnBinding>& available) {
  std::vector<ColumnBinding> used;
  CollectBindings(expr, used);
  for (auto& b : used) {
    if (std::find(available.begin(), available.end(), b) == available.end())
      return false;
  }
  return true;
}

ExpressionPtr ReplaceBindings(
    ExpressionPtr expr,
    const std::unordered_map<ColumnBinding, const Expression*, ColumnBindingHash>& replacements) {
  if (expr->expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr->Cast<BoundColumnRefExpression>();
    auto it = replacements.find(ref.binding);
    if (ref.depth == 0 && it != replacements.end())
      return it->second->Copy();
    return expr;
  }
  expr->ForEachChild(
      [&](ExpressionPtr& child) { child = ReplaceBindings(std::move(child), replacements); });
  return expr;
}

void SplitConjunction(ExpressionPtr expr, std::vector<ExpressionPtr>& out) {
  if (expr->expression_class == ExpressionClass::kConjunction &&
      expr->Cast<BoundConjunctionExpression>().type == ConjunctionType::kAnd) {
    for (auto& child : expr->Cast<BoundConjunctionExpression>().children) {
      SplitConjunction(std::move(child), out);
    }
    return;
  }
  out.push_back(std::move(expr));
}

}  // namespace tributary
