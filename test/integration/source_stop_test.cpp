// A source that shuts down in the middle of a scan: the statement fails
// quickly with the source's error (08006 or 57P01), never hangs, and no
// broken connection stays pooled (the next statement reports 08001 at
// once). Uses a second throwaway cluster, so the shared one stays up.
#include <thread>

#include "federation_fixture.h"
#include "throwaway_server.h"

namespace tributary {
namespace {

TEST_F(FederationTest, SourceStoppedMidScan) {
  ThrowawayServer server(ThrowawayServer::Kind::kPostgres);
  auto& env = server.env;
  ASSERT_FALSE(env["PGPORT"].empty()) << server.output;
  std::string conninfo = "host=" + env["PGHOST"] + " port=" + env["PGPORT"] +
                         " user=" + env["PGUSER"] + " password=" + env["PGPASSWORD"] +
                         " dbname=" + env["PGDATABASE"];
  PGconn* conn = PQconnectdb(conninfo.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PQclear(PQexec(conn,
                 "CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 100) g; "
                 "CREATE VIEW slow AS SELECT id FROM (SELECT id, pg_sleep(0.2) FROM t) s"));
  PQfinish(conn);
  std::string arn = CreateSecret("second", env["PGUSER"], env["PGPASSWORD"]);
  con_->Query("CREATE EXTERNAL SCHEMA second FROM POSTGRES DATABASE '" + env["PGDATABASE"] +
              "' URI '" + env["PGHOST"] + "' PORT " + env["PGPORT"] +
              " IAM_ROLE default SECRET_ARN '" + arn + "'");
  EXPECT_EQ(Value("SELECT count(*) FROM second.t"), "100");
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    server.Stop();
  });
  auto start = std::chrono::steady_clock::now();
  std::string error = Error("SELECT count(*) FROM second.slow");
  stopper.join();
  EXPECT_TRUE(error.substr(0, 5) == "08006" || error.substr(0, 5) == "57P01") << error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
  // Nothing broken stayed in the pool: the next statement cannot connect.
  start = std::chrono::steady_clock::now();
  // 08001 (nothing listens), or 28P01/3D000 when a parallel test's throwaway
  // server took the freed port: either way a new connection was attempted.
  std::string next = Error("SELECT count(*) FROM second.t").substr(0, 5);
  EXPECT_TRUE(next == "08001" || next == "28P01" || next == "3D000") << next;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(11));
  // The other source is unaffected.
  con_->Query(CreateSql("src"));
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items"), "5001");
}

}  // namespace
}  // namespace tributary
