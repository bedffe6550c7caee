// What DDL leaves in the catalog where SQL cannot see it yet: Redshift
// table attributes, column encodings, view definitions and ANALYZE's
// statistics.
#include <gtest/gtest.h>

#include "binder/binder.h"
#include "catalog/catalog.h"
#include "catalog/materialized_view_catalog_entry.h"
#include "catalog/view_catalog_entry.h"
#include "main/client_context.h"
#include "main/connection.h"
#include "main/database.h"
#include "main/session_settings.h"
#include "security/access_control.h"

namespace tributary {
namespace {

class DdlCatalogTest : public ::testing::Test {
 protected:
  std::shared_ptr<TableCatalogEntry> Table(const std::string& name) {
    auto entry = db_.catalog().GetEntry("public", name);
    EXPECT_TRUE(entry && (entry->type == CatalogType::kTable ||
                          entry->type == CatalogType::kMaterializedView))
        << name;
    return std::static_pointer_cast<TableCatalogEntry>(entry);
  }

  Database db_;
  Connection con_{db_};
};

TEST_F(DdlCatalogTest, RedshiftAttributesAreStored) {
  con_.Query("CREATE TABLE t1 (a INTEGER ENCODE az64 DISTKEY, b VARCHAR(10) ENCODE lzo SORTKEY)");
  auto t1 = Table("t1");
  EXPECT_EQ(t1->attributes.dist_style, DistStyle::kKey);
  EXPECT_EQ(t1->attributes.dist_key, "a");
  EXPECT_EQ(t1->attributes.sort_key_type, SortKeyType::kCompound);
  EXPECT_EQ(t1->attributes.sort_key, std::vector<std::string>{"b"});
  EXPECT_EQ(t1->columns[0].encoding, "az64");
  EXPECT_EQ(t1->columns[1].encoding, "lzo");

  con_.Query(
      "CREATE TABLE t2 (a INTEGER, b INTEGER, c INTEGER) DISTSTYLE ALL "
      "INTERLEAVED SORTKEY (c, a) BACKUP NO");
  auto t2 = Table("t2");
  EXPECT_EQ(t2->attributes.dist_style, DistStyle::kAll);
  EXPECT_EQ(t2->attributes.sort_key_type, SortKeyType::kInterleaved);
  EXPECT_EQ(t2->attributes.sort_key, (std::vector<std::string>{"c", "a"}));
  EXPECT_EQ(t2->attributes.SortKeyPosition("a"), -2);
  EXPECT_EQ(t2->attributes.SortKeyPosition("b"), 0);
  EXPECT_FALSE(t2->attributes.backup);

  // LIKE inherits them (Redshift); CREATE TABLE AS takes its own.
  con_.Query("CREATE TABLE t3 (LIKE t1)");
  EXPECT_EQ(Table("t3")->attributes.dist_key, "a");
  EXPECT_EQ(Table("t3")->columns[1].encoding, "lzo");
  con_.Query("CREATE TABLE t4 (x ENCODE zstd, y) DISTSTYLE EVEN SORTKEY (y) AS SELECT 1, 2");
  auto t4 = Table("t4");
  EXPECT_EQ(t4->attributes.dist_style, DistStyle::kEven);
  EXPECT_EQ(t4->attributes.sort_key, std::vector<std::string>{"y"});
  EXPECT_EQ(t4->columns[0].encoding, "zstd");

  // RENAME COLUMN follows into the keys.
  con_.Query("ALTER TABLE t1 RENAME COLUMN a TO a2");
  EXPECT_EQ(Table("t1")->attributes.dist_key, "a2");
}

TEST_F(DdlCatalogTest, ViewsKeepTheirDefinitions) {
  con_.Query("CREATE TABLE base (k INTEGER, v VARCHAR(5))");
  con_.Query("CREATE VIEW bound (key) AS SELECT k FROM base WHERE k > 0");
  con_.Query("CREATE VIEW late AS SELECT * FROM public.base   WITH NO SCHEMA BINDING;");
  con_.Query("CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM base");
  auto views = db_.catalog().Views();
  ASSERT_EQ(views.size(), 3u);
  auto bound =
      std::static_pointer_cast<const ViewCatalogEntry>(db_.catalog().GetEntry("public", "bound"));
  EXPECT_EQ(bound->sql, "SELECT k FROM base WHERE k > 0");
  EXPECT_EQ(bound->column_names, std::vector<std::string>{"key"});
  EXPECT_FALSE(bound->no_schema_binding);
  ASSERT_EQ(bound->dependencies.size(), 1u);
  EXPECT_EQ(bound->dependencies[0].name, "base");
  auto late =
      std::static_pointer_cast<const ViewCatalogEntry>(db_.catalog().GetEntry("public", "late"));
  EXPECT_EQ(late->sql, "SELECT * FROM public.base");
  EXPECT_TRUE(late->no_schema_binding);
  EXPECT_TRUE(late->dependencies.empty());
  EXPECT_TRUE(late->column_names.empty());
  auto mv = std::static_pointer_cast<const MaterializedViewCatalogEntry>(
      db_.catalog().GetEntry("public", "mv"));
  EXPECT_EQ(mv->type, CatalogType::kMaterializedView);
  EXPECT_EQ(mv->sql, "SELECT count(*) AS n FROM base");
  EXPECT_EQ(db_.catalog().Dependents("public", "base").size(), 2u);
  // The columns of a late-binding view are its query's when asked.
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  SessionSettings settings;
  ClientContext context(db_, settings);
  context.current_user = db_.access_control().DefaultUser();
  Binder(context).DescribeView(late, names, types);
  EXPECT_EQ(names, (std::vector<std::string>{"k", "v"}));
  EXPECT_EQ(types[1], LogicalType::Varchar(5));
  con_.Query("DROP TABLE base CASCADE");
  EXPECT_THROW(Binder(context).DescribeView(late, names, types), Exception);
}

TEST_F(DdlCatalogTest, AnalyzeMeasuresColumns) {
  con_.Query("CREATE TABLE s (id INTEGER, grp VARCHAR(10), maybe DOUBLE PRECISION, flag BOOLEAN)");
  con_.Query(
      "INSERT INTO s SELECT g, 'g' || (g % 37), CASE WHEN g % 4 = 0 THEN NULL ELSE g / 2.0 END, "
      "g % 2 = 0 FROM generate_series(1, 20000) AS x(g)");
  EXPECT_EQ(Table("s")->statistics, nullptr);
  con_.Query("ANALYZE s");
  auto stats = Table("s")->statistics;
  ASSERT_NE(stats, nullptr);
  EXPECT_EQ(stats->row_count, 20000u);
  ASSERT_EQ(stats->columns.size(), 4u);
  auto& id = stats->columns[0];
  EXPECT_EQ(id.null_fraction, 0.0);
  EXPECT_NEAR(static_cast<double>(id.distinct_count), 20000, 20000 * 0.05);
  EXPECT_EQ(id.min.ToString(), "1");
  EXPECT_EQ(id.max.ToString(), "20000");
  auto& grp = stats->columns[1];
  EXPECT_NEAR(static_cast<double>(grp.distinct_count), 37, 2);
  EXPECT_EQ(grp.min.ToString(), "g0");
  EXPECT_EQ(grp.max.ToString(), "g9");
  auto& maybe = stats->columns[2];
  EXPECT_DOUBLE_EQ(maybe.null_fraction, 0.25);
  EXPECT_EQ(maybe.min.ToString(), "0.5");
  EXPECT_EQ(maybe.max.ToString(), "9999.5");
  EXPECT_EQ(stats->columns[3].distinct_count, 2u);
  // ANALYZE without a table covers every table; an empty table has no min.
  con_.Query("CREATE TABLE empty_table (a INTEGER)");
  con_.Query("ANALYZE");
  auto empty = Table("empty_table")->statistics;
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->row_count, 0u);
  EXPECT_TRUE(empty->columns[0].min.IsNull());
  // Materialized views are analyzed too (REFRESH drops the statistics).
  con_.Query("CREATE MATERIALIZED VIEW groups AS SELECT grp, count(*) AS n FROM s GROUP BY grp");
  con_.Query("ANALYZE groups");
  ASSERT_NE(Table("groups")->statistics, nullptr);
  EXPECT_EQ(Table("groups")->statistics->row_count, 37u);
  EXPECT_EQ(Table("groups")->type, CatalogType::kMaterializedView);
  con_.Query("REFRESH MATERIALIZED VIEW groups");
  EXPECT_EQ(Table("groups")->statistics, nullptr);
  // Writes after ANALYZE do not change the statistics; ADD COLUMN drops them.
  con_.Query("INSERT INTO s (id) VALUES (0)");
  EXPECT_EQ(Table("s")->statistics->row_count, 20000u);
  con_.Query("ALTER TABLE s ADD COLUMN extra INTEGER");
  EXPECT_EQ(Table("s")->statistics, nullptr);
}

}  // namespace
}  // namespace tributary
