#include "connector/mysql/mysql_query_deparser.h"

#include "connector/mysql/mysql_catalog.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_remote_get.h"

namespace tributary {

namespace {

bool IsExactNumber(const LogicalType& type) {
  return type.IsInteger() || type.id() == LogicalTypeId::kDecimal;
}

}  // namespace

MySqlQueryDeparser::MySqlQueryDeparser()
    : DialectQueryRenderer("MySQL"),
      expressions_([this](const ColumnBinding& b) { return ColumnFor(b); }, RemoteColumnName) {}

bool MySqlQueryDeparser::Known(const Expression& e) const {
  return e.expression_class == ExpressionClass::kColumnRef &&
         e.Cast<BoundColumnRefExpression>().depth == 0 &&
         ColumnFor(e.Cast<BoundColumnRefExpression>().binding) != nullptr;
}

bool MySqlQueryDeparser::CanScan(const LogicalRemoteGet& get) const {
  if (get.table->schema->kind != ExternalSourceKind::kMySql)
    return false;
  for (idx_t id : get.column_ids) {
    if (MySqlCatalog::WireKind(get.table->columns[id]) == MySqlWireKind::kTime)
      return false;
  }
  return true;
}

bool MySqlQueryDeparser::CanAggregate(const Expression& e) const {
  auto* simple = SimpleAggregate(e);
  if (!simple || simple->filter)
    return false;
  auto& agg = *simple;
  const std::string& name = agg.function.name;
  if (name == "count_star")
    return true;
  auto& arg = *agg.children[0];
  if (agg.distinct && !expressions_.IsExactNumberColumn(arg))
    return false;
  if (name == "count") {
    if (!Known(arg))
      return false;
    auto id = ColumnFor(arg.Cast<BoundColumnRefExpression>().binding)->type.id();
    return id != LogicalTypeId::kDate && id != LogicalTypeId::kTimestamp;
  }
  if (name == "sum")
    return expressions_.IsExactNumberColumn(arg) && IsExactNumber(e.return_type);
  if (name == "min" || name == "max")
    return expressions_.IsExactNumberColumn(arg) && arg.return_type == e.return_type;
  return false;
}

bool MySqlQueryDeparser::CanJoin(const LogicalJoin& join) const {
  switch (join.join_type) {
    case JoinType::kInner:
    case JoinType::kLeft:
    case JoinType::kSemi:
    case JoinType::kAnti:
      return !join.conditions.empty();
    default:
      return false;
  }
}

std::string MySqlQueryDeparser::ScanColumn(const RemoteColumn& column,
                                           const std::string& name) const {
  return MySqlCatalog::SelectExpression(column, name);
}

std::string MySqlQueryDeparser::ScanFilter(const LogicalRemoteGet& get, const Expression& e,
                                           const SqlQuoter& quote) const {
  return MySqlDeparser(*get.table, get.table_index).Deparse(e, quote);
}

std::string MySqlQueryDeparser::Aggregate(const Expression& e, const SqlQuoter& quote) const {
  auto& agg = e.Cast<BoundAggregateExpression>();
  if (agg.function.name == "count_star")
    return "COUNT(*)";
  std::string name = agg.function.name == "count" ? "COUNT"
                     : agg.function.name == "sum" ? "SUM"
                     : agg.function.name == "min" ? "MIN"
                                                  : "MAX";
  return name + "(" + (agg.distinct ? "DISTINCT " : "") +
         expressions_.Deparse(*agg.children[0], quote) + ")";
}

}  // namespace tributary
