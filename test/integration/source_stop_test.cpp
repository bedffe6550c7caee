// A source that shuts down in the middle of a scan: the statement fails
// quickly with the source's error (08006 or 57P01), never hangs, and no
// broken connection stays pooled (the next statement reports 08001 at
// once). Uses a second throwaway cluster, so the shared one stays up.
#include <array>
#include <cstdio>
#include <map>
#include <thread>

#include "federation_fixture.h"

namespace tributary {
namespace {

std::string Shell(const std::string& command) {
  std::array<char, 4096> buffer;
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe)
    return out;
  while (fgets(buffer.data(), buffer.size(), pipe))
    out += buffer.data();
  pclose(pipe);
  return out;
}

TEST_F(FederationTest, SourceStoppedMidScan) {
  std::string scripts = std::string(TRIBUTARY_SOURCE_DIR) + "/scripts/";
  std::string out = Shell(scripts + "start-postgres 2>/dev/null");
  auto last = out.find_last_of('\n', out.size() - 2);
  std::string env_file = out.substr(last == std::string::npos ? 0 : last + 1);
  while (!env_file.empty() && env_file.back() == '\n')
    env_file.pop_back();
  std::map<std::string, std::string> env;
  std::ifstream in(env_file);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (line.rfind("export ", 0) == 0 && eq != std::string::npos)
      env[line.substr(7, eq - 7)] = line.substr(eq + 1);
  }
  ASSERT_FALSE(env["PGPORT"].empty()) << out;
  std::string conninfo = "host=" + env["PGHOST"] + " port=" + env["PGPORT"] +
                         " user=" + env["PGUSER"] + " password=" + env["PGPASSWORD"] +
                         " dbname=" + env["PGDATABASE"];
  PGconn* conn = PQconnectdb(conninfo.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PQclear(PQexec(conn,
                 "CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 100) g; "
                 "CREATE VIEW slow AS SELECT id FROM (SELECT id, pg_sleep(0.2) FROM t) s"));
  PQfinish(conn);
  std::string arn = SecretStore(*store_)
                        .Create("second",
                                R"({"username":")" + env["PGUSER"] + R"(","password":")" +
                                    env["PGPASSWORD"] + R"("})",
                                "")
                        .arn;
  con_->Query("CREATE EXTERNAL SCHEMA second FROM POSTGRES DATABASE '" + env["PGDATABASE"] +
              "' URI '" + env["PGHOST"] + "' PORT " + env["PGPORT"] +
              " IAM_ROLE default SECRET_ARN '" + arn + "'");
  EXPECT_EQ(Value("SELECT count(*) FROM second.t"), "100");
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    Shell(scripts + "stop-postgres " + env["TRIBUTARY_PG_DIR"] + " 2>&1");
  });
  auto start = std::chrono::steady_clock::now();
  std::string error = Error("SELECT count(*) FROM second.slow");
  stopper.join();
  EXPECT_TRUE(error.substr(0, 5) == "08006" || error.substr(0, 5) == "57P01") << error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
  // Nothing broken stayed in the pool: the next statement cannot connect.
  start = std::chrono::steady_clock::now();
  EXPECT_EQ(Error("SELECT count(*) FROM second.t").substr(0, 5), "08001");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(11));
  // The other source is unaffected.
  con_->Query(CreateSql("src"));
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items"), "5001");
}

}  // namespace
}  // namespace tributary
