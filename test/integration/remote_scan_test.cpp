// Remote scans against a real PostgreSQL: pushed filters give PostgreSQL's
// answers (and only safe ones are pushed), split scans read every row once,
// one statement sees one snapshot, and cancel/termination mid-scan end
// cleanly.
#include <atomic>
#include <thread>

#include "federation_fixture.h"

namespace tributary {
namespace {

std::string Explain(Connection& con, const std::string& sql) {
  auto result = con.Query("EXPLAIN " + sql);
  std::string plan;
  for (idx_t r = 0; r < result->RowCount(); r++)
    plan += result->GetValue(0, r).ToString() + "\n";
  return plan;
}

TEST_F(FederationTest, PushedFiltersGivePostgresAnswers) {
  con_->Query(CreateSql("src"));
  struct Case {
    const char* predicate;
    bool pushed;
  };
  const Case cases[] = {
      {"id > 100 AND id <= 200", true},
      {"price >= 10.5", true},
      {"big > 2000000000000", true},
      {"day BETWEEN '2024-02-01' AND '2024-03-01'", true},
      {"at < timestamp '2024-01-05 00:00'", true},
      {"ok AND id < 50", true},
      {"NOT ok", true},
      {"name = 'item 7'", true},
      {"name IN ('item 1', 'item 2', 'zzz')", true},
      {"name <> 'item 7'", true},
      {"code = 'c1'", true},
      {"code = 'c1  '", true},
      {"code IN ('c1', 'c2')", true},
      {"id IS NULL", true},
      {"id IS NOT NULL", true},
      {"id NOT IN (1, 2, 3)", true},
      {"id = 5 OR name = 'item 9'", true},
      {"plain IS NULL", true},
      {"id IS DISTINCT FROM 7", true},
      {"id + 1 > 10", true},
      {"id * 2 - 3 <= 100 AND -id < -5", true},
      {"id / 7 = 3 AND id % 7 = 1", true},
      {"price * 2 > 100", true},
      {"price + big > 3000000000000", true},
      {"day + 3 < '2024-02-01'", true},
      {"name LIKE 'item 1%'", true},
      {"name NOT LIKE '%5'", true},
      {"name LIKE 'item \\_1'", true},
      {"code LIKE 'c_'", true},
      // Not pushed: float ordering (NaN), string ordering (collation),
      // locale-dependent case folding, DECIMAL division (result scale).
      {"ratio > 100", false},
      {"name > 'item 5'", false},
      {"name ILIKE 'ITEM 1%'", false},
      {"price / 3 > 10", false},
      {"doc IS NOT NULL AND tags IS NOT NULL", true},
  };
  for (auto& c : cases) {
    SCOPED_TRACE(c.predicate);
    std::string where = std::string(" WHERE ") + c.predicate;
    EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items" + where),
              SourceValue("SELECT count(*) FROM fed_items" + where));
    EXPECT_EQ(Value("SELECT coalesce(sum(id), 0) FROM src.fed_items" + where),
              SourceValue("SELECT coalesce(sum(id), 0) FROM fed_items" + where));
    std::string plan = Explain(*con_, "SELECT id FROM src.fed_items" + where);
    EXPECT_EQ(plan.find(" WHERE ") != std::string::npos, c.pushed) << plan;
    EXPECT_EQ(plan.find("FILTER") == std::string::npos, c.pushed) << plan;
  }
  // A column only the pushed filter uses is not transferred.
  std::string plan = Explain(*con_, "SELECT id FROM src.fed_items WHERE price > 3");
  EXPECT_NE(plan.find("SELECT \"id\"::int4 FROM"), std::string::npos) << plan;
  // A LIMIT over the scan goes to the source too; not with a local filter.
  plan = Explain(*con_, "SELECT id FROM src.fed_items WHERE id > 10 LIMIT 5");
  EXPECT_NE(plan.find("LIMIT 5\nestimated rows: 5]"), std::string::npos) << plan;
  EXPECT_EQ(con_->Query("SELECT id FROM src.fed_items WHERE id > 10 LIMIT 5 OFFSET 2")->RowCount(),
            5u);
  plan = Explain(*con_, "SELECT id FROM src.fed_items WHERE ratio > 1 LIMIT 5");
  EXPECT_EQ(plan.find("LIMIT 5\n"), std::string::npos) << plan;
  EXPECT_EQ(con_->Query("SELECT id FROM src.fed_items WHERE ratio > 1 LIMIT 5")->RowCount(), 5u);
  // Quotes in literals stay literals.
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items WHERE name = 'x'' OR ''1''=''1'"), "0");
}

TEST_F(FederationTest, SplitScansReadEveryRowOnce) {
  SourceExec("ANALYZE fed_items");
  // Rows added after ANALYZE live on pages the split plan does not know of:
  // the open-ended last range still reads them.
  SourceExec("INSERT INTO fed_items (id, price) SELECT g, 1 FROM generate_series(10001, 12000) g");
  con_->Query(CreateSql("src"));
  std::string count = SourceValue("SELECT count(*) FROM fed_items");
  std::string sum = SourceValue("SELECT sum(id) FROM fed_items");
  for (const char* pages : {"0", "1", "10"}) {
    SCOPED_TRACE(pages);
    con_->Query(std::string("SET pg_federation_split_pages TO ") + pages);
    EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items"), count);
    EXPECT_EQ(Value("SELECT sum(id) FROM src.fed_items"), sum);
    EXPECT_EQ(Value("SELECT count(DISTINCT id) FROM src.fed_items WHERE id > 4000"),
              SourceValue("SELECT count(DISTINCT id) FROM fed_items WHERE id > 4000"));
  }
  EXPECT_EQ(Error("SET pg_federation_split_pages TO -1").substr(0, 5), "22023");
}

TEST_F(FederationTest, OneStatementSeesOneSnapshot) {
  con_->Query(CreateSql("src"));
  con_->Query("SET pg_federation_split_pages TO 1");
  SourceExec("ANALYZE fed_items");
  std::string base = SourceValue("SELECT count(*) FROM fed_items WHERE id IS DISTINCT FROM -1");
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    PGconn* conn = PQconnectdb("");
    while (!stop.load()) {
      PQclear(PQexec(conn, "INSERT INTO fed_items (id) VALUES (-1)"));
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    PQfinish(conn);
  });
  int checked = 0;
  for (int i = 0; i < 30; i++) {
    auto result = con_->Query(
        "SELECT * FROM (SELECT count(*) FROM src.fed_items) a, (SELECT count(*) FROM "
        "src.fed_items) b, (SELECT count(*) + " +
        base + " FROM src.fed_items WHERE id = -1) c");
    ASSERT_EQ(result->RowCount(), 1u);
    EXPECT_EQ(result->GetValue(0, 0).ToString(), result->GetValue(1, 0).ToString());
    EXPECT_EQ(result->GetValue(0, 0).ToString(), result->GetValue(2, 0).ToString());
    checked++;
  }
  stop = true;
  writer.join();
  EXPECT_EQ(checked, 30);
  // READ COMMITTED without a shared snapshot still answers.
  con_->Query("SET pg_federation_repeatable_read TO false");
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items WHERE id = 7"), "1");
}

TEST_F(FederationTest, CancelStopsTheRemoteQuery) {
  SourceExec(
      "CREATE OR REPLACE VIEW fed_slow AS SELECT id FROM (SELECT id, pg_sleep(0.2) FROM fed_items "
      "LIMIT 100) s");
  con_->Query(CreateSql("src"));
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    con_->Interrupt();
  });
  auto start = std::chrono::steady_clock::now();
  std::string error = Error("SELECT count(*) FROM src.fed_slow");
  canceller.join();
  EXPECT_EQ(error.substr(0, 5), "57014");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  // The source stopped the query and the connection is gone.
  for (int i = 0; i < 50; i++) {
    if (SourceValue("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                    "'tributary'") == "0") {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(
      SourceValue("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tributary'"),
      "0");
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items"), "5001");
}

TEST_F(FederationTest, SourceTerminatedMidScan) {
  SourceExec(
      "CREATE OR REPLACE VIEW fed_slow AS SELECT id FROM (SELECT id, pg_sleep(0.2) FROM fed_items "
      "LIMIT 100) s");
  con_->Query(CreateSql("src"));
  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    SourceValue(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = "
        "'tributary'");
  });
  std::string error = Error("SELECT count(*) FROM src.fed_slow");
  killer.join();
  EXPECT_TRUE(error.substr(0, 5) == "08006" || error.substr(0, 5) == "57P01") << error;
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items"), "5001");
}

TEST_F(FederationTest, MetadataFollowsSourceDdl) {
  con_->Query(CreateSql("src"));
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items"), "5001");
  // A column added on the source is found (the cached metadata reloads).
  SourceExec("ALTER TABLE fed_items ADD COLUMN extra integer DEFAULT 7");
  EXPECT_EQ(Value("SELECT sum(extra) FROM src.fed_items"), "35007");
  // A dropped column: queries that do not name it keep working.
  SourceExec("ALTER TABLE fed_items DROP COLUMN name");
  EXPECT_EQ(con_->Query("SELECT * FROM src.fed_items WHERE id = 3")->ColumnCount(), 12u);
  EXPECT_EQ(Error("SELECT name FROM src.fed_items").substr(0, 5), "42703");
  // A changed type reads correctly, before and after the reload.
  SourceExec("ALTER TABLE fed_items ALTER COLUMN id TYPE bigint");
  EXPECT_EQ(Value("SELECT sum(id) FROM src.fed_items"), "12502500");
  SourceExec("ALTER TABLE fed_items ALTER COLUMN code TYPE text");
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items WHERE code = 'c1'"), "500");
  // A table created on the source is found at once; a dropped one is gone.
  SourceExec("CREATE TABLE fed_new AS SELECT 1 AS a");
  EXPECT_EQ(Value("SELECT a FROM src.fed_new"), "1");
  SourceExec("DROP TABLE fed_new");
  EXPECT_EQ(Error("SELECT a FROM src.fed_new").substr(0, 5), "42P01");
  // With a zero TTL every statement reads the metadata afresh.
  con_->Query("SET pg_federation_metadata_ttl TO 0");
  SourceExec("ALTER TABLE fed_items ADD COLUMN extra2 integer DEFAULT 1");
  EXPECT_EQ(con_->Query("SELECT * FROM src.fed_items LIMIT 1")->ColumnCount(), 13u);
}

TEST_F(FederationTest, ExternalTablesAndColumnsViews) {
  SourceExec("CREATE OR REPLACE VIEW fed_view AS SELECT id, name FROM fed_items");
  con_->Query(CreateSql("src"));
  auto tables = con_->Query(
      "SELECT schemaname, tablename, tabletype FROM svv_external_tables WHERE tablename IN "
      "('fed_items', 'fed_view') ORDER BY tablename");
  ASSERT_EQ(tables->RowCount(), 2u);
  EXPECT_EQ(tables->GetValue(0, 0).ToString(), "src");
  EXPECT_EQ(tables->GetValue(1, 0).ToString(), "fed_items");
  EXPECT_EQ(tables->GetValue(2, 0).ToString(), "TABLE");
  EXPECT_EQ(tables->GetValue(2, 1).ToString(), "VIEW");
  auto columns = con_->Query(
      "SELECT columnname, external_type, columnnum, part_key, is_nullable FROM "
      "svv_external_columns WHERE tablename = 'fed_items' ORDER BY columnnum");
  ASSERT_EQ(columns->RowCount(), 12u);
  EXPECT_EQ(columns->GetValue(0, 0).ToString(), "id");
  EXPECT_EQ(columns->GetValue(1, 0).ToString(), "integer");
  EXPECT_EQ(columns->GetValue(2, 0).ToString(), "1");
  EXPECT_EQ(columns->GetValue(3, 0).ToString(), "0");
  EXPECT_EQ(columns->GetValue(4, 0).ToString(), "true");
  EXPECT_EQ(columns->GetValue(1, 2).ToString(), "numeric(10,2)");
  // An unreachable source is skipped with a notice, the others still listed.
  con_->Query(
      "CREATE EXTERNAL SCHEMA closed FROM POSTGRES DATABASE 'x' URI '127.0.0.1' PORT 1 "
      "IAM_ROLE default SECRET_ARN '" +
      secret_arn_ + "'");
  auto result =
      con_->Query("SELECT count(*) FROM svv_external_tables WHERE tablename = 'fed_items'");
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "1");
  ASSERT_EQ(result->Notices().size(), 1u);
  EXPECT_NE(result->Notices()[0].find("closed"), std::string::npos);
}

TEST_F(FederationTest, FederatedQueriesAreRecorded) {
  con_->Query(CreateSql("src"));
  // Scans as they are (the aggregates would run remotely, and the join's
  // keys would filter its probe scan, otherwise).
  con_->Query("SET pg_federation_pushdown TO off");
  con_->Query("SET pg_federation_dynamic_filter_max_keys TO 0");
  con_->Query("SELECT count(*) FROM src.fed_items WHERE id <= 100 AND name <> 'x'");
  auto log = con_->Query(
      "SELECT sourcetype, querytext, num_rows, num_bytes > 0, duration >= 0, recordtime > "
      "'2020-01-01', userid FROM svl_federated_query");
  ASSERT_EQ(log->RowCount(), 1u);
  EXPECT_EQ(log->GetValue(0, 0).ToString(), "PG");
  EXPECT_NE(log->GetValue(1, 0).ToString().find("WHERE"), std::string::npos);
  EXPECT_EQ(log->GetValue(2, 0).ToString(), "100");
  EXPECT_EQ(log->GetValue(3, 0).ToString(), "t");
  EXPECT_EQ(log->GetValue(4, 0).ToString(), "t");
  EXPECT_EQ(log->GetValue(5, 0).ToString(), "t");
  // A statement with two scans records two fragments under one query id.
  con_->Query("SELECT count(*) FROM src.fed_items a JOIN src.fed_items b ON a.id = b.id");
  auto fragments = con_->Query(
      "SELECT query, count(*), min(num_rows) FROM svl_federated_query GROUP BY query ORDER BY "
      "query DESC LIMIT 1");
  EXPECT_EQ(fragments->GetValue(1, 0).ToString(), "2");
  EXPECT_EQ(fragments->GetValue(2, 0).ToString(), "5001");
  // Pushed down, the join and count are one fragment returning one row.
  con_->Query("SET pg_federation_pushdown TO auto");
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items a JOIN src.fed_items b ON a.id = b.id"),
            "5000");
  fragments = con_->Query(
      "SELECT query, count(*), min(num_rows), max(querytext) FROM svl_federated_query GROUP BY "
      "query ORDER BY query DESC LIMIT 1");
  EXPECT_EQ(fragments->GetValue(1, 0).ToString(), "1");
  EXPECT_EQ(fragments->GetValue(2, 0).ToString(), "1");
  EXPECT_NE(fragments->GetValue(3, 0).ToString().find(" JOIN "), std::string::npos);
}

}  // namespace
}  // namespace tributary
