#include "connector/postgres/postgres_query_deparser.h"

#include "common/exception.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_remote_get.h"

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

}  // namespace

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

PostgresQueryDeparser::PostgresQueryDeparser()
    : DialectQueryRenderer("PostgreSQL"),
      expressions_([this](const ColumnBinding& b) { return ColumnFor(b); }, RemoteColumnName) {}

void PostgresQueryDeparser::DescribeComputed(RemoteColumn& column) const {
  column.wire_cast = PostgresWireType(column.type);
  // A computed string's collation is the source's choice: never compare it.
  column.deterministic_collation = !column.type.IsString();
  column.utf8 = !column.type.IsString();
}

bool PostgresQueryDeparser::CanProject(const Expression& e) const {
  if (e.expression_class == ExpressionClass::kColumnRef)
    return ColumnFor(e.Cast<BoundColumnRefExpression>().binding) != nullptr;
  if (PostgresWireType(e.return_type).empty())
    return false;
  if (e.return_type.id() == LogicalTypeId::kBoolean && expressions_.CanPush(e))
    return true;
  return expressions_.CanPushScalar(e) && !e.return_type.IsString();
}

bool PostgresQueryDeparser::CanGroup(const Expression& e) const {
  return expressions_.CanGroupBy(e) && !PostgresWireType(e.return_type).empty();
}

bool PostgresQueryDeparser::CanAggregate(const Expression& e) const {
  auto* simple = SimpleAggregate(e);
  if (!simple)
    return false;
  auto& agg = *simple;
  auto& deparser = expressions_;
  if (agg.filter && !deparser.CanPush(*agg.filter))
    return false;
  const std::string& name = agg.function.name;
  if (name == "count_star")
    return true;
  auto& arg = *agg.children[0];
  if (agg.distinct && !deparser.CanGroupBy(arg))
    return false;
  if (name == "count") {
    // Only NULL-ness matters: any column read (the text form keeps NULLs).
    if (arg.expression_class == ExpressionClass::kColumnRef)
      return ColumnFor(arg.Cast<BoundColumnRefExpression>().binding) != nullptr;
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

bool PostgresQueryDeparser::CanJoin(const LogicalJoin& join) const {
  switch (join.join_type) {
    case JoinType::kInner:
    case JoinType::kLeft:
    case JoinType::kRight:
    case JoinType::kSemi:
    case JoinType::kAnti:
      return true;
    case JoinType::kFull:
      // PostgreSQL runs FULL JOIN only on hash- or merge-joinable
      // conditions: equalities, nothing else.
      if (join.residual || join.conditions.empty())
        return false;
      for (auto& c : join.conditions) {
        if (c.comparison != ComparisonType::kEqual)
          return false;
      }
      return true;
    case JoinType::kSingle:
      // A scalar subquery's join: a LEFT JOIN when the right side has
      // at most one row per key, as an aggregate grouped on exactly
      // the keys has (so the "more than one row" error cannot arise).
      return !join.residual && UniqueOnKeys(*join.children[1], join.conditions);
    default:
      return false;  // mark joins have no SQL equivalent here
  }
}

bool PostgresQueryDeparser::CanOrderBy(const Expression& e) const {
  if (e.return_type.IsString())
    return OrderColumn(e) != nullptr;
  return IsOrderable(e.return_type) && expressions_.CanPushScalar(e);
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
  std::string sql = expressions_.Deparse(e, quote);
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

std::string PostgresQueryDeparser::Aggregate(const Expression& e, const SqlQuoter& quote) const {
  auto& agg = e.Cast<BoundAggregateExpression>();
  auto& deparser = expressions_;
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

std::string PostgresQueryDeparser::ScanFilter(const LogicalRemoteGet& get, const Expression& e,
                                              const SqlQuoter& quote) const {
  return PostgresDeparser(*get.table, get.table_index).Deparse(e, quote);
}

std::string PostgresQueryDeparser::OutputColumn(const ColumnBinding& binding) const {
  auto* column = ColumnFor(binding);
  if (!column)
    throw InternalException("no pushed column for " + RemoteColumnName(binding));
  return RemoteColumnName(binding) + "::" + PostgresWireType(column->type) + " AS " +
         RemoteColumnName(binding);
}

}  // namespace tributary
