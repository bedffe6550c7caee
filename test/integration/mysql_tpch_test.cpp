// The 22 TPC-H queries (SF 0.01) over an external schema on a real
// MariaDB, compared with PostgreSQL's answers: all tables remote, and
// mixed (lineitem and orders copied into local tables, the rest remote).
#include "mysql_fixture.h"
#include "tpch_answers.h"

namespace tributary {
namespace {

const char* const kTables[] = {"region", "nation",   "supplier", "customer",
                               "part",   "partsupp", "orders",   "lineitem"};
const char* const kCounts[] = {"5", "25", "100", "1500", "2000", "8000", "15000", "60175"};

// Loads SF 0.01 into the source's database once, in INSERT batches.
void LoadSource(MySqlSource& source, const std::string& dir) {
  bool loaded = true;
  for (int t = 0; t < 8; t++) {
    loaded = loaded &&
             source.Value(std::string("SELECT COUNT(*) FROM information_schema.TABLES "
                                      "WHERE TABLE_SCHEMA = DATABASE() AND "
                                      "TABLE_NAME = '") +
                          kTables[t] + "'") == "1" &&
             source.Value(std::string("SELECT COUNT(*) FROM ") + kTables[t]) == kCounts[t];
  }
  if (loaded)
    return;
  std::string drop;
  for (auto* table : kTables)
    drop += std::string("DROP TABLE IF EXISTS ") + table + "; ";
  source.Exec(drop + tpch::ReadFile(dir + "/schema.sql"));
  for (auto* table : kTables) {
    std::string data = tpch::Decompress(tpch::ReadFile(dir + "/sf0.01/" + table + ".tbl.zst"));
    std::stringstream lines(data);
    std::string line, batch;
    int rows = 0;
    auto flush = [&] {
      if (rows > 0)
        source.Exec(std::string("INSERT INTO ") + table + " VALUES " + batch);
      batch.clear();
      rows = 0;
    };
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '|')
        line.pop_back();
      std::string row = "(";
      size_t start = 0;
      while (true) {
        size_t bar = line.find('|', start);
        std::string field = line.substr(start, bar == std::string::npos ? bar : bar - start);
        std::string quoted = "'";
        for (char c : field) {
          if (c == '\'' || c == '\\')
            quoted += c;
          quoted += c;
        }
        row += (start ? "," : "") + quoted + "'";
        if (bar == std::string::npos)
          break;
        start = bar + 1;
      }
      batch += (rows ? "," : "") + row + ")";
      if (++rows == 2000)
        flush();
    }
    flush();
  }
  source.Exec("ANALYZE TABLE region, nation, supplier, customer, part, partsupp, orders, lineitem");
}

class MySqlTpchTest : public MySqlFederationTest {
 protected:
  void CreateTpchSchema(const std::string& dir) {
    MySqlSource source;
    LoadSource(source, dir);
    con_->Query(CreateSql("tpch"));
  }

  void RunQueries(const std::string& dir, const std::vector<std::string>& local) {
    for (int q = 1; q <= 22; q++) {
      char name[64];
      std::snprintf(name, sizeof(name), "q%02d", q);
      std::string sql =
          tpch::Qualify(tpch::ReadFile(dir + "/queries/" + name + ".sql"), "tpch", local);
      auto csv = tpch::ParseCsv(tpch::ReadFile(dir + "/answers/sf0.01/" + name + ".csv"));
      std::string problem;
      try {
        problem = tpch::Compare(*con_->Query(sql), csv);
      } catch (const Exception& e) {
        problem = e.SqlState() + ": " + e.Message();
      }
      EXPECT_EQ(problem, "") << name << "\n" << sql;
    }
  }
};

TEST_F(MySqlTpchTest, TpchOverMySqlSchema) {
  std::string dir = tpch::TpchDirectory();
  if (dir.empty())
    GTEST_SKIP() << "TPC-H data not found (set TRIBUTARY_TPCH_DIR)";
  CreateTpchSchema(dir);
  RunQueries(dir, {});
  // Every query read the source (at least one remote scan each).
  EXPECT_GE(std::stoi(Value("SELECT count(*) FROM svl_federated_query WHERE sourcetype = "
                            "'MYSQL' AND querytext LIKE '%`lineitem`%'")),
            17);
  // Date ranges reach the source (guarded against zero dates).
  std::string plan = Explain(tpch::Qualify(tpch::ReadFile(dir + "/queries/q06.sql"), "tpch", {}));
  EXPECT_NE(plan.find("`l_shipdate` >= '1994-01-01'"), std::string::npos) << plan;
}

// Pushdown forced on (every subtree MySQL computes exactly runs there)
// and off give the same answers.
TEST_F(MySqlTpchTest, TpchWithPushdownOnAndOff) {
  std::string dir = tpch::TpchDirectory();
  if (dir.empty())
    GTEST_SKIP() << "TPC-H data not found (set TRIBUTARY_TPCH_DIR)";
  CreateTpchSchema(dir);
  for (const char* mode : {"on", "off"}) {
    SCOPED_TRACE(mode);
    con_->Query(std::string("SET pg_federation_pushdown TO ") + mode);
    RunQueries(dir, {});
  }
  con_->Query("SET pg_federation_pushdown TO on");
  int pushed = 0;
  for (int q = 1; q <= 22; q++) {
    char name[64];
    std::snprintf(name, sizeof(name), "q%02d", q);
    std::string text =
        Explain(tpch::Qualify(tpch::ReadFile(dir + "/queries/" + name + ".sql"), "tpch", {}));
    if (text.find(" JOIN (") != std::string::npos || text.find("GROUP BY") != std::string::npos ||
        text.find("EXISTS (") != std::string::npos)
      pushed++;
  }
  // Most TPC-H aggregates compute expressions or group strings: those stay
  // local; joins on keys and key aggregates go.
  EXPECT_GE(pushed, 4);
}

TEST_F(MySqlTpchTest, TpchMixedLocalAndMySql) {
  std::string dir = tpch::TpchDirectory();
  if (dir.empty())
    GTEST_SKIP() << "TPC-H data not found (set TRIBUTARY_TPCH_DIR)";
  CreateTpchSchema(dir);
  con_->Query("CREATE TABLE lineitem AS SELECT * FROM tpch.lineitem");
  con_->Query("CREATE TABLE orders AS SELECT * FROM tpch.orders");
  EXPECT_EQ(Value("SELECT count(*) FROM lineitem"), "60175");
  RunQueries(dir, {"lineitem", "orders"});
}

}  // namespace
}  // namespace tributary
