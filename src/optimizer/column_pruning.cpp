// Pass 4: table scans produce only the columns some operator above them
// references; everything else is never read.
#include <algorithm>

#include "optimizer/expression_bindings.h"
#include "optimizer/optimizer.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_expression_get.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_order.h"
#include "planner/operator/logical_remote_get.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {

namespace {

void CollectOperatorReferences(LogicalOperator& op, std::vector<ColumnBinding>& used) {
  for (auto& e : op.expressions)
    CollectBindings(*e, used);
  switch (op.type) {
    case LogicalOperatorType::kAggregate:
      for (auto& g : op.Cast<LogicalAggregate>().groups)
        CollectBindings(*g, used);
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      for (auto& c : join.conditions) {
        CollectBindings(*c.left, used);
        CollectBindings(*c.right, used);
      }
      if (join.residual)
        CollectBindings(*join.residual, used);
      break;
    }
    case LogicalOperatorType::kOrder:
      for (auto& o : op.Cast<LogicalOrder>().orders)
        CollectBindings(*o.expression, used);
      break;
    case LogicalOperatorType::kTopN:
      for (auto& o : op.Cast<LogicalTopN>().orders)
        CollectBindings(*o.expression, used);
      break;
    default:
      break;
  }
}

// Operators whose output is every column of their input: what is used
// above them is used of their child too.
bool PassesThrough(LogicalOperatorType type) {
  switch (type) {
    case LogicalOperatorType::kFilter:
    case LogicalOperatorType::kOrder:
    case LogicalOperatorType::kTopN:
    case LogicalOperatorType::kLimit:
    case LogicalOperatorType::kJoin:
    case LogicalOperatorType::kWindow:
      return true;
    default:
      return false;
  }
}

void Prune(LogicalOperator& op, std::vector<ColumnBinding> used_above, bool everything_used) {
  if (op.type == LogicalOperatorType::kRemoteGet) {
    if (everything_used)
      return;
    auto& get = op.Cast<LogicalRemoteGet>();
    std::vector<idx_t> kept;
    for (idx_t id : get.column_ids) {
      if (std::find(used_above.begin(), used_above.end(), ColumnBinding(get.table_index, id)) !=
          used_above.end()) {
        kept.push_back(id);
      }
    }
    get.column_ids = kept;
    return;
  }
  if (op.type == LogicalOperatorType::kGet) {
    if (everything_used)
      return;
    auto& get = op.Cast<LogicalGet>();
    std::vector<idx_t> kept;
    for (idx_t id : get.column_ids) {
      if (std::find(used_above.begin(), used_above.end(), ColumnBinding(get.table_index, id)) !=
          used_above.end()) {
        kept.push_back(id);
      }
    }
    get.column_ids = kept;
    return;
  }
  if (op.type == LogicalOperatorType::kMaterializedCte) {
    // The definition serves every scan of it: it keeps all its columns.
    Prune(*op.children[0], {}, true);
    Prune(*op.children[1], std::move(used_above), everything_used);
    return;
  }
  std::vector<ColumnBinding> used =
      PassesThrough(op.type) ? used_above : std::vector<ColumnBinding>();
  CollectOperatorReferences(op, used);
  // DISTINCT, set operations, inserts and CTAS consume every input column.
  bool child_everything = !PassesThrough(op.type) && op.type != LogicalOperatorType::kProjection &&
                          op.type != LogicalOperatorType::kAggregate;
  if (PassesThrough(op.type))
    child_everything = everything_used;
  for (auto& child : op.children)
    Prune(*child, used, child_everything);
}

}  // namespace

void PruneColumns(LogicalOperator& root) {
  Prune(root, {}, true);
}

}  // namespace tributary
