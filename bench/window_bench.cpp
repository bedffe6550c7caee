// Window function benchmark (issue #5, item 3): a PARTITION BY window over
// many partitions and a wide sliding frame over one large partition, on an
// in-memory table, with 1 thread and with all threads (speedup), side by
// side with DuckDB (bench/duckdb, npm @duckdb/node-api) running the same SQL
// with the same thread counts when node and bench/duckdb/node_modules exist.
// Prints seconds and ratios; never fails on a time.
//
//   window_bench [--rows N] [--partitions N] [--sliding-rows N] [--frame N]
//                [--runs N] [--threads N] [--duckdb DIR | --no-duckdb]
// from the repository's root (DIR defaults to bench/duckdb).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_timing.h"
#include "execution/task_scheduler.h"
#include "main/connection.h"
#include "main/database.h"

namespace {

using tributary::Connection;
using tributary::Database;
using tributary::DatabaseConfig;

using tributary::bench::BestOf;
using tributary::bench::Seconds;

struct Case {
  std::string name;
  std::string sql;
};

// Runs `setup` then every case with `threads` threads in DuckDB; returns the
// best time per case (empty when DuckDB is not available).
std::vector<double> DuckDbTimes(const std::string& runner, int threads,
                                const std::vector<std::string>& setup,
                                const std::vector<Case>& cases, int runs) {
  std::string out = std::filesystem::temp_directory_path() / "window_bench_duckdb.json";
  std::string command = "node " + runner + " > " + out;
  FILE* pipe = popen(command.c_str(), "w");
  if (!pipe)
    return {};
  auto request = [&](const std::string& sql, int n, int warmup) {
    std::string escaped;
    for (char c : sql) {
      if (c == '"' || c == '\\')
        escaped += '\\';
      escaped += c;
    }
    std::fprintf(pipe, "{\"sql\": \"%s\", \"runs\": %d, \"warmup\": %d}\n", escaped.c_str(), n,
                 warmup);
  };
  request("SET threads = " + std::to_string(threads), 1, 0);
  for (auto& s : setup)
    request(s, 1, 0);
  for (auto& c : cases)
    request(c.sql, runs, 1);
  if (pclose(pipe) != 0)
    return {};
  std::ifstream in(out);
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line))
    lines.push_back(line);
  std::vector<double> times;
  for (size_t i = 1 + setup.size(); i < lines.size(); i++) {
    // {"seconds":[a,b,c],...}: the smallest.
    auto pos = lines[i].find("\"seconds\":[");
    if (pos == std::string::npos)
      return {};
    std::stringstream values(lines[i].substr(pos + 11));
    double best = 1e30, v;
    char sep = ',';
    while (sep == ',' && values >> v) {
      best = std::min(best, v);
      values >> sep;
    }
    times.push_back(best);
  }
  return times.size() == cases.size() ? times : std::vector<double>{};
}

}  // namespace

int main(int argc, char** argv) {
  long rows = 3000000, partitions = 10000, sliding_rows = 1000000, frame = 1000;
  int runs = 3;
  unsigned max_threads = 0;
  bool duckdb = true;
  std::string duckdb_dir = "bench/duckdb";
  for (int i = 1; i < argc; i++) {
    auto next = [&] { return i + 1 < argc ? std::atol(argv[++i]) : 0L; };
    if (!std::strcmp(argv[i], "--rows"))
      rows = next();
    else if (!std::strcmp(argv[i], "--partitions"))
      partitions = next();
    else if (!std::strcmp(argv[i], "--sliding-rows"))
      sliding_rows = next();
    else if (!std::strcmp(argv[i], "--frame"))
      frame = next();
    else if (!std::strcmp(argv[i], "--runs"))
      runs = static_cast<int>(next());
    else if (!std::strcmp(argv[i], "--threads"))
      max_threads = static_cast<unsigned>(next());
    else if (!std::strcmp(argv[i], "--duckdb") && i + 1 < argc)
      duckdb_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--no-duckdb"))
      duckdb = false;
  }
  std::vector<std::string> setup = {
      "CREATE TABLE w AS SELECT g::bigint AS id, (g % " + std::to_string(partitions) +
          ")::bigint AS k, (g::bigint * 7919 % 100003) AS v FROM generate_series(1, " +
          std::to_string(rows) + ") AS s(g)",
      "CREATE TABLE sl AS SELECT g::bigint AS id, (g::bigint * 7919 % 100003) AS v FROM "
      "generate_series(1, " +
          std::to_string(sliding_rows) + ") AS s(g)"};
  std::string f = std::to_string(frame);
  std::vector<Case> cases = {
      {"partition by: row_number, rank, running sum, lag",
       "SELECT count(*), sum(rn), sum(rk), sum(s), sum(l) FROM (SELECT row_number() OVER "
       "(PARTITION "
       "BY k ORDER BY v, id) AS rn, rank() OVER (PARTITION BY k ORDER BY v) AS rk, sum(v) OVER "
       "(PARTITION BY k ORDER BY v, id) AS s, lag(v) OVER (PARTITION BY k ORDER BY v, id) AS l "
       "FROM w) x"},
      {"partition by: sliding sum (10 rows)",
       "SELECT sum(s) FROM (SELECT sum(v) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN 5 "
       "PRECEDING AND 4 FOLLOWING) AS s FROM w) x"},
      {"one partition: sum, min over +-" + f + " rows",
       "SELECT sum(s), sum(m) FROM (SELECT sum(v) OVER (ORDER BY id ROWS BETWEEN " + f +
           " PRECEDING AND " + f + " FOLLOWING) AS s, min(v) OVER (ORDER BY id ROWS BETWEEN " + f +
           " PRECEDING AND " + f + " FOLLOWING) AS m FROM sl) x"},
  };

  unsigned all = max_threads ? max_threads : std::max(2u, std::thread::hardware_concurrency());
  std::printf("Tributary window benchmark: %ld rows in %ld partitions; %ld rows, frame +-%ld\n",
              rows, partitions, sliding_rows, frame);
  std::vector<unsigned> thread_counts = {1, all};
  std::vector<std::vector<double>> ours, theirs;
  // Run from the repository's root (or give --duckdb DIR).
  std::string runner = duckdb_dir + "/duckdb_runner.mjs";
  bool have_duckdb = duckdb && std::filesystem::exists(std::filesystem::path(runner).parent_path() /
                                                       "node_modules" / "@duckdb");
  for (unsigned threads : thread_counts) {
    DatabaseConfig config;
    config.threads = threads;
    Database db(config);
    Connection con(db);
    for (auto& s : setup)
      con.Query(s);
    ours.emplace_back();
    for (auto& c : cases)
      ours.back().push_back(BestOf(runs, [&] { con.Query(c.sql); }));
    theirs.push_back(have_duckdb
                         ? DuckDbTimes(runner, static_cast<int>(threads), setup, cases, runs)
                         : std::vector<double>{});
  }
  for (size_t c = 0; c < cases.size(); c++) {
    std::printf("%s\n", cases[c].name.c_str());
    for (size_t t = 0; t < thread_counts.size(); t++) {
      std::printf("  %u thread%s: %8.3f s", thread_counts[t], thread_counts[t] == 1 ? " " : "s",
                  ours[t][c]);
      if (t > 0)
        std::printf("  (speedup %.2fx)", ours[0][c] / ours[t][c]);
      if (!theirs[t].empty())
        std::printf("  DuckDB %8.3f s  ratio %.2fx", theirs[t][c], ours[t][c] / theirs[t][c]);
      std::printf("\n");
    }
  }
  return 0;
}
