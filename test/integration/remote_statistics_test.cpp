// Remote statistics against a real PostgreSQL: estimates of remote scans
// follow pg_stats (most common values, histograms) after ANALYZE, and
// n_live_tup before it; EXPLAIN shows them.
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
