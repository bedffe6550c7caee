// ANALYZE's statistics are stored with the table's catalog entry and read
// back after a restart (row count, null fraction, distinct estimate,
// min/max of every type, strings that are not valid UTF-8 included).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "catalog/catalog.h"
#include "catalog/table_statistics_serializer.h"
#include "main/connection.h"
#include "main/database.h"

namespace tributary {
namespace {

class StoredStatistics : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/tributary-statistics-test-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    dir_ = name;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::shared_ptr<const TableStatistics> Statistics(Database& db) {
    auto table = std::static_pointer_cast<TableCatalogEntry>(db.catalog().GetEntry("public", "t"));
    return table->statistics;
  }
  std::string dir_;
};

TEST_F(StoredStatistics, SurviveARestart) {
  std::string before;
  auto describe = [](const TableStatistics& s) {
    std::string text = std::to_string(s.row_count);
    for (auto& c : s.columns) {
      text += " | " + std::to_string(c.null_fraction) + " " + std::to_string(c.distinct_count) +
              " " + (c.min.IsNull() ? "NULL" : c.min.ToString()) + " " +
              (c.max.IsNull() ? "NULL" : c.max.ToString());
    }
    return text;
  };
  {
    Database db(DatabaseConfig{dir_, 1});
    Connection con(db);
    con.Query(
        "CREATE TABLE t (i int, d date, n decimal(12,3), f double precision, s varchar(10), "
        "c char(4), z int)");
    con.Query(
        "INSERT INTO t SELECT g, date '2024-01-01' + g, g / 8.0, g / 3.0, "
        "CASE WHEN g % 4 = 0 THEN NULL ELSE 'v' || (g % 50) END, 'ab', NULL "
        "FROM generate_series(1, 1000) g");
    // Not valid UTF-8: stored all the same.
    con.Query("INSERT INTO t (i, s) VALUES (0, $1)",
              {ParameterValue{Value::Varchar("\xff\xfex"), false}});
    ASSERT_EQ(Statistics(db), nullptr);
    con.Query("ANALYZE t");
    ASSERT_NE(Statistics(db), nullptr);
    before = describe(*Statistics(db));
  }
  Database db(DatabaseConfig{dir_, 1});
  auto stats = Statistics(db);
  ASSERT_NE(stats, nullptr) << "statistics were not stored";
  EXPECT_EQ(describe(*stats), before);
  EXPECT_EQ(stats->row_count, 1001u);
  EXPECT_EQ(stats->columns[0].min.ToString(), "0");
  EXPECT_EQ(stats->columns[0].max.ToString(), "1000");
  EXPECT_EQ(stats->columns[4].max.ToString(), "\xff\xfex");
  EXPECT_TRUE(stats->columns[6].min.IsNull());
  EXPECT_DOUBLE_EQ(stats->columns[6].null_fraction, 1.0);
}

TEST_F(StoredStatistics, SurviveLaterCommitsAndRestarts) {
  // ANALYZE of every table in one shell, other work in later ones (each a
  // new Database on the directory, as the shell opens it).
  {
    Database db(DatabaseConfig{dir_, 1});
    Connection con(db);
    con.Query("CREATE TABLE t AS SELECT g AS a FROM generate_series(1, 500) g");
    con.Query("CREATE TABLE u(b INTEGER)");
    con.Query("ANALYZE");
  }
  {
    Database db(DatabaseConfig{dir_, 1});
    Connection con(db);
    ASSERT_NE(Statistics(db), nullptr);
    con.Query("INSERT INTO t VALUES (501)");
    con.Query("CREATE TABLE v(c INTEGER)");
    con.Query("BEGIN");
    con.Query("DROP TABLE u");
    con.Query("ROLLBACK");
  }
  Database db(DatabaseConfig{dir_, 1});
  auto stats = Statistics(db);
  ASSERT_NE(stats, nullptr) << "statistics were lost";
  EXPECT_EQ(stats->row_count, 500u);
  EXPECT_EQ(stats->columns[0].max.ToString(), "500");
}

TEST(TableStatisticsSerializer, MismatchedColumnsReadAsNeverAnalyzed) {
  std::vector<ColumnDefinition> columns(2);
  columns[0].name = "a";
  columns[0].type = LogicalTypeId::kInteger;
  columns[1].name = "b";
  columns[1].type = LogicalTypeId::kInteger;
  TableStatistics stats;
  stats.row_count = 3;
  stats.columns.resize(2);
  stats.columns[0].min = Value::Integer(1);
  stats.columns[0].max = Value::Integer(9);
  stats.columns[1].min = Value::Null(LogicalTypeId::kInteger);
  stats.columns[1].max = Value::Null(LogicalTypeId::kInteger);
  auto item = SerializeTableStatistics(stats, columns);
  auto back = DeserializeTableStatistics(item, columns);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->columns[0].max.ToString(), "9");
  EXPECT_TRUE(back->columns[1].max.IsNull());
  columns.pop_back();
  EXPECT_EQ(DeserializeTableStatistics(item, columns), nullptr);
  EXPECT_EQ(DeserializeTableStatistics(nlohmann::json(), columns), nullptr);
}

}  // namespace
}  // namespace tributary
