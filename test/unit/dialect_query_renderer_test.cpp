// DialectQueryRenderer: the shared operator skeleton renders the same
// derived tables for every dialect, and each dialect's hooks decide what is
// pushed and how columns, casts and empty select lists are spelled
// (PostgresQueryDeparser, MySqlQueryDeparser).
#include <gtest/gtest.h>

#include "connector/mysql/mysql_query_deparser.h"
#include "connector/postgres/postgres_query_deparser.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/operator/logical_distinct.h"
#include "planner/operator/logical_filter.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_limit.h"
#include "planner/operator/logical_projection.h"
#include "planner/operator/logical_remote_get.h"
#include "planner/operator/logical_top_n.h"

namespace tributary {
namespace {

const SqlQuoter& Quoter() {
  static const SqlQuoter quoter{[](const std::string& s) { return "\"" + s + "\""; },
                                [](const std::string& s) { return "'" + s + "'"; }};
  return quoter;
}

// orders(id integer, name varchar) of a PostgreSQL or MySQL source.
std::shared_ptr<const RemoteTable> Orders(ExternalSourceKind kind) {
  auto schema = std::make_shared<ExternalSchemaDefinition>();
  schema->kind = kind;
  auto table = std::make_shared<RemoteTable>();
  table->schema = schema;
  table->remote_schema = "shop";
  table->remote_name = "orders";
  RemoteColumn id;
  id.name = "id";
  id.type = LogicalTypeId::kInteger;
  id.wire_cast = kind == ExternalSourceKind::kPostgres ? "int4" : "";
  RemoteColumn name;
  name.name = "name";
  name.type = LogicalType::Varchar();
  name.wire_cast = kind == ExternalSourceKind::kPostgres ? "text" : "";
  table->columns = {id, name};
  return table;
}

ExpressionPtr Column(idx_t table, idx_t column, LogicalType type) {
  return std::make_unique<BoundColumnRefExpression>(type, ColumnBinding(table, column));
}

// SELECT ... FROM orders WHERE id = 7 (table index `table`).
LogicalOperatorPtr FilteredScan(ExternalSourceKind kind, idx_t table) {
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions.push_back(std::make_unique<BoundComparisonExpression>(
      ComparisonType::kEqual, Column(table, 0, LogicalTypeId::kInteger),
      std::make_unique<BoundConstantExpression>(Value::Integer(7))));
  filter->children.push_back(std::make_unique<LogicalRemoteGet>(table, Orders(kind)));
  return filter;
}

// Pushes every operator of `op`'s subtree, children first.
template <class Renderer>
bool PushAll(Renderer& renderer, LogicalOperator& op) {
  for (auto& child : op.children) {
    if (!PushAll(renderer, *child))
      return false;
  }
  return renderer.CanPush(op);
}

// Inner join of two filtered scans on id, then LIMIT 5 OFFSET 2.
LogicalOperatorPtr JoinLimit(ExternalSourceKind kind) {
  auto join = std::make_unique<LogicalJoin>(JoinType::kInner);
  join->children.push_back(FilteredScan(kind, 0));
  join->children.push_back(FilteredScan(kind, 1));
  join->conditions.push_back(
      {Column(0, 0, LogicalTypeId::kInteger), Column(1, 0, LogicalTypeId::kInteger)});
  auto limit = std::make_unique<LogicalLimit>(5, 2);
  limit->children.push_back(std::move(join));
  return limit;
}

// The join + limit plan of `kind`'s source rendered by `renderer`,
// returning (0, 1) and (1, 0); empty when it is not pushed. The renderer's
// columns point into `plan`'s tables: `plan` keeps them alive.
template <class Renderer>
std::string RenderJoinLimit(Renderer& renderer, ExternalSourceKind kind, LogicalOperatorPtr& plan) {
  plan = JoinLimit(kind);
  if (!PushAll(renderer, *plan))
    return "";
  return renderer.Render(*plan, {ColumnBinding(0, 1), ColumnBinding(1, 0)}, Quoter());
}

TEST(DialectQueryRendererTest, PostgresCastsEveryColumnToItsWireType) {
  PostgresQueryDeparser renderer;
  LogicalOperatorPtr plan;
  EXPECT_EQ(RenderJoinLimit(renderer, ExternalSourceKind::kPostgres, plan),
            "SELECT t0_1::text AS t0_1, t1_0::int4 AS t1_0 FROM (SELECT * FROM (SELECT * "
            "FROM (SELECT * FROM (SELECT \"id\"::int4 AS t0_0, \"name\"::text AS t0_1 FROM "
            "\"shop\".\"orders\") AS q3 WHERE (t0_0 = (7)::integer)) AS q2 JOIN (SELECT * "
            "FROM (SELECT \"id\"::int4 AS t1_0, \"name\"::text AS t1_1 FROM "
            "\"shop\".\"orders\") AS q5 WHERE (t1_0 = (7)::integer)) AS q4 ON (t0_0 = t1_0)) "
            "AS q1 LIMIT 5 OFFSET 2) AS q0");
  EXPECT_EQ(renderer.ColumnFor(ColumnBinding(1, 1))->name, "name");
  EXPECT_EQ(renderer.ColumnFor(ColumnBinding(2, 0)), nullptr);
}

TEST(DialectQueryRendererTest, MySqlReadsTextValuesAndNamesNoCasts) {
  MySqlQueryDeparser renderer;
  LogicalOperatorPtr plan;
  EXPECT_EQ(RenderJoinLimit(renderer, ExternalSourceKind::kMySql, plan),
            "SELECT t0_1, t1_0 FROM (SELECT * FROM (SELECT * FROM (SELECT * FROM (SELECT "
            "\"id\" AS t0_0, \"name\" AS t0_1 FROM \"shop\".\"orders\") AS q3 WHERE (t0_0 = "
            "7)) AS q2 JOIN (SELECT * FROM (SELECT \"id\" AS t1_0, \"name\" AS t1_1 FROM "
            "\"shop\".\"orders\") AS q5 WHERE (t1_0 = 7)) AS q4 ON (t0_0 = t1_0)) AS q1 "
            "LIMIT 5 OFFSET 2) AS q0");
}

TEST(DialectQueryRendererTest, EmptySelectListsFollowTheDialect) {
  // A projection of nothing: PostgreSQL accepts SELECT FROM, MySQL needs a
  // column.
  auto plan_for = [](ExternalSourceKind kind) {
    auto projection = std::make_unique<LogicalProjection>(3, std::vector<ExpressionPtr>());
    projection->children.push_back(FilteredScan(kind, 0));
    return projection;
  };
  PostgresQueryDeparser postgres;
  auto pg_plan = plan_for(ExternalSourceKind::kPostgres);
  ASSERT_TRUE(PushAll(postgres, *pg_plan));
  EXPECT_EQ(postgres.Render(*pg_plan, {}, Quoter()),
            "SELECT NULL FROM (SELECT FROM (SELECT * FROM (SELECT \"id\"::int4 AS t0_0, "
            "\"name\"::text AS t0_1 FROM \"shop\".\"orders\") AS q2 WHERE (t0_0 = "
            "(7)::integer)) AS q1) AS q0");
  MySqlQueryDeparser mysql;
  auto my_plan = plan_for(ExternalSourceKind::kMySql);
  ASSERT_TRUE(PushAll(mysql, *my_plan));
  EXPECT_EQ(mysql.Render(*my_plan, {}, Quoter()),
            "SELECT NULL FROM (SELECT NULL FROM (SELECT * FROM (SELECT \"id\" AS t0_0, "
            "\"name\" AS t0_1 FROM \"shop\".\"orders\") AS q2 WHERE (t0_0 = 7)) AS q1) AS q0");
}

TEST(DialectQueryRendererTest, DialectsDecideWhatIsPushed) {
  // DISTINCT on a string column: PostgreSQL groups it under a deterministic
  // collation; MySQL's collations may fold case, so it is not pushed.
  auto distinct_for = [](ExternalSourceKind kind) {
    auto distinct = std::make_unique<LogicalDistinct>();
    distinct->children.push_back(std::make_unique<LogicalRemoteGet>(0, Orders(kind)));
    return distinct;
  };
  PostgresQueryDeparser postgres;
  EXPECT_TRUE(PushAll(postgres, *distinct_for(ExternalSourceKind::kPostgres)));
  MySqlQueryDeparser mysql;
  EXPECT_FALSE(PushAll(mysql, *distinct_for(ExternalSourceKind::kMySql)));
  // A MySQL dialect never scans a PostgreSQL table.
  MySqlQueryDeparser other;
  EXPECT_FALSE(PushAll(other, *FilteredScan(ExternalSourceKind::kPostgres, 0)));

  // ORDER BY id DESC NULLS FIRST LIMIT 3: PostgreSQL only.
  auto top_for = [](ExternalSourceKind kind) {
    std::vector<BoundOrderByNode> orders;
    orders.push_back(
        {OrderType::kDescending, NullOrder::kNullsFirst, Column(0, 0, LogicalTypeId::kInteger)});
    auto top = std::make_unique<LogicalTopN>(std::move(orders), 3, 0);
    top->children.push_back(std::make_unique<LogicalRemoteGet>(0, Orders(kind)));
    return top;
  };
  PostgresQueryDeparser pg_top;
  auto pg_plan = top_for(ExternalSourceKind::kPostgres);
  ASSERT_TRUE(PushAll(pg_top, *pg_plan));
  EXPECT_EQ(pg_top.Render(*pg_plan, {ColumnBinding(0, 0)}, Quoter()),
            "SELECT t0_0::int4 AS t0_0 FROM (SELECT * FROM (SELECT \"id\"::int4 AS t0_0, "
            "\"name\"::text AS t0_1 FROM \"shop\".\"orders\") AS q1 ORDER BY t0_0 DESC NULLS "
            "FIRST LIMIT 3) AS q0");
  MySqlQueryDeparser my_top;
  EXPECT_FALSE(PushAll(my_top, *top_for(ExternalSourceKind::kMySql)));
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

// orders 0 semi-joined with orders 1 on id (and, with `two_keys`, on name).
// (A renderer of its own: its columns point into this plan.)
template <class Renderer>
std::string RenderSemiJoin(ExternalSourceKind kind, JoinType type, bool two_keys) {
  Renderer renderer;
  auto join = std::make_unique<LogicalJoin>(type);
  join->children.push_back(FilteredScan(kind, 0));
  join->children.push_back(std::make_unique<LogicalRemoteGet>(1, Orders(kind)));
  join->conditions.push_back(
      {Column(0, 0, LogicalTypeId::kInteger), Column(1, 0, LogicalTypeId::kInteger)});
  if (two_keys) {
    join->conditions.push_back(
        {Column(0, 0, LogicalTypeId::kInteger), Column(1, 0, LogicalTypeId::kInteger)});
  }
  LogicalOperatorPtr plan = std::move(join);
  if (!PushAll(renderer, *plan))
    return "";
  return renderer.Render(*plan, {ColumnBinding(0, 1)}, Quoter());
}

TEST(DialectQueryRendererTest, MySqlSemiJoinsAreInSubqueries) {
  EXPECT_EQ(RenderSemiJoin<MySqlQueryDeparser>(ExternalSourceKind::kMySql, JoinType::kSemi, false),
            "SELECT t0_1 FROM (SELECT * FROM (SELECT * FROM (SELECT \"id\" AS t0_0, \"name\" "
            "AS t0_1 FROM \"shop\".\"orders\") AS q2 WHERE (t0_0 = 7)) AS q1 WHERE t0_0 IN "
            "(SELECT t1_0 FROM (SELECT \"id\" AS t1_0, \"name\" AS t1_1 FROM "
            "\"shop\".\"orders\") AS q3)) AS q0");
  EXPECT_NE(RenderSemiJoin<MySqlQueryDeparser>(ExternalSourceKind::kMySql, JoinType::kSemi, true)
                .find("WHERE (t0_0, t0_0) IN (SELECT t1_0, t1_0 FROM"),
            std::string::npos);
  // NOT IN differs from NOT EXISTS on NULLs: anti joins stay NOT EXISTS.
  EXPECT_NE(RenderSemiJoin<MySqlQueryDeparser>(ExternalSourceKind::kMySql, JoinType::kAnti, false)
                .find("WHERE NOT EXISTS (SELECT 1 FROM"),
            std::string::npos);
  EXPECT_NE(
      RenderSemiJoin<PostgresQueryDeparser>(ExternalSourceKind::kPostgres, JoinType::kSemi, false)
          .find("WHERE EXISTS (SELECT 1 FROM"),
      std::string::npos);
}

}  // namespace
}  // namespace tributary
