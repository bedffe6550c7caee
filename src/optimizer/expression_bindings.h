// Queries and rewrites of the column bindings an expression references,
// shared by the optimizer passes.
#pragma once

#include <unordered_map>
#include <vector>

#include "planner/column_binding.h"
#include "planner/expression.h"

namespace tributary {

// Appends every binding `expr` references (depth 0) to `out`.
void CollectBindings(const Expression& expr, std::vector<ColumnBinding>& out);
// True when every binding `expr` references is in `available`.
bool ReferencesOnly(const Expression& expr, const std::vector<ColumnBinding>& available);
// Replaces each reference to a binding in `replacements` by a copy of the
// mapped expression.
ExpressionPtr ReplaceBindings(
    ExpressionPtr expr,
    const std::unordered_map<ColumnBinding, const Expression*, ColumnBindingHash>& replacements);
// Splits nested ANDs into their conjuncts.
void SplitConjunction(ExpressionPtr expr, std::vector<ExpressionPtr>& out);

}  // namespace tributary
