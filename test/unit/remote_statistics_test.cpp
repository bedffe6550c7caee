// Remote statistics: pg_stats arrays parse, and selectivities follow the
// most common values, the histogram and null_frac.
#include <gtest/gtest.h>

#include "connector/postgres/postgres_catalog.h"
#include "optimizer/remote_selectivity.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_operator_expression.h"

namespace tributary {
namespace {

TEST(RemoteStatisticsTest, ParsesTextArrays) {
  auto values = PostgresCatalog::ParseTextArray(R"({1,"a b","c\"d",NULL,""})");
  ASSERT_EQ(values.size(), 5u);
  EXPECT_EQ(values[0], "1");
  EXPECT_EQ(values[1], "a b");
  EXPECT_EQ(values[2], "c\"d");
  EXPECT_EQ(values[3], "NULL");
  EXPECT_EQ(values[4], "");
  EXPECT_TRUE(PostgresCatalog::ParseTextArray("").empty());
}

RemoteTable Table() {
  RemoteTable table;
  table.estimated_rows = 10000;
  RemoteColumn k;
  k.name = "k";
  k.type = LogicalTypeId::kInteger;
  k.stats.analyzed = true;
  k.stats.null_frac = 0.1;
  k.stats.n_distinct = 1000;
  k.stats.most_common_values = {"1"};
  k.stats.most_common_freqs = {0.5};
  // 0.4 of the rows spread evenly over 0..1000.
  k.stats.histogram_bounds = {"0", "250", "500", "750", "1000"};
  table.columns.push_back(k);
  return table;
}

ExpressionPtr Compare(ComparisonType type, int32_t value) {
  return std::make_unique<BoundComparisonExpression>(
      type,
      std::make_unique<BoundColumnRefExpression>(LogicalTypeId::kInteger, ColumnBinding(3, 0)),
      std::make_unique<BoundConstantExpression>(Value::Integer(value)));
}

TEST(RemoteStatisticsTest, SelectivityFromStatistics) {
  auto table = Table();
  EXPECT_DOUBLE_EQ(RemoteSelectivity(table, 3, *Compare(ComparisonType::kEqual, 1)), 0.5);
  EXPECT_NEAR(RemoteSelectivity(table, 3, *Compare(ComparisonType::kEqual, 7)), 0.4 / 999, 1e-9);
  // Below 500: half of the histogram's 0.4, plus the MCV 1.
  EXPECT_NEAR(RemoteSelectivity(table, 3, *Compare(ComparisonType::kLessThan, 500)), 0.7, 1e-9);
  EXPECT_NEAR(RemoteSelectivity(table, 3, *Compare(ComparisonType::kGreaterThan, 875)), 0.05, 1e-9);
  std::vector<ExpressionPtr> children;
  children.push_back(
      std::make_unique<BoundColumnRefExpression>(LogicalTypeId::kInteger, ColumnBinding(3, 0)));
  auto null_test = std::make_unique<BoundOperatorExpression>(
      OperatorType::kIsNull, LogicalTypeId::kBoolean, std::move(children));
  EXPECT_NEAR(RemoteSelectivity(table, 3, *null_test), 0.1, 1e-9);
  // Never analyzed: a fifth.
  table.columns[0].stats = RemoteColumnStats();
  EXPECT_DOUBLE_EQ(RemoteSelectivity(table, 3, *Compare(ComparisonType::kEqual, 1)), 0.2);
}

}  // namespace
}  // namespace tributary
