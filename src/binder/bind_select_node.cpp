// Binding of SELECT: FROM, WHERE, GROUP BY, aggregates, HAVING, the select
// list, DISTINCT, ORDER BY, LIMIT/OFFSET.
#include <algorithm>
#include <unordered_map>

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "binder/grouping_function.h"
#include "execution/expression_executor.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_window_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_distinct.h"
#include "planner/operator/logical_dummy_scan.h"
#include "planner/operator/logical_filter.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_order.h"
#include "planner/operator/logical_projection.h"
#include "planner/operator/logical_window.h"

namespace tributary {

namespace {

struct SelectItem {
  ParsedExpression* parsed = nullptr;  // null for star-expanded columns
  ExpressionPtr bound;
  std::string name;
};

// An integer literal (ORDER BY 2, GROUP BY 1), or -1.
int64_t Ordinal(ParsedExpression& expr) {
  if (expr.expression_class != ExpressionClass::kConstant)
    return -1;
  auto& c = expr.Cast<ConstantExpression>();
  if (c.is_unknown_literal || c.value.IsNull())
    return -1;
  auto id = c.value.type().id();
  if (id != LogicalTypeId::kInteger && id != LogicalTypeId::kBigInt &&
      id != LogicalTypeId::kSmallInt) {
    return -1;
  }
  return c.value.GetInt64();
}

// A plain unqualified column name, or "".
std::string SimpleName(ParsedExpression& expr) {
  if (expr.expression_class != ExpressionClass::kColumnRef)
    return "";
  auto& ref = expr.Cast<ColumnRefExpression>();
  return ref.names.size() == 1 ? ref.names[0] : "";
}

// Replaces subtrees equal to a group expression by a reference to the
// group, then rejects any remaining reference to an ungrouped column.
ExpressionPtr SubstituteGroups(ExpressionPtr expr, const std::vector<ExpressionPtr>& groups,
                               idx_t group_index, idx_t aggregate_index, const char* clause,
                               idx_t window_index = kInvalidIndex) {
  for (idx_t i = 0; i < groups.size(); i++) {
    if (expr->Equals(*groups[i])) {
      auto ref = std::make_unique<BoundColumnRefExpression>(expr->return_type,
                                                            ColumnBinding(group_index, i));
      ref->alias = expr->alias;
      return ref;
    }
  }
  if (expr->expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr->Cast<BoundColumnRefExpression>();
    // A correlated reference is a constant for this query level.
    if (ref.depth == 0 && ref.binding.table_index != aggregate_index &&
        ref.binding.table_index != group_index && ref.binding.table_index != window_index) {
      throw Exception(sqlstate::kGroupingError,
                      "column \"" + ref.alias +
                          "\" must appear in the GROUP BY clause or be used in an aggregate "
                          "function");
    }
    return expr;
  }
  expr->ForEachChild([&](ExpressionPtr& child) {
    child = SubstituteGroups(std::move(child), groups, group_index, aggregate_index, clause,
                             window_index);
  });
  return expr;
}

BoundOrderByNode MakeOrder(const OrderByNode& order, ExpressionPtr expr) {
  BoundOrderByNode result;
  result.type = order.type == OrderByNode::OrderType::kDescending ? OrderType::kDescending
                                                                  : OrderType::kAscending;
  switch (order.nulls) {
    case OrderByNode::NullsOrder::kNullsFirst:
      result.null_order = NullOrder::kNullsFirst;
      break;
    case OrderByNode::NullsOrder::kNullsLast:
      result.null_order = NullOrder::kNullsLast;
      break;
    default:
      // PostgreSQL: NULLs sort as if larger than every value.
      result.null_order =
          result.type == OrderType::kAscending ? NullOrder::kNullsLast : NullOrder::kNullsFirst;
  }
  result.expression = std::move(expr);
  return result;
}

}  // namespace

idx_t Binder::BindLimitValue(ParsedExpression& expr, const char* clause) {
  BindContext empty;
  ExpressionBinder binder(*this, empty, clause);
  auto bound = ExpressionBinder::Coerce(binder.Bind(expr), LogicalTypeId::kBigInt);
  if (!bound->IsFoldable()) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    std::string("argument of ") + clause + " must be a constant")
        .WithPosition(expr.location);
  }
  Value v = ExpressionExecutor::EvaluateConstant(*bound);
  if (v.IsNull())
    return kInvalidIndex;
  if (v.GetInt64() < 0) {
    bool is_limit = std::string(clause) == "LIMIT";
    throw Exception(is_limit ? "2201W" : "2201X", std::string(clause) + " must not be negative");
  }
  return static_cast<idx_t>(v.GetInt64());
}

LogicalOperatorPtr Binder::PlanWindows(std::vector<ExpressionPtr> windows, idx_t window_index,
                                       const std::vector<ExpressionPtr*>& references,
                                       LogicalOperatorPtr plan) {
  // One LogicalWindow per distinct (PARTITION BY, ORDER BY): each sorts once.
  std::vector<std::unique_ptr<LogicalWindow>> groups;
  std::unordered_map<idx_t, ColumnBinding> moved;
  for (idx_t i = 0; i < windows.size(); i++) {
    if (windows[i]->HasSubquery()) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "subqueries in window functions are not supported yet");
    }
    auto& window = windows[i]->Cast<BoundWindowExpression>();
    LogicalWindow* target = nullptr;
    for (auto& g : groups) {
      if (g->expressions[0]->Cast<BoundWindowExpression>().SameWindow(window)) {
        target = g.get();
        break;
      }
    }
    if (!target) {
      groups.push_back(
          std::make_unique<LogicalWindow>(GenerateTableIndex(), std::vector<ExpressionPtr>()));
      target = groups.back().get();
    }
    moved.emplace(i, ColumnBinding(target->window_index, target->expressions.size()));
    target->expressions.push_back(std::move(windows[i]));
  }
  std::function<void(ExpressionPtr&)> rebind = [&](ExpressionPtr& e) {
    if (e->expression_class == ExpressionClass::kColumnRef) {
      auto& ref = e->Cast<BoundColumnRefExpression>();
      if (ref.depth == 0 && ref.binding.table_index == window_index)
        ref.binding = moved.at(ref.binding.column_index);
      return;
    }
    e->ForEachChild(rebind);
  };
  for (auto* r : references)
    rebind(*r);
  for (auto& g : groups) {
    g->children.push_back(std::move(plan));
    plan = std::move(g);
  }
  return plan;
}

BoundStatement Binder::BindSelectNode(SelectNode& node) {
  // FROM
  LogicalOperatorPtr plan;
  if (node.from) {
    plan = BindTableRef(*node.from);
  } else {
    plan = std::make_unique<LogicalDummyScan>(GenerateTableIndex());
  }

  // WHERE
  if (node.where) {
    ExpressionBinder where_binder(*this, bind_context_, "WHERE");
    plan = PlanFilter(where_binder.BindPredicate(*node.where), std::move(plan));
  }

  // Select list, with * expanded.
  std::vector<SelectItem> items;
  for (auto& e : node.select_list) {
    if (e->expression_class == ExpressionClass::kStar) {
      std::vector<ExpressionPtr> exprs;
      std::vector<std::string> names;
      bind_context_.ExpandStar(e->Cast<StarExpression>().relation, exprs, names, e->location);
      for (idx_t i = 0; i < exprs.size(); i++) {
        items.push_back({nullptr, std::move(exprs[i]), names[i]});
      }
      continue;
    }
    items.push_back({e.get(), nullptr, e->alias.empty() ? e->figure_name : e->alias});
  }

  idx_t group_index = GenerateTableIndex();
  idx_t aggregate_index = GenerateTableIndex();
  std::vector<ExpressionPtr> aggregates;
  idx_t window_index = GenerateTableIndex();
  std::vector<ExpressionPtr> windows;

  // GROUP BY: ordinals and output names refer to select-list items; an
  // input column of the same name wins over an output name (PostgreSQL).
  std::vector<ExpressionPtr> groups;
  std::vector<idx_t> group_positions;  // node.group_by[i] is groups[group_positions[i]]
  for (auto& g : node.group_by) {
    ExpressionBinder group_binder(*this, bind_context_, "GROUP BY");
    ExpressionPtr bound;
    int64_t ordinal = Ordinal(*g);
    std::string name = SimpleName(*g);
    if (ordinal != -1) {
      if (ordinal < 1 || ordinal > static_cast<int64_t>(items.size())) {
        throw Exception(sqlstate::kInvalidColumnReference,
                        "GROUP BY position " + std::to_string(ordinal) + " is not in select list")
            .WithPosition(g->location);
      }
      auto& item = items[ordinal - 1];
      bound = item.parsed ? group_binder.Bind(*item.parsed) : item.bound->Copy();
    } else if (!name.empty() && !bind_context_.TryResolve(name)) {
      auto it = std::find_if(items.begin(), items.end(), [&](const SelectItem& item) {
        return item.parsed && item.name == name;
      });
      if (it == items.end()) {
        bound = group_binder.Bind(*g);  // raises "column does not exist"
      } else {
        bound = group_binder.Bind(*it->parsed);
      }
    } else {
      bound = group_binder.Bind(*g);
    }
    bound = ExpressionBinder::ResolveUnknown(std::move(bound));
    auto same = std::find_if(groups.begin(), groups.end(),
                             [&](const ExpressionPtr& e) { return e->Equals(*bound); });
    group_positions.push_back(same - groups.begin());
    if (same == groups.end())
      groups.push_back(std::move(bound));
  }
  // GROUPING SETS over the distinct group expressions. One set is a plain
  // GROUP BY of its expressions; GROUP BY () alone is an ungrouped aggregate.
  std::vector<std::vector<idx_t>> grouping_sets;
  for (auto& set : node.grouping_sets) {
    std::vector<idx_t> positions;
    for (size_t i : set) {
      idx_t p = group_positions[i];
      if (std::find(positions.begin(), positions.end(), p) == positions.end())
        positions.push_back(p);
    }
    grouping_sets.push_back(std::move(positions));
  }
  bool empty_group_by = !node.grouping_sets.empty() && groups.empty();
  if (grouping_sets.size() == 1) {
    std::vector<ExpressionPtr> kept;
    for (idx_t p : grouping_sets[0])
      kept.push_back(std::move(groups[p]));
    groups = std::move(kept);
    grouping_sets.clear();
  }

  // Select list expressions (aggregates collected as they are met).
  ExpressionBinder select_binder(*this, bind_context_, "SELECT");
  select_binder.AllowAggregates(&aggregates, aggregate_index);
  GroupingFunctions groupings(GenerateTableIndex());
  select_binder.AllowGrouping(&groupings);
  select_binder.AllowWindows(&windows, window_index, &node.windows);
  for (auto& item : items) {
    if (item.parsed)
      item.bound = select_binder.Bind(*item.parsed);
    item.bound = ExpressionBinder::ResolveUnknown(std::move(item.bound));
  }

  ExpressionPtr having;
  if (node.having) {
    ExpressionBinder having_binder(*this, bind_context_, "HAVING");
    having_binder.AllowAggregates(&aggregates, aggregate_index);
    having_binder.AllowGrouping(&groupings);
    having = having_binder.BindPredicate(*node.having);
  }

  // ORDER BY: output ordinals and names first, else expressions over the
  // input (added as hidden columns when not in the select list).
  struct OrderItem {
    idx_t select_index = kInvalidIndex;
    ExpressionPtr expr;
  };
  // DISTINCT ON items are resolved the same way.
  auto resolve = [&](ParsedExpression& expr, const char* clause) {
    OrderItem item;
    int64_t ordinal = Ordinal(expr);
    std::string name = SimpleName(expr);
    if (ordinal != -1) {
      if (ordinal < 1 || ordinal > static_cast<int64_t>(items.size())) {
        throw Exception(
            sqlstate::kInvalidColumnReference,
            std::string(clause) + " position " + std::to_string(ordinal) + " is not in select list")
            .WithPosition(expr.location);
      }
      item.select_index = ordinal - 1;
    } else {
      idx_t matches = 0;
      if (!name.empty()) {
        for (idx_t i = 0; i < items.size(); i++) {
          if (items[i].name == name) {
            if (matches++ == 0)
              item.select_index = i;
          }
        }
      }
      if (matches > 1) {
        throw Exception(sqlstate::kAmbiguousColumn,
                        std::string(clause) + " \"" + name + "\" is ambiguous")
            .WithPosition(expr.location);
      }
      if (matches == 0) {
        ExpressionBinder order_binder(*this, bind_context_, clause);
        order_binder.AllowAggregates(&aggregates, aggregate_index);
        order_binder.AllowGrouping(&groupings);
        order_binder.AllowWindows(&windows, window_index, &node.windows);
        item.expr = ExpressionBinder::ResolveUnknown(order_binder.Bind(expr));
      }
    }
    return item;
  };
  std::vector<OrderItem> order_items;
  for (auto& order : node.order_by)
    order_items.push_back(resolve(*order.expression, "ORDER BY"));
  std::vector<OrderItem> distinct_on_items;
  for (auto& e : node.distinct_on)
    distinct_on_items.push_back(resolve(*e, "DISTINCT ON"));

  // Aggregation.
  bool aggregate_mode =
      !groups.empty() || !aggregates.empty() || having || empty_group_by || !grouping_sets.empty();
  if (!groupings.calls.empty()) {
    if (!aggregate_mode) {
      throw Exception(sqlstate::kGroupingError,
                      "arguments to GROUPING must be grouping expressions of the associated "
                      "query level")
          .WithPosition(groupings.locations[0]);
    }
    groupings.Resolve(groups, grouping_sets, group_index);
    for (auto& item : items)
      item.bound = groupings.Replace(std::move(item.bound));
    if (having)
      having = groupings.Replace(std::move(having));
    for (auto* list : {&order_items, &distinct_on_items}) {
      for (auto& o : *list) {
        if (o.expr)
          o.expr = groupings.Replace(std::move(o.expr));
      }
    }
    for (auto& w : windows)
      w = groupings.Replace(std::move(w));
  }
  for (auto& g : groups) {
    if (g->HasSubquery()) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "subqueries in GROUP BY are not supported yet");
    }
  }
  for (auto& a : aggregates) {
    if (a->HasSubquery()) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "subqueries in aggregate arguments are not supported yet");
    }
  }
  // Above GROUP BY, a correlated subquery's references to this query's
  // columns must read the group keys.
  OuterRewrite to_groups;
  if (aggregate_mode) {
    to_groups = [&, group_index, aggregate_index](ExpressionPtr predicate,
                                                  const std::vector<ColumnBinding>& inner) {
      std::function<ExpressionPtr(ExpressionPtr)> rewrite = [&](ExpressionPtr e) {
        if (e->expression_class == ExpressionClass::kColumnRef) {
          auto& ref = e->Cast<BoundColumnRefExpression>();
          if (ref.depth != 0 || std::find(inner.begin(), inner.end(), ref.binding) != inner.end()) {
            return e;
          }
          return SubstituteGroups(std::move(e), groups, group_index, aggregate_index, "SELECT");
        }
        for (idx_t i = 0; i < groups.size(); i++) {
          if (e->Equals(*groups[i]))
            return SubstituteGroups(std::move(e), groups, group_index, aggregate_index, "SELECT");
        }
        e->ForEachChild([&](ExpressionPtr& child) { child = rewrite(std::move(child)); });
        return e;
      };
      return rewrite(std::move(predicate));
    };
  }
  const OuterRewrite* outer_rewrite = aggregate_mode ? &to_groups : nullptr;
  if (aggregate_mode) {
    for (auto& item : items) {
      item.bound = SubstituteGroups(std::move(item.bound), groups, group_index, aggregate_index,
                                    "SELECT", window_index);
    }
    if (having) {
      having = SubstituteGroups(std::move(having), groups, group_index, aggregate_index, "HAVING");
    }
    for (auto* list : {&order_items, &distinct_on_items}) {
      for (auto& o : *list) {
        if (o.expr) {
          o.expr = SubstituteGroups(std::move(o.expr), groups, group_index, aggregate_index,
                                    "ORDER BY", window_index);
        }
      }
    }
    for (auto& w : windows) {
      w = SubstituteGroups(std::move(w), groups, group_index, aggregate_index, "SELECT",
                           window_index);
    }
    auto aggregate =
        std::make_unique<LogicalAggregate>(group_index, aggregate_index, std::move(aggregates));
    for (auto& g : groups)
      aggregate->groups.push_back(g->Copy());
    aggregate->grouping_sets = std::move(grouping_sets);
    aggregate->children.push_back(std::move(plan));
    plan = std::move(aggregate);
    if (having)
      plan = PlanFilter(std::move(having), std::move(plan), outer_rewrite);
  }

  if (!windows.empty()) {
    std::vector<ExpressionPtr*> refs;
    for (auto& item : items)
      refs.push_back(&item.bound);
    for (auto* list : {&order_items, &distinct_on_items}) {
      for (auto& o : *list) {
        if (o.expr)
          refs.push_back(&o.expr);
      }
    }
    plan = PlanWindows(std::move(windows), window_index, refs, std::move(plan));
  }

  // Projection: the select list plus hidden ORDER BY columns.
  idx_t projection_index = GenerateTableIndex();
  std::vector<ExpressionPtr> select_list;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  for (auto& item : items) {
    item.bound->alias = item.name;
    names.push_back(item.name);
    types.push_back(item.bound->return_type);
    select_list.push_back(std::move(item.bound));
  }
  idx_t visible = select_list.size();
  std::vector<BoundOrderByNode> orders;
  for (idx_t i = 0; i < order_items.size(); i++) {
    auto& o = order_items[i];
    if (o.select_index == kInvalidIndex) {
      for (idx_t j = 0; j < select_list.size(); j++) {
        if (select_list[j]->Equals(*o.expr)) {
          o.select_index = j;
          break;
        }
      }
    }
    if (o.select_index == kInvalidIndex) {
      if (node.distinct && node.distinct_on.empty()) {
        throw Exception(sqlstate::kInvalidColumnReference,
                        "for SELECT DISTINCT, ORDER BY expressions must appear in select list")
            .WithPosition(node.order_by[i].expression->location);
      }
      o.select_index = select_list.size();
      select_list.push_back(std::move(o.expr));
    }
    auto& target = select_list[o.select_index];
    orders.push_back(
        MakeOrder(node.order_by[i],
                  std::make_unique<BoundColumnRefExpression>(
                      target->return_type, ColumnBinding(projection_index, o.select_index))));
  }
  std::vector<idx_t> distinct_on;
  for (auto& d : distinct_on_items) {
    if (d.select_index == kInvalidIndex) {
      for (idx_t j = 0; j < select_list.size(); j++) {
        if (select_list[j]->Equals(*d.expr)) {
          d.select_index = j;
          break;
        }
      }
    }
    if (d.select_index == kInvalidIndex) {
      d.select_index = select_list.size();
      select_list.push_back(std::move(d.expr));
    }
    distinct_on.push_back(d.select_index);
  }
  if (!distinct_on.empty()) {
    std::vector<idx_t> order_columns;
    for (auto& o : order_items)
      order_columns.push_back(o.select_index);
    CheckDistinctOnOrder(distinct_on, order_columns, node);
  }
  for (auto& e : select_list)
    e = PlanSubqueries(std::move(e), plan, outer_rewrite);
  auto projection = std::make_unique<LogicalProjection>(projection_index, std::move(select_list));
  projection->children.push_back(std::move(plan));
  plan = std::move(projection);

  if (!distinct_on.empty()) {
    plan = PlanDistinctOn(distinct_on, orders, projection_index, std::move(plan));
  } else if (node.distinct) {
    auto distinct = std::make_unique<LogicalDistinct>();
    distinct->children.push_back(std::move(plan));
    plan = std::move(distinct);
  }
  if (!orders.empty()) {
    auto order = std::make_unique<LogicalOrder>(std::move(orders));
    order->children.push_back(std::move(plan));
    plan = std::move(order);
  }
  idx_t limit = node.limit ? BindLimitValue(*node.limit, "LIMIT") : kInvalidIndex;
  idx_t offset = node.offset ? BindLimitValue(*node.offset, "OFFSET") : 0;
  if (offset == kInvalidIndex)
    offset = 0;
  if (limit != kInvalidIndex || offset != 0) {
    auto lim = std::make_unique<LogicalLimit>(limit, offset);
    lim->children.push_back(std::move(plan));
    plan = std::move(lim);
  }
  // Drop hidden ORDER BY columns.
  auto bindings = plan->GetColumnBindings();
  if (bindings.size() > visible) {
    std::vector<ExpressionPtr> list;
    for (idx_t i = 0; i < visible; i++) {
      auto ref = std::make_unique<BoundColumnRefExpression>(types[i], bindings[i]);
      ref->alias = names[i];
      list.push_back(std::move(ref));
    }
    auto final_projection =
        std::make_unique<LogicalProjection>(GenerateTableIndex(), std::move(list));
    final_projection->children.push_back(std::move(plan));
    plan = std::move(final_projection);
  }
  BoundStatement result;
  result.plan = std::move(plan);
  result.names = std::move(names);
  result.types = std::move(types);
  return result;
}

}  // namespace tributary
