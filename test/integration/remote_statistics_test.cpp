// Remote statistics against a real PostgreSQL: estimates of remote scans
// follow pg_stats (most common values, histograms) after ANALYZE, and
// n_live_tup before it; EXPLAIN shows them, EXPLAIN ANALYZE adds actuals.
#include <regex>
#include <thread>

#include "federation_fixture.h"

namespace tributary {
namespace {

idx_t EstimatedRows(Connection& con, const std::string& sql) {
  auto result = con.Query("EXPLAIN " + sql);
  std::string plan;
  for (idx_t r = 0; r < result->RowCount(); r++)
    plan += result->GetValue(0, r).ToString() + "\n";
  std::smatch m;
  if (!std::regex_search(plan, m, std::regex("estimated rows: ([0-9]+)")))
    return kInvalidIndex;
  return std::stoull(m[1].str());
}

TEST_F(FederationTest, RemoteScanEstimatesFollowStatistics) {
  SourceExec(
      "DROP TABLE IF EXISTS skew; CREATE TABLE skew (k integer, v integer); "
      "INSERT INTO skew SELECT CASE WHEN g <= 5000 THEN 1 ELSE g END, g % 1000 "
      "FROM generate_series(1, 10000) g; ANALYZE skew;");
  con_->Query(CreateSql("src"));
  con_->Query("SET pg_federation_pushdown TO off");
  idx_t common = EstimatedRows(*con_, "SELECT * FROM src.skew WHERE k = 1");
  EXPECT_GT(common, 4000u);
  EXPECT_LT(common, 6000u);
  idx_t rare = EstimatedRows(*con_, "SELECT * FROM src.skew WHERE k = 7777");
  EXPECT_LE(rare, 3u);
  idx_t range = EstimatedRows(*con_, "SELECT * FROM src.skew WHERE v < 100");
  EXPECT_GT(range, 600u);
  EXPECT_LT(range, 1500u);
}

TEST_F(FederationTest, NeverAnalyzedTableUsesLiveTuples) {
  SourceExec(
      "DROP TABLE IF EXISTS fresh; CREATE TABLE fresh (k integer); "
      "INSERT INTO fresh SELECT g FROM generate_series(1, 3000) g;");
  // The inserting backend reports its counts when it ends.
  for (int i = 0; i < 50 && SourceValue("SELECT n_live_tup FROM pg_stat_user_tables WHERE "
                                        "relname = 'fresh'") != "3000";
       i++) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  con_->Query(CreateSql("src"));
  EXPECT_EQ(EstimatedRows(*con_, "SELECT * FROM src.fresh"), 3000u);
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

// EXPLAIN shows each remote fragment's SQL and estimate; EXPLAIN ANALYZE
// runs the query and adds what each fragment returned.
TEST_F(FederationTest, ExplainAnalyzeShowsFragmentActuals) {
  // With statistics, two groups of ok make pushing the join and the
  // aggregate cheaper than pulling both sides.
  SourceExec("ANALYZE fed_items");
  con_->Query(CreateSql("src"));
  std::string sql =
      "SELECT a.ok, count(*), sum(a.price) FROM src.fed_items a JOIN src.fed_items b ON a.id = "
      "b.id WHERE a.id <= 1000 GROUP BY a.ok";
  auto result = con_->Query("EXPLAIN ANALYZE " + sql);
  std::string plan;
  for (idx_t r = 0; r < result->RowCount(); r++)
    plan += result->GetValue(0, r).ToString() + "\n";
  EXPECT_NE(plan.find(" JOIN "), std::string::npos) << plan;
  EXPECT_NE(plan.find("GROUP BY 1"), std::string::npos) << plan;
  EXPECT_NE(plan.find("estimated rows: "), std::string::npos) << plan;
  EXPECT_NE(plan.find("actual rows: 2, bytes: "), std::string::npos) << plan;
  EXPECT_NE(plan.find(" ms]"), std::string::npos) << plan;
  // Plain EXPLAIN runs nothing.
  result = con_->Query("EXPLAIN " + sql);
  for (idx_t r = 0; r < result->RowCount(); r++)
    EXPECT_EQ(result->GetValue(0, r).ToString().find("actual rows"), std::string::npos);
  EXPECT_EQ(Error("EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1").substr(0, 5), "0A000");
}

}  // namespace
}  // namespace tributary
