// Pass 2b: semi join pushdown. A semi join whose conditions read only one
// input of the inner join below it filters that input instead, before the
// join: (A JOIN B) SEMI S on A's columns = (A SEMI S) JOIN B. Q18's
// `o_orderkey IN (SELECT l_orderkey ... HAVING sum(l_quantity) > 300)` then
// leaves a few orders to join with customer and lineitem rather than
// probing every joined lineitem row. It moves only when the semi join's
// right side is estimated smaller than the input it would filter (a
// selective semi join); otherwise probing the join's (smaller) result is
// cheaper, as in Q21's EXISTS over all of lineitem.
#include <algorithm>

#include "optimizer/expression_bindings.h"
#include "optimizer/optimizer.h"
#include "planner/operator/logical_join.h"

namespace tributary {

namespace {

bool IsJoin(const LogicalOperator& op, JoinType type) {
  return op.type == LogicalOperatorType::kJoin && op.Cast<LogicalJoin>().join_type == type;
}

// The left-side columns the semi join `join` reads.
std::vector<ColumnBinding> LeftReferences(const LogicalJoin& join) {
  std::vector<ColumnBinding> out;
  for (auto& c : join.conditions)
    CollectBindings(*c.left, out);
  if (join.residual) {
    std::vector<ColumnBinding> all;
    CollectBindings(*join.residual, all);
    auto right = join.children[1]->GetColumnBindings();
    for (auto& b : all) {
      if (std::find(right.begin(), right.end(), b) == right.end())
        out.push_back(b);
    }
  }
  return out;
}

bool Contains(const std::vector<ColumnBinding>& available, const std::vector<ColumnBinding>& used) {
  for (auto& b : used) {
    if (std::find(available.begin(), available.end(), b) == available.end())
      return false;
  }
  return true;
}

// Moves `semi` (a semi join over an inner join) as far down the inner
// joins as it can go; returns the new subtree.
LogicalOperatorPtr Sink(LogicalOperatorPtr semi) {
  auto& join = semi->Cast<LogicalJoin>();
  auto& inner = *join.children[0];
  if (!IsJoin(inner, JoinType::kInner) || join.conditions.empty())
    return semi;
  auto used = LeftReferences(join);
  if (used.empty())
    return semi;
  for (idx_t i = 0; i < 2; i++) {
    auto& input = inner.children[i];
    if (!Contains(input->GetColumnBindings(), used))
      continue;
    EstimateCardinalities(*input);
    EstimateCardinalities(*join.children[1]);
    if (join.children[1]->estimated_cardinality >= input->estimated_cardinality)
      return semi;
    auto inner_op = std::move(join.children[0]);
    join.children[0] = std::move(inner_op->children[i]);
    inner_op->children[i] = Sink(std::move(semi));
    return inner_op;
  }
  return semi;
}

}  // namespace

LogicalOperatorPtr PushDownSemiJoins(LogicalOperatorPtr op) {
  for (auto& child : op->children)
    child = PushDownSemiJoins(std::move(child));
  if (IsJoin(*op, JoinType::kSemi))
    return Sink(std::move(op));
  return op;
}

}  // namespace tributary
