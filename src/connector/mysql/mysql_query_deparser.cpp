#include "connector/mysql/mysql_query_deparser.h"

#include "common/exception.h"
#include "connector/mysql/mysql_catalog.h"
#include "connector/postgres/postgres_query_deparser.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_distinct.h"
#include "planner/operator/logical_filter.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_projection.h"
#include "planner/operator/logical_remote_get.h"

namespace tributary {

namespace {

bool IsExactNumber(const LogicalType& type) {
  return type.IsInteger() || type.id() == LogicalTypeId::kDecimal;
}

std::string Alias(int& next_alias) {
  return " AS q" + std::to_string(next_alias++);
}

}  // namespace

MySqlDeparser MySqlQueryDeparser::Expressions() const {
  return MySqlDeparser([this](const ColumnBinding& b) { return ColumnFor(b); }, RemoteColumnName);
}

void MySqlQueryDeparser::Synthesize(const ColumnBinding& binding, const LogicalType& type) {
  RemoteColumn column;
  column.name = RemoteColumnName(binding);
  column.type = type;
  column.deterministic_collation = false;  // a computed string is never compared
  synthesized_.push_back(std::move(column));
  columns_[binding] = &synthesized_.back();
}

bool MySqlQueryDeparser::Known(const Expression& e) const {
  return e.expression_class == ExpressionClass::kColumnRef &&
         e.Cast<BoundColumnRefExpression>().depth == 0 &&
         columns_.count(e.Cast<BoundColumnRefExpression>().binding) > 0;
}

bool MySqlQueryDeparser::CanPushAggregate(const Expression& e) const {
  if (e.expression_class != ExpressionClass::kAggregate)
    return false;
  auto& agg = e.Cast<BoundAggregateExpression>();
  if (agg.filter)
    return false;
  auto deparser = Expressions();
  const std::string& name = agg.function.name;
  if (name == "count_star")
    return agg.children.empty() && !agg.distinct;
  if (agg.children.size() != 1)
    return false;
  auto& arg = *agg.children[0];
  if (agg.distinct && !deparser.IsExactNumberColumn(arg))
    return false;
  if (name == "count") {
    if (!Known(arg))
      return false;
    auto id = columns_.at(arg.Cast<BoundColumnRefExpression>().binding)->type.id();
    return id != LogicalTypeId::kDate && id != LogicalTypeId::kTimestamp;
  }
  if (name == "sum")
    return deparser.IsExactNumberColumn(arg) && IsExactNumber(e.return_type);
  if (name == "min" || name == "max")
    return deparser.IsExactNumberColumn(arg) && arg.return_type == e.return_type;
  return false;
}

bool MySqlQueryDeparser::CanPush(LogicalOperator& op) {
  auto deparser = Expressions();
  switch (op.type) {
    case LogicalOperatorType::kRemoteGet: {
      auto& get = op.Cast<LogicalRemoteGet>();
      if (get.fragment || get.table->schema->kind != ExternalSourceKind::kMySql)
        return false;
      for (idx_t id : get.column_ids) {
        if (MySqlCatalog::WireKind(get.table->columns[id]) == MySqlWireKind::kTime)
          return false;
      }
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
        if (!Known(*e))
          return false;
      }
      for (idx_t i = 0; i < op.expressions.size(); i++) {
        columns_[ColumnBinding(projection.table_index, i)] =
            columns_[op.expressions[i]->Cast<BoundColumnRefExpression>().binding];
      }
      return true;
    }
    case LogicalOperatorType::kAggregate: {
      auto& aggregate = op.Cast<LogicalAggregate>();
      if (!aggregate.grouping_sets.empty())
        return false;
      for (auto& g : aggregate.groups) {
        if (!Known(*g) || !deparser.IsExactNumberColumn(*g))
          return false;
      }
      for (auto& e : op.expressions) {
        if (!CanPushAggregate(*e))
          return false;
      }
      for (idx_t i = 0; i < aggregate.groups.size(); i++) {
        columns_[ColumnBinding(aggregate.group_index, i)] =
            columns_[aggregate.groups[i]->Cast<BoundColumnRefExpression>().binding];
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
        case JoinType::kSemi:
        case JoinType::kAnti:
          break;
        default:
          return false;
      }
      if (join.conditions.empty())
        return false;
      for (auto& c : join.conditions) {
        if (c.comparison != ComparisonType::kEqual || !deparser.IsExactNumberColumn(*c.left) ||
            !deparser.IsExactNumberColumn(*c.right)) {
          return false;
        }
      }
      return !join.residual || deparser.CanPush(*join.residual);
    }
    case LogicalOperatorType::kDistinct:
      for (auto& binding : op.GetColumnBindings()) {
        auto it = columns_.find(binding);
        if (it == columns_.end())
          return false;
        BoundColumnRefExpression ref(it->second->type, binding, 0);
        if (!deparser.IsExactNumberColumn(ref))
          return false;
      }
      return true;
    case LogicalOperatorType::kLimit:
      return op.Cast<LogicalLimit>().limit != kInvalidIndex;
    default:
      return false;
  }
}

std::string MySqlQueryDeparser::RenderOperator(const LogicalOperator& op, const SqlQuoter& quote,
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
        sql += std::string(i ? ", " : " ") +
               MySqlCatalog::SelectExpression(column, quote.identifier(column.name)) + " AS " +
               RemoteColumnName(ColumnBinding(get.table_index, get.column_ids[i]));
      }
      if (get.column_ids.empty())
        sql += " NULL";
      sql += " FROM " + quote.identifier(get.table->remote_schema) + "." +
             quote.identifier(get.table->remote_name);
      MySqlDeparser filters(*get.table, get.table_index);
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
      if (op.expressions.empty())
        sql += " NULL";
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
        auto& agg = op.expressions[i]->Cast<BoundAggregateExpression>();
        std::string call;
        if (agg.function.name == "count_star") {
          call = "COUNT(*)";
        } else {
          std::string name = agg.function.name == "count" ? "COUNT"
                             : agg.function.name == "sum" ? "SUM"
                             : agg.function.name == "min" ? "MIN"
                                                          : "MAX";
          call = name + "(" + (agg.distinct ? "DISTINCT " : "") +
                 deparser.Deparse(*agg.children[0], quote) + ")";
        }
        sql += std::string(n ? ", " : " ") + call + " AS " +
               RemoteColumnName(ColumnBinding(aggregate.aggregate_index, i));
      }
      if (n == 0)
        sql += " NULL";
      sql += " FROM " + child(0);
      for (idx_t i = 0; i < aggregate.groups.size(); i++)
        sql += (i ? ", " : " GROUP BY ") + std::to_string(i + 1);
      return sql;
    }
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      std::string on;
      for (auto& c : join.conditions) {
        on += (on.empty() ? "" : " AND ") + ("(" + deparser.Deparse(*c.left, quote) + " = " +
                                             deparser.Deparse(*c.right, quote) + ")");
      }
      if (join.residual)
        on += " AND " + deparser.Deparse(*join.residual, quote);
      std::string left = child(0);
      if (join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti) {
        return "SELECT * FROM " + left + " WHERE " +
               (join.join_type == JoinType::kAnti ? "NOT " : "") + "EXISTS (SELECT 1 FROM " +
               child(1) + " WHERE " + on + ")";
      }
      const char* kind = join.join_type == JoinType::kInner ? " JOIN " : " LEFT JOIN ";
      return "SELECT * FROM " + left + kind + child(1) + " ON " + on;
    }
    case LogicalOperatorType::kDistinct:
      return "SELECT DISTINCT * FROM " + child(0);
    case LogicalOperatorType::kLimit: {
      auto& limit = op.Cast<LogicalLimit>();
      std::string sql = "SELECT * FROM " + child(0) + " LIMIT " + std::to_string(limit.limit);
      if (limit.offset)
        sql += " OFFSET " + std::to_string(limit.offset);
      return sql;
    }
    default:
      throw InternalException("cannot render " + op.GetName() + " for MySQL");
  }
}

std::string MySqlQueryDeparser::Render(const LogicalOperator& root,
                                       const std::vector<ColumnBinding>& bindings,
                                       const SqlQuoter& quote) const {
  int next_alias = 0;
  auto& op = const_cast<LogicalOperator&>(root);
  std::string sql = "SELECT";
  for (idx_t i = 0; i < bindings.size(); i++)
    sql += std::string(i ? ", " : " ") + RemoteColumnName(bindings[i]);
  if (bindings.empty())
    sql += " NULL";
  return sql + " FROM (" + RenderOperator(op, quote, next_alias) + ")" + Alias(next_alias);
}

}  // namespace tributary
