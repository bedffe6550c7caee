// federation.mysql_tls against a MariaDB with TLS (scripts/start-mariadb
// --tls): "disable" connects in plain text, "require" over TLS, "verify"
// when federation.mysql_tls_ca names the server's CA, and fails with 08001
// (no secret in the message) for an unrelated CA.
#include <fstream>

#include "connector/mysql/mysql_connection.h"
#include "mysql_fixture.h"
#include "throwaway_server.h"

namespace tributary {
namespace {

TEST_F(MySqlFederationTest, TlsServerModes) {
  ThrowawayServer server(ThrowawayServer::Kind::kMariaDb, "--tls");
  auto& env = server.env;
  ASSERT_FALSE(env["MYSQL_PORT"].empty());
  ASSERT_FALSE(env["MYSQL_SSL_CA"].empty());
  // An unrelated CA, in the server's (throwaway) directory.
  std::string other_ca = env["TRIBUTARY_MYSQL_DIR"] + "/tls/other-ca.pem";
  RunCommand("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj '/CN=Unrelated CA' -keyout " +
             env["TRIBUTARY_MYSQL_DIR"] + "/tls/other-ca.key -out " + other_ca +
             " > /dev/null 2>&1");
  {
    MySqlSource tls_source(env["MYSQL_HOST"], env["MYSQL_PORT"], env["MYSQL_USER"],
                           env["MYSQL_PASSWORD"], env["MYSQL_DATABASE"]);
    tls_source.Exec("CREATE TABLE t (id INT); INSERT INTO t VALUES (1), (2), (3)");
  }

  // The connector itself: the server's session status says whether the
  // session is encrypted.
  ExternalSchemaDefinition schema;
  schema.name = "tls";
  schema.kind = ExternalSourceKind::kMySql;
  schema.database = env["MYSQL_DATABASE"];
  schema.host = env["MYSQL_HOST"];
  schema.port = static_cast<uint16_t>(std::stoi(env["MYSQL_PORT"]));
  SourceCredentials credentials{env["MYSQL_USER"], env["MYSQL_PASSWORD"]};
  auto cipher = [&](MySqlTlsMode mode, const std::string& ca) {
    MySqlConnectOptions options;
    options.tls = mode;
    options.tls_ca = ca;
    auto connection = MySqlConnection::Open(schema, credentials, dir_.string(), options);
    auto rows = connection->Query("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
    return rows.empty() || !rows[0][1] ? std::string() : *rows[0][1];
  };
  EXPECT_EQ(cipher(MySqlTlsMode::kDisable, ""), "");
  EXPECT_NE(cipher(MySqlTlsMode::kPrefer, ""), "");
  EXPECT_NE(cipher(MySqlTlsMode::kRequire, ""), "");
  EXPECT_NE(cipher(MySqlTlsMode::kVerify, env["MYSQL_SSL_CA"]), "");

  // Through external schemas and tributary.conf.
  std::string arn = CreateSecret("tlssecret", env["MYSQL_USER"], env["MYSQL_PASSWORD"]);
  auto reopen = [&](const std::string& federation) {
    {
      std::ofstream conf(dir_ / "tributary.conf");
      conf << R"({"federation": )" << federation << "}";
    }
    con_.reset();
    db_.reset();
    Open();
  };
  con_->Query("CREATE EXTERNAL SCHEMA tls FROM MYSQL DATABASE '" + env["MYSQL_DATABASE"] +
              "' URI '" + env["MYSQL_HOST"] + "' PORT " + env["MYSQL_PORT"] +
              " IAM_ROLE default SECRET_ARN '" + arn + "'");
  for (const char* mode : {"disable", "require"}) {
    reopen(std::string(R"({"mysql_tls": ")") + mode + R"("})");
    EXPECT_EQ(Value("SELECT count(*) FROM tls.t"), "3") << mode;
  }
  reopen(R"({"mysql_tls": "verify", "mysql_tls_ca": ")" + env["MYSQL_SSL_CA"] + R"("})");
  EXPECT_EQ(Value("SELECT count(*) FROM tls.t"), "3");
  reopen(R"({"mysql_tls": "verify", "mysql_tls_ca": ")" + other_ca + R"("})");
  std::string error = Error("SELECT count(*) FROM tls.t");
  EXPECT_EQ(error.substr(0, 5), "08001") << error;
  EXPECT_EQ(error.find(env["MYSQL_PASSWORD"]), std::string::npos) << error;
  EXPECT_NE(error.find("could not verify the TLS certificate"), std::string::npos) << error;
  reopen(R"({"mysql_tls_ca": 5})");
  error = Error("SELECT count(*) FROM tls.t");
  EXPECT_EQ(error.substr(0, 5), "22023") << error;
  EXPECT_NE(error.find("mysql_tls_ca"), std::string::npos) << error;
}

}  // namespace
}  // namespace tributary
