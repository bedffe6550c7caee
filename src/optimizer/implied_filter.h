// Implied filters: a disjunction whose every branch restricts one side of a
// join implies the disjunction of those restrictions on that side alone.
// From Q7's `(n1 = 'FRANCE' AND n2 = 'GERMANY') OR (n1 = 'GERMANY' AND
// n2 = 'FRANCE')` follow `n1 = 'FRANCE' OR n1 = 'GERMANY'` and the same on
// n2, which filter each nation before any join; the original predicate is
// kept. Pure functions over bound expressions.
#pragma once

#include <vector>

#include "planner/column_binding.h"
#include "planner/expression.h"

namespace tributary {

// The filter `disjunction` (an OR) implies on the columns in `side`, or
// nullptr when some branch has no conjunct over `side` alone (or when a
// conjunct is volatile or has a subquery). The result is a fresh copy.
ExpressionPtr ImpliedFilter(const Expression& disjunction, const std::vector<ColumnBinding>& side);

}  // namespace tributary
