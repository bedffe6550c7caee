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
