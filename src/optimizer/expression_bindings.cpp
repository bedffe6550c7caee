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

namespace {

bool IsConjunction(const Expression& e, ConjunctionType type) {
  return e.expression_class == ExpressionClass::kConjunction &&
         e.Cast<BoundConjunctionExpression>().type == type;
}

// The conjuncts of `e` (itself unless it is an AND).
std::vector<const Expression*> Conjuncts(const Expression& e) {
  std::vector<const Expression*> result;
  if (IsConjunction(e, ConjunctionType::kAnd)) {
    for (auto& c : e.Cast<BoundConjunctionExpression>().children)
      result.push_back(c.get());
  } else {
    result.push_back(&e);
  }
  return result;
}

// (a AND b) OR (a AND c)  =>  a AND (b OR c): a conjunct every branch of an
// OR shares holds whenever the OR does (and a NULL in it makes every branch
// NULL or false, as before), so it can be pulled out, e.g. a join key
// repeated in each branch (TPC-H Q19) becomes a hash join condition. If a
// branch has nothing else, the OR is implied by the common part.
ExpressionPtr FactorOr(ExpressionPtr expr) {
  if (!IsConjunction(*expr, ConjunctionType::kOr))
    return expr;
  auto& branches = expr->Cast<BoundConjunctionExpression>().children;
  std::vector<const Expression*> common;
  for (auto* candidate : Conjuncts(*branches[0])) {
    if (candidate->IsVolatile())
      continue;
    bool everywhere = true;
    for (size_t i = 1; i < branches.size() && everywhere; i++) {
      bool found = false;
      for (auto* c : Conjuncts(*branches[i]))
        found = found || c->Equals(*candidate);
      everywhere = found;
    }
    bool seen = false;
    for (auto* c : common)
      seen = seen || c->Equals(*candidate);
    if (everywhere && !seen)
      common.push_back(candidate);
  }
  if (common.empty())
    return expr;
  std::vector<ExpressionPtr> result;
  for (auto* c : common)
    result.push_back(c->Copy());
  std::vector<ExpressionPtr> rest_branches;
  bool implied = false;
  for (auto& branch : branches) {
    std::vector<ExpressionPtr> rest;
    for (auto* c : Conjuncts(*branch)) {
      bool is_common = false;
      for (auto* k : common)
        is_common = is_common || c->Equals(*k);
      if (!is_common)
        rest.push_back(c->Copy());
    }
    if (rest.empty()) {
      implied = true;
      break;
    }
    rest_branches.push_back(rest.size() == 1 ? std::move(rest[0])
                                             : std::make_unique<BoundConjunctionExpression>(
                                                   ConjunctionType::kAnd, std::move(rest)));
  }
  if (!implied) {
    result.push_back(rest_branches.size() == 1
                         ? std::move(rest_branches[0])
                         : std::make_unique<BoundConjunctionExpression>(ConjunctionType::kOr,
                                                                        std::move(rest_branches)));
  }
  return std::make_unique<BoundConjunctionExpression>(ConjunctionType::kAnd, std::move(result));
}

}  // namespace

void SplitConjunction(ExpressionPtr expr, std::vector<ExpressionPtr>& out) {
  expr = FactorOr(std::move(expr));
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
