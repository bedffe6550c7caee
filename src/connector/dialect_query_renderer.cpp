#include "connector/dialect_query_renderer.h"

#include <algorithm>

#include "common/exception.h"
#include "connector/sql_quoter.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_projection.h"
#include "planner/operator/logical_remote_get.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {

namespace {

std::string Alias(int& next_alias) {
  return " AS q" + std::to_string(next_alias++);
}

std::string LimitClause(idx_t limit, idx_t offset) {
  std::string sql = " LIMIT " + std::to_string(limit);
  if (offset)
    sql += " OFFSET " + std::to_string(offset);
  return sql;
}

}  // namespace

std::string RemoteColumnName(const ColumnBinding& b) {
  return "t" + std::to_string(b.table_index) + "_" + std::to_string(b.column_index);
}

std::string DialectQueryRenderer::OrderKey(const Expression& e, const SqlQuoter&) const {
  throw InternalException(std::string("cannot order by ") + e.ToString() + " for " + dialect_);
}

std::string DialectQueryRenderer::NullOrderClause(NullOrder order) const {
  return order == NullOrder::kNullsFirst ? " NULLS FIRST" : " NULLS LAST";
}

void DialectQueryRenderer::Synthesize(const ColumnBinding& binding, const LogicalType& type) {
  RemoteColumn column;
  column.name = RemoteColumnName(binding);
  column.type = type;
  DescribeComputed(column);
  synthesized_.push_back(std::move(column));
  columns_[binding] = &synthesized_.back();
}

void DialectQueryRenderer::Record(const ColumnBinding& binding, const Expression& e) {
  if (e.expression_class == ExpressionClass::kColumnRef)
    columns_[binding] = columns_[e.Cast<BoundColumnRefExpression>().binding];
  else
    Synthesize(binding, e.return_type);
}

const BoundAggregateExpression* DialectQueryRenderer::SimpleAggregate(const Expression& e) {
  if (e.expression_class != ExpressionClass::kAggregate)
    return nullptr;
  auto& agg = e.Cast<BoundAggregateExpression>();
  bool simple = agg.function.name == "count_star" ? agg.children.empty() && !agg.distinct
                                                  : agg.children.size() == 1;
  return simple ? &agg : nullptr;
}

bool DialectQueryRenderer::UniqueOnKeys(const LogicalOperator& op,
                                        const std::vector<JoinCondition>& conditions) {
  if (op.type != LogicalOperatorType::kAggregate || conditions.empty())
    return false;
  auto& aggregate = op.Cast<LogicalAggregate>();
  if (!aggregate.grouping_sets.empty())
    return false;
  std::vector<bool> keyed(aggregate.groups.size(), false);
  for (auto& c : conditions) {
    if (c.comparison != ComparisonType::kEqual ||
        c.right->expression_class != ExpressionClass::kColumnRef)
      return false;
    auto& binding = c.right->Cast<BoundColumnRefExpression>().binding;
    if (binding.table_index == aggregate.group_index && binding.column_index < keyed.size())
      keyed[binding.column_index] = true;
  }
  return !aggregate.groups.empty() &&
         std::all_of(keyed.begin(), keyed.end(), [](bool k) { return k; });
}

bool DialectQueryRenderer::CanPush(LogicalOperator& op) {
  switch (op.type) {
    case LogicalOperatorType::kRemoteGet: {
      auto& get = op.Cast<LogicalRemoteGet>();
      if (get.fragment || !CanScan(get))
        return false;
      for (idx_t id : get.column_ids)
        columns_[ColumnBinding(get.table_index, id)] = &get.table->columns[id];
      return true;
    }
    case LogicalOperatorType::kFilter:
      for (auto& e : op.expressions) {
        if (!CanFilter(*e))
          return false;
      }
      return true;
    case LogicalOperatorType::kProjection: {
      auto& projection = op.Cast<LogicalProjection>();
      for (auto& e : op.expressions) {
        if (!CanProject(*e))
          return false;
      }
      for (idx_t i = 0; i < op.expressions.size(); i++)
        Record(ColumnBinding(projection.table_index, i), *op.expressions[i]);
      return true;
    }
    case LogicalOperatorType::kAggregate: {
      auto& aggregate = op.Cast<LogicalAggregate>();
      if (!aggregate.grouping_sets.empty())
        return false;  // rendered as one GROUP BY
      for (auto& g : aggregate.groups) {
        if (!CanGroup(*g))
          return false;
      }
      for (auto& e : op.expressions) {
        if (!CanAggregate(*e))
          return false;
      }
      for (idx_t i = 0; i < aggregate.groups.size(); i++)
        Record(ColumnBinding(aggregate.group_index, i), *aggregate.groups[i]);
      for (idx_t i = 0; i < op.expressions.size(); i++)
        Synthesize(ColumnBinding(aggregate.aggregate_index, i), op.expressions[i]->return_type);
      return true;
    }
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      if (!CanJoin(join))
        return false;
      for (auto& c : join.conditions) {
        if (!CanJoinOn(c))
          return false;
      }
      return !join.residual || CanFilter(*join.residual);
    }
    case LogicalOperatorType::kDistinct:
      for (auto& binding : op.GetColumnBindings()) {
        auto it = columns_.find(binding);
        if (it == columns_.end())
          return false;
        BoundColumnRefExpression ref(it->second->type, binding, 0);
        if (!CanGroup(ref))
          return false;
      }
      return true;
    case LogicalOperatorType::kTopN:
      for (auto& order : op.Cast<LogicalTopN>().orders) {
        if (!CanOrderBy(*order.expression))
          return false;
      }
      return true;
    case LogicalOperatorType::kLimit:
      return op.Cast<LogicalLimit>().limit != kInvalidIndex;
    default:
      return false;
  }
}

std::string DialectQueryRenderer::RenderOperator(const LogicalOperator& op, const SqlQuoter& quote,
                                                 int& next_alias) const {
  auto child = [&](idx_t i) {
    return "(" + RenderOperator(*op.children[i], quote, next_alias) + ")" + Alias(next_alias);
  };
  switch (op.type) {
    case LogicalOperatorType::kRemoteGet: {
      auto& get = op.Cast<LogicalRemoteGet>();
      std::string sql = "SELECT";
      for (idx_t i = 0; i < get.column_ids.size(); i++) {
        auto& column = get.table->columns[get.column_ids[i]];
        sql += std::string(i ? ", " : " ") + ScanColumn(column, quote.identifier(column.name)) +
               " AS " + RemoteColumnName(ColumnBinding(get.table_index, get.column_ids[i]));
      }
      if (get.column_ids.empty())
        sql += EmptySelectList();
      sql += " FROM " + quote.identifier(get.table->remote_schema) + "." +
             quote.identifier(get.table->remote_name);
      for (idx_t i = 0; i < get.remote_filters.size(); i++)
        sql += (i ? " AND " : " WHERE ") + ScanFilter(get, *get.remote_filters[i], quote);
      if (get.limit != kInvalidIndex)
        sql += " LIMIT " + std::to_string(get.limit);
      return sql;
    }
    case LogicalOperatorType::kFilter: {
      std::string sql = "SELECT * FROM " + child(0);
      for (idx_t i = 0; i < op.expressions.size(); i++)
        sql += (i ? " AND " : " WHERE ") + Deparse(*op.expressions[i], quote);
      return sql;
    }
    case LogicalOperatorType::kProjection: {
      auto& projection = op.Cast<LogicalProjection>();
      std::string sql = "SELECT";
      for (idx_t i = 0; i < op.expressions.size(); i++) {
        sql += std::string(i ? ", " : " ") + Deparse(*op.expressions[i], quote) + " AS " +
               RemoteColumnName(ColumnBinding(projection.table_index, i));
      }
      if (op.expressions.empty())
        sql += EmptySelectList();
      return sql + " FROM " + child(0);
    }
    case LogicalOperatorType::kAggregate: {
      auto& aggregate = op.Cast<LogicalAggregate>();
      std::string sql = "SELECT";
      idx_t n = 0;
      for (idx_t i = 0; i < aggregate.groups.size(); i++, n++) {
        sql += std::string(n ? ", " : " ") + Deparse(*aggregate.groups[i], quote) + " AS " +
               RemoteColumnName(ColumnBinding(aggregate.group_index, i));
      }
      for (idx_t i = 0; i < op.expressions.size(); i++, n++) {
        sql += std::string(n ? ", " : " ") + Aggregate(*op.expressions[i], quote) + " AS " +
               RemoteColumnName(ColumnBinding(aggregate.aggregate_index, i));
      }
      if (n == 0)
        sql += EmptySelectList();
      sql += " FROM " + child(0);
      for (idx_t i = 0; i < aggregate.groups.size(); i++)
        sql += (i ? ", " : " GROUP BY ") + std::to_string(i + 1);
      return sql;
    }
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      std::string on;
      for (auto& c : join.conditions) {
        on += (on.empty() ? "" : " AND ") +
              ("(" + Deparse(*c.left, quote) + " " + ComparisonTypeToString(c.comparison) + " " +
               Deparse(*c.right, quote) + ")");
      }
      if (join.residual)
        on += (on.empty() ? "" : " AND ") + Deparse(*join.residual, quote);
      if (on.empty())
        on = "true";
      std::string left = child(0);
      bool all_equal = !join.residual && !join.conditions.empty();
      for (auto& c : join.conditions)
        all_equal = all_equal && c.comparison == ComparisonType::kEqual;
      if (join.join_type == JoinType::kSemi && all_equal && SemiJoinAsIn()) {
        std::string keys, values;
        for (auto& c : join.conditions) {
          keys += (keys.empty() ? "" : ", ") + Deparse(*c.left, quote);
          values += (values.empty() ? "" : ", ") + Deparse(*c.right, quote);
        }
        if (join.conditions.size() > 1)
          keys = "(" + keys + ")";
        return "SELECT * FROM " + left + " WHERE " + keys + " IN (SELECT " + values + " FROM " +
               child(1) + ")";
      }
      if (join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti) {
        return "SELECT * FROM " + left + " WHERE " +
               (join.join_type == JoinType::kAnti ? "NOT " : "") + "EXISTS (SELECT 1 FROM " +
               child(1) + " WHERE " + on + ")";
      }
      // A single join (scalar subquery) is a LEFT JOIN once CanJoin found
      // at most one right row per key.
      const char* kind = join.join_type == JoinType::kInner ? " JOIN "
                         : join.join_type == JoinType::kLeft || join.join_type == JoinType::kSingle
                             ? " LEFT JOIN "
                         : join.join_type == JoinType::kRight ? " RIGHT JOIN "
                                                              : " FULL JOIN ";
      return "SELECT * FROM " + left + kind + child(1) + " ON " + on;
    }
    case LogicalOperatorType::kDistinct:
      return "SELECT DISTINCT * FROM " + child(0);
    case LogicalOperatorType::kTopN: {
      auto& top = op.Cast<LogicalTopN>();
      std::string sql = "SELECT * FROM " + child(0);
      for (idx_t i = 0; i < top.orders.size(); i++) {
        auto& order = top.orders[i];
        sql += (i ? ", " : " ORDER BY ") + OrderKey(*order.expression, quote) +
               (order.type == OrderType::kAscending ? " ASC" : " DESC") +
               NullOrderClause(order.null_order);
      }
      return sql + LimitClause(top.limit, top.offset);
    }
    case LogicalOperatorType::kLimit: {
      auto& limit = op.Cast<LogicalLimit>();
      return "SELECT * FROM " + child(0) + LimitClause(limit.limit, limit.offset);
    }
    default:
      throw InternalException("cannot render " + op.GetName() + " for " + dialect_);
  }
}

std::string DialectQueryRenderer::Render(const LogicalOperator& root,
                                         const std::vector<ColumnBinding>& bindings,
                                         const SqlQuoter& quote) const {
  int next_alias = 0;
  std::string sql = "SELECT";
  for (idx_t i = 0; i < bindings.size(); i++)
    sql += std::string(i ? ", " : " ") + OutputColumn(bindings[i]);
  if (bindings.empty())
    sql += " NULL";
  return sql + " FROM (" + RenderOperator(root, quote, next_alias) + ")" + Alias(next_alias);
}

}  // namespace tributary
