// A MySQL source that stops answering without closing its sockets (its
// server process SIGSTOPped, as a hung host or a dropped route looks): the
// pool's ping of an idle connection, connecting, and the metadata query
// each end in bounded time or on cancel / statement_timeout, never hang,
// leak no connection, and the session works again once the source answers.
#include <chrono>
#include <thread>

#include "connector/mysql/mysql_catalog.h"
#include "connector/mysql/mysql_connection.h"
#include "mysql_fixture.h"
#include "throwaway_server.h"

namespace tributary {
namespace {

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST_F(MySqlFederationTest, FrozenSourceNeverHangsPingConnectOrMetadata) {
  ThrowawayServer server(ThrowawayServer::Kind::kMariaDb);
  server.crash_on_stop = true;  // a frozen MariaDB takes long to shut down
  auto& env = server.env;
  ASSERT_FALSE(env["MYSQL_PORT"].empty());
  {
    MySqlSource second(env["MYSQL_HOST"], env["MYSQL_PORT"], env["MYSQL_USER"],
                       env["MYSQL_PASSWORD"], env["MYSQL_DATABASE"]);
    second.Exec(
        "CREATE TABLE t (id INT); INSERT INTO t WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL "
        "SELECT n + 1 FROM g WHERE n < 200) SELECT n FROM g");
  }
  std::string arn = CreateSecret("frozen", env["MYSQL_USER"], env["MYSQL_PASSWORD"]);
  con_->Query("CREATE EXTERNAL SCHEMA frozen FROM MYSQL DATABASE '" + env["MYSQL_DATABASE"] +
              "' URI '" + env["MYSQL_HOST"] + "' PORT " + env["MYSQL_PORT"] +
              " IAM_ROLE default SECRET_ARN '" + arn + "'");
  EXPECT_EQ(Value("SELECT count(*) FROM frozen.t"), "200");  // a connection is pooled

  // statement_timeout cuts the ping of the pooled connection (metadata is
  // cached) and the connect that replaces it.
  server.Freeze();
  con_->Query("SET statement_timeout TO 1500");
  auto start = std::chrono::steady_clock::now();
  std::string error = Error("SELECT count(*) FROM frozen.t");
  EXPECT_EQ(error.substr(0, 5), "57014") << error;
  EXPECT_NE(error.find("statement timeout"), std::string::npos) << error;
  EXPECT_LT(Seconds(start), 6) << error;

  // A metadata load (nothing cached) is cut by a cancel while connecting.
  con_->Query("SET statement_timeout TO 0");
  con_->Query("SET pg_federation_metadata_ttl TO 0");
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    con_->Interrupt();
  });
  start = std::chrono::steady_clock::now();
  error = Error("SELECT count(*) FROM frozen.t");
  canceller.join();
  EXPECT_EQ(error.substr(0, 5), "57014") << error;
  EXPECT_LT(Seconds(start), 5) << error;
  // SVV_EXTERNAL_COLUMNS reads every source's metadata: a cancel ends it
  // too (a failing source is only skipped).
  std::thread canceller2([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    con_->Interrupt();
  });
  start = std::chrono::steady_clock::now();
  error = Error("SELECT count(*) FROM svv_external_columns");
  canceller2.join();
  EXPECT_EQ(error.substr(0, 5), "57014") << error;
  EXPECT_LT(Seconds(start), 5) << error;

  // Without a cancel or timeout: a pooled connection's ping gives up after
  // kPingTimeout, the new connection after the connect timeout (10 s).
  server.Resume();
  con_->Query("SET pg_federation_metadata_ttl TO 60");
  EXPECT_EQ(Value("SELECT count(*) FROM frozen.t"), "200");
  server.Freeze();
  start = std::chrono::steady_clock::now();
  error = Error("SELECT count(*) FROM frozen.t");
  EXPECT_EQ(error.substr(0, 5), "08001") << error << " after " << Seconds(start) << " s";
  EXPECT_GE(Seconds(start), 10) << error;
  EXPECT_LT(Seconds(start), 18) << error;

  // The metadata query itself, on a connection opened before the source
  // froze: cut by a cancel, and by the metadata timeout (with KILL QUERY
  // from a second connection, whose own wait is bounded).
  server.Resume();
  ExternalSchemaDefinition definition;
  definition.name = "frozen";
  definition.kind = ExternalSourceKind::kMySql;
  definition.database = env["MYSQL_DATABASE"];
  definition.host = env["MYSQL_HOST"];
  definition.port = static_cast<uint16_t>(std::stoi(env["MYSQL_PORT"]));
  auto schema = std::make_shared<const ExternalSchemaDefinition>(definition);
  SourceCredentials credentials{env["MYSQL_USER"], env["MYSQL_PASSWORD"]};
  MySqlConnectOptions options;
  options.connect_timeout_seconds = 2;
  options.metadata_timeout_seconds = 1;
  auto connection = MySqlConnection::Open(definition, credentials, dir_.string(), options);
  EXPECT_EQ(MySqlCatalog::ReadSchema(*connection, schema).size(), 1u);
  server.Freeze();
  start = std::chrono::steady_clock::now();
  try {
    MySqlCatalog::ReadSchema(*connection, schema);
    ADD_FAILURE() << "no error";
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "57014") << e.Message();
    EXPECT_NE(e.Message().find("did not answer within 1 seconds"), std::string::npos)
        << e.Message();
  }
  EXPECT_LT(Seconds(start), 1 + 2 * 2 + 2);
  EXPECT_FALSE(connection->Healthy());
  connection.reset();
  server.Resume();
  connection = MySqlConnection::Open(definition, credentials, dir_.string(), options);
  server.Freeze();
  std::atomic<bool> interrupted{false};
  std::thread canceller3([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    interrupted = true;
  });
  start = std::chrono::steady_clock::now();
  try {
    MySqlCatalog::ReadSchema(*connection, schema, &interrupted);
    ADD_FAILURE() << "no error";
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "57014") << e.Message();
  }
  canceller3.join();
  EXPECT_LT(Seconds(start), 0.3 + 2 * 2 + 2);
  EXPECT_FALSE(connection->Healthy());
  connection.reset();

  // Once the source answers again, the session goes on, and no connection
  // of ours was left behind.
  server.Resume();
  EXPECT_EQ(Value("SELECT count(*) FROM frozen.t"), "200");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  MySqlSource second(env["MYSQL_HOST"], env["MYSQL_PORT"], env["MYSQL_USER"], env["MYSQL_PASSWORD"],
                     env["MYSQL_DATABASE"]);
  int threads =
      std::stoi(second.Value("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '" +
                             env["MYSQL_USER"] + "' AND ID <> CONNECTION_ID()"));
  EXPECT_LE(threads, 1);
}

}  // namespace
}  // namespace tributary
