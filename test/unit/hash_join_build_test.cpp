// The hash join's build: builds large enough for the parallel path (hashes,
// consolidation and chain inserts on several threads, compare-and-swap on
// the chain heads) give exactly the answers of a one-thread database, for
// duplicate keys, NULL keys, multi-column and string keys, and every join
// type including RIGHT_SEMI / RIGHT_ANTI (flags set by parallel probes).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "main/connection.h"
#include "main/database.h"

namespace tributary {
namespace {

// 300,000 build rows (over the parallel threshold): each key three times,
// every 1000th key NULL; 200,000 probe rows, half of them without a match.
const char* kSetup[] = {
    "CREATE TABLE b AS SELECT CASE WHEN i % 1000 = 0 THEN NULL ELSE i % 100000 END AS k, "
    "i % 7 AS k2, 'v' || (i % 13) AS s, i AS id FROM generate_series(1, 300000) AS t(i)",
    "CREATE TABLE p AS SELECT i * 2 AS k, i % 7 AS k2, 'v' || (i % 13) AS s, i AS id "
    "FROM generate_series(1, 200000) AS t(i)",
};

const char* kQueries[] = {
    "SELECT count(*), sum(b.id), sum(p.id) FROM p JOIN b ON p.k = b.k",
    "SELECT count(*), sum(b.id), sum(p.id) FROM p JOIN b ON p.k = b.k AND p.k2 = b.k2",
    "SELECT count(*), sum(b.id), sum(p.id) FROM p JOIN b ON p.k = b.k AND p.s = b.s",
    "SELECT count(*), count(b.id), sum(p.id) FROM p LEFT JOIN b ON p.k = b.k",
    "SELECT count(*), count(p.id), sum(b.id) FROM b LEFT JOIN p ON p.k = b.k",
    "SELECT count(*), count(p.id), count(b.id) FROM p FULL JOIN b ON p.k = b.k",
    "SELECT count(*), sum(id) FROM p WHERE EXISTS (SELECT 1 FROM b WHERE b.k = p.k)",
    "SELECT count(*), sum(id) FROM p WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = p.k)",
    "SELECT count(*), sum(id) FROM b WHERE EXISTS (SELECT 1 FROM p WHERE b.k = p.k)",
    "SELECT count(*), sum(id) FROM b WHERE NOT EXISTS (SELECT 1 FROM p WHERE b.k = p.k)",
    "SELECT count(*), sum(id) FROM b WHERE EXISTS "
    "(SELECT 1 FROM p WHERE b.k = p.k AND p.k2 <> b.k2)",
    "SELECT count(*), sum(id) FROM p WHERE k NOT IN (SELECT k FROM b)",
    "SELECT count(*), sum(id) FROM p WHERE k NOT IN (SELECT k FROM b WHERE k IS NOT NULL)",
};

std::vector<std::string> RunQueries(idx_t threads, const std::string& build_side) {
  DatabaseConfig config;
  config.threads = threads;
  Database db(config);
  Connection con(db);
  for (auto* sql : kSetup)
    con.Query(sql);
  con.Query("SET semi_join_build_side = '" + build_side + "'");
  std::vector<std::string> answers;
  for (auto* sql : kQueries) {
    auto result = con.Query(sql);
    std::string row;
    for (idx_t c = 0; c < result->ColumnCount(); c++)
      row += (c ? "|" : "") + result->GetValue(c, 0).ToString();
    answers.push_back(row);
  }
  return answers;
}

TEST(HashJoinBuild, ParallelBuildMatchesOneThread) {
  auto serial = RunQueries(1, "right");
  for (const char* side : {"right", "left", "auto"}) {
    auto parallel = RunQueries(4, side);
    ASSERT_EQ(parallel.size(), serial.size());
    for (idx_t i = 0; i < serial.size(); i++)
      EXPECT_EQ(parallel[i], serial[i]) << side << ": " << kQueries[i];
  }
}

TEST(HashJoinBuild, KnownAnswers) {
  // Keys 1..99,999 (each 3 times, but NULL for the 300 ids divisible by
  // 1000, whose keys i % 100000 are multiples of 1000): a probe key 2i
  // matches when 2i < 100,000 and 2i is not a multiple of 1000 (whose
  // three build rows are all NULL); 49,999 even keys, 99 of them
  // multiples of 1000.
  auto answers = RunQueries(4, "auto");
  EXPECT_EQ(answers[0].substr(0, answers[0].find('|')), std::to_string((49999 - 99) * 3));
  EXPECT_EQ(answers[6].substr(0, answers[6].find('|')), std::to_string(49999 - 99));
  EXPECT_EQ(answers[7].substr(0, answers[7].find('|')), std::to_string(200000 - (49999 - 99)));
  // NOT IN over a subquery with a NULL: no row.
  EXPECT_EQ(answers[11].substr(0, answers[11].find('|')), "0");
}

}  // namespace
}  // namespace tributary
