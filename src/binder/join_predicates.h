// Turning a list of predicates into a join's conditions and residual, as
// every binder path that builds a join does (ON clauses, subqueries and
// their decorrelation).
#pragma once

#include <functional>
#include <vector>

#include "planner/expression.h"
#include "planner/operator/logical_join.h"

namespace tributary {

// The AND of `conjuncts`: nullptr when there are none, the one itself when
// there is one.
ExpressionPtr MakeConjunction(std::vector<ExpressionPtr> conjuncts);

// Adds `predicates` to `join`, whose two children must be set. A comparison
// (other than IS DISTINCT FROM) of an expression over one child with one
// over the other becomes a condition (left side first) unless
// `as_condition` rejects it; the rest are ANDed into the residual (after
// any residual the join has), each through `to_residual` when given.
void AddJoinPredicates(LogicalJoin& join, std::vector<ExpressionPtr> predicates,
                       const std::function<bool(const Expression&)>& as_condition = nullptr,
                       const std::function<ExpressionPtr(ExpressionPtr)>& to_residual = nullptr);

}  // namespace tributary
