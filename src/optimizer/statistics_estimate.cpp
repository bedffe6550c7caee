#include "optimizer/statistics_estimate.h"

#include <algorithm>

#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_operator_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_join.h"

namespace tributary {

namespace {

// The statistics of the scanned column `binding` refers to in `op`'s
// subtree, or null.
const ColumnStatistics* FindColumn(LogicalOperator& op, const ColumnBinding& binding) {
  if (op.type == LogicalOperatorType::kGet) {
    auto& get = op.Cast<LogicalGet>();
    auto stats = get.table->statistics;
    if (get.table_index != binding.table_index || !stats ||
        binding.column_index >= stats->columns.size()) {
      return nullptr;
    }
    return &stats->columns[binding.column_index];
  }
  for (auto& child : op.children) {
    if (auto* found = FindColumn(*child, binding))
      return found;
  }
  return nullptr;
}

const ColumnStatistics* ColumnOf(LogicalOperator& op, const Expression& expr) {
  if (expr.expression_class != ExpressionClass::kColumnRef)
    return nullptr;
  auto& ref = expr.Cast<BoundColumnRefExpression>();
  return ref.depth == 0 ? FindColumn(op, ref.binding) : nullptr;
}

// The fraction of rows a conjunct keeps, or a negative number if unknown.
double Selectivity(LogicalOperator& op, const Expression& conjunct) {
  if (conjunct.expression_class == ExpressionClass::kComparison) {
    auto& cmp = conjunct.Cast<BoundComparisonExpression>();
    if (cmp.type != ComparisonType::kEqual)
      return -1;
    const ColumnStatistics* column = nullptr;
    if (cmp.right->IsFoldable())
      column = ColumnOf(op, *cmp.left);
    else if (cmp.left->IsFoldable())
      column = ColumnOf(op, *cmp.right);
    if (!column)
      return -1;
    return column->distinct_count == 0 ? 0.0 : 1.0 / static_cast<double>(column->distinct_count);
  }
  if (conjunct.expression_class == ExpressionClass::kOperator) {
    auto& o = conjunct.Cast<BoundOperatorExpression>();
    if ((o.type == OperatorType::kIsNull || o.type == OperatorType::kIsNotNull) &&
        o.children.size() == 1) {
      auto* column = ColumnOf(op, *o.children[0]);
      if (!column)
        return -1;
      return o.type == OperatorType::kIsNull ? column->null_fraction : 1.0 - column->null_fraction;
    }
  }
  return -1;
}

idx_t Clamp(double rows) {
  return rows < 1 ? 1 : static_cast<idx_t>(rows);
}

}  // namespace

std::optional<idx_t> EstimateFromStatistics(LogicalOperator& op) {
  if (op.children.empty())
    return std::nullopt;
  double input = static_cast<double>(op.children[0]->estimated_cardinality);
  switch (op.type) {
    case LogicalOperatorType::kFilter: {
      double rows = input;
      bool known = false;
      for (auto& conjunct : op.expressions) {
        double s = Selectivity(*op.children[0], *conjunct);
        if (s >= 0) {
          known = true;
          rows *= s;
        } else {
          rows /= 5;  // EstimateCardinalities' guess for the others
        }
      }
      return known ? std::optional<idx_t>(Clamp(rows)) : std::nullopt;
    }
    case LogicalOperatorType::kAggregate: {
      auto& aggregate = op.Cast<LogicalAggregate>();
      if (aggregate.groups.empty())
        return std::nullopt;
      double groups = 1;
      for (auto& group : aggregate.groups) {
        auto* column = ColumnOf(*op.children[0], *group);
        if (!column)
          return std::nullopt;
        groups *= static_cast<double>(std::max<idx_t>(column->distinct_count, 1)) +
                  (column->null_fraction > 0 ? 1 : 0);
      }
      return Clamp(std::min(groups, input));
    }
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      if (join.join_type != JoinType::kInner || op.children.size() != 2)
        return std::nullopt;
      double right = static_cast<double>(op.children[1]->estimated_cardinality);
      for (auto& condition : join.conditions) {
        if (condition.comparison != ComparisonType::kEqual)
          continue;
        auto* l = ColumnOf(*op.children[0], *condition.left);
        auto* r = ColumnOf(*op.children[1], *condition.right);
        if (!l || !r)
          continue;
        double distinct =
            static_cast<double>(std::max({l->distinct_count, r->distinct_count, idx_t(1)}));
        return Clamp(input * right / distinct);
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace tributary
