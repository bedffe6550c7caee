// Pass 4: table scans produce only the columns some operator above them
// references; everything else is never read. Projections (e.g. the
// `SELECT *` of an EXISTS subquery) keep only the expressions used above,
// and one that is left renaming its input's columns disappears; the
// references above are renumbered afterwards.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "optimizer/expression_bindings.h"
#include "optimizer/optimizer.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_expression_get.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_order.h"
#include "planner/operator/logical_projection.h"
#include "planner/operator/logical_remote_get.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {

namespace {

// A column's new binding, and the name to show for a reference that has
// none (EXPLAIN).
struct NewBinding {
  ColumnBinding binding;
  std::string name;
};
using BindingMap = std::unordered_map<ColumnBinding, NewBinding, ColumnBindingHash>;

// Calls `fn` on every expression of `op` that references its children's
// columns.
template <class F>
void ForEachOperatorExpression(LogicalOperator& op, F&& fn) {
  for (auto& e : op.expressions)
    fn(e);
  switch (op.type) {
    case LogicalOperatorType::kAggregate:
      for (auto& g : op.Cast<LogicalAggregate>().groups)
        fn(g);
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      for (auto& c : join.conditions) {
        fn(c.left);
        fn(c.right);
      }
      if (join.residual)
        fn(join.residual);
      break;
    }
    case LogicalOperatorType::kOrder:
      for (auto& o : op.Cast<LogicalOrder>().orders)
        fn(o.expression);
      break;
    case LogicalOperatorType::kTopN:
      for (auto& o : op.Cast<LogicalTopN>().orders)
        fn(o.expression);
      break;
    default:
      break;
  }
}

void CollectOperatorReferences(LogicalOperator& op, std::vector<ColumnBinding>& used) {
  ForEachOperatorExpression(op, [&](ExpressionPtr& e) { CollectBindings(*e, used); });
}

bool IsUsed(const std::vector<ColumnBinding>& used, ColumnBinding b) {
  return std::find(used.begin(), used.end(), b) != used.end();
}

void Rename(Expression& expr, const BindingMap& renamed) {
  if (expr.expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr.Cast<BoundColumnRefExpression>();
    auto it = renamed.find(ref.binding);
    if (ref.depth == 0 && it != renamed.end()) {
      ref.binding = it->second.binding;
      if (ref.alias.empty())
        ref.alias = it->second.name;
    }
    return;
  }
  expr.ForEachChild([&](ExpressionPtr& child) { Rename(*child, renamed); });
}

// Renames references everywhere in the plan: only operators above the
// one whose columns change can refer to them.
void RenameAll(LogicalOperator& op, const BindingMap& renamed) {
  ForEachOperatorExpression(op, [&](ExpressionPtr& e) { Rename(*e, renamed); });
  for (auto& child : op.children)
    RenameAll(*child, renamed);
}

// Drops the projection's expressions nothing above uses (keeping one, so
// rows are still counted) and renumbers the references to the others.
void PruneProjection(LogicalProjection& proj, const std::vector<ColumnBinding>& used_above,
                     LogicalOperator& root) {
  std::vector<ExpressionPtr> kept;
  BindingMap renamed;
  for (idx_t i = 0; i < proj.expressions.size(); i++) {
    bool last_chance = kept.empty() && i + 1 == proj.expressions.size();
    if (!IsUsed(used_above, ColumnBinding(proj.table_index, i)) && !last_chance)
      continue;
    if (kept.size() != i)
      renamed[ColumnBinding(proj.table_index, i)] = {ColumnBinding(proj.table_index, kept.size()),
                                                     proj.expressions[i]->alias};
    kept.push_back(std::move(proj.expressions[i]));
  }
  proj.expressions = std::move(kept);
  if (!renamed.empty())
    RenameAll(root, renamed);
}

// A projection of plain column references only renames its input's
// columns: it is replaced by its input, with the references above renamed.
void RemoveRenamingProjection(LogicalOperatorPtr& op, LogicalOperator& root) {
  if (op->type != LogicalOperatorType::kProjection)
    return;
  auto& proj = op->Cast<LogicalProjection>();
  for (auto& e : proj.expressions) {
    if (e->expression_class != ExpressionClass::kColumnRef ||
        e->Cast<BoundColumnRefExpression>().depth != 0)
      return;
  }
  BindingMap renamed;
  for (idx_t i = 0; i < proj.expressions.size(); i++) {
    renamed[ColumnBinding(proj.table_index, i)] = {
        proj.expressions[i]->Cast<BoundColumnRefExpression>().binding, proj.expressions[i]->alias};
  }
  RenameAll(root, renamed);
  LogicalOperatorPtr input = std::move(op->children[0]);
  op = std::move(input);
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

// A scan's columns: only those `used_above` reads.
void KeepUsedColumns(idx_t table_index, std::vector<idx_t>& column_ids,
                     const std::vector<ColumnBinding>& used_above) {
  std::vector<idx_t> kept;
  for (idx_t id : column_ids) {
    if (std::find(used_above.begin(), used_above.end(), ColumnBinding(table_index, id)) !=
        used_above.end()) {
      kept.push_back(id);
    }
  }
  column_ids = std::move(kept);
}

void Prune(LogicalOperator& op, std::vector<ColumnBinding> used_above, bool everything_used,
           LogicalOperator& root) {
  if (op.type == LogicalOperatorType::kRemoteGet) {
    auto& get = op.Cast<LogicalRemoteGet>();
    if (!everything_used)
      KeepUsedColumns(get.table_index, get.column_ids, used_above);
    return;
  }
  if (op.type == LogicalOperatorType::kGet) {
    auto& get = op.Cast<LogicalGet>();
    if (!everything_used)
      KeepUsedColumns(get.table_index, get.column_ids, used_above);
    return;
  }
  if (op.type == LogicalOperatorType::kMaterializedCte) {
    // The definition serves every scan of it: it keeps all its columns.
    Prune(*op.children[0], {}, true, root);
    Prune(*op.children[1], std::move(used_above), everything_used, root);
    return;
  }
  if (op.type == LogicalOperatorType::kProjection && !everything_used)
    PruneProjection(op.Cast<LogicalProjection>(), used_above, root);
  std::vector<ColumnBinding> used =
      PassesThrough(op.type) ? used_above : std::vector<ColumnBinding>();
  CollectOperatorReferences(op, used);
  // DISTINCT, set operations, inserts and CTAS consume every input column.
  bool child_everything = !PassesThrough(op.type) && op.type != LogicalOperatorType::kProjection &&
                          op.type != LogicalOperatorType::kAggregate;
  if (PassesThrough(op.type))
    child_everything = everything_used;
  for (auto& child : op.children) {
    Prune(*child, used, child_everything, root);
    if (!child_everything)
      RemoveRenamingProjection(child, root);
  }
}

}  // namespace

void PruneColumns(LogicalOperator& root) {
  Prune(root, {}, true, root);
}

}  // namespace tributary
