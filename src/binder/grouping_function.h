// GROUPING(a, b, ...): which of its arguments the current row's grouping set
// rolled up (bit n-1-i set when argument i is not grouped, PostgreSQL's
// encoding). The ExpressionBinder binds each call into `calls` and leaves an
// INTEGER placeholder (index, k); once the query's GROUP BY is bound, Resolve
// turns every call into an expression over the aggregate's grouping-set
// column (a constant without grouping sets) and Replace substitutes them.
#pragma once

#include <vector>

#include "planner/expression.h"

namespace tributary {

struct GroupingFunctions {
  explicit GroupingFunctions(idx_t index) : index(index) {}

  idx_t index;  // table index of the placeholders
  std::vector<std::vector<ExpressionPtr>> calls;
  std::vector<int> locations;

  // `groups`: the GROUP BY expressions; `sets`: positions in `groups` per
  // grouping set (empty: plain GROUP BY); the set column is
  // (group_index, groups.size()). Raises 42803 for an argument that is not a
  // GROUP BY expression.
  void Resolve(const std::vector<ExpressionPtr>& groups,
               const std::vector<std::vector<idx_t>>& sets, idx_t group_index);
  // `expr` with every placeholder replaced (after Resolve).
  ExpressionPtr Replace(ExpressionPtr expr) const;

 private:
  std::vector<ExpressionPtr> resolved_;
};

}  // namespace tributary
