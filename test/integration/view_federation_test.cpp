// Views over external schemas against a real PostgreSQL source: Redshift's
// late-binding views (required for external tables), materialized views of
// federated data and their refresh, and 25006 for writes and DDL on
// external tables.
#include "federation_fixture.h"

namespace tributary {
namespace {

class ViewFederationTest : public FederationTest {
 protected:
  void SetUp() override {
    FederationTest::SetUp();
    if (IsSkipped() || HasFatalFailure())
      return;
    SourceExec(
        "DROP TABLE IF EXISTS view_orders CASCADE; "
        "CREATE TABLE view_orders (o_id integer, o_amount numeric(10,2), o_region text); "
        "INSERT INTO view_orders SELECT g, g * 2.5, CASE WHEN g % 2 = 0 THEN 'east' ELSE 'west' "
        "END FROM generate_series(1, 300) g;");
    con_->Query(CreateSql("apg"));
    con_->Query("CREATE TABLE orders (o_id INTEGER, o_amount NUMERIC(10,2), o_region VARCHAR(10))");
    con_->Query("INSERT INTO orders VALUES (1001, 10.00, 'north'), (1002, 20.00, 'east')");
  }
  void TearDown() override {
    if (!Env("PGHOST").empty())
      SourceExec("DROP TABLE IF EXISTS view_orders CASCADE");
    FederationTest::TearDown();
  }
};

TEST_F(ViewFederationTest, LateBindingViewUnionsLocalAndExternalRows) {
  // A normal view over an external table is refused, as in Redshift.
  EXPECT_EQ(Error("CREATE VIEW all_orders AS SELECT * FROM public.orders UNION ALL "
                  "SELECT * FROM apg.view_orders")
                .substr(0, 5),
            "0A000");
  con_->Query(
      "CREATE VIEW all_orders AS SELECT * FROM public.orders UNION ALL "
      "SELECT * FROM apg.view_orders WITH NO SCHEMA BINDING");
  EXPECT_EQ(Value("SELECT count(*) FROM all_orders"), "302");
  EXPECT_EQ(Value("SELECT sum(o_amount) FROM all_orders"),
            SourceValue("SELECT (sum(o_amount) + 30.00)::text FROM view_orders"));
  // Joined with a local table, filtered, grouped.
  con_->Query("CREATE TABLE regions (name VARCHAR(10), manager VARCHAR(10))");
  con_->Query("INSERT INTO regions VALUES ('east', 'ann'), ('north', 'bob')");
  auto result = con_->Query(
      "SELECT r.manager, count(*) FROM all_orders a JOIN regions r ON r.name = a.o_region "
      "GROUP BY r.manager ORDER BY 1");
  ASSERT_EQ(result->RowCount(), 2u);
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "ann");
  EXPECT_EQ(result->GetValue(1, 0).ToString(), SourceValue("SELECT count(*) + 1 FROM view_orders "
                                                           "WHERE o_region = 'east'"));
  EXPECT_EQ(result->GetValue(1, 1).ToString(), "1");
  // In a subquery.
  EXPECT_EQ(Value("SELECT count(*) FROM regions WHERE name IN (SELECT o_region FROM all_orders)"),
            "2");
  // Source changes show through at once: nothing is cached in the view.
  SourceExec("INSERT INTO view_orders VALUES (9999, 1.00, 'east')");
  EXPECT_EQ(Value("SELECT count(*) FROM all_orders"), "303");
  // A column added on the source appears in `*` of a late-binding view.
  con_->Query("CREATE VIEW remote_only AS SELECT * FROM apg.view_orders WITH NO SCHEMA BINDING");
  SourceExec("ALTER TABLE view_orders ADD COLUMN o_note text DEFAULT 'n'");
  con_->Query("SET pg_federation_metadata_ttl TO 0");
  EXPECT_EQ(Value("SELECT max(o_note) FROM remote_only"), "n");
  // The source table dropped: the view fails when queried, naming it.
  SourceExec("DROP TABLE view_orders");
  EXPECT_EQ(Error("SELECT * FROM remote_only").substr(0, 5), "42P01");
}

TEST_F(ViewFederationTest, MaterializedViewOfExternalTableRefreshes) {
  con_->Query(
      "CREATE MATERIALIZED VIEW region_totals AS SELECT o_region, count(*) AS n, "
      "sum(o_amount) AS total FROM apg.view_orders GROUP BY o_region");
  EXPECT_EQ(Value("SELECT n FROM region_totals WHERE o_region = 'east'"), "150");
  EXPECT_EQ(Value("SELECT total FROM region_totals WHERE o_region = 'west'"),
            SourceValue("SELECT sum(o_amount)::text FROM view_orders WHERE o_region = 'west'"));
  SourceExec("INSERT INTO view_orders VALUES (5000, 1.00, 'east')");
  // Stored rows until the refresh (no auto refresh).
  EXPECT_EQ(Value("SELECT n FROM region_totals WHERE o_region = 'east'"), "150");
  con_->Query("REFRESH MATERIALIZED VIEW region_totals");
  EXPECT_EQ(Value("SELECT n FROM region_totals WHERE o_region = 'east'"), "151");
  // A materialized view that joins federated and local rows.
  con_->Query(
      "CREATE MATERIALIZED VIEW mixed AS SELECT l.o_id FROM public.orders l JOIN apg.view_orders "
      "r ON r.o_region = l.o_region");
  EXPECT_EQ(Value("SELECT count(*) FROM mixed"), "151");
  con_->Query("DROP MATERIALIZED VIEW mixed");
  con_->Query("DROP MATERIALIZED VIEW region_totals");
}

TEST_F(ViewFederationTest, WritesAndDdlOnExternalTablesAreReadOnly) {
  for (const char* sql :
       {"INSERT INTO apg.view_orders (o_id) VALUES (1)", "CREATE TABLE apg.x (a INTEGER)",
        "CREATE TABLE apg.y AS SELECT 1 AS a", "CREATE VIEW apg.v AS SELECT 1 AS a",
        "ALTER TABLE apg.view_orders ADD COLUMN z INTEGER",
        "ALTER TABLE apg.view_orders RENAME TO other", "DROP TABLE apg.view_orders"}) {
    std::string error = Error(sql);
    EXPECT_EQ(error.substr(0, 5), "25006") << sql << ": " << error;
  }
  EXPECT_NE(Error("DROP TABLE apg.view_orders").find("apg.view_orders"), std::string::npos);
  // The source table is untouched.
  EXPECT_EQ(SourceValue("SELECT count(*) FROM view_orders"), "300");
}

}  // namespace
}  // namespace tributary
