#include "binder/subquery_decorrelator.h"

#include <algorithm>

#include "binder/join_predicates.h"
#include "common/exception.h"
#include "function/function_registry.h"
#include "optimizer/expression_bindings.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_operator_expression.h"
#include "planner/expression/bound_window_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_filter.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_order.h"
#include "planner/operator/logical_projection.h"
#include "planner/operator/logical_set_operation.h"
#include "planner/operator/logical_window.h"

namespace tributary {

namespace {

bool HasInnerReferences(const Expression& expr) {
  std::vector<ColumnBinding> bindings;
  CollectBindings(expr, bindings);
  return !bindings.empty();
}

// Replaces each inner (depth 0) column reference by what `map` returns.
template <class F>
void MapInnerReferences(ExpressionPtr& expr, F&& map) {
  if (expr->expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr->Cast<BoundColumnRefExpression>();
    if (ref.depth == 0)
      expr = map(ref);
    return;
  }
  expr->ForEachChild([&](ExpressionPtr& child) { MapInnerReferences(child, map); });
}

// `inner = outer` (or IS NOT DISTINCT FROM) with one side reading only the
// subquery's columns and the other only outer columns.
bool IsInnerEquality(const Expression& p) {
  if (p.expression_class != ExpressionClass::kComparison)
    return false;
  auto& cmp = p.Cast<BoundComparisonExpression>();
  if (cmp.type != ComparisonType::kEqual && cmp.type != ComparisonType::kNotDistinctFrom)
    return false;
  auto inner_only = [](const Expression& e) {
    return !SubqueryDecorrelator::HasOuterReferences(e) && HasInnerReferences(e);
  };
  return (inner_only(*cmp.left) && !HasInnerReferences(*cmp.right)) ||
         (inner_only(*cmp.right) && !HasInnerReferences(*cmp.left));
}

// Appends each outer column `expr` reads to `outer`, once (those of
// queries further out too: the outer values carry them, and the
// predicates pulled up compare them one level further out).
void CollectOuterColumns(const Expression& expr, std::vector<ExpressionPtr>& outer,
                         const char* deeper) {
  (void)deeper;
  if (expr.expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr.Cast<BoundColumnRefExpression>();
    if (ref.depth >= 1 && std::none_of(outer.begin(), outer.end(),
                                       [&](const ExpressionPtr& c) { return c->Equals(expr); })) {
      outer.push_back(expr.Copy());
    }
    return;
  }
  expr.ForEachChild([&](const Expression& child) { CollectOuterColumns(child, outer, deeper); });
}

// Replaces each reference to one of the `outer` columns by the column of
// the outer values (`bindings`, in the same order) that carries it.
void ReadOuterValues(ExpressionPtr& expr, const std::vector<ExpressionPtr>& outer,
                     const std::vector<ColumnBinding>& bindings) {
  if (expr->expression_class == ExpressionClass::kColumnRef) {
    for (idx_t i = 0; i < outer.size(); i++) {
      if (expr->Equals(*outer[i])) {
        auto alias = expr->alias;
        expr = std::make_unique<BoundColumnRefExpression>(expr->return_type, bindings[i]);
        expr->alias = alias;
        return;
      }
    }
    return;
  }
  expr->ForEachChild([&](ExpressionPtr& child) { ReadOuterValues(child, outer, bindings); });
}

// An inner join of `left` and `right` on `predicates` (with the outer
// values read through `outer`/`bindings`).
std::unique_ptr<LogicalJoin> JoinWithOuterValues(LogicalOperatorPtr left, LogicalOperatorPtr right,
                                                 std::vector<ExpressionPtr>& predicates,
                                                 const std::vector<ExpressionPtr>& outer,
                                                 const std::vector<ColumnBinding>& bindings,
                                                 JoinType type = JoinType::kInner) {
  auto join = std::make_unique<LogicalJoin>(type);
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  std::vector<ExpressionPtr> conjuncts;
  for (auto& p : predicates) {
    ReadOuterValues(p, outer, bindings);
    conjuncts.push_back(std::move(p));
  }
  predicates.clear();
  // Equalities with the values become hash join conditions.
  AddJoinPredicates(*join, std::move(conjuncts));
  return join;
}

// Replaces every reference to `from` in `op` and below by `to`.
void RemapBinding(LogicalOperator& op, ColumnBinding from, ColumnBinding to) {
  std::function<void(ExpressionPtr&)> remap = [&](ExpressionPtr& e) {
    if (!e)
      return;
    if (e->expression_class == ExpressionClass::kColumnRef) {
      auto& ref = e->Cast<BoundColumnRefExpression>();
      if (ref.depth == 0 && ref.binding == from)
        ref.binding = to;
      return;
    }
    e->ForEachChild(remap);
  };
  for (auto& e : op.expressions)
    remap(e);
  switch (op.type) {
    case LogicalOperatorType::kAggregate:
      for (auto& g : op.Cast<LogicalAggregate>().groups)
        remap(g);
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      for (auto& c : join.conditions) {
        remap(c.left);
        remap(c.right);
      }
      remap(join.residual);
      break;
    }
    case LogicalOperatorType::kOrder:
      for (auto& o : op.Cast<LogicalOrder>().orders)
        remap(o.expression);
      break;
    default:
      break;
  }
  for (auto& child : op.children) {
    if (child)
      RemapBinding(*child, from, to);
  }
}

}  // namespace

void SubqueryDecorrelator::LowerDepth(Expression& expr) {
  if (expr.expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr.Cast<BoundColumnRefExpression>();
    if (ref.depth > 0)
      ref.depth--;
    return;
  }
  expr.ForEachChild([](ExpressionPtr& child) { LowerDepth(*child); });
}

void SubqueryDecorrelator::ReadThroughProjection(ExpressionPtr& expr, LogicalOperator& op) {
  auto& projection = op.Cast<LogicalProjection>();
  MapInnerReferences(expr, [&](BoundColumnRefExpression& ref) -> ExpressionPtr {
    idx_t index = projection.expressions.size();
    for (idx_t i = 0; i < projection.expressions.size(); i++) {
      if (projection.expressions[i]->Equals(ref)) {
        index = i;
        break;
      }
    }
    if (index == projection.expressions.size())
      projection.expressions.push_back(ref.Copy());
    auto result = std::make_unique<BoundColumnRefExpression>(
        ref.return_type, ColumnBinding(projection.table_index, index));
    result->alias = ref.alias;
    return result;
  });
}

bool SubqueryDecorrelator::HasOuterReferences(const Expression& expr) {
  if (expr.expression_class == ExpressionClass::kColumnRef)
    return expr.Cast<BoundColumnRefExpression>().depth > 0;
  bool found = false;
  expr.ForEachChild([&](const Expression& child) { found = found || HasOuterReferences(child); });
  return found;
}

bool SubqueryDecorrelator::HasOuterReferences(LogicalOperator& op) {
  for (auto& e : op.expressions) {
    if (HasOuterReferences(*e))
      return true;
  }
  switch (op.type) {
    case LogicalOperatorType::kAggregate:
      for (auto& g : op.Cast<LogicalAggregate>().groups) {
        if (HasOuterReferences(*g))
          return true;
      }
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      for (auto& c : join.conditions) {
        if (HasOuterReferences(*c.left) || HasOuterReferences(*c.right))
          return true;
      }
      if (join.residual && HasOuterReferences(*join.residual))
        return true;
      break;
    }
    case LogicalOperatorType::kOrder:
      for (auto& o : op.Cast<LogicalOrder>().orders) {
        if (HasOuterReferences(*o.expression))
          return true;
      }
      break;
    default:
      break;
  }
  for (auto& child : op.children) {
    if (HasOuterReferences(*child))
      return true;
  }
  return false;
}

void SubqueryDecorrelator::Unsupported(const char* why) {
  throw Exception(sqlstate::kFeatureNotSupported,
                  std::string("this correlated subquery is not supported yet: ") + why);
}

std::vector<ExpressionPtr> SubqueryDecorrelator::Decorrelate(LogicalOperatorPtr& plan) {
  root_ = &plan;
  auto predicates = Pull(plan, !existential_);
  if (HasOuterReferences(*plan))
    Unsupported("outer columns are only supported in WHERE and JOIN conditions");
  for (auto& p : predicates)
    LowerDepth(*p);
  return predicates;
}

std::vector<ExpressionPtr> SubqueryDecorrelator::Pull(LogicalOperatorPtr& op,
                                                      bool duplicates_matter) {
  if (!HasOuterReferences(*op))
    return {};
  switch (op->type) {
    case LogicalOperatorType::kFilter:
      return PullFilter(op, duplicates_matter);
    case LogicalOperatorType::kProjection:
      return PullProjection(op, duplicates_matter);
    case LogicalOperatorType::kAggregate:
      return PullAggregate(op);
    case LogicalOperatorType::kJoin:
      return PullJoin(op, duplicates_matter);
    case LogicalOperatorType::kOrder: {
      // Row order inside a subquery without LIMIT means nothing: an ORDER
      // BY over outer columns goes.
      bool outer_in_orders = false;
      for (auto& o : op->Cast<LogicalOrder>().orders)
        outer_in_orders = outer_in_orders || HasOuterReferences(*o.expression);
      if (outer_in_orders) {
        LogicalOperatorPtr child = std::move(op->children[0]);
        op = std::move(child);
        return Pull(op, duplicates_matter);
      }
      return Pull(op->children[0], duplicates_matter);
    }
    case LogicalOperatorType::kLimit: {
      // EXISTS/IN do not care about how many rows there are beyond the
      // first, so LIMIT n >= 1 without OFFSET can go.
      auto& limit = op->Cast<LogicalLimit>();
      if (!existential_ || limit.offset != 0 || limit.limit == 0)
        return PullLimit(op);
      LogicalOperatorPtr child = std::move(op->children[0]);
      op = std::move(child);
      return Pull(op, duplicates_matter);
    }
    case LogicalOperatorType::kSetOperation:
      return PullSetOperation(op);
    case LogicalOperatorType::kDistinct: {
      // A correlated predicate other than equality: the projection below
      // is joined with the outer values and DISTINCT keeps them (one set
      // of rows per outer value).
      if (!existential_ && outer_values_ &&
          op->children[0]->type == LogicalOperatorType::kProjection) {
        return PullProjection(op->children[0], duplicates_matter, true);
      }
      auto predicates = Pull(op->children[0], duplicates_matter);
      // Correlated equalities keep DISTINCT's meaning: their inner sides
      // are among its columns (passed up through the projection), so it
      // removes duplicates per outer value. Other predicates could let one
      // outer row see the same value twice.
      if (!existential_) {
        for (auto& p : predicates) {
          if (!IsInnerEquality(*p))
            Unsupported("DISTINCT with a correlated predicate other than equality");
        }
      }
      return predicates;
    }
    default:
      Unsupported("outer columns under this operator");
  }
}

std::vector<ExpressionPtr> SubqueryDecorrelator::PullFilter(LogicalOperatorPtr& op,
                                                            bool duplicates_matter) {
  auto predicates = Pull(op->children[0], duplicates_matter);
  std::vector<ExpressionPtr> kept;
  for (auto& e : op->expressions) {
    std::vector<ExpressionPtr> conjuncts;
    SplitConjunction(std::move(e), conjuncts);
    for (auto& c : conjuncts) {
      if (HasOuterReferences(*c)) {
        predicates.push_back(std::move(c));
      } else {
        kept.push_back(std::move(c));
      }
    }
  }
  if (kept.empty()) {
    LogicalOperatorPtr child = std::move(op->children[0]);
    op = std::move(child);
  } else {
    op->expressions = std::move(kept);
  }
  return predicates;
}

std::vector<ExpressionPtr> SubqueryDecorrelator::PullProjection(LogicalOperatorPtr& op,
                                                                bool duplicates_matter,
                                                                bool under_distinct) {
  auto& projection = op->Cast<LogicalProjection>();
  bool outer_in_list = false;
  for (auto& e : projection.expressions) {
    if (HasOuterReferences(*e)) {
      if (!outer_values_)
        Unsupported("outer columns in the select list of a subquery");
      outer_in_list = true;
    }
  }
  auto predicates = Pull(op->children[0], duplicates_matter);
  // Outer columns computed in the list (a derived table's column, an ORDER
  // BY key): the input is joined with the outer values, which the list
  // reads instead, one copy of the rows per outer value they belong to.
  bool all_equalities = std::all_of(predicates.begin(), predicates.end(),
                                    [](const ExpressionPtr& p) { return IsInnerEquality(*p); });
  if (outer_in_list || (under_distinct && !all_equalities))
    JoinOuterValues(*op, predicates, {&projection.expressions});
  // The predicates now read the projection's input: pass those columns on.
  for (auto& p : predicates)
    ReadThroughProjection(p, *op);
  return predicates;
}

std::vector<ExpressionPtr> SubqueryDecorrelator::PullAggregate(LogicalOperatorPtr& op) {
  auto& aggregate = op->Cast<LogicalAggregate>();
  bool empty_set = std::any_of(aggregate.grouping_sets.begin(), aggregate.grouping_sets.end(),
                               [](const std::vector<idx_t>& set) { return set.empty(); });
  if (empty_set)
    return PullAggregateWithEmptySet(op);
  // Outer columns inside an aggregate (sum(t1.a + t2.b)): the aggregate's
  // input is joined with the outer values, which it then groups by. An
  // aggregate of outer columns alone belongs to the outer query.
  bool outer_in_aggregates = false;
  for (auto& e : aggregate.expressions) {
    if (!HasOuterReferences(*e))
      continue;
    if (!HasInnerReferences(*e) || !outer_values_)
      Unsupported("an aggregate of only outer columns inside a subquery");
    outer_in_aggregates = true;
  }
  bool outer_in_groups = false;
  for (auto& g : aggregate.groups) {
    if (!HasOuterReferences(*g))
      continue;
    if (!outer_values_)
      Unsupported("outer columns in GROUP BY");
    outer_in_groups = true;
  }
  auto predicates = Pull(op->children[0], true);
  bool had_groups = !aggregate.groups.empty();
  idx_t group_count = aggregate.groups.size();
  bool all_equalities = true;
  for (auto& p : predicates)
    all_equalities = all_equalities && IsInnerEquality(*p);
  if ((!all_equalities && outer_values_) || outer_in_aggregates || outer_in_groups) {
    std::vector<std::vector<ExpressionPtr>*> also;
    if (outer_in_aggregates)
      also.push_back(&aggregate.expressions);
    if (outer_in_groups)
      also.push_back(&aggregate.groups);
    JoinOuterValues(*op, predicates, also);
  }
  for (auto& p : predicates) {
    // Only `inner = outer` commutes with grouping: group by the inner side
    // and compare the group key with the outer value above.
    bool equality = p->expression_class == ExpressionClass::kComparison &&
                    (p->Cast<BoundComparisonExpression>().type == ComparisonType::kEqual ||
                     p->Cast<BoundComparisonExpression>().type == ComparisonType::kNotDistinctFrom);
    if (!equality)
      Unsupported("a correlated predicate other than equality under an aggregate");
    auto& cmp = p->Cast<BoundComparisonExpression>();
    bool left_inner = !HasOuterReferences(*cmp.left) && HasInnerReferences(*cmp.left) &&
                      !HasInnerReferences(*cmp.right);
    bool right_inner = !HasOuterReferences(*cmp.right) && HasInnerReferences(*cmp.right) &&
                       !HasInnerReferences(*cmp.left);
    if (!left_inner && !right_inner)
      Unsupported("a correlated equality that mixes inner and outer columns on one side");
    auto& inner = left_inner ? cmp.left : cmp.right;
    idx_t index = aggregate.groups.size();
    for (idx_t i = 0; i < aggregate.groups.size(); i++) {
      if (aggregate.groups[i]->Equals(*inner)) {
        index = i;
        break;
      }
    }
    auto type = inner->return_type;
    if (index == aggregate.groups.size())
      aggregate.groups.push_back(std::move(inner));
    inner = std::make_unique<BoundColumnRefExpression>(type,
                                                       ColumnBinding(aggregate.group_index, index));
  }
  if (!had_groups && !predicates.empty())
    grouped_scalar_aggregate_ = true;
  AddGroupsToSets(aggregate, group_count);
  return predicates;
}

void SubqueryDecorrelator::AddGroupsToSets(LogicalAggregate& aggregate, idx_t group_count) {
  if (aggregate.grouping_sets.empty() || aggregate.groups.size() == group_count)
    return;
  // The correlation keys are in every grouping set (one result per outer
  // value), and the grouping-set column moves behind them.
  for (auto& set : aggregate.grouping_sets) {
    for (idx_t g = group_count; g < aggregate.groups.size(); g++)
      set.push_back(g);
  }
  RemapBinding(**root_, ColumnBinding(aggregate.group_index, group_count),
               ColumnBinding(aggregate.group_index, aggregate.groups.size()));
}

std::vector<ExpressionPtr> SubqueryDecorrelator::PullAggregateWithEmptySet(LogicalOperatorPtr& op) {
  // GROUPING SETS with () (ROLLUP, CUBE): the empty set has a row over no
  // input, so every outer value needs one. The outer values are LEFT
  // joined with the input (a TRUE column tells matched rows), the
  // aggregates only see matched rows, and a group of another set that only
  // holds the unmatched row is dropped.
  auto& aggregate = op->Cast<LogicalAggregate>();
  if (!outer_values_ || !new_table_index_)
    Unsupported("GROUPING SETS with an empty set");
  idx_t group_count = aggregate.groups.size();
  auto predicates = Pull(op->children[0], true);
  auto flag_projection =
      std::make_unique<LogicalProjection>(new_table_index_(), std::vector<ExpressionPtr>());
  flag_projection->expressions.push_back(
      std::make_unique<BoundConstantExpression>(Value::Boolean(true)));
  flag_projection->children.push_back(std::move(op->children[0]));
  for (auto* list : {&aggregate.expressions, &aggregate.groups, &predicates}) {
    for (auto& e : *list)
      ReadThroughProjection(e, *flag_projection);
  }
  ColumnBinding flag_binding(flag_projection->table_index, 0);
  op->children[0] = std::move(flag_projection);
  auto matched = [&]() -> ExpressionPtr {
    std::vector<ExpressionPtr> operand;
    operand.push_back(
        std::make_unique<BoundColumnRefExpression>(LogicalTypeId::kBoolean, flag_binding));
    return std::make_unique<BoundOperatorExpression>(OperatorType::kIsNotNull,
                                                     LogicalTypeId::kBoolean, std::move(operand));
  };
  for (auto& e : aggregate.expressions) {
    auto& call = e->Cast<BoundAggregateExpression>();
    if (call.filter) {
      std::vector<ExpressionPtr> both;
      both.push_back(matched());
      both.push_back(std::move(call.filter));
      call.filter = MakeConjunction(std::move(both));
    } else {
      call.filter = matched();
    }
  }
  // How many input rows a group holds.
  auto* count_star = FunctionRegistry::BuiltIns().GetAggregate("count_star");
  if (!count_star || count_star->empty())
    throw InternalException("count_star is not registered");
  auto count = std::make_unique<BoundAggregateExpression>(
      (*count_star)[0], std::vector<ExpressionPtr>(), nullptr, false);
  count->filter = matched();
  idx_t count_index = aggregate.expressions.size();
  aggregate.expressions.push_back(std::move(count));
  JoinOuterValues(*op, predicates, {&aggregate.expressions, &aggregate.groups}, JoinType::kLeft);
  // The pulled-up predicates are `value IS NOT DISTINCT FROM outer`: group
  // by the values.
  for (auto& p : predicates) {
    auto& cmp = p->Cast<BoundComparisonExpression>();
    auto type = cmp.left->return_type;
    aggregate.groups.push_back(std::move(cmp.left));
    cmp.left = std::make_unique<BoundColumnRefExpression>(
        type, ColumnBinding(aggregate.group_index, aggregate.groups.size() - 1));
  }
  AddGroupsToSets(aggregate, group_count);
  // Keep a group with rows, or of an originally empty set.
  std::vector<ExpressionPtr> keep;
  keep.push_back(std::make_unique<BoundComparisonExpression>(
      ComparisonType::kGreaterThan,
      std::make_unique<BoundColumnRefExpression>(
          LogicalTypeId::kBigInt, ColumnBinding(aggregate.aggregate_index, count_index)),
      std::make_unique<BoundConstantExpression>(Value::BigInt(0))));
  for (idx_t s = 0; s < aggregate.grouping_sets.size(); s++) {
    if (aggregate.grouping_sets[s].size() != aggregate.groups.size() - group_count)
      continue;
    keep.push_back(std::make_unique<BoundComparisonExpression>(
        ComparisonType::kEqual,
        std::make_unique<BoundColumnRefExpression>(
            LogicalTypeId::kInteger, ColumnBinding(aggregate.group_index, aggregate.groups.size())),
        std::make_unique<BoundConstantExpression>(Value::Integer(static_cast<int32_t>(s)))));
  }
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions.push_back(
      std::make_unique<BoundConjunctionExpression>(ConjunctionType::kOr, std::move(keep)));
  filter->children.push_back(std::move(op));
  op = std::move(filter);
  return predicates;
}

void SubqueryDecorrelator::JoinOuterValues(LogicalOperator& op,
                                           std::vector<ExpressionPtr>& predicates,
                                           const std::vector<std::vector<ExpressionPtr>*>& also,
                                           JoinType type) {
  // The outer columns the predicates read, once each.
  const char* deeper = "a predicate over two enclosing queries under an aggregate";
  std::vector<ExpressionPtr> outer;
  for (auto& p : predicates)
    CollectOuterColumns(*p, outer, deeper);
  for (auto* list : also) {
    for (auto& e : *list)
      CollectOuterColumns(*e, outer, deeper);
  }
  std::vector<const Expression*> outer_raw;
  for (auto& c : outer)
    outer_raw.push_back(c.get());
  std::vector<ColumnBinding> bindings;
  auto values = outer_values_(outer_raw, bindings);
  // The predicates read the outer values' columns instead: no longer
  // correlated, they join the values with the aggregate's input.
  for (auto* list : also) {
    for (auto& e : *list)
      ReadOuterValues(e, outer, bindings);
  }
  auto join = JoinWithOuterValues(std::move(values), std::move(op.children[0]), predicates, outer,
                                  bindings, type);
  op.children[0] = std::move(join);
  // What is pulled up instead: each outer value equals the outer column
  // (NULL included, as a NULL outer value has a group of its own).
  for (idx_t i = 0; i < outer.size(); i++) {
    predicates.push_back(std::make_unique<BoundComparisonExpression>(
        ComparisonType::kNotDistinctFrom,
        std::make_unique<BoundColumnRefExpression>(outer[i]->return_type, bindings[i]),
        std::move(outer[i])));
  }
}

std::vector<ExpressionPtr> SubqueryDecorrelator::PullLimit(LogicalOperatorPtr& op) {
  // [ORDER BY o] LIMIT n OFFSET m per outer value: the rows numbered
  // m+1..m+n by ROW_NUMBER() OVER (PARTITION BY the inner sides of the
  // correlated equalities ORDER BY o).
  auto& limit = op->Cast<LogicalLimit>();
  if (!new_table_index_)
    Unsupported("LIMIT or OFFSET over outer columns");
  LogicalOperator* owner = op.get();
  std::vector<BoundOrderByNode> orders;
  if (op->children[0]->type == LogicalOperatorType::kOrder) {
    owner = op->children[0].get();
    for (auto& o : owner->Cast<LogicalOrder>().orders)
      orders.push_back(o.Copy());
  }
  // ORDER BY over outer columns (the nearest value: ORDER BY abs(v - o.x)):
  // the keys read the outer values joined in below.
  bool outer_in_orders = false;
  for (auto& o : orders)
    outer_in_orders = outer_in_orders || HasOuterReferences(*o.expression);
  auto predicates = Pull(owner->children[0], true);
  auto is_inner_equality = [](const ExpressionPtr& p, bool* left_inner) {
    if (p->expression_class != ExpressionClass::kComparison)
      return false;
    auto& cmp = p->Cast<BoundComparisonExpression>();
    if (cmp.type != ComparisonType::kEqual && cmp.type != ComparisonType::kNotDistinctFrom)
      return false;
    bool left = !HasOuterReferences(*cmp.left) && HasInnerReferences(*cmp.left) &&
                !HasInnerReferences(*cmp.right);
    bool right = !HasOuterReferences(*cmp.right) && HasInnerReferences(*cmp.right) &&
                 !HasInnerReferences(*cmp.left);
    *left_inner = left;
    return left || right;
  };
  bool all_equalities = true;
  for (auto& p : predicates) {
    bool left = false;
    all_equalities = all_equalities && is_inner_equality(p, &left);
  }
  if (!all_equalities || outer_in_orders) {
    if (!outer_values_)
      Unsupported("a correlated predicate other than equality under LIMIT");
    std::vector<ExpressionPtr> keys;
    for (auto& o : orders)
      keys.push_back(std::move(o.expression));
    JoinOuterValues(*owner, predicates, {&keys});
    for (idx_t i = 0; i < orders.size(); i++)
      orders[i].expression = std::move(keys[i]);
    // The subquery's own columns first: its value is its first column.
    auto& join = owner->children[0];
    std::swap(join->children[0], join->children[1]);
  }
  auto window = std::make_unique<BoundWindowExpression>(WindowFunctionType::kRowNumber,
                                                        "row_number", LogicalTypeId::kBigInt);
  for (auto& p : predicates) {
    bool left = false;
    if (!is_inner_equality(p, &left))
      Unsupported("a correlated equality that mixes inner and outer columns on one side");
    auto& cmp = p->Cast<BoundComparisonExpression>();
    window->partitions.push_back((left ? cmp.left : cmp.right)->Copy());
  }
  window->orders = std::move(orders);
  window->frame_mode = WindowFrameMode::kRows;
  idx_t window_index = new_table_index_();
  std::vector<ExpressionPtr> windows;
  windows.push_back(std::move(window));
  auto logical_window = std::make_unique<LogicalWindow>(window_index, std::move(windows));
  logical_window->children.push_back(std::move(owner->children[0]));
  auto row_number = [&]() {
    return std::make_unique<BoundColumnRefExpression>(LogicalTypeId::kBigInt,
                                                      ColumnBinding(window_index, 0));
  };
  auto filter = std::make_unique<LogicalFilter>();
  if (limit.offset > 0) {
    filter->expressions.push_back(std::make_unique<BoundComparisonExpression>(
        ComparisonType::kGreaterThan, row_number(),
        std::make_unique<BoundConstantExpression>(
            Value::BigInt(static_cast<int64_t>(limit.offset)))));
  }
  if (limit.limit != kInvalidIndex) {
    filter->expressions.push_back(std::make_unique<BoundComparisonExpression>(
        ComparisonType::kLessThanOrEqual, row_number(),
        std::make_unique<BoundConstantExpression>(
            Value::BigInt(static_cast<int64_t>(limit.offset + limit.limit)))));
  }
  if (filter->expressions.empty()) {
    op = std::move(logical_window);
  } else {
    filter->children.push_back(std::move(logical_window));
    op = std::move(filter);
  }
  return predicates;
}

std::vector<ExpressionPtr> SubqueryDecorrelator::PullSetOperation(LogicalOperatorPtr& op) {
  auto& setop = op->Cast<LogicalSetOperation>();
  if (!outer_values_)
    Unsupported("outer columns in a set operation");
  std::vector<std::vector<ExpressionPtr>> predicates(2);
  for (idx_t b = 0; b < 2; b++) {
    predicates[b] = Pull(setop.children[b], true);
    if (HasOuterReferences(*setop.children[b]))
      Unsupported("outer columns in a set operation branch's select list");
  }
  // The outer columns either branch reads, once each.
  std::vector<ExpressionPtr> outer;
  for (auto& list : predicates) {
    for (auto& p : list)
      CollectOuterColumns(*p, outer, "a set operation over two enclosing queries");
  }
  std::vector<const Expression*> outer_raw;
  for (auto& c : outer)
    outer_raw.push_back(c.get());
  // Each branch: its rows joined with the outer values they belong to,
  // then its columns followed by the values.
  for (idx_t b = 0; b < 2; b++) {
    std::vector<ColumnBinding> bindings;
    auto values = outer_values_(outer_raw, bindings);
    auto branch_bindings = setop.children[b]->GetColumnBindings();
    setop.children[b]->ResolveOperatorTypes();
    auto branch_types = setop.children[b]->types;
    auto join = JoinWithOuterValues(std::move(setop.children[b]), std::move(values), predicates[b],
                                    outer, bindings);
    std::vector<ExpressionPtr> list;
    for (idx_t c = 0; c < setop.column_count; c++) {
      list.push_back(
          std::make_unique<BoundColumnRefExpression>(branch_types[c], branch_bindings[c]));
    }
    for (idx_t i = 0; i < outer.size(); i++)
      list.push_back(
          std::make_unique<BoundColumnRefExpression>(outer[i]->return_type, bindings[i]));
    if (!new_table_index_)
      Unsupported("outer columns in a set operation");
    auto projection = std::make_unique<LogicalProjection>(new_table_index_(), std::move(list));
    projection->children.push_back(std::move(join));
    setop.children[b] = std::move(projection);
  }
  idx_t first = setop.column_count;
  setop.column_count += outer.size();
  std::vector<ExpressionPtr> result;
  for (idx_t i = 0; i < outer.size(); i++) {
    auto type = outer[i]->return_type;
    result.push_back(std::make_unique<BoundComparisonExpression>(
        ComparisonType::kNotDistinctFrom,
        std::make_unique<BoundColumnRefExpression>(type,
                                                   ColumnBinding(setop.table_index, first + i)),
        std::move(outer[i])));
  }
  return result;
}

std::vector<ExpressionPtr> SubqueryDecorrelator::PullJoin(LogicalOperatorPtr& op,
                                                          bool duplicates_matter) {
  auto& join = op->Cast<LogicalJoin>();
  bool condition_outer = join.residual && HasOuterReferences(*join.residual);
  for (auto& c : join.conditions) {
    condition_outer =
        condition_outer || HasOuterReferences(*c.left) || HasOuterReferences(*c.right);
  }
  bool right_outer = condition_outer || HasOuterReferences(*join.children[1]);
  // A semi join under EXISTS/IN can become an inner join: the extra copies
  // of a row do not change whether a row exists, and its right columns
  // become visible to the predicates pulled above it.
  if (join.join_type == JoinType::kSemi && right_outer && !duplicates_matter)
    join.join_type = JoinType::kInner;
  if (join.join_type == JoinType::kRight && outer_values_ &&
      (condition_outer || HasOuterReferences(*join.children[0]))) {
    // u RIGHT JOIN t is t LEFT JOIN u: the nullable side goes right.
    std::swap(join.children[0], join.children[1]);
    for (auto& c : join.conditions) {
      std::swap(c.left, c.right);
      c.comparison = FlipComparison(c.comparison);
    }
    join.join_type = JoinType::kLeft;
    right_outer = condition_outer || HasOuterReferences(*join.children[1]);
  }
  // SINGLE and MARK joins (planned subqueries) keep their left rows too.
  bool left_kept = join.join_type == JoinType::kLeft || join.join_type == JoinType::kSemi ||
                   join.join_type == JoinType::kAnti || join.join_type == JoinType::kSingle ||
                   join.join_type == JoinType::kMark;
  if (left_kept && right_outer && outer_values_)
    return PullOuterJoinCondition(join, duplicates_matter);
  if (join.join_type != JoinType::kInner) {
    bool left_preserving = join.join_type != JoinType::kRight && join.join_type != JoinType::kFull;
    if (right_outer || !left_preserving)
      Unsupported("outer columns on the inner side of an outer, semi or anti join");
    return Pull(join.children[0], duplicates_matter);
  }
  auto predicates = Pull(join.children[0], duplicates_matter);
  auto right = Pull(join.children[1], duplicates_matter);
  for (auto& p : right)
    predicates.push_back(std::move(p));
  std::vector<JoinCondition> kept;
  for (auto& c : join.conditions) {
    if (HasOuterReferences(*c.left) || HasOuterReferences(*c.right)) {
      predicates.push_back(std::make_unique<BoundComparisonExpression>(
          c.comparison, std::move(c.left), std::move(c.right)));
    } else {
      kept.push_back(std::move(c));
    }
  }
  join.conditions = std::move(kept);
  if (join.residual) {
    std::vector<ExpressionPtr> conjuncts, rest;
    SplitConjunction(std::move(join.residual), conjuncts);
    for (auto& c : conjuncts) {
      if (HasOuterReferences(*c)) {
        predicates.push_back(std::move(c));
      } else {
        rest.push_back(std::move(c));
      }
    }
    join.residual = MakeConjunction(std::move(rest));
  }
  return predicates;
}

std::vector<ExpressionPtr> SubqueryDecorrelator::PullOuterJoinCondition(LogicalJoin& join,
                                                                        bool duplicates_matter) {
  // t LEFT JOIN u ON u.k = outer.x (or SEMI/ANTI): the condition cannot go
  // above the join, which decides u's rows per outer row. The kept side is
  // joined with the outer values instead, and the condition reads them.
  // Correlated predicates of the nullable side u join the ON clause (a
  // filter of u is a condition of the join).
  auto predicates = Pull(join.children[0], duplicates_matter);
  std::vector<ExpressionPtr> on = Pull(join.children[1], true);
  for (auto& c : join.conditions) {
    on.push_back(std::make_unique<BoundComparisonExpression>(c.comparison, std::move(c.left),
                                                             std::move(c.right)));
  }
  join.conditions.clear();
  if (join.residual)
    SplitConjunction(std::move(join.residual), on);
  JoinOuterValues(join, predicates, {&on});
  AddJoinPredicates(join, std::move(on));
  return predicates;
}

}  // namespace tributary
