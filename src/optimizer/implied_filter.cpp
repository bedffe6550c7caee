#include "optimizer/implied_filter.h"

#include "optimizer/expression_bindings.h"
#include "planner/expression/bound_conjunction_expression.h"

namespace tributary {

namespace {

bool IsConjunction(const Expression& e, ConjunctionType type) {
  return e.expression_class == ExpressionClass::kConjunction &&
         e.Cast<BoundConjunctionExpression>().type == type;
}

// Appends the operands of nested `type` conjunctions of `e`.
void Flatten(const Expression& e, ConjunctionType type, std::vector<const Expression*>& out) {
  if (IsConjunction(e, type)) {
    for (auto& child : e.Cast<BoundConjunctionExpression>().children)
      Flatten(*child, type, out);
    return;
  }
  out.push_back(&e);
}

bool IsSafe(const Expression& e) {
  if (e.IsVolatile() || e.expression_class == ExpressionClass::kSubquery ||
      e.expression_class == ExpressionClass::kAggregate ||
      e.expression_class == ExpressionClass::kWindow)
    return false;
  bool safe = true;
  e.ForEachChild([&](const Expression& child) { safe = safe && IsSafe(child); });
  return safe;
}

ExpressionPtr Combine(ConjunctionType type, std::vector<ExpressionPtr> parts) {
  if (parts.size() == 1)
    return std::move(parts[0]);
  return std::make_unique<BoundConjunctionExpression>(type, std::move(parts));
}

}  // namespace

ExpressionPtr ImpliedFilter(const Expression& disjunction, const std::vector<ColumnBinding>& side) {
  if (!IsConjunction(disjunction, ConjunctionType::kOr) || !IsSafe(disjunction))
    return nullptr;
  std::vector<const Expression*> branches;
  Flatten(disjunction, ConjunctionType::kOr, branches);
  std::vector<ExpressionPtr> implied;
  for (auto* branch : branches) {
    std::vector<const Expression*> conjuncts;
    Flatten(*branch, ConjunctionType::kAnd, conjuncts);
    std::vector<ExpressionPtr> kept;
    for (auto* conjunct : conjuncts) {
      std::vector<ColumnBinding> bindings;
      CollectBindings(*conjunct, bindings);
      if (!bindings.empty() && ReferencesOnly(*conjunct, side))
        kept.push_back(conjunct->Copy());
    }
    // A branch that says nothing about `side` lets every row of it through.
    if (kept.empty())
      return nullptr;
    implied.push_back(Combine(ConjunctionType::kAnd, std::move(kept)));
  }
  return Combine(ConjunctionType::kOr, std::move(implied));
}

}  // namespace tributary
