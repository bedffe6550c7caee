// Pass 8: cardinality estimates, and the smaller input of each join on the
// right, where the hash join builds its table. For SEMI and ANTI joins
// (EXISTS, NOT EXISTS, IN) that means RIGHT_SEMI / RIGHT_ANTI when the
// outer input is the smaller: the hash join then builds the outer rows,
// probes with the subquery's and emits the (un)matched build rows last.
#include <algorithm>

#include "optimizer/optimizer.h"
#include "optimizer/remote_selectivity.h"
#include "optimizer/statistics_estimate.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_cte_scan.h"
#include "planner/operator/logical_expression_get.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_remote_get.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {

void EstimateCardinalities(LogicalOperator& op) {
  if (op.type == LogicalOperatorType::kMaterializedCte) {
    // The definition first: its scans in the query take its estimate.
    EstimateCardinalities(*op.children[0]);
    auto& cte = op.Cast<LogicalMaterializedCte>();
    cte.info->estimated_cardinality = op.children[0]->estimated_cardinality;
    EstimateCardinalities(*op.children[1]);
    op.estimated_cardinality = op.children[1]->estimated_cardinality;
    return;
  }
  if (op.type == LogicalOperatorType::kCteScan) {
    op.estimated_cardinality = op.Cast<LogicalCteScan>().info->estimated_cardinality;
    return;
  }
  for (auto& child : op.children)
    EstimateCardinalities(*child);
  EstimateCardinality(op);
}

void EstimateCardinality(LogicalOperator& op) {
  idx_t child = op.children.empty() ? 1 : op.children[0]->estimated_cardinality;
  if (auto estimate = EstimateFromStatistics(op)) {
    op.estimated_cardinality = *estimate;
    return;
  }
  switch (op.type) {
    case LogicalOperatorType::kGet:
      op.estimated_cardinality = op.Cast<LogicalGet>().table->storage->RowCount();
      break;
    case LogicalOperatorType::kRemoteGet: {
      // From the source's reltuples and pg_stats (remote_selectivity.h).
      auto& get = op.Cast<LogicalRemoteGet>();
      if (get.fragment) {
        op.estimated_cardinality = static_cast<idx_t>(get.fragment->estimated_rows);
        break;
      }
      double rows = get.table->estimated_rows;
      for (auto& filter : get.remote_filters)
        rows *= RemoteSelectivity(*get.table, get.table_index, *filter);
      op.estimated_cardinality = get.remote_filters.empty()
                                     ? static_cast<idx_t>(rows)
                                     : std::max<idx_t>(1, static_cast<idx_t>(rows + 0.5));
      op.estimated_cardinality = std::min(op.estimated_cardinality, get.limit);
      break;
    }
    case LogicalOperatorType::kExpressionGet:
      op.estimated_cardinality = op.Cast<LogicalExpressionGet>().values.size();
      break;
    case LogicalOperatorType::kTableFunction:
      op.estimated_cardinality = 1000;
      break;
    case LogicalOperatorType::kDummyScan:
      op.estimated_cardinality = 1;
      break;
    case LogicalOperatorType::kFilter:
      // Without statistics: each conjunct keeps about a fifth.
      op.estimated_cardinality = std::max<idx_t>(1, child / (op.expressions.size() * 5));
      break;
    case LogicalOperatorType::kAggregate:
      op.estimated_cardinality =
          op.Cast<LogicalAggregate>().groups.empty() ? 1 : std::max<idx_t>(1, child / 2);
      break;
    case LogicalOperatorType::kDistinct:
      op.estimated_cardinality = std::max<idx_t>(1, child / 2);
      break;
    case LogicalOperatorType::kLimit:
      op.estimated_cardinality = std::min(child, op.Cast<LogicalLimit>().limit);
      break;
    case LogicalOperatorType::kTopN:
      op.estimated_cardinality = std::min(child, op.Cast<LogicalTopN>().limit);
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      idx_t right = op.children[1]->estimated_cardinality;
      if (join.conditions.empty() && !join.residual) {
        op.estimated_cardinality = child * std::max<idx_t>(right, 1);
      } else if (join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti ||
                 join.join_type == JoinType::kMark || join.join_type == JoinType::kSingle) {
        op.estimated_cardinality = child;
      } else if (join.join_type == JoinType::kRightSemi || join.join_type == JoinType::kRightAnti) {
        op.estimated_cardinality = right;
      } else {
        op.estimated_cardinality = std::max(child, right);
      }
      break;
    }
    case LogicalOperatorType::kSetOperation:
      op.estimated_cardinality = child + op.children[1]->estimated_cardinality;
      break;
    default:
      op.estimated_cardinality = child;
      break;
  }
}

namespace {

void SwapInputs(LogicalJoin& join) {
  // Swapping changes the output column order, which the plan above refers
  // to by binding, not position; a projection is not needed.
  std::swap(join.children[0], join.children[1]);
  for (auto& c : join.conditions) {
    std::swap(c.left, c.right);
    c.comparison = FlipComparison(c.comparison);
  }
}

// True when the physical plan makes a hash join of `join` (plan_join.cpp):
// at least one equality condition.
bool HashJoinable(const LogicalJoin& join) {
  for (auto& c : join.conditions) {
    if (c.comparison == ComparisonType::kEqual || c.comparison == ComparisonType::kNotDistinctFrom)
      return true;
  }
  return false;
}

}  // namespace

void SelectJoinSides(LogicalOperator& op, SemiJoinBuildSide semi) {
  for (auto& child : op.children)
    SelectJoinSides(*child, semi);
  if (op.type != LogicalOperatorType::kJoin)
    return;
  auto& join = op.Cast<LogicalJoin>();
  if ((join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti) &&
      HashJoinable(join)) {
    // Ties go to the outer side: an inner join's estimate is the larger
    // input's (an upper bound), so an outer side made of joins (Q21's) is
    // usually smaller than estimated, the subquery's scan is not.
    bool swap = semi == SemiJoinBuildSide::kLeft ||
                (semi == SemiJoinBuildSide::kAuto &&
                 op.children[0]->estimated_cardinality <= op.children[1]->estimated_cardinality);
    if (!swap)
      return;
    // The output (the outer rows) keeps its estimate.
    SwapInputs(join);
    join.join_type =
        join.join_type == JoinType::kSemi ? JoinType::kRightSemi : JoinType::kRightAnti;
    return;
  }
  bool swappable = join.join_type == JoinType::kInner || join.join_type == JoinType::kLeft ||
                   join.join_type == JoinType::kRight || join.join_type == JoinType::kFull;
  if (!swappable)
    return;
  if (op.children[0]->estimated_cardinality >= op.children[1]->estimated_cardinality)
    return;
  SwapInputs(join);
  if (join.join_type == JoinType::kLeft) {
    join.join_type = JoinType::kRight;
  } else if (join.join_type == JoinType::kRight) {
    join.join_type = JoinType::kLeft;
  }
}

}  // namespace tributary
