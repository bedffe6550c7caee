// TPC-H on local in-memory tables, in process: loads the eight tables of
// ../shared/tpch/sfN with COPY, then times each query (best
// of --runs after a warm-up) and prints milliseconds, optionally with the
// optimized plan. For quick before/after comparisons of optimizer and engine
// changes without the servers bench/run starts; never fails on a time.
//
//   tpch_engine_bench [--sf 0.01|0.1] [--runs N] [--queries 4,21] [--explain]
//                     [--set name=value]...   (SET before the queries)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../test/tpch_answers.h"
#include "main/connection.h"
#include "main/database.h"

namespace {

using tributary::Connection;
using tributary::Database;
using tributary::tpch::ReadFile;

void LoadTable(Connection& con, const std::string& path, const std::string& table) {
  con.Query("COPY " + table + " FROM '" + path + "' DELIMITER '|' ZSTD");
}

double Seconds(Connection& con, const std::string& sql) {
  auto start = std::chrono::steady_clock::now();
  con.Query(sql);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string sf = "0.1";
  int runs = 3;
  bool explain = false;
  std::set<int> queries;
  std::vector<std::string> settings;
  for (int i = 1; i < argc; i++) {
    if (!std::strcmp(argv[i], "--sf") && i + 1 < argc) {
      sf = argv[++i];
    } else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--set") && i + 1 < argc) {
      std::string kv = argv[++i];
      auto eq = kv.find('=');
      settings.push_back("SET " + kv.substr(0, eq) + " = '" +
                         (eq == std::string::npos ? "" : kv.substr(eq + 1)) + "'");
    } else if (!std::strcmp(argv[i], "--explain")) {
      explain = true;
    } else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) {
      std::stringstream list(argv[++i]);
      std::string q;
      while (std::getline(list, q, ','))
        queries.insert(std::atoi(q.c_str()));
    } else {
      std::fprintf(stderr,
                   "usage: tpch_engine_bench [--sf 0.01|0.1] [--runs N] [--queries 4,21] "
                   "[--explain]\n");
      return 2;
    }
  }
  std::string dir = tributary::tpch::TpchDirectory();
  if (dir.empty()) {
    std::fprintf(stderr, "TPC-H data not found (set TRIBUTARY_TPCH_DIR)\n");
    return 1;
  }
  Database db;
  Connection con(db);
  con.Query(ReadFile(dir + "/schema.sql"));
  auto load_start = std::chrono::steady_clock::now();
  for (auto* t :
       {"region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"}) {
    LoadTable(con, dir + "/sf" + sf + "/" + t + ".tbl.zst", t);
  }
  std::printf("loaded SF %s in %.1f s\n", sf.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count());
  for (auto& set : settings)
    con.Query(set);
  double log_sum = 0;
  int count = 0;
  for (int q = 1; q <= 22; q++) {
    if (!queries.empty() && !queries.count(q))
      continue;
    char name[16];
    std::snprintf(name, sizeof(name), "q%02d", q);
    std::string sql = ReadFile(dir + "/queries/" + name + ".sql");
    try {
      if (explain) {
        auto plan = con.Query("EXPLAIN " + sql);
        for (tributary::idx_t r = 0; r < plan->RowCount(); r++)
          std::printf("%s\n", plan->GetValue(plan->ColumnCount() - 1, r).ToString().c_str());
      }
      Seconds(con, sql);
      double best = 1e30;
      for (int r = 0; r < runs; r++)
        best = std::min(best, Seconds(con, sql));
      std::printf("%s %10.1f ms\n", name, best * 1000);
      log_sum += std::log(best * 1000);
      count++;
    } catch (const std::exception& e) {
      std::printf("%s failed: %s\n", name, e.what());
    }
    std::fflush(stdout);
  }
  if (count > 0)
    std::printf("geomean %.1f ms over %d queries\n", std::exp(log_sum / count), count);
  return 0;
}
