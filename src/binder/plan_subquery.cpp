// Planning of subquery expressions: each BoundSubqueryExpression becomes a
// join of the plan that evaluates the expression (left) with the subquery's
// plan (right), and the expression is replaced by a column of that join:
//   scalar        -> SINGLE join (NULL without a match, 21000 with two)
//   EXISTS / ANY  -> MARK join (a BOOLEAN column with ANY's NULL semantics)
//   WHERE-level EXISTS / IN / ANY -> SEMI join, NOT EXISTS -> ANTI join
// A correlated subquery is first decorrelated (SubqueryDecorrelator): its
// predicates over outer columns become the join's conditions, so the
// subquery runs once for all outer rows.
#include <unordered_map>

#include "binder/binder.h"
#include "binder/subquery_decorrelator.h"
#include "common/exception.h"
#include "execution/expression_executor.h"
#include "optimizer/expression_bindings.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_case_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_operator_expression.h"
#include "planner/expression/bound_subquery_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_cte_scan.h"
#include "planner/operator/logical_distinct.h"
#include "planner/operator/logical_filter.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_projection.h"
#include "types/cast.h"

namespace tributary {

namespace {

ExpressionPtr IsTrue(ExpressionPtr expr) {
  return std::make_unique<BoundComparisonExpression>(
      ComparisonType::kNotDistinctFrom, std::move(expr),
      std::make_unique<BoundConstantExpression>(Value::Boolean(true)));
}

bool HasReferences(const Expression& expr) {
  std::vector<ColumnBinding> bindings;
  CollectBindings(expr, bindings);
  return !bindings.empty();
}

// A join of `left` and `right` on `predicates`. Comparisons of a left and
// a right expression become conditions (hash-joinable when equalities);
// the rest form the residual. `as_filters`: the predicates come from the
// subquery's WHERE, where NULL means "no row", so in a MARK join they are
// wrapped in IS TRUE and never make the mark NULL.
std::unique_ptr<LogicalJoin> MakeJoin(JoinType type, LogicalOperatorPtr left,
                                      LogicalOperatorPtr right,
                                      std::vector<ExpressionPtr> predicates, bool as_filters) {
  auto join = std::make_unique<LogicalJoin>(type);
  auto left_bindings = left->GetColumnBindings();
  auto right_bindings = right->GetColumnBindings();
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  std::vector<ExpressionPtr> residual;
  for (auto& p : predicates) {
    if (!as_filters && p->expression_class == ExpressionClass::kComparison &&
        p->Cast<BoundComparisonExpression>().type != ComparisonType::kDistinctFrom &&
        !SubqueryDecorrelator::HasOuterReferences(*p)) {
      auto& cmp = p->Cast<BoundComparisonExpression>();
      if (HasReferences(*cmp.left) && HasReferences(*cmp.right)) {
        if (ReferencesOnly(*cmp.left, left_bindings) &&
            ReferencesOnly(*cmp.right, right_bindings)) {
          join->conditions.push_back({std::move(cmp.left), std::move(cmp.right), cmp.type});
          continue;
        }
        if (ReferencesOnly(*cmp.left, right_bindings) &&
            ReferencesOnly(*cmp.right, left_bindings)) {
          join->conditions.push_back(
              {std::move(cmp.right), std::move(cmp.left), FlipComparison(cmp.type)});
          continue;
        }
      }
    }
    residual.push_back(as_filters ? IsTrue(std::move(p)) : std::move(p));
  }
  if (residual.size() == 1) {
    join->residual = std::move(residual[0]);
  } else if (!residual.empty()) {
    join->residual =
        std::make_unique<BoundConjunctionExpression>(ConjunctionType::kAnd, std::move(residual));
  }
  return join;
}

// `value` (the subquery's first column, maybe cast) with that column
// replaced by the lifted select-list expression.
ExpressionPtr LiftValue(ExpressionPtr value, ColumnBinding column, const Expression& lifted) {
  std::unordered_map<ColumnBinding, const Expression*, ColumnBindingHash> map;
  map[column] = &lifted;
  return ReplaceBindings(std::move(value), map);
}

Value EmptyAggregateValue(const BoundAggregateExpression& aggregate) {
  if (aggregate.function.name == "count" || aggregate.function.name == "count_star")
    return CastValue(Value::BigInt(0), aggregate.return_type);
  return Value::Null(aggregate.return_type);
}

// `value` (over the aggregate's output, below `op`, a PROJECTION [FILTER]
// AGGREGATE) as it is when the aggregate sees no rows: NULL when HAVING
// rejects that row.
ExpressionPtr EmptyAggregateExpression(LogicalOperator& op, const Expression& value) {
  std::vector<const Expression*> having;
  LogicalOperator* below = op.children[0].get();
  while (below->type == LogicalOperatorType::kFilter) {
    for (auto& e : below->expressions)
      having.push_back(e.get());
    below = below->children[0].get();
  }
  if (below->type != LogicalOperatorType::kAggregate) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "this correlated subquery is not supported yet: unexpected aggregate shape");
  }
  auto& aggregate = below->Cast<LogicalAggregate>();
  std::vector<ExpressionPtr> constants;
  std::unordered_map<ColumnBinding, const Expression*, ColumnBindingHash> map;
  for (idx_t i = 0; i < aggregate.expressions.size(); i++) {
    constants.push_back(std::make_unique<BoundConstantExpression>(
        EmptyAggregateValue(aggregate.expressions[i]->Cast<BoundAggregateExpression>())));
    map[ColumnBinding(aggregate.aggregate_index, i)] = constants.back().get();
  }
  for (auto* h : having) {
    auto pass_expr = ReplaceBindings(h->Copy(), map);
    if (!pass_expr->IsFoldable())
      throw Exception(sqlstate::kFeatureNotSupported,
                      "this correlated subquery is not supported yet: HAVING over outer columns");
    Value pass = ExpressionExecutor::EvaluateConstant(*pass_expr);
    if (pass.IsNull() || !pass.GetBool())
      return std::make_unique<BoundConstantExpression>(Value::Null(value.return_type));
  }
  return ReplaceBindings(value.Copy(), map);
}

// The value a scalar subquery of the shape [ORDER] PROJECTION [FILTER]
// AGGREGATE (no GROUP BY) returns when the aggregate sees no rows.
Value EmptySubqueryValue(LogicalOperator& plan) {
  LogicalOperator* op = &plan;
  while (op->type == LogicalOperatorType::kOrder)
    op = op->children[0].get();
  if (op->type != LogicalOperatorType::kProjection) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "this correlated subquery is not supported yet: aggregate below a "
                    "projection of a projection");
  }
  auto& projection = op->Cast<LogicalProjection>();
  std::vector<const Expression*> having;
  LogicalOperator* below = projection.children[0].get();
  while (below->type == LogicalOperatorType::kFilter) {
    for (auto& e : below->expressions)
      having.push_back(e.get());
    below = below->children[0].get();
  }
  if (below->type != LogicalOperatorType::kAggregate) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "this correlated subquery is not supported yet: unexpected aggregate shape");
  }
  auto& aggregate = below->Cast<LogicalAggregate>();
  std::vector<ExpressionPtr> constants;
  std::unordered_map<ColumnBinding, const Expression*, ColumnBindingHash> map;
  for (idx_t i = 0; i < aggregate.expressions.size(); i++) {
    constants.push_back(std::make_unique<BoundConstantExpression>(
        EmptyAggregateValue(aggregate.expressions[i]->Cast<BoundAggregateExpression>())));
    map[ColumnBinding(aggregate.aggregate_index, i)] = constants.back().get();
  }
  auto& first = projection.expressions[0];
  for (auto* h : having) {
    Value pass = ExpressionExecutor::EvaluateConstant(*ReplaceBindings(h->Copy(), map));
    if (pass.IsNull() || !pass.GetBool())
      return Value::Null(first->return_type);
  }
  auto value = ReplaceBindings(first->Copy(), map);
  if (!value->IsFoldable())
    return Value::Null(first->return_type);
  return ExpressionExecutor::EvaluateConstant(*value);
}

}  // namespace

LogicalOperatorPtr Binder::DistinctOuterValues(LogicalOperator& root,
                                               const std::vector<const Expression*>& columns,
                                               std::vector<ColumnBinding>& bindings) {
  // The columns' table (or computed-once CTE), scanned once more: its
  // distinct values are a superset of those the outer rows carry, which is
  // all the join with the outer query needs.
  LogicalOperator* source = nullptr;
  std::function<LogicalOperator*(LogicalOperator&, idx_t)> find =
      [&](LogicalOperator& op, idx_t index) -> LogicalOperator* {
    if (op.type == LogicalOperatorType::kGet && op.Cast<LogicalGet>().table_index == index)
      return &op;
    if (op.type == LogicalOperatorType::kCteScan &&
        op.Cast<LogicalCteScan>().table_index == index) {
      return &op;
    }
    for (auto& child : op.children) {
      if (auto* found = find(*child, index))
        return found;
    }
    return nullptr;
  };
  for (auto* c : columns) {
    auto& ref = c->Cast<BoundColumnRefExpression>();
    auto* get = find(root, ref.binding.table_index);
    if (!get || (source && get != source)) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "this correlated subquery is not supported yet: a correlated predicate "
                      "other than equality under an aggregate must read columns of one table");
    }
    source = get;
  }
  LogicalOperatorPtr scan;
  idx_t scan_index = GenerateTableIndex();
  if (source->type == LogicalOperatorType::kGet) {
    scan = std::make_unique<LogicalGet>(scan_index, source->Cast<LogicalGet>().table);
  } else {
    auto& cte = source->Cast<LogicalCteScan>();
    scan = AddCteScan(cte.info, scan_index, cte.column_types);
  }
  std::vector<ExpressionPtr> list;
  for (auto* c : columns) {
    auto& ref = c->Cast<BoundColumnRefExpression>();
    list.push_back(std::make_unique<BoundColumnRefExpression>(
        c->return_type, ColumnBinding(scan_index, ref.binding.column_index)));
  }
  auto projection = std::make_unique<LogicalProjection>(GenerateTableIndex(), std::move(list));
  projection->children.push_back(std::move(scan));
  bindings = projection->GetColumnBindings();
  auto distinct = std::make_unique<LogicalDistinct>();
  distinct->children.push_back(std::move(projection));
  return distinct;
}

Binder::PreparedSubquery Binder::PrepareSubquery(BoundSubqueryExpression& expr,
                                                 LogicalOperator& root,
                                                 const OuterRewrite* rewrite) {
  PreparedSubquery result;
  result.plan = std::move(expr.subplan);
  if (!SubqueryDecorrelator::HasOuterReferences(*result.plan)) {
    if (expr.subquery_type == SubqueryType::kExists) {
      // Whether a row exists needs at most one row.
      auto limit = std::make_unique<LogicalLimit>(1, 0);
      limit->children.push_back(std::move(result.plan));
      result.plan = std::move(limit);
    }
    return result;
  }
  // Outer columns in the select list: EXISTS ignores the list; for a value
  // (scalar, ANY) the expression is computed above the join instead.
  LogicalOperator* top = result.plan.get();
  if (expr.subquery_type == SubqueryType::kExists) {
    while (top->type == LogicalOperatorType::kLimit || top->type == LogicalOperatorType::kOrder ||
           top->type == LogicalOperatorType::kDistinct) {
      top = top->children[0].get();
    }
    if (top->type == LogicalOperatorType::kProjection) {
      for (auto& e : top->expressions) {
        if (SubqueryDecorrelator::HasOuterReferences(*e))
          e = std::make_unique<BoundConstantExpression>(Value::Null(e->return_type));
      }
    }
  } else if (top->type == LogicalOperatorType::kProjection &&
             SubqueryDecorrelator::HasOuterReferences(*top->expressions[0])) {
    auto type = top->expressions[0]->return_type;
    result.lifted_value = std::move(top->expressions[0]);
    top->expressions[0] = std::make_unique<BoundConstantExpression>(Value::Null(type));
  }
  SubqueryDecorrelator decorrelator(
      expr.subquery_type != SubqueryType::kScalar,
      [&](const std::vector<const Expression*>& columns, std::vector<ColumnBinding>& bindings) {
        return DistinctOuterValues(root, columns, bindings);
      },
      [this]() { return GenerateTableIndex(); });
  result.predicates = decorrelator.Decorrelate(result.plan);
  result.grouped_scalar_aggregate = decorrelator.grouped_scalar_aggregate();
  if (result.grouped_scalar_aggregate && expr.subquery_type != SubqueryType::kScalar) {
    // An aggregate without GROUP BY has a row for every outer row, which
    // the outer rows without a group would lose.
    throw Exception(sqlstate::kFeatureNotSupported,
                    "this correlated subquery is not supported yet: EXISTS or IN over an "
                    "aggregate without GROUP BY");
  }
  if (result.lifted_value) {
    if (result.grouped_scalar_aggregate) {
      if (top->type != LogicalOperatorType::kProjection) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "this correlated subquery is not supported yet: outer columns beside an "
                        "aggregate in the select list");
      }
      result.empty_lifted_value = EmptyAggregateExpression(*top, *result.lifted_value);
      SubqueryDecorrelator::LowerDepth(*result.empty_lifted_value);
    }
    SubqueryDecorrelator::ReadThroughProjection(result.lifted_value, *top);
    SubqueryDecorrelator::LowerDepth(*result.lifted_value);
    auto& projection = top->Cast<LogicalProjection>();
    projection.expressions.push_back(
        std::make_unique<BoundConstantExpression>(Value::Boolean(true)));
    result.match_flag = std::make_unique<BoundColumnRefExpression>(
        LogicalTypeId::kBoolean,
        ColumnBinding(projection.table_index, projection.expressions.size() - 1));
  }
  if (rewrite) {
    auto inner = result.plan->GetColumnBindings();
    for (auto& p : result.predicates)
      p = (*rewrite)(std::move(p), inner);
  }
  return result;
}

ExpressionPtr Binder::PlanSubquery(BoundSubqueryExpression& expr, LogicalOperatorPtr& root,
                                   const OuterRewrite* rewrite) {
  auto prepared = PrepareSubquery(expr, *root, rewrite);
  auto bindings = prepared.plan->GetColumnBindings();
  switch (expr.subquery_type) {
    case SubqueryType::kScalar: {
      ExpressionPtr value =
          std::make_unique<BoundColumnRefExpression>(expr.return_type, bindings[0]);
      if (prepared.lifted_value) {
        // No matching row gives NULL, whatever the lifted expression says.
        std::vector<ExpressionPtr> is_null;
        is_null.push_back(std::move(prepared.match_flag));
        std::vector<BoundCaseCheck> checks;
        ExpressionPtr when_none =
            prepared.empty_lifted_value
                ? std::move(prepared.empty_lifted_value)
                : std::make_unique<BoundConstantExpression>(Value::Null(expr.return_type));
        checks.push_back({std::make_unique<BoundOperatorExpression>(
                              OperatorType::kIsNull, LogicalTypeId::kBoolean, std::move(is_null)),
                          std::move(when_none)});
        value = std::make_unique<BoundCaseExpression>(expr.return_type, std::move(checks),
                                                      std::move(prepared.lifted_value));
      }
      if (prepared.grouped_scalar_aggregate) {
        // COUNT bug: an outer row without a group gets the aggregate's
        // value over no rows, which is not always NULL (count(*) = 0).
        Value empty = EmptySubqueryValue(*prepared.plan);
        if (!empty.IsNull()) {
          LogicalOperator* op = prepared.plan.get();
          while (op->type != LogicalOperatorType::kProjection)
            op = op->children[0].get();
          auto& projection = op->Cast<LogicalProjection>();
          projection.expressions.push_back(
              std::make_unique<BoundConstantExpression>(Value::Boolean(true)));
          auto flag = std::make_unique<BoundColumnRefExpression>(
              LogicalTypeId::kBoolean,
              ColumnBinding(projection.table_index, projection.expressions.size() - 1));
          std::vector<ExpressionPtr> is_null;
          is_null.push_back(std::move(flag));
          std::vector<BoundCaseCheck> checks;
          checks.push_back({std::make_unique<BoundOperatorExpression>(
                                OperatorType::kIsNull, LogicalTypeId::kBoolean, std::move(is_null)),
                            std::make_unique<BoundConstantExpression>(empty)});
          value = std::make_unique<BoundCaseExpression>(expr.return_type, std::move(checks),
                                                        std::move(value));
        }
      }
      root = MakeJoin(JoinType::kSingle, std::move(root), std::move(prepared.plan),
                      std::move(prepared.predicates), false);
      return value;
    }
    case SubqueryType::kExists: {
      bool correlated = !prepared.predicates.empty();
      auto join = MakeJoin(JoinType::kMark, std::move(root), std::move(prepared.plan),
                           std::move(prepared.predicates), false);
      join->mark_index = GenerateTableIndex();
      ExpressionPtr mark = std::make_unique<BoundColumnRefExpression>(
          LogicalTypeId::kBoolean, ColumnBinding(join->mark_index, 0));
      root = std::move(join);
      // A NULL correlation key means "no such row", never an unknown EXISTS.
      return correlated ? IsTrue(std::move(mark)) : std::move(mark);
    }
    case SubqueryType::kAny: {
      auto join = MakeJoin(JoinType::kMark, std::move(root), std::move(prepared.plan),
                           std::move(prepared.predicates), true);
      if (prepared.lifted_value) {
        // The compared value reads both sides: part of the residual.
        std::vector<ExpressionPtr> parts;
        if (join->residual)
          parts.push_back(std::move(join->residual));
        parts.push_back(std::make_unique<BoundComparisonExpression>(
            expr.comparison, std::move(expr.child),
            LiftValue(std::move(expr.subquery_value), bindings[0], *prepared.lifted_value)));
        join->residual = parts.size() == 1 ? std::move(parts[0])
                                           : std::make_unique<BoundConjunctionExpression>(
                                                 ConjunctionType::kAnd, std::move(parts));
      } else {
        join->conditions.push_back(
            {std::move(expr.child), std::move(expr.subquery_value), expr.comparison});
      }
      join->mark_index = GenerateTableIndex();
      ExpressionPtr mark = std::make_unique<BoundColumnRefExpression>(
          LogicalTypeId::kBoolean, ColumnBinding(join->mark_index, 0));
      root = std::move(join);
      return mark;
    }
  }
  throw InternalException("unknown subquery type");
}

ExpressionPtr Binder::PlanSubqueries(ExpressionPtr expr, LogicalOperatorPtr& root,
                                     const OuterRewrite* rewrite) {
  if (!expr->HasSubquery())
    return expr;
  if (expr->expression_class == ExpressionClass::kSubquery) {
    auto& subquery = expr->Cast<BoundSubqueryExpression>();
    if (subquery.child)
      subquery.child = PlanSubqueries(std::move(subquery.child), root, rewrite);
    auto result = PlanSubquery(subquery, root, rewrite);
    result->alias = expr->alias;
    return result;
  }
  expr->ForEachChild(
      [&](ExpressionPtr& child) { child = PlanSubqueries(std::move(child), root, rewrite); });
  return expr;
}

bool Binder::TryPlanSemiJoin(ExpressionPtr& conjunct, LogicalOperatorPtr& root,
                             const OuterRewrite* rewrite) {
  Expression* e = conjunct.get();
  bool negated = false;
  if (e->expression_class == ExpressionClass::kOperator &&
      e->Cast<BoundOperatorExpression>().type == OperatorType::kNot) {
    negated = true;
    e = e->Cast<BoundOperatorExpression>().children[0].get();
  }
  if (e->expression_class != ExpressionClass::kSubquery)
    return false;
  auto& subquery = e->Cast<BoundSubqueryExpression>();
  // NOT IN / ALL need the mark join's NULL handling; an anti join would
  // return rows where PostgreSQL's answer is NULL.
  if (subquery.subquery_type == SubqueryType::kScalar ||
      (negated && subquery.subquery_type != SubqueryType::kExists)) {
    return false;
  }
  if (subquery.child)
    subquery.child = PlanSubqueries(std::move(subquery.child), root, rewrite);
  auto prepared = PrepareSubquery(subquery, *root, rewrite);
  if (subquery.subquery_type == SubqueryType::kAny) {
    auto value = std::move(subquery.subquery_value);
    if (prepared.lifted_value) {
      value = LiftValue(std::move(value), prepared.plan->GetColumnBindings()[0],
                        *prepared.lifted_value);
    }
    prepared.predicates.push_back(std::make_unique<BoundComparisonExpression>(
        subquery.comparison, std::move(subquery.child), std::move(value)));
  }
  auto join = MakeJoin(negated ? JoinType::kAnti : JoinType::kSemi, std::move(root),
                       std::move(prepared.plan), std::move(prepared.predicates), false);
  if (subquery.subquery_type == SubqueryType::kAny && join->conditions.empty() && !join->residual) {
    throw InternalException("ANY subquery without a comparison");
  }
  root = std::move(join);
  return true;
}

LogicalOperatorPtr Binder::PlanFilter(ExpressionPtr predicate, LogicalOperatorPtr root,
                                      const OuterRewrite* rewrite) {
  std::vector<ExpressionPtr> conjuncts, remaining;
  SplitConjunction(std::move(predicate), conjuncts);
  for (auto& c : conjuncts) {
    if (!c->HasSubquery()) {
      remaining.push_back(std::move(c));
    } else if (!TryPlanSemiJoin(c, root, rewrite)) {
      remaining.push_back(PlanSubqueries(std::move(c), root, rewrite));
    }
  }
  if (remaining.empty())
    return root;
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions = std::move(remaining);
  filter->children.push_back(std::move(root));
  return filter;
}

}  // namespace tributary
