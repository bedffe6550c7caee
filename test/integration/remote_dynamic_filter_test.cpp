// Dynamic filters against a real PostgreSQL: a small local build side's
// keys go into the remote probe scan (= ANY, or a range past the key limit),
// the answers stay the same, and joins that keep unmatched probe rows get
// no filter.
#include "federation_fixture.h"

namespace tributary {
namespace {

class DynamicFilterTest : public FederationTest {
 protected:
  // Rows the last statement's remote scan of fed_items returned.
  std::string LastScanRows() {
    return Value(
        "SELECT num_rows FROM svl_federated_query WHERE querytext LIKE '%fed_items%' ORDER BY "
        "query DESC, recordtime DESC LIMIT 1");
  }
  std::string LastScanText() {
    return Value(
        "SELECT querytext FROM svl_federated_query WHERE querytext LIKE '%fed_items%' ORDER BY "
        "query DESC, recordtime DESC LIMIT 1");
  }
};

TEST_F(DynamicFilterTest, LocalKeysFilterTheRemoteScan) {
  con_->Query(CreateSql("src"));
  con_->Query("SET pg_federation_pushdown TO off");
  con_->Query("CREATE TABLE keys (k integer, d date)");
  con_->Query(
      "INSERT INTO keys VALUES (3, '2024-01-04'), (7, '2024-01-08'), (7, '2024-01-08'), "
      "(4999, NULL), (NULL, NULL), (99999, '2030-01-01')");
  std::string sql = "SELECT count(*), sum(f.price) FROM src.fed_items f JOIN keys ON f.id = keys.k";
  EXPECT_EQ(Value(sql), "4");
  EXPECT_EQ(LastScanRows(), "3");
  EXPECT_NE(LastScanText().find("= ANY('{3,7,4999,99999}'::int4[])"), std::string::npos)
      << LastScanText();
  std::string with_filter = con_->Query(sql)->GetValue(1, 0).ToString();
  // Dates, and a semi join (IN).
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items f WHERE f.day IN (SELECT d FROM keys)"), "3");
  EXPECT_EQ(LastScanRows(), "3");
  EXPECT_NE(LastScanText().find("= ANY('{2024-01-04,2024-01-08,2030-01-01}'::date[])"),
            std::string::npos)
      << LastScanText();
  // Past the key limit: a range.
  con_->Query("SET pg_federation_dynamic_filter_max_keys TO 2");
  EXPECT_EQ(Value(sql), "4");
  EXPECT_NE(LastScanText().find("BETWEEN '3'::int4 AND '99999'::int4"), std::string::npos)
      << LastScanText();
  // Off: the whole table, the same answer.
  con_->Query("SET pg_federation_dynamic_filter_max_keys TO 0");
  EXPECT_EQ(con_->Query(sql)->GetValue(1, 0).ToString(), with_filter);
  EXPECT_EQ(LastScanRows(), "5001");
  con_->Query("RESET pg_federation_dynamic_filter_max_keys");
  // An empty build side: nothing to read.
  con_->Query("CREATE TABLE nokeys (k integer)");
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items f JOIN nokeys ON f.id = nokeys.k"), "0");
}

// String keys: `= ANY` as is under deterministic collations (the default,
// "C", ICU's en-x-icu), with COLLATE "C" under a nondeterministic one (a
// case-insensitive match would send 'A' for 'a'); ranges always in our
// bytewise order (COLLATE "C" unless the column's collation is "C": under
// ICU, 'a' is not BETWEEN 'B' AND 'c'). CHAR keys get no range. DECIMAL
// keys as exact literals at the column's scale.
TEST_F(DynamicFilterTest, StringAndDecimalKeys) {
  if (SourceValue("SELECT count(*) FROM pg_collation WHERE collname = 'en-x-icu'") != "1")
    GTEST_SKIP() << "the source PostgreSQL has no ICU";
  SourceExec(
      "DROP TABLE IF EXISTS str_items; DROP COLLATION IF EXISTS tributary_ci; "
      "CREATE COLLATION tributary_ci (provider = icu, locale = 'und-u-ks-level2', "
      "deterministic = false); "
      "CREATE TABLE str_items (id integer, d varchar(10), cc text COLLATE \"C\", icu text "
      "COLLATE \"en-x-icu\", ci text COLLATE tributary_ci, ch char(4), price numeric(10,2)); "
      "INSERT INTO str_items SELECT g, v, v, v, v, v, g * 0.25 FROM generate_series(1, 900) g, "
      "LATERAL (SELECT (ARRAY['a', 'B', 'c', 'A', 'b', 'é', 'e', 'x', 'X'])[g % 9 + 1] AS v) s; "
      "ANALYZE str_items;");
  con_->Query(CreateSql("src"));
  con_->Query("SET pg_federation_pushdown TO off");
  con_->Query("CREATE TABLE skeys (s varchar(10), ch char(4), p numeric(10,2))");
  con_->Query("INSERT INTO skeys VALUES ('c', 'c', 0.25), ('B', 'B', 0.50), ('a', 'a', 2.25)");
  auto scan = [&](const std::string& sql) {
    EXPECT_EQ(Value(sql), sql.find("price") == std::string::npos ? "300" : "3") << sql;
    auto text = Value(
        "SELECT querytext FROM svl_federated_query WHERE querytext LIKE '%str_items%' ORDER BY "
        "query DESC, recordtime DESC LIMIT 1");
    auto rows = Value(
        "SELECT num_rows FROM svl_federated_query WHERE querytext LIKE '%str_items%' ORDER BY "
        "query DESC, recordtime DESC LIMIT 1");
    return rows + " " +
           text.substr(text.find("WHERE") == std::string::npos ? text.size() : text.find("WHERE"));
  };
  auto join = [](const std::string& column) {
    return "SELECT count(*) FROM src.str_items t JOIN skeys k ON t." + column + " = k." +
           (column == "price" ? "p"
            : column == "ch"  ? "ch"
                              : "s");
  };
  for (const char* column : {"d", "cc", "icu"}) {
    EXPECT_EQ(scan(join(column)),
              std::string("300 WHERE (\"") + column + "\" = ANY('{\"B\",\"a\",\"c\"}'::text[]))");
  }
  EXPECT_EQ(scan(join("ci")),
            "300 WHERE (\"ci\" COLLATE \"C\" = ANY('{\"B\",\"a\",\"c\"}'::text[]))");
  EXPECT_EQ(scan(join("ch")), "300 WHERE (\"ch\" = ANY('{\"B   \",\"a   \",\"c   \"}'::bpchar[]))");
  EXPECT_EQ(scan(join("price")), "3 WHERE (\"price\" = ANY('{0.25,0.50,2.25}'::numeric(10,2)[]))");
  // Past the key limit: ranges (B, X, a, b, c in bytes: 500 rows).
  con_->Query("SET pg_federation_dynamic_filter_max_keys TO 2");
  EXPECT_EQ(scan(join("cc")), "500 WHERE (\"cc\" BETWEEN 'B'::text AND 'c'::text)");
  // The database's default collation here is "C" too (start-postgres).
  EXPECT_EQ(scan(join("d")), "500 WHERE (\"d\" BETWEEN 'B'::text AND 'c'::text)");
  EXPECT_EQ(scan(join("icu")), "500 WHERE (\"icu\" COLLATE \"C\" BETWEEN 'B'::text AND 'c'::text)");
  EXPECT_EQ(scan(join("ci")), "500 WHERE (\"ci\" COLLATE \"C\" BETWEEN 'B'::text AND 'c'::text)");
  EXPECT_EQ(scan(join("ch")), "900 ");
  EXPECT_EQ(scan(join("price")),
            "9 WHERE (\"price\" BETWEEN '0.25'::numeric(10,2) AND '2.25'::numeric(10,2))");
  // Pushed subtrees take string filters too (under COLLATE "C": a pushed
  // column's collation is the source's choice).
  con_->Query("RESET pg_federation_dynamic_filter_max_keys");
  con_->Query("SET pg_federation_pushdown TO on");
  EXPECT_EQ(Value("SELECT count(*) FROM (SELECT DISTINCT d, id FROM src.str_items) t JOIN skeys k "
                  "ON t.d = k.s"),
            "300");
}

TEST_F(DynamicFilterTest, JoinsKeepingProbeRowsAreNotFiltered) {
  con_->Query(CreateSql("src"));
  con_->Query("SET pg_federation_pushdown TO off");
  con_->Query("CREATE TABLE keys (k integer, b bigint)");
  con_->Query("INSERT INTO keys VALUES (3, 3), (7, 7)");
  // LEFT keeps every remote row; NOT EXISTS wants the ones without a match.
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items f LEFT JOIN keys ON f.id = keys.k"), "5001");
  EXPECT_EQ(LastScanRows(), "5001");
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items f WHERE NOT EXISTS (SELECT 1 FROM keys "
                  "WHERE keys.k = f.id)"),
            "4999");
  EXPECT_EQ(LastScanRows(), "5001");
  // A key cast remotely (integer = bigint) is not a plain column: no filter.
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items f JOIN keys ON f.id = keys.b"), "2");
  EXPECT_EQ(LastScanRows(), "5001");
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

// Past the key limit, a column that leads an index is read by batched key
// lookups (only matching rows cross the wire); one without an index by a
// range.
TEST_F(FederationTest, BatchedKeyLookupsOnIndexedColumns) {
  SourceExec(
      "DROP TABLE IF EXISTS big_items; CREATE TABLE big_items (id integer, other integer, pad "
      "text); INSERT INTO big_items SELECT g, g, 'x' FROM generate_series(1, 20000) g; "
      "CREATE INDEX ON big_items (id); ANALYZE big_items;");
  con_->Query(CreateSql("src"));
  con_->Query("SET pg_federation_pushdown TO off");
  con_->Query("SET pg_federation_dynamic_filter_max_keys TO 4");
  con_->Query("CREATE TABLE keys AS SELECT g * 1000 AS k FROM generate_series(1, 11) g");
  auto rows = [&](const std::string& column) {
    auto plan = con_->Query(
        "EXPLAIN ANALYZE SELECT count(*), sum(b.other) FROM src.big_items b "
        "JOIN keys ON b." +
        column + " = keys.k");
    std::string text;
    for (idx_t r = 0; r < plan->RowCount(); r++)
      text += plan->GetValue(0, r).ToString() + "\n";
    auto at = text.find("actual rows: ");
    return at == std::string::npos ? std::string("none")
                                   : text.substr(at + 13, text.find(',', at) - at - 13);
  };
  EXPECT_EQ(rows("id"), "11");
  EXPECT_EQ(rows("other"), "10001");  // BETWEEN 1000 AND 11000
  EXPECT_EQ(Value("SELECT sum(b.other) FROM src.big_items b JOIN keys ON b.id = keys.k"), "66000");
  con_->Query("SET pg_federation_dynamic_filter_max_keys TO 0");
  EXPECT_EQ(Value("SELECT sum(b.other) FROM src.big_items b JOIN keys ON b.id = keys.k"), "66000");
  EXPECT_EQ(rows("id"), "20000");
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

// Keys covering much of a plain remote table hardly trim it: `= ANY` over
// more than half of its rows or batched lookups over more than an eighth
// read it whole instead (TPC-H Q5 in the mixed placement: 90,000 of
// 150,000 customers took 10x the full scan as batched lookups).
TEST_F(FederationTest, KeysCoveringMuchOfATableDoNotFilterIt) {
  SourceExec(
      "DROP TABLE IF EXISTS cover_items; CREATE TABLE cover_items (id integer, other integer); "
      "INSERT INTO cover_items SELECT g, g FROM generate_series(1, 10000) g; "
      "CREATE INDEX ON cover_items (id); ANALYZE cover_items;");
  con_->Query(CreateSql("src"));
  con_->Query("SET pg_federation_pushdown TO off");
  con_->Query("CREATE TABLE few AS SELECT g AS k FROM generate_series(1, 1000) g");
  con_->Query("CREATE TABLE mid AS SELECT g AS k FROM generate_series(1, 2000) g");
  con_->Query("CREATE TABLE most AS SELECT g AS k FROM generate_series(1, 6000) g");
  auto rows = [&](const std::string& keys) {
    auto plan = con_->Query(
        "EXPLAIN ANALYZE SELECT count(*), sum(c.other) FROM src.cover_items c "
        "JOIN " +
        keys + " ON c.id = " + keys + ".k");
    std::string text;
    for (idx_t r = 0; r < plan->RowCount(); r++)
      text += plan->GetValue(0, r).ToString() + "\n";
    auto at = text.find("actual rows: ");
    return at == std::string::npos ? std::string("none")
                                   : text.substr(at + 13, text.find(',', at) - at - 13);
  };
  auto sum = [&](const std::string& keys) {
    return Value("SELECT sum(c.other) FROM src.cover_items c JOIN " + keys + " ON c.id = " + keys +
                 ".k");
  };
  EXPECT_EQ(rows("few"), "1000");    // = ANY
  EXPECT_EQ(rows("most"), "10000");  // 6,000 keys of 10,000: the whole table
  EXPECT_EQ(sum("most"), "18003000");
  // Batched lookups (past the key limit, on an indexed column).
  con_->Query("SET pg_federation_dynamic_filter_max_keys TO 500");
  EXPECT_EQ(rows("few"), "1000");   // 1,000 keys of 10,000
  EXPECT_EQ(rows("mid"), "10000");  // 2,000 keys: more than an eighth
  EXPECT_EQ(sum("mid"), "2001000");
  EXPECT_EQ(sum("few"), "500500");
}

}  // namespace
}  // namespace tributary
