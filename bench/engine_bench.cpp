// Engine foundation benchmark (issue #2): a filtered sum over many BIGINT
// rows and a GROUP BY with many groups, on in-memory tables, side by side
// with PostgreSQL running the same SQL on the same data when PG* environment
// variables point at a server. Prints rows/s, rows/s per core and ratios.
// Never fails on a time.
//
//   engine_bench [--rows N] [--groups-rows N] [--groups N] [--runs N]
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <thread>

#include "bench_timing.h"
#include "execution/task_scheduler.h"
#include "main/connection.h"
#include "main/database.h"

namespace {

using tributary::Connection;
using tributary::Database;

using tributary::bench::BestOf;
using tributary::bench::Seconds;

struct Pg {
  PGconn* conn = nullptr;
  bool ok() const { return conn && PQstatus(conn) == CONNECTION_OK; }
  void Exec(const std::string& sql) {
    PGresult* r = PQexec(conn, sql.c_str());
    auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      std::fprintf(stderr, "postgres: %s", PQerrorMessage(conn));
    }
    PQclear(r);
  }
};

}  // namespace

int main(int argc, char** argv) {
  long rows = 100000000, group_rows = 10000000, groups = 1000000;
  int runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--rows"))
      rows = std::atol(argv[i + 1]);
    if (!std::strcmp(argv[i], "--groups-rows"))
      group_rows = std::atol(argv[i + 1]);
    if (!std::strcmp(argv[i], "--groups"))
      groups = std::atol(argv[i + 1]);
    if (!std::strcmp(argv[i], "--runs"))
      runs = std::atoi(argv[i + 1]);
  }
  Database db;
  Connection con(db);
  unsigned cores = db.scheduler().NumberOfThreads();
  std::printf("Tributary engine benchmark: %u threads\n", cores);

  std::string make_t =
      "CREATE TABLE t AS SELECT g::bigint AS a, (g % 1000)::bigint AS b FROM "
      "generate_series(1, " +
      std::to_string(rows) + ") AS s(g)";
  std::string make_g = "CREATE TABLE g AS SELECT (x % " + std::to_string(groups) +
                       ")::bigint AS k, x::bigint AS v FROM generate_series(1, " +
                       std::to_string(group_rows) + ") AS s(x)";
  const std::string q_sum = "SELECT sum(a) FROM t WHERE b < 500";
  const std::string q_group =
      "SELECT count(*), sum(s) FROM (SELECT k, sum(v) AS s FROM g GROUP BY k) q";

  std::printf("loading %ld + %ld rows...\n", rows, group_rows);
  con.Query(make_t);
  con.Query(make_g);
  double t_sum = BestOf(runs, [&] { con.Query(q_sum); });
  double t_group = BestOf(runs, [&] { con.Query(q_group); });

  Pg pg;
  if (std::getenv("PGHOST") || std::getenv("PGPORT"))
    pg.conn = PQconnectdb("");
  double p_sum = 0, p_group = 0;
  if (pg.ok()) {
    std::printf("loading the same data into PostgreSQL...\n");
    pg.Exec("DROP TABLE IF EXISTS bench_t, bench_g");
    pg.Exec("SET max_parallel_workers_per_gather = " + std::to_string(cores));
    auto pg_sql = [](std::string s, const char* from, const char* to) {
      auto pos = s.find(from);
      s.replace(pos, std::strlen(from), to);
      return s;
    };
    pg.Exec(pg_sql(make_t, "TABLE t", "TABLE bench_t"));
    pg.Exec(pg_sql(make_g, "TABLE g", "TABLE bench_g"));
    pg.Exec("VACUUM ANALYZE bench_t");
    pg.Exec("VACUUM ANALYZE bench_g");
    p_sum = BestOf(runs, [&] { pg.Exec(pg_sql(q_sum, "FROM t", "FROM bench_t")); });
    p_group = BestOf(runs, [&] { pg.Exec(pg_sql(q_group, "FROM g", "FROM bench_g")); });
    pg.Exec("DROP TABLE IF EXISTS bench_t, bench_g");
  }

  auto report = [&](const char* name, long n, double ours, double theirs) {
    double rate = n / ours;
    std::printf("%-28s %8.3f s  %8.1f M rows/s  %8.1f M rows/s/core", name, ours, rate / 1e6,
                rate / 1e6 / cores);
    if (theirs > 0)
      std::printf("  PostgreSQL %8.3f s  ratio %.1fx", theirs, theirs / ours);
    std::printf("\n");
  };
  report("filtered sum", rows, t_sum, p_sum);
  report("group by", group_rows, t_group, p_group);
  if (pg.conn)
    PQfinish(pg.conn);
  return 0;
}
