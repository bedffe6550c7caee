// Real client libraries against `tributary serve` over TLS with SCRAM:
// psycopg (3), node-postgres and psqlODBC (unixODBC's isql). Each script
// creates a table, inserts with bound parameters, reuses a prepared
// statement, reads metadata, runs a federated join with the throwaway
// PostgreSQL as the source, cancels a long query, and checks that a wrong
// password, an unknown user and a client without TLS are refused. psycopg2,
// JDBC and psql (whose other checks are in server_test.cpp) run their
// federated join and cancel here.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "command_runner.h"
#include "federation_fixture.h"

namespace tributary {
namespace {

constexpr const char* kClientPassword = "Cl1ent-t3st-password";

class ClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Env("PGHOST").empty()) {
      if (!Env("CI").empty())
        FAIL() << "PGHOST is not set: scripts/test starts PostgreSQL for this test";
      GTEST_SKIP() << "no PostgreSQL (run through scripts/test)";
    }
    char pattern[] = "/tmp/tributary-client-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    data_ = dir_ + "/data";
    std::filesystem::create_directories(data_);
    std::ofstream(dir_ + "/password") << kClientPassword << "\n";
    auto [output, status] = RunCommand(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " + dir_ +
        "/server.key -out " + dir_ + "/server.crt 2>&1");
    ASSERT_EQ(status, 0) << output;
    std::ofstream(data_ + "/tributary.conf")
        << R"({"server": {"tls_certificate": ")" << dir_ << R"(/server.crt", "tls_key": ")" << dir_
        << R"(/server.key", "require_tls": true}})";
    // The source and the credentials the external schema reads it with.
    SourceExec(
        "DROP TABLE IF EXISTS client_src; CREATE TABLE client_src(id integer, label text); "
        "INSERT INTO client_src SELECT g, 'label ' || g FROM generate_series(1, 1000) g");
    {
      ControlPlaneStore store(data_);
      SecretStore secrets(store);
      IamStore iam(store);
      secret_arn_ = secrets
                        .Create("client-src",
                                R"({"username":")" + Env("PGUSER") + R"(","password":")" +
                                    Env("PGPASSWORD") + R"("})",
                                "")
                        .arn;
      auto role = iam.CreateRole("client-fed", "").arn;
      iam.PutRolePolicy(
          "client-fed", "read",
          R"({"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]})");
      iam.ModifyClusterRoles({role}, {}, role);
    }
    log_ = dir_ + "/server.log";
    pid_ = fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      FILE* log = std::fopen(log_.c_str(), "a");
      dup2(fileno(log), STDERR_FILENO);
      dup2(fileno(log), STDOUT_FILENO);
      std::string password_file = dir_ + "/password";
      execl(TRIBUTARY_BINARY, "tributary", "serve", "--data", data_.c_str(), "--port", "0",
            "--admin-password-file", password_file.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      auto log = ReadText(log_);
      auto at = log.find("listening on 127.0.0.1:");
      if (at != std::string::npos) {
        port_ = std::atoi(log.c_str() + at + std::strlen("listening on 127.0.0.1:"));
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_NE(port_, 0) << "server did not start: " << ReadText(log_);
  }

  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    if (!dir_.empty())
      std::filesystem::remove_all(dir_);
  }

  // CREATE EXTERNAL SCHEMA `name` over the throwaway PostgreSQL.
  std::string ExternalSchemaSql(const std::string& name) {
    return "CREATE EXTERNAL SCHEMA " + name + " FROM POSTGRES DATABASE '" + Env("PGDATABASE") +
           "' URI '" + Env("PGHOST") + "' PORT " + Env("PGPORT") +
           " IAM_ROLE default SECRET_ARN '" + secret_arn_ + "'";
  }

  // The environment a client script gets: where the server is, its
  // password and the SQL that creates its external schema.
  std::string ClientEnv(const std::string& schema) {
    return "TRIBUTARY_PORT=" + std::to_string(port_) + " TRIBUTARY_PASSWORD='" + kClientPassword +
           "' TRIBUTARY_FED_SQL=\"" + ExternalSchemaSql(schema) + "\" ";
  }

  std::string dir_, data_, log_, secret_arn_;
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST_F(ClientTest, Psycopg3) {
  auto [output, status] = RunCommand(ClientEnv("p3src") + "/usr/bin/python3 " TRIBUTARY_SOURCE_DIR
                                                          "/test/clients/psycopg_client.py 2>&1");
  if (status == 77)
    GTEST_SKIP() << "python3-psycopg is not installed (scripts/install-deps)";
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("psycopg ok"), std::string::npos) << output;
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

TEST_F(ClientTest, NodePostgres) {
  const std::string dir = TRIBUTARY_SOURCE_DIR "/test/clients/node";
  if (RunCommand("command -v node").second != 0 ||
      !std::filesystem::exists(dir + "/node_modules/pg"))
    GTEST_SKIP() << "node or the pg package is missing (scripts/install-deps runs npm ci)";
  auto [output, status] = RunCommand(ClientEnv("ndsrc") + "node " + dir + "/client.js 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("node-postgres ok"), std::string::npos) << output;
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

// psqlODBC through unixODBC: pyodbc for bound parameters, prepared
// statements, catalog calls and cancel; isql for a scripted session.
TEST_F(ClientTest, PsqlOdbc) {
  auto [output, status] = RunCommand(ClientEnv("odsrc") + "/usr/bin/python3 " TRIBUTARY_SOURCE_DIR
                                                          "/test/clients/odbc_client.py 2>&1");
  if (status == 77)
    GTEST_SKIP() << "python3-pyodbc or odbc-postgresql is not installed (scripts/install-deps)";
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("odbc ok"), std::string::npos) << output;
  if (RunCommand("command -v isql").second != 0)
    GTEST_SKIP() << "unixodbc (isql) is not installed (scripts/install-deps)";
  std::ofstream(dir_ + "/odbc.ini")
      << "[tributary]\nDriver=PostgreSQL Unicode\n"
      << "Servername=127.0.0.1\nPort=" << port_ << "\nDatabase=dev\nSSLmode=require\n";
  std::ofstream(dir_ + "/isql.sql") << "CREATE TABLE isq(id INTEGER, name VARCHAR(8))\n"
                                    << "INSERT INTO isq VALUES (1, 'one')\n"
                                    << "INSERT INTO isq VALUES (2, 'two')\n"
                                    << "SELECT count(*) || ':' || max(name) FROM isq\n"
                                    << "help isq\n";
  std::tie(output, status) =
      RunCommand("ODBCINI=" + dir_ + "/odbc.ini isql -b -v tributary awsuser '" + kClientPassword +
                 "' < " + dir_ + "/isql.sql 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("| 2:two"), std::string::npos) << output;
  EXPECT_NE(output.find("| varchar"), std::string::npos) << output;  // SQLColumns
  std::tie(output, status) = RunCommand("ODBCINI=" + dir_ + "/odbc.ini isql -b -v tributary " +
                                        "awsuser wrong < /dev/null 2>&1");
  EXPECT_NE(status, 0) << output;
  EXPECT_NE(output.find("password authentication failed"), std::string::npos) << output;
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

// The clients server_test.cpp covers, here also with a federated join and a
// cancelled query (the fixture has a source) over TLS.
TEST_F(ClientTest, Psycopg2FederatedAndCancel) {
  auto [output, status] = RunCommand(
      ClientEnv("p2src") +
      "/usr/bin/python3 " TRIBUTARY_SOURCE_DIR "/test/clients/psycopg2_client.py 127.0.0.1 " +
      std::to_string(port_) + " '" + kClientPassword + "' require 2>&1");
  if (status == 77)
    GTEST_SKIP() << "python3-psycopg2 is not installed (scripts/install-deps)";
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("psycopg2 ok"), std::string::npos) << output;
}

TEST_F(ClientTest, JdbcFederatedAndCancel) {
  const char* jar = "/usr/share/java/postgresql.jar";
  if (!std::filesystem::exists(jar) || RunCommand("command -v java").second != 0)
    GTEST_SKIP() << "java or libpostgresql-jdbc-java is not installed (scripts/install-deps)";
  auto [output, status] = RunCommand(ClientEnv("jsrc") + "java -cp " + std::string(jar) +
                                     " " TRIBUTARY_SOURCE_DIR "/test/clients/JdbcClient.java " +
                                     std::to_string(port_) + " '" + kClientPassword + "' tls 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("jdbc ok"), std::string::npos) << output;
}

TEST_F(ClientTest, PsqlFederatedAndCancel) {
  std::string psql = "PGPASSWORD='" + std::string(kClientPassword) +
                     "' PGSSLMODE=require psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " +
                     std::to_string(port_) + " -U awsuser -d dev ";
  std::ofstream(dir_ + "/fed.sql") << ExternalSchemaSql("qsrc") << ";\n"
                                   << "CREATE TABLE q(id INTEGER);\n";
  std::ofstream(dir_ + "/join.sql")
      << "INSERT INTO q VALUES (1), (2), (3);\n"
      << "SELECT count(*) || ':' || sum(s.id) FROM q l JOIN qsrc.client_src s ON s.id = l.id;\n";
  auto [output, status] = RunCommand(psql + "-f " + dir_ + "/fed.sql 2>&1");
  ASSERT_EQ(status, 0) << output;
  std::tie(output, status) = RunCommand(psql + "-f " + dir_ + "/join.sql 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("3:6"), std::string::npos) << output;
  // Ctrl-C in psql sends a CancelRequest.
  std::tie(output, status) = RunCommand(
      "(" + psql +
      "-c 'SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 1000000) b' "
      "2>&1 & pid=$!; sleep 1; kill -INT $pid; wait $pid)");
  EXPECT_NE(output.find("canceling statement due to user request"), std::string::npos) << output;
}

}  // namespace
}  // namespace tributary
