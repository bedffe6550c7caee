// Pass 2: moves each filter conjunct as close to the data as it can go:
// through projections and group keys (substituting the expressions), into
// the matching side of a join, and turns cross products with equality
// conjuncts into hash-joinable conditions; a disjunction across a join also
// filters each side by what it implies there (implied_filter.h). A conjunct is never moved past an
// operator where that could change the result (the nullable side of an
// outer join, LIMIT, window, set operations).
#include <algorithm>
#include <unordered_map>

#include "connector/mysql/mysql_deparser.h"
#include "connector/postgres/postgres_deparser.h"
#include "optimizer/expression_bindings.h"
#include "optimizer/implied_filter.h"
#include "optimizer/optimizer.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_filter.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_projection.h"
#include "planner/operator/logical_remote_get.h"

namespace tributary {

namespace {

class FilterPushdown {
 public:
  LogicalOperatorPtr Rewrite(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    switch (op->type) {
      case LogicalOperatorType::kFilter:
        return PushFilter(std::move(op), std::move(filters));
      case LogicalOperatorType::kProjection:
        return PushProjection(std::move(op), std::move(filters));
      case LogicalOperatorType::kAggregate:
        return PushAggregate(std::move(op), std::move(filters));
      case LogicalOperatorType::kJoin:
        return PushJoin(std::move(op), std::move(filters));
      case LogicalOperatorType::kRemoteGet:
        return PushRemoteGet(std::move(op), std::move(filters));
      case LogicalOperatorType::kDistinct:
      case LogicalOperatorType::kOrder:
        // Filtering before DISTINCT/ORDER BY gives the same rows.
        op->children[0] = Rewrite(std::move(op->children[0]), std::move(filters));
        return op;
      default:
        return Stop(std::move(op), std::move(filters));
    }
  }

 private:
  // Pushes nothing further: children are optimized on their own, the
  // filters stay above `op`.
  LogicalOperatorPtr Stop(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    for (auto& child : op->children)
      child = Rewrite(std::move(child), {});
    return Wrap(std::move(op), std::move(filters));
  }

  static LogicalOperatorPtr Wrap(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    if (filters.empty())
      return op;
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions = std::move(filters);
    filter->children.push_back(std::move(op));
    return filter;
  }

  // Conjuncts the source computes exactly as we do run remotely; the
  // rest stay above the scan. A MySQL source also gets the string
  // conjuncts its collations may answer loosely (CanPrefilter): they cut
  // the rows sent and are checked here again.
  LogicalOperatorPtr PushRemoteGet(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    auto& get = op->Cast<LogicalRemoteGet>();
    bool mysql = get.table->schema->kind == ExternalSourceKind::kMySql;
    PostgresDeparser deparser(*get.table, get.table_index);
    MySqlDeparser mysql_deparser(*get.table, get.table_index);
    std::vector<ExpressionPtr> kept;
    for (auto& f : filters) {
      if (mysql ? mysql_deparser.CanPush(*f) : deparser.CanPush(*f)) {
        get.remote_filters.push_back(std::move(f));
        continue;
      }
      bool sent = std::any_of(get.remote_filters.begin(), get.remote_filters.end(),
                              [&](const ExpressionPtr& r) { return r->Equals(*f); });
      if (mysql && !sent && mysql_deparser.CanPrefilter(*f))
        get.remote_filters.push_back(f->Copy());
      kept.push_back(std::move(f));
    }
    return Wrap(std::move(op), std::move(kept));
  }

  LogicalOperatorPtr PushFilter(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    for (auto& e : op->expressions)
      SplitConjunction(std::move(e), filters);
    // A constant TRUE conjunct filters nothing.
    std::vector<ExpressionPtr> kept;
    for (auto& f : filters) {
      if (f->expression_class == ExpressionClass::kConstant) {
        auto& v = f->Cast<BoundConstantExpression>().value;
        if (!v.IsNull() && v.GetBool())
          continue;
      }
      kept.push_back(std::move(f));
    }
    return Rewrite(std::move(op->children[0]), std::move(kept));
  }

  LogicalOperatorPtr PushProjection(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    auto& proj = op->Cast<LogicalProjection>();
    std::unordered_map<ColumnBinding, const Expression*, ColumnBindingHash> map;
    bool any_volatile = false;
    for (idx_t i = 0; i < proj.expressions.size(); i++) {
      map[ColumnBinding(proj.table_index, i)] = proj.expressions[i].get();
      any_volatile =
          any_volatile || proj.expressions[i]->IsVolatile() || proj.expressions[i]->HasWindow();
    }
    std::vector<ExpressionPtr> below, above;
    for (auto& f : filters) {
      if (any_volatile || f->HasSubquery()) {
        above.push_back(std::move(f));
      } else {
        below.push_back(ReplaceBindings(std::move(f), map));
      }
    }
    op->children[0] = Rewrite(std::move(op->children[0]), std::move(below));
    return Wrap(std::move(op), std::move(above));
  }

  LogicalOperatorPtr PushAggregate(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    auto& agg = op->Cast<LogicalAggregate>();
    std::unordered_map<ColumnBinding, const Expression*, ColumnBindingHash> map;
    std::vector<ColumnBinding> group_bindings;
    for (idx_t i = 0; i < agg.groups.size(); i++) {
      group_bindings.emplace_back(agg.group_index, i);
      map[group_bindings.back()] = agg.groups[i].get();
    }
    std::vector<ExpressionPtr> below, above;
    for (auto& f : filters) {
      // Only conjuncts on group keys commute with grouping (HAVING on
      // aggregates must stay above). Without groups there is always one row.
      // With grouping sets a key is NULL in the sets that roll it up, so
      // nothing commutes.
      if (!agg.groups.empty() && agg.grouping_sets.empty() && ReferencesOnly(*f, group_bindings)) {
        below.push_back(ReplaceBindings(std::move(f), map));
      } else {
        above.push_back(std::move(f));
      }
    }
    op->children[0] = Rewrite(std::move(op->children[0]), std::move(below));
    return Wrap(std::move(op), std::move(above));
  }

  LogicalOperatorPtr PushJoin(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    auto& join = op->Cast<LogicalJoin>();
    auto left_bindings = join.children[0]->GetColumnBindings();
    auto right_bindings = join.children[1]->GetColumnBindings();
    bool inner = join.join_type == JoinType::kInner;
    // An inner join's own residual behaves like a filter above it.
    if (inner && join.residual) {
      SplitConjunction(std::move(join.residual), filters);
      join.residual = nullptr;
    }
    std::vector<ExpressionPtr> left, right, above;
    std::vector<ExpressionPtr> residual;
    for (auto& f : filters) {
      bool on_left = ReferencesOnly(*f, left_bindings);
      bool on_right = ReferencesOnly(*f, right_bindings);
      bool left_preserving =
          join.join_type != JoinType::kRight && join.join_type != JoinType::kFull;
      bool right_filterable = inner;
      if (on_left && left_preserving && join.join_type != JoinType::kMark &&
          join.join_type != JoinType::kSingle) {
        left.push_back(std::move(f));
      } else if (on_left &&
                 (join.join_type == JoinType::kMark || join.join_type == JoinType::kSingle)) {
        left.push_back(std::move(f));
      } else if (on_right && right_filterable) {
        right.push_back(std::move(f));
      } else if (inner && !f->HasSubquery() &&
                 TryMakeCondition(join, f, left_bindings, right_bindings)) {
        // became a join condition
      } else if (inner && !f->HasSubquery()) {
        // What an OR implies on each side filters it before the join.
        if (auto implied = ImpliedFilter(*f, left_bindings))
          left.push_back(std::move(implied));
        if (auto implied = ImpliedFilter(*f, right_bindings))
          right.push_back(std::move(implied));
        residual.push_back(std::move(f));
      } else {
        above.push_back(std::move(f));
      }
    }
    if (!residual.empty()) {
      std::vector<ExpressionPtr> parts = std::move(residual);
      join.residual = parts.size() == 1 ? std::move(parts[0])
                                        : std::make_unique<BoundConjunctionExpression>(
                                              ConjunctionType::kAnd, std::move(parts));
    }
    join.children[0] = Rewrite(std::move(join.children[0]), std::move(left));
    join.children[1] = Rewrite(std::move(join.children[1]), std::move(right));
    return Wrap(std::move(op), std::move(above));
  }

  // `a <cmp> b` with a on one side and b on the other becomes a condition.
  static bool TryMakeCondition(LogicalJoin& join, ExpressionPtr& f,
                               const std::vector<ColumnBinding>& left,
                               const std::vector<ColumnBinding>& right) {
    if (f->expression_class != ExpressionClass::kComparison)
      return false;
    auto& cmp = f->Cast<BoundComparisonExpression>();
    if (cmp.type == ComparisonType::kDistinctFrom)
      return false;
    std::vector<ColumnBinding> lb, rb;
    CollectBindings(*cmp.left, lb);
    CollectBindings(*cmp.right, rb);
    if (lb.empty() || rb.empty())
      return false;
    if (ReferencesOnly(*cmp.left, left) && ReferencesOnly(*cmp.right, right)) {
      join.conditions.push_back({std::move(cmp.left), std::move(cmp.right), cmp.type});
      return true;
    }
    if (ReferencesOnly(*cmp.left, right) && ReferencesOnly(*cmp.right, left)) {
      join.conditions.push_back(
          {std::move(cmp.right), std::move(cmp.left), FlipComparison(cmp.type)});
      return true;
    }
    return false;
  }
};

}  // namespace

LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr op) {
  return FilterPushdown().Rewrite(std::move(op), {});
}

}  // namespace tributary
