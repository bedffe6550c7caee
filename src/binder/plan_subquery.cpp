// Planning of subquery expressions: each BoundSubqueryExpression becomes a
// join of the plan that evaluates the expression (left) with the subquery's
// plan (right), and the expression is replaced by a column of that join:
//   scalar        -> SINGLE join (NULL without a match, 21000 with two)
//   EXISTS / ANY  -> MARK join (a BOOLEAN column with ANY's NULL semantics)
//   WHERE-level EXISTS / IN / ANY -> SEMI join, NOT EXISTS -> ANTI join
// A correlated subquery is first decorrelated (SubqueryDecorrelator): its
// predicates over outer columns become the join's conditions, so the
// subquery runs once for all outer rows. EXISTS / ANY over an aggregate
// without GROUP BY, which has a row for every outer row, is a SINGLE join
// like a scalar subquery (PlanOverUngroupedAggregate).
#include <algorithm>
#include <unordered_map>

#include "binder/binder.h"
#include "binder/join_predicates.h"
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

// A join of `left` and `right` on `predicates`. Comparisons of a left and
// a right expression become conditions (hash-joinable when equalities);
// the rest form the residual. `as_filters`: the predicates come from the
// subquery's WHERE, where NULL means "no row", so in a MARK join they are
// wrapped in IS TRUE and never make the mark NULL.
std::unique_ptr<LogicalJoin> MakeJoin(JoinType type, LogicalOperatorPtr left,
                                      LogicalOperatorPtr right,
                                      std::vector<ExpressionPtr> predicates, bool as_filters) {
  auto join = std::make_unique<LogicalJoin>(type);
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  if (as_filters) {
    AddJoinPredicates(
        *join, std::move(predicates), [](const Expression&) { return false; }, IsTrue);
  } else {
    AddJoinPredicates(*join, std::move(predicates), [](const Expression& p) {
      return !SubqueryDecorrelator::HasOuterReferences(p);
    });
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

// What an aggregate without GROUP BY below `projection` ([FILTER]...
// AGGREGATE, the filters being HAVING) gives when it sees no rows: each
// aggregate's binding mapped to its value over no rows, and whether HAVING
// keeps that row.
struct EmptyAggregate {
  std::vector<ExpressionPtr> constants;
  std::unordered_map<ColumnBinding, const Expression*, ColumnBindingHash> map;
  bool having_passes = true;
};

EmptyAggregate EmptyAggregateBelow(LogicalOperator& projection) {
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
  EmptyAggregate empty;
  for (idx_t i = 0; i < aggregate.expressions.size(); i++) {
    empty.constants.push_back(std::make_unique<BoundConstantExpression>(
        EmptyAggregateValue(aggregate.expressions[i]->Cast<BoundAggregateExpression>())));
    empty.map[ColumnBinding(aggregate.aggregate_index, i)] = empty.constants.back().get();
  }
  for (auto* h : having) {
    auto pass_expr = ReplaceBindings(h->Copy(), empty.map);
    if (!pass_expr->IsFoldable())
      throw Exception(sqlstate::kFeatureNotSupported,
                      "this correlated subquery is not supported yet: HAVING over outer columns");
    Value pass = ExpressionExecutor::EvaluateConstant(*pass_expr);
    if (pass.IsNull() || !pass.GetBool()) {
      empty.having_passes = false;
      break;
    }
  }
  return empty;
}

// `value` (over the aggregate's output, below `op`, a PROJECTION [FILTER]
// AGGREGATE) as it is when the aggregate sees no rows: NULL when HAVING
// rejects that row.
ExpressionPtr EmptyAggregateExpression(LogicalOperator& op, const Expression& value) {
  auto empty = EmptyAggregateBelow(op);
  if (!empty.having_passes)
    return std::make_unique<BoundConstantExpression>(Value::Null(value.return_type));
  return ReplaceBindings(value.Copy(), empty.map);
}

// The projection at the top of a subquery plan of the shape
// [ORDER|LIMIT|DISTINCT]... PROJECTION [FILTER] AGGREGATE.
LogicalProjection& TopProjection(LogicalOperator& plan) {
  LogicalOperator* op = &plan;
  while (op->type == LogicalOperatorType::kOrder || op->type == LogicalOperatorType::kLimit ||
         op->type == LogicalOperatorType::kDistinct) {
    op = op->children[0].get();
  }
  if (op->type != LogicalOperatorType::kProjection) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "this correlated subquery is not supported yet: aggregate below a "
                    "projection of a projection");
  }
  return op->Cast<LogicalProjection>();
}

// The value a scalar subquery of the shape [ORDER] PROJECTION [FILTER]
// AGGREGATE (no GROUP BY) returns when the aggregate sees no rows.
Value EmptySubqueryValue(LogicalOperator& plan) {
  auto& projection = TopProjection(plan);
  auto empty = EmptyAggregateBelow(projection);
  auto& first = projection.expressions[0];
  if (!empty.having_passes)
    return Value::Null(first->return_type);
  auto value = ReplaceBindings(first->Copy(), empty.map);
  if (!value->IsFoldable())
    return Value::Null(first->return_type);
  return ExpressionExecutor::EvaluateConstant(*value);
}

// Appends a constant TRUE column to `projection` and returns a reference to
// it: NULL after an outer join means "no row matched".
ExpressionPtr AddMatchFlag(LogicalProjection& projection) {
  projection.expressions.push_back(std::make_unique<BoundConstantExpression>(Value::Boolean(true)));
  return std::make_unique<BoundColumnRefExpression>(
      LogicalTypeId::kBoolean,
      ColumnBinding(projection.table_index, projection.expressions.size() - 1));
}

// CASE WHEN flag IS NULL THEN when_none ELSE otherwise END.
ExpressionPtr CaseNoMatch(ExpressionPtr flag, ExpressionPtr when_none, ExpressionPtr otherwise) {
  auto type = otherwise->return_type;
  std::vector<ExpressionPtr> is_null;
  is_null.push_back(std::move(flag));
  std::vector<BoundCaseCheck> checks;
  checks.push_back({std::make_unique<BoundOperatorExpression>(
                        OperatorType::kIsNull, LogicalTypeId::kBoolean, std::move(is_null)),
                    std::move(when_none)});
  return std::make_unique<BoundCaseExpression>(type, std::move(checks), std::move(otherwise));
}

// Pulled-up predicates that read the results of an aggregate without GROUP
// BY (HAVING count(*) > t.x) cannot be join conditions: an outer row whose
// group they reject would fall back to the aggregate's value over no rows.
// Takes them out of `predicates` and returns whether the outer row keeps
// its subquery row, `flag` being NULL when it has no group: CASE WHEN flag
// IS NULL THEN <them over the empty aggregate> ELSE <them> END, never NULL;
// nullptr when there are none.
ExpressionPtr TakeAggregatePredicates(LogicalOperator& plan, std::vector<ExpressionPtr>& predicates,
                                      const Expression& flag) {
  auto& projection = TopProjection(plan);
  auto empty = EmptyAggregateBelow(projection);
  auto reads_aggregate = [&](const Expression& e) {
    std::vector<ColumnBinding> read;
    CollectBindings(e, read);
    for (auto& b : read) {
      if (empty.map.count(b))
        return true;
    }
    return false;
  };
  std::vector<ExpressionPtr> taken, kept;
  for (auto& p : predicates) {
    std::vector<ColumnBinding> read;
    CollectBindings(*p, read);
    bool take = false;
    for (auto& b : read) {
      take = take || (b.table_index == projection.table_index &&
                      reads_aggregate(*projection.expressions[b.column_index]));
    }
    (take ? taken : kept).push_back(std::move(p));
  }
  predicates = std::move(kept);
  if (taken.empty())
    return nullptr;
  // The projection's columns over no rows: its expressions with the
  // aggregates at their empty values.
  std::vector<ExpressionPtr> columns;
  std::unordered_map<ColumnBinding, const Expression*, ColumnBindingHash> map;
  for (idx_t k = 0; k < projection.expressions.size(); k++) {
    auto column = ReplaceBindings(projection.expressions[k]->Copy(), empty.map);
    std::vector<ColumnBinding> left;
    CollectBindings(*column, left);
    if (!left.empty())
      continue;  // reads a group key: not defined over no rows
    columns.push_back(std::move(column));
    map[ColumnBinding(projection.table_index, k)] = columns.back().get();
  }
  auto matched = MakeConjunction(std::move(taken));
  auto over_empty = ReplaceBindings(matched->Copy(), map);
  std::vector<ColumnBinding> left;
  CollectBindings(*over_empty, left);
  for (auto& b : left) {
    if (b.table_index == projection.table_index) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "this correlated subquery is not supported yet: HAVING over outer columns "
                      "and grouped columns");
    }
  }
  return CaseNoMatch(flag.Copy(), IsTrue(std::move(over_empty)), IsTrue(std::move(matched)));
}

// EXISTS or `x op ANY` over a correlated aggregate without GROUP BY
// (`prepared`, a Binder::PreparedSubquery, decorrelated into one group per
// outer value): such a subquery has a row for every outer row, the
// aggregate over no rows included, unless HAVING drops it. Joined like a
// scalar subquery (SINGLE join, a match flag for "the outer row has a
// group"); rows without a group take the aggregate's values over no rows.
// Returns the BOOLEAN that replaces the subquery (never NULL for EXISTS).
template <class Prepared>
ExpressionPtr PlanOverUngroupedAggregate(BoundSubqueryExpression& expr, Prepared& prepared,
                                         LogicalOperatorPtr& root) {
  auto& projection = TopProjection(*prepared.plan);
  bool empty_passes = EmptyAggregateBelow(projection).having_passes;
  auto bindings = prepared.plan->GetColumnBindings();
  // The value compared for outer rows without a group, taken while HAVING
  // is still in the plan.
  ExpressionPtr unmatched;
  if (expr.subquery_type == SubqueryType::kAny && empty_passes) {
    if (prepared.lifted_value) {
      unmatched = LiftValue(expr.subquery_value->Copy(), bindings[0], *prepared.empty_lifted_value);
    } else {
      BoundConstantExpression empty_value(EmptySubqueryValue(*prepared.plan));
      unmatched = LiftValue(expr.subquery_value->Copy(), bindings[0], empty_value);
    }
  }
  // HAVING becomes a column: a group it rejects still tells the outer row
  // apart from one without a group.
  std::vector<ExpressionPtr> having;
  while (projection.children[0]->type == LogicalOperatorType::kFilter) {
    LogicalOperatorPtr filter = std::move(projection.children[0]);
    for (auto& e : filter->expressions)
      having.push_back(std::move(e));
    projection.children[0] = std::move(filter->children[0]);
  }
  ExpressionPtr flag =
      prepared.match_flag ? std::move(prepared.match_flag) : AddMatchFlag(projection);
  auto boolean = [](bool b) -> ExpressionPtr {
    return std::make_unique<BoundConstantExpression>(Value::Boolean(b));
  };
  auto kept = TakeAggregatePredicates(*prepared.plan, prepared.predicates, *flag);
  // Whether the outer row has a row in the subquery.
  ExpressionPtr passes;
  if (!having.empty()) {
    projection.expressions.push_back(IsTrue(MakeConjunction(std::move(having))));
    auto having_column = std::make_unique<BoundColumnRefExpression>(
        LogicalTypeId::kBoolean,
        ColumnBinding(projection.table_index, projection.expressions.size() - 1));
    passes = CaseNoMatch(flag->Copy(), boolean(empty_passes), std::move(having_column));
  } else if (empty_passes) {
    passes = boolean(true);
  } else {
    std::vector<ExpressionPtr> is_null;
    is_null.push_back(flag->Copy());
    passes = std::make_unique<BoundOperatorExpression>(OperatorType::kIsNotNull,
                                                       LogicalTypeId::kBoolean, std::move(is_null));
  }
  if (kept) {
    std::vector<ExpressionPtr> both;
    both.push_back(std::move(passes));
    both.push_back(std::move(kept));
    passes = MakeConjunction(std::move(both));
  }
  ExpressionPtr result;
  if (expr.subquery_type == SubqueryType::kExists) {
    if (passes->IsFoldable())
      return passes;  // every outer row has its row: nothing to join
    result = std::move(passes);
  } else {
    // The subquery's column (or the lifted select-list expression), or its
    // value over no rows for outer rows without a group.
    ExpressionPtr matched = prepared.lifted_value ? LiftValue(std::move(expr.subquery_value),
                                                              bindings[0], *prepared.lifted_value)
                                                  : std::move(expr.subquery_value);
    auto compare = [&](ExpressionPtr value) -> ExpressionPtr {
      return std::make_unique<BoundComparisonExpression>(expr.comparison, expr.child->Copy(),
                                                         std::move(value));
    };
    ExpressionPtr when_none = unmatched ? compare(std::move(unmatched)) : boolean(false);
    ExpressionPtr value =
        CaseNoMatch(std::move(flag), std::move(when_none), compare(std::move(matched)));
    std::vector<BoundCaseCheck> checks;
    std::vector<ExpressionPtr> not_passes;
    not_passes.push_back(std::move(passes));
    checks.push_back({std::make_unique<BoundOperatorExpression>(
                          OperatorType::kNot, LogicalTypeId::kBoolean, std::move(not_passes)),
                      boolean(false)});
    result = std::make_unique<BoundCaseExpression>(LogicalTypeId::kBoolean, std::move(checks),
                                                   std::move(value));
  }
  root = MakeJoin(JoinType::kSingle, std::move(root), std::move(prepared.plan),
                  std::move(prepared.predicates), false);
  return result;
}

}  // namespace

LogicalOperatorPtr Binder::DistinctOuterValues(LogicalOperator& root,
                                               const std::vector<const Expression*>& columns,
                                               std::vector<ColumnBinding>& bindings) {
  // The columns' table (or computed-once CTE), scanned once more: its
  // distinct values are a superset of those the outer rows carry, which is
  // all the join with the outer query needs.
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
  // One scan per table the columns come from; several tables give the
  // cross product of their distinct values (a superset of the pairs the
  // outer rows carry; its size is the product of the distinct counts).
  // A column of a query further out (depth > 1) is not in `root`: its
  // table is found among the statement's scans.
  std::vector<idx_t> sources;  // table indexes
  std::vector<idx_t> source_of;
  for (auto* c : columns) {
    auto& ref = c->Cast<BoundColumnRefExpression>();
    idx_t index = ref.binding.table_index;
    auto* get = ref.depth <= 1 ? find(root, index) : nullptr;
    if (!get && !scan_sources_->count(index)) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "this correlated subquery is not supported yet: a correlated predicate "
                      "other than equality under an aggregate must read columns of tables");
    }
    auto it = std::find(sources.begin(), sources.end(), index);
    source_of.push_back(static_cast<idx_t>(it - sources.begin()));
    if (it == sources.end())
      sources.push_back(index);
  }
  bindings.assign(columns.size(), ColumnBinding());
  LogicalOperatorPtr result;
  for (idx_t s = 0; s < sources.size(); s++) {
    LogicalOperatorPtr scan;
    idx_t scan_index = GenerateTableIndex();
    auto* source = find(root, sources[s]);
    if (source && source->type == LogicalOperatorType::kGet) {
      scan = std::make_unique<LogicalGet>(scan_index, source->Cast<LogicalGet>().table);
    } else if (source) {
      auto& cte = source->Cast<LogicalCteScan>();
      scan = AddCteScan(cte.info, scan_index, cte.column_types);
    } else {
      auto known = scan_sources_->at(sources[s]);
      if (known.table) {
        scan = std::make_unique<LogicalGet>(scan_index, known.table);
      } else {
        scan = AddCteScan(known.cte, scan_index, known.cte_types);
      }
    }
    std::vector<ExpressionPtr> list;
    std::vector<idx_t> members;
    for (idx_t i = 0; i < columns.size(); i++) {
      if (source_of[i] != s)
        continue;
      auto& ref = columns[i]->Cast<BoundColumnRefExpression>();
      list.push_back(std::make_unique<BoundColumnRefExpression>(
          columns[i]->return_type, ColumnBinding(scan_index, ref.binding.column_index)));
      members.push_back(i);
    }
    auto projection = std::make_unique<LogicalProjection>(GenerateTableIndex(), std::move(list));
    projection->children.push_back(std::move(scan));
    auto projected = projection->GetColumnBindings();
    for (idx_t k = 0; k < members.size(); k++)
      bindings[members[k]] = projected[k];
    auto distinct = std::make_unique<LogicalDistinct>();
    distinct->children.push_back(std::move(projection));
    if (!result) {
      result = std::move(distinct);
      continue;
    }
    auto cross = std::make_unique<LogicalJoin>(JoinType::kInner);
    cross->children.push_back(std::move(result));
    cross->children.push_back(std::move(distinct));
    result = std::move(cross);
  }
  return result;
}

LogicalOperatorPtr Binder::PlanLateral(LogicalOperatorPtr plan, LogicalOperator& left,
                                       std::vector<ExpressionPtr>& predicates) {
  if (!SubqueryDecorrelator::HasOuterReferences(*plan))
    return plan;
  SubqueryDecorrelator decorrelator(
      false,
      [&](const std::vector<const Expression*>& columns, std::vector<ColumnBinding>& bindings) {
        return DistinctOuterValues(left, columns, bindings);
      },
      [this]() { return GenerateTableIndex(); });
  auto pulled = decorrelator.Decorrelate(plan);
  if (!decorrelator.grouped_scalar_aggregate() ||
      !EmptyAggregateBelow(TopProjection(*plan)).having_passes) {
    for (auto& p : pulled)
      predicates.push_back(std::move(p));
    return plan;
  }
  // An aggregate without GROUP BY has a row for every outer row, matched or
  // not (count(*) = 0): the distinct outer values are LEFT joined with the
  // grouped subquery, unmatched ones taking the aggregate's values over no
  // rows, and the result joins the outer rows on the values.
  auto& projection = TopProjection(*plan);
  if (&projection != plan.get()) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "this LATERAL subquery is not supported yet: ORDER BY, LIMIT or DISTINCT over "
                    "an aggregate correlated with the left side");
  }
  std::vector<ExpressionPtr> outer;
  for (auto& p : pulled) {
    bool simple = p->expression_class == ExpressionClass::kComparison;
    if (simple) {
      auto& cmp = p->Cast<BoundComparisonExpression>();
      simple =
          (cmp.type == ComparisonType::kEqual || cmp.type == ComparisonType::kNotDistinctFrom) &&
          cmp.right->expression_class == ExpressionClass::kColumnRef;
      if (simple)
        outer.push_back(cmp.right->Copy());
    }
    if (!simple) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "this LATERAL subquery is not supported yet: an aggregate correlated with "
                      "the left side other than by equality");
    }
  }
  std::vector<const Expression*> outer_raw;
  for (auto& c : outer)
    outer_raw.push_back(c.get());
  std::vector<ColumnBinding> value_bindings;
  auto values = DistinctOuterValues(left, outer_raw, value_bindings);
  // Each column over no rows, taken before the match flag is added.
  auto columns = plan->GetColumnBindings();
  plan->ResolveOperatorTypes();
  auto types = plan->types;
  std::vector<ExpressionPtr> empty;
  for (auto& e : projection.expressions)
    empty.push_back(EmptyAggregateExpression(projection, *e));
  auto flag = AddMatchFlag(projection);
  std::vector<ExpressionPtr> on;
  for (idx_t i = 0; i < pulled.size(); i++) {
    auto& cmp = pulled[i]->Cast<BoundComparisonExpression>();
    on.push_back(std::make_unique<BoundComparisonExpression>(
        cmp.type, std::move(cmp.left),
        std::make_unique<BoundColumnRefExpression>(outer[i]->return_type, value_bindings[i])));
  }
  auto join = std::make_unique<LogicalJoin>(JoinType::kLeft);
  join->children.push_back(std::move(values));
  join->children.push_back(std::move(plan));
  AddJoinPredicates(*join, std::move(on));
  std::vector<ExpressionPtr> list;
  for (idx_t c = 0; c < columns.size(); c++) {
    list.push_back(CaseNoMatch(flag->Copy(), std::move(empty[c]),
                               std::make_unique<BoundColumnRefExpression>(types[c], columns[c])));
  }
  for (idx_t i = 0; i < outer.size(); i++) {
    list.push_back(
        std::make_unique<BoundColumnRefExpression>(outer[i]->return_type, value_bindings[i]));
  }
  auto result = std::make_unique<LogicalProjection>(GenerateTableIndex(), std::move(list));
  result->children.push_back(std::move(join));
  for (idx_t i = 0; i < outer.size(); i++) {
    auto type = outer[i]->return_type;
    predicates.push_back(std::make_unique<BoundComparisonExpression>(
        ComparisonType::kNotDistinctFrom, std::move(outer[i]),
        std::make_unique<BoundColumnRefExpression>(
            type, ColumnBinding(result->table_index, columns.size() + i))));
  }
  return result;
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
    result.match_flag = AddMatchFlag(top->Cast<LogicalProjection>());
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
        ExpressionPtr when_none =
            prepared.empty_lifted_value
                ? std::move(prepared.empty_lifted_value)
                : std::make_unique<BoundConstantExpression>(Value::Null(expr.return_type));
        value = CaseNoMatch(std::move(prepared.match_flag), std::move(when_none),
                            std::move(prepared.lifted_value));
      }
      if (prepared.grouped_scalar_aggregate) {
        // COUNT bug: an outer row without a group gets the aggregate's
        // value over no rows, which is not always NULL (count(*) = 0).
        Value empty = EmptySubqueryValue(*prepared.plan);
        ExpressionPtr flag;
        if (!empty.IsNull()) {
          flag = AddMatchFlag(TopProjection(*prepared.plan));
          value = CaseNoMatch(flag->Copy(), std::make_unique<BoundConstantExpression>(empty),
                              std::move(value));
        }
        // HAVING over outer columns decides above the join.
        if (!flag)
          flag = AddMatchFlag(TopProjection(*prepared.plan));
        if (auto kept = TakeAggregatePredicates(*prepared.plan, prepared.predicates, *flag)) {
          std::vector<BoundCaseCheck> checks;
          checks.push_back({std::move(kept), value->Copy()});
          value = std::make_unique<BoundCaseExpression>(
              expr.return_type, std::move(checks),
              std::make_unique<BoundConstantExpression>(Value::Null(expr.return_type)));
        }
      }
      root = MakeJoin(JoinType::kSingle, std::move(root), std::move(prepared.plan),
                      std::move(prepared.predicates), false);
      return value;
    }
    case SubqueryType::kExists: {
      if (prepared.grouped_scalar_aggregate)
        return PlanOverUngroupedAggregate(expr, prepared, root);
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
      if (prepared.grouped_scalar_aggregate)
        return PlanOverUngroupedAggregate(expr, prepared, root);
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
        join->residual = MakeConjunction(std::move(parts));
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
  if (prepared.grouped_scalar_aggregate) {
    // Not a semi join: outer rows without a group may qualify too.
    ExpressionPtr condition = PlanOverUngroupedAggregate(subquery, prepared, root);
    if (negated) {
      std::vector<ExpressionPtr> operand;
      operand.push_back(std::move(condition));
      condition = std::make_unique<BoundOperatorExpression>(
          OperatorType::kNot, LogicalTypeId::kBoolean, std::move(operand));
    }
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions.push_back(std::move(condition));
    filter->children.push_back(std::move(root));
    root = std::move(filter);
    return true;
  }
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
