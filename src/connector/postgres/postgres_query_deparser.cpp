#include "connector/postgres/postgres_query_deparser.h"

#include <algorithm>

#include "common/exception.h"
#include "connector/remote_fragment.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_distinct.h"
#include "planner/operator/logical_filter.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_projection.h"
#include "planner/operator/logical_remote_get.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {

namespace {

bool IsExactNumber(const LogicalType& type) {
  return type.IsInteger() || type.id() == LogicalTypeId::kDecimal;
}

bool IsOrderable(const LogicalType& type) {
  return IsExactNumber(type) || type.id() == LogicalTypeId::kDate ||
         type.id() == LogicalTypeId::kTimestamp || type.id() == LogicalTypeId::kTimestampTz ||
         type.id() == LogicalTypeId::kBoolean;
}

std::string Alias(int& next_alias) {
  return " AS q" + std::to_string(next_alias++);
}

}  // namespace

std::string RemoteColumnName(const ColumnBinding& b) {
  return "t" + std::to_string(b.table_index) + "_" + std::to_string(b.column_index);
}

std::string PostgresWireType(const LogicalType& type) {
  switch (type.id()) {
    case LogicalTypeId::kBoolean:
      return "bool";
    case LogicalTypeId::kSmallInt:
      return "int2";
    case LogicalTypeId::kInteger:
      return "int4";
    case LogicalTypeId::kBigInt:
      return "int8";
    case LogicalTypeId::kReal:
      return "float4";
    case LogicalTypeId::kDouble:
      return "float8";
    case LogicalTypeId::kDate:
      return "date";
    case LogicalTypeId::kTimestamp:
      return "timestamp";
    case LogicalTypeId::kTimestampTz:
      return "timestamptz";
    case LogicalTypeId::kDecimal:
      return "numeric(" + std::to_string(type.width()) + "," + std::to_string(type.scale()) + ")";
    case LogicalTypeId::kChar:
      return "bpchar";
    case LogicalTypeId::kVarchar:
      return "text";
    default:
      return "";
  }
}

std::string RemoteFragment::Sql(const SqlQuoter& quote) const {
  return deparser->Render(*plan, bindings, quote);
}

PostgresDeparser PostgresQueryDeparser::Expressions() const {
  return PostgresDeparser(
      [this](const ColumnBinding& b) -> const RemoteColumn* {
        auto it = columns_.find(b);
        return it == columns_.end() ? nullptr : it->second;
      },
      RemoteColumnName);
}

void PostgresQueryDeparser::Synthesize(const ColumnBinding& binding, const LogicalType& type) {
  RemoteColumn column;
  column.name = RemoteColumnName(binding);
  column.type = type;
  column.wire_cast = PostgresWireType(type);
  // A computed string's collation is the source's choice: never compare it.
  column.deterministic_collation = !type.IsString();
  column.utf8 = !type.IsString();
  synthesized_.push_back(std::move(column));
  columns_[binding] = &synthesized_.back();
}

bool PostgresQueryDeparser::CanPushProjected(const Expression& e) const {
  if (e.expression_class == ExpressionClass::kColumnRef)
    return columns_.count(e.Cast<BoundColumnRefExpression>().binding) > 0;
  if (PostgresWireType(e.return_type).empty())
    return false;
  auto deparser = Expressions();
  if (e.return_type.id() == LogicalTypeId::kBoolean && deparser.CanPush(e))
    return true;
  return deparser.CanPushScalar(e) && !e.return_type.IsString();
}

bool PostgresQueryDeparser::CanPushAggregate(const Expression& e) const {
  if (e.expression_class != ExpressionClass::kAggregate)
    return false;
  auto& agg = e.Cast<BoundAggregateExpression>();
  auto deparser = Expressions();
  if (agg.filter && !deparser.CanPush(*agg.filter))
    return false;
  const std::string& name = agg.function.name;
  if (name == "count_star")
    return agg.children.empty() && !agg.distinct;
  if (agg.children.size() != 1)
    return false;
  auto& arg = *agg.children[0];
  if (agg.distinct && !deparser.CanGroupBy(arg))
    return false;
  if (name == "count") {
    // Only NULL-ness matters: any column read (the text form keeps NULLs).
    if (arg.expression_class == ExpressionClass::kColumnRef)
      return columns_.count(arg.Cast<BoundColumnRefExpression>().binding) > 0;
    return deparser.CanPushScalar(arg);
  }
  if (name == "sum" || name == "avg") {
    if (!IsExactNumber(arg.return_type) || !deparser.CanPushScalar(arg))
      return false;
    // Our result types: sum(int2/int4) bigint, sum(int8) DECIMAL(38,0),
    // sum(decimal(p,s)) DECIMAL(38,s), avg DECIMAL(p', S) with S >= s
    // (Decimal::QuotientType), rendered as the exact sum / count rounded at
    // S as ours is; the final cast to them is exact.
    return e.return_type.IsInteger() || e.return_type.id() == LogicalTypeId::kDecimal;
  }
  if (name == "min" || name == "max")
    return IsOrderable(arg.return_type) && arg.return_type.id() != LogicalTypeId::kBoolean &&
           deparser.CanPushScalar(arg) && arg.return_type == e.return_type;
  if (name == "bool_and" || name == "bool_or" || name == "every") {
    if (arg.return_type.id() != LogicalTypeId::kBoolean)
      return false;
    return deparser.CanPush(arg) ||
           (arg.expression_class == ExpressionClass::kColumnRef && deparser.CanPushScalar(arg));
  }
  return false;
}

bool PostgresQueryDeparser::UniqueOnKeys(const LogicalOperator& op,
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

bool PostgresQueryDeparser::CanPush(LogicalOperator& op) {
  auto deparser = Expressions();
  switch (op.type) {
    case LogicalOperatorType::kRemoteGet: {
      auto& get = op.Cast<LogicalRemoteGet>();
      if (get.fragment)
        return false;
      for (idx_t id : get.column_ids)
        columns_[ColumnBinding(get.table_index, id)] = &get.table->columns[id];
      return true;
    }
    case LogicalOperatorType::kFilter:
      for (auto& e : op.expressions) {
        if (!deparser.CanPush(*e))
          return false;
      }
      return true;
    case LogicalOperatorType::kProjection: {
      auto& projection = op.Cast<LogicalProjection>();
      for (auto& e : op.expressions) {
        if (!CanPushProjected(*e))
          return false;
      }
      for (idx_t i = 0; i < op.expressions.size(); i++) {
        auto& e = *op.expressions[i];
        ColumnBinding binding(projection.table_index, i);
        if (e.expression_class == ExpressionClass::kColumnRef)
          columns_[binding] = columns_[e.Cast<BoundColumnRefExpression>().binding];
        else
          Synthesize(binding, e.return_type);
      }
      return true;
    }
    case LogicalOperatorType::kAggregate: {
      auto& aggregate = op.Cast<LogicalAggregate>();
      if (!aggregate.grouping_sets.empty())
        return false;  // rendered as one GROUP BY
      for (auto& g : aggregate.groups) {
        if (!deparser.CanGroupBy(*g) || PostgresWireType(g->return_type).empty())
          return false;
      }
      for (auto& e : op.expressions) {
        if (!CanPushAggregate(*e))
          return false;
      }
      for (idx_t i = 0; i < aggregate.groups.size(); i++) {
        auto& g = *aggregate.groups[i];
        ColumnBinding binding(aggregate.group_index, i);
        if (g.expression_class == ExpressionClass::kColumnRef)
          columns_[binding] = columns_[g.Cast<BoundColumnRefExpression>().binding];
        else
          Synthesize(binding, g.return_type);
      }
      for (idx_t i = 0; i < op.expressions.size(); i++)
        Synthesize(ColumnBinding(aggregate.aggregate_index, i), op.expressions[i]->return_type);
      return true;
    }
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      switch (join.join_type) {
        case JoinType::kInner:
        case JoinType::kLeft:
        case JoinType::kRight:
        case JoinType::kSemi:
        case JoinType::kAnti:
          break;
        case JoinType::kFull:
          // PostgreSQL runs FULL JOIN only on hash- or merge-joinable
          // conditions: equalities, nothing else.
          if (join.residual || join.conditions.empty())
            return false;
          for (auto& c : join.conditions) {
            if (c.comparison != ComparisonType::kEqual)
              return false;
          }
          break;
        case JoinType::kSingle:
          // A scalar subquery's join: a LEFT JOIN when the right side has
          // at most one row per key, as an aggregate grouped on exactly
          // the keys has (so the "more than one row" error cannot arise).
          if (join.residual || !UniqueOnKeys(*op.children[1], join.conditions))
            return false;
          break;
        default:
          return false;  // mark joins have no SQL equivalent here
      }
      for (auto& c : join.conditions) {
        if (!deparser.CanPushComparison(*c.left, *c.right, c.comparison))
          return false;
      }
      return !join.residual || deparser.CanPush(*join.residual);
    }
    case LogicalOperatorType::kDistinct:
      for (auto& binding : op.GetColumnBindings()) {
        auto it = columns_.find(binding);
        if (it == columns_.end())
          return false;
        BoundColumnRefExpression ref(it->second->type, binding, 0);
        if (!deparser.CanGroupBy(ref))
          return false;
      }
      return true;
    case LogicalOperatorType::kTopN:
      for (auto& order : op.Cast<LogicalTopN>().orders) {
        auto& e = *order.expression;
        if (e.return_type.IsString()) {
          if (!OrderColumn(e))
            return false;
        } else if (!IsOrderable(e.return_type) || !deparser.CanPushScalar(e)) {
          return false;
        }
      }
      return true;
    case LogicalOperatorType::kLimit:
      return op.Cast<LogicalLimit>().limit != kInvalidIndex;
    default:
      return false;
  }
}

const RemoteColumn* PostgresQueryDeparser::OrderColumn(const Expression& e) const {
  const Expression* base = &e;
  if (e.expression_class == ExpressionClass::kCast) {
    auto& cast = e.Cast<BoundCastExpression>();
    if (cast.child->return_type.id() != LogicalTypeId::kChar ||
        e.return_type.id() != LogicalTypeId::kVarchar)
      return nullptr;
    base = cast.child.get();
  }
  if (base->expression_class != ExpressionClass::kColumnRef ||
      base->Cast<BoundColumnRefExpression>().depth != 0)
    return nullptr;
  auto* column = ColumnFor(base->Cast<BoundColumnRefExpression>().binding);
  if (!column || !column->utf8 || !column->type.IsString())
    return nullptr;
  // A CHAR's padded order needs its declared length (below).
  if (e.return_type.id() == LogicalTypeId::kChar && e.return_type.width() <= 0)
    return nullptr;
  return column;
}

std::string PostgresQueryDeparser::OrderKey(const Expression& e, const SqlQuoter& quote) const {
  std::string sql = Expressions().Deparse(e, quote);
  if (!e.return_type.IsString())
    return sql;
  // We order strings by their UTF-8 bytes and CHAR values blank-padded to
  // their length; bpchar ignores trailing blanks ('a' < E'a\t' there, not
  // here): padded text under "C" orders as we do.
  if (e.return_type.id() == LogicalTypeId::kChar)
    return "rpad(CAST(" + sql + " AS text), " + std::to_string(e.return_type.width()) +
           ") COLLATE \"C\"";
  return OrderColumn(e)->bytewise_collation && e.expression_class == ExpressionClass::kColumnRef
             ? sql
             : sql + " COLLATE \"C\"";
}

std::string PostgresQueryDeparser::RenderAggregate(const Expression& e,
                                                   const SqlQuoter& quote) const {
  auto& agg = e.Cast<BoundAggregateExpression>();
  auto deparser = Expressions();
  std::string filter =
      agg.filter ? " FILTER (WHERE " + deparser.Deparse(*agg.filter, quote) + ")" : std::string();
  std::string distinct = agg.distinct ? "DISTINCT " : "";
  auto call = [&](const std::string& name) {
    return name + "(" + distinct + deparser.Deparse(*agg.children[0], quote) + ")" + filter;
  };
  const std::string& name = agg.function.name;
  if (name == "count_star")
    return "count(*)" + filter;
  if (name == "avg") {
    // Exactly sum / count rounded half away from zero at our scale s:
    // sign(S) * div(2 |S| 10^s + n, 2 n) * 10^-s (div truncates).
    int scale = e.return_type.scale();
    std::string power = "1" + std::string(scale, '0');
    // Multiplying by 10^-s is exact (a numeric division would round).
    std::string inverse = scale == 0 ? "1" : "0." + std::string(scale - 1, '0') + "1";
    // The sum as numeric: sum(int) is bigint, and sign(bigint) would be
    // sign(float8), which rounds past 15 digits.
    std::string sum = call("sum") + "::numeric", count = call("count");
    return "CASE WHEN " + count + " = 0 THEN NULL ELSE sign(" + sum + ") * div(2 * abs(" + sum +
           ") * " + power + " + " + count + ", 2 * " + count + ") * " + inverse + " END";
  }
  if (name == "every")
    return call("bool_and");
  return call(name);
}

std::string PostgresQueryDeparser::RenderOperator(const LogicalOperator& op, const SqlQuoter& quote,
                                                  int& next_alias) const {
  auto deparser = Expressions();
  auto child = [&](idx_t i) {
    return "(" + RenderOperator(*op.children[i], quote, next_alias) + ")" + Alias(next_alias);
  };
  switch (op.type) {
    case LogicalOperatorType::kRemoteGet: {
      auto& get = op.Cast<LogicalRemoteGet>();
      std::string sql = "SELECT";
      for (idx_t i = 0; i < get.column_ids.size(); i++) {
        auto& column = get.table->columns[get.column_ids[i]];
        sql += std::string(i ? ", " : " ") + quote.identifier(column.name) +
               "::" + column.wire_cast + " AS " +
               RemoteColumnName(ColumnBinding(get.table_index, get.column_ids[i]));
      }
      sql += " FROM " + quote.identifier(get.table->remote_schema) + "." +
             quote.identifier(get.table->remote_name);
      PostgresDeparser filters(*get.table, get.table_index);
      for (idx_t i = 0; i < get.remote_filters.size(); i++)
        sql += (i ? " AND " : " WHERE ") + filters.Deparse(*get.remote_filters[i], quote);
      if (get.limit != kInvalidIndex)
        sql += " LIMIT " + std::to_string(get.limit);
      return sql;
    }
    case LogicalOperatorType::kFilter: {
      std::string sql = "SELECT * FROM " + child(0);
      for (idx_t i = 0; i < op.expressions.size(); i++)
        sql += (i ? " AND " : " WHERE ") + deparser.Deparse(*op.expressions[i], quote);
      return sql;
    }
    case LogicalOperatorType::kProjection: {
      auto& projection = op.Cast<LogicalProjection>();
      std::string sql = "SELECT";
      for (idx_t i = 0; i < op.expressions.size(); i++) {
        sql += std::string(i ? ", " : " ") + deparser.Deparse(*op.expressions[i], quote) + " AS " +
               RemoteColumnName(ColumnBinding(projection.table_index, i));
      }
      return sql + " FROM " + child(0);
    }
    case LogicalOperatorType::kAggregate: {
      auto& aggregate = op.Cast<LogicalAggregate>();
      std::string sql = "SELECT";
      idx_t n = 0;
      for (idx_t i = 0; i < aggregate.groups.size(); i++, n++) {
        sql += std::string(n ? ", " : " ") + deparser.Deparse(*aggregate.groups[i], quote) +
               " AS " + RemoteColumnName(ColumnBinding(aggregate.group_index, i));
      }
      for (idx_t i = 0; i < op.expressions.size(); i++, n++) {
        sql += std::string(n ? ", " : " ") + RenderAggregate(*op.expressions[i], quote) + " AS " +
               RemoteColumnName(ColumnBinding(aggregate.aggregate_index, i));
      }
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
              ("(" + deparser.Deparse(*c.left, quote) + " " + ComparisonTypeToString(c.comparison) +
               " " + deparser.Deparse(*c.right, quote) + ")");
      }
      if (join.residual)
        on += (on.empty() ? "" : " AND ") + deparser.Deparse(*join.residual, quote);
      if (on.empty())
        on = "true";
      std::string left = child(0);
      if (join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti) {
        return "SELECT * FROM " + left + " WHERE " +
               (join.join_type == JoinType::kAnti ? "NOT " : "") + "EXISTS (SELECT 1 FROM " +
               child(1) + " WHERE " + on + ")";
      }
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
               (order.null_order == NullOrder::kNullsFirst ? " NULLS FIRST" : " NULLS LAST");
      }
      sql += " LIMIT " + std::to_string(top.limit);
      if (top.offset)
        sql += " OFFSET " + std::to_string(top.offset);
      return sql;
    }
    case LogicalOperatorType::kLimit: {
      auto& limit = op.Cast<LogicalLimit>();
      std::string sql = "SELECT * FROM " + child(0) + " LIMIT " + std::to_string(limit.limit);
      if (limit.offset)
        sql += " OFFSET " + std::to_string(limit.offset);
      return sql;
    }
    default:
      throw InternalException("cannot render " + op.GetName() + " remotely");
  }
}

std::string PostgresQueryDeparser::Render(const LogicalOperator& root,
                                          const std::vector<ColumnBinding>& bindings,
                                          const SqlQuoter& quote) const {
  int next_alias = 0;
  auto& op = const_cast<LogicalOperator&>(root);
  std::string sql = "SELECT";
  for (idx_t i = 0; i < bindings.size(); i++) {
    auto& type = columns_.at(bindings[i])->type;
    sql += std::string(i ? ", " : " ") + RemoteColumnName(bindings[i]) +
           "::" + PostgresWireType(type) + " AS " + RemoteColumnName(bindings[i]);
  }
  if (bindings.empty())
    sql += " NULL";
  return sql + " FROM (" + RenderOperator(op, quote, next_alias) + ")" + Alias(next_alias);
}

}  // namespace tributary
