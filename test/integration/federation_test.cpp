// Federation against a real PostgreSQL server (started by scripts/test via
// scripts/start-postgres; PG* variables name it): external schema set-up
// and its mistakes, federated queries checked against PostgreSQL's own
// answers, faults with their SQLSTATEs, secret rotation, and no connection
// left open on the source.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "security/iam_store.h"
#include "security/secret_store.h"

namespace tributary {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Runs SQL on the source directly (as the test user) and returns row 0, column 0.
std::string SourceValue(const std::string& sql) {
  PGconn* conn = PQconnectdb("");
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* r = PQexec(conn, sql.c_str());
  std::string value =
      PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(conn);
  return value;
}

class FederationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Env("PGHOST").empty()) {
      if (!Env("CI").empty())
        FAIL() << "PGHOST is not set: scripts/test starts PostgreSQL for this test";
      GTEST_SKIP() << "no PostgreSQL (run through scripts/test)";
    }
    dir_ = std::filesystem::temp_directory_path() /
           ("tributary-fed-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    store_ = std::make_unique<ControlPlaneStore>(dir_.string());
    SecretStore secrets(*store_);
    IamStore iam(*store_);
    secret_arn_ = secrets
                      .Create("source-" + std::to_string(::getpid()),
                              R"({"username":")" + Env("PGUSER") + R"(","password":")" +
                                  Env("PGPASSWORD") + R"("})",
                              "")
                      .arn;
    role_arn_ = iam.CreateRole("fed", "").arn;
    iam.PutRolePolicy(
        "fed", "read",
        R"({"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]})");
    iam.ModifyClusterRoles({role_arn_}, {}, role_arn_);
    SourceValue("SELECT 1");  // the source answers
    PGconn* conn = PQconnectdb("");
    PQclear(
        PQexec(conn,
               "DROP TABLE IF EXISTS fed_items; "
               "CREATE TABLE fed_items (id integer, name varchar(20), price numeric(10,2), "
               "big bigint, ratio double precision, ok boolean, day date, at timestamp, "
               "code char(4), tags text[], doc jsonb, plain numeric); "
               "INSERT INTO fed_items SELECT g, 'item ' || g, g * 1.25, g::bigint * 1000000000, "
               "g / 3.0, g % 2 = 0, date '2024-01-01' + g, timestamp '2024-01-01 10:00' + g * "
               "interval '1 hour', "
               "'c' || (g % 10), ARRAY['a', 'b'], '{\"k\": 1}', 12345678901234567890.123456789 "
               "FROM generate_series(1, 5000) g; "
               "INSERT INTO fed_items (id) VALUES (NULL);"));
    PQfinish(conn);
    db_ = std::make_unique<Database>(DatabaseConfig{dir_.string(), 0});
    con_ = std::make_unique<Connection>(*db_);
  }

  void TearDown() override {
    con_.reset();
    db_.reset();
    if (!dir_.empty())
      std::filesystem::remove_all(dir_);
  }

  std::string CreateSql(const std::string& name, const std::string& extra = "") {
    return "CREATE EXTERNAL SCHEMA " + name + " FROM POSTGRES DATABASE '" + Env("PGDATABASE") +
           "' URI '" + Env("PGHOST") + "' PORT " + Env("PGPORT") + extra +
           " IAM_ROLE default SECRET_ARN '" + secret_arn_ + "'";
  }

  std::string Error(const std::string& sql) {
    try {
      con_->Query(sql);
    } catch (const Exception& e) {
      // No error may ever contain the password.
      EXPECT_EQ(e.Message().find(Env("PGPASSWORD")), std::string::npos);
      EXPECT_EQ(e.Hint().find(Env("PGPASSWORD")), std::string::npos);
      return e.SqlState() + " " + e.Message();
    }
    return "no error";
  }

  std::string Value(const std::string& sql) { return con_->Query(sql)->GetValue(0, 0).ToString(); }

  std::filesystem::path dir_;
  std::unique_ptr<ControlPlaneStore> store_;
  std::string secret_arn_, role_arn_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> con_;
};

TEST_F(FederationTest, QueriesMatchPostgres) {
  con_->Query(CreateSql("src"));
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items"),
            SourceValue("SELECT count(*) FROM fed_items"));
  EXPECT_EQ(Value("SELECT sum(price) FROM src.fed_items"),
            SourceValue("SELECT sum(price) FROM fed_items"));
  EXPECT_EQ(Value("SELECT sum(big) FROM src.fed_items"),
            SourceValue("SELECT sum(big) FROM fed_items"));
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items WHERE ok"),
            SourceValue("SELECT count(*) FROM fed_items WHERE ok"));
  EXPECT_EQ(Value("SELECT max(day) FROM src.fed_items"),
            SourceValue("SELECT max(day) FROM fed_items"));
  EXPECT_EQ(Value("SELECT max(at) FROM src.fed_items"),
            SourceValue("SELECT max(at) FROM fed_items"));
  EXPECT_EQ(Value("SELECT max(name) FROM src.fed_items"),
            SourceValue("SELECT max(name) FROM fed_items"));
  EXPECT_EQ(Value("SELECT min(code) || '|' FROM src.fed_items"),
            SourceValue("SELECT min(code)::text || '|' FROM fed_items"));
  // Types without a mapping arrive as their text form; unconstrained
  // NUMERIC keeps every digit.
  EXPECT_EQ(Value("SELECT max(tags) FROM src.fed_items"), "{a,b}");
  EXPECT_EQ(Value("SELECT max(doc) FROM src.fed_items"), "{\"k\": 1}");
  EXPECT_EQ(Value("SELECT max(plain) FROM src.fed_items"), "12345678901234567890.123456789");
  // A federated join with a local table.
  con_->Query("CREATE TABLE local_ids AS SELECT g AS id FROM generate_series(1, 100) AS s(g)");
  EXPECT_EQ(Value("SELECT sum(f.price) FROM local_ids l JOIN src.fed_items f ON f.id = l.id"),
            SourceValue("SELECT sum(price) FROM fed_items WHERE id <= 100"));
  // SVV_EXTERNAL_SCHEMAS lists it, without any secret value.
  auto schemas =
      con_->Query("SELECT eskind, schemaname, databasename, esoptions FROM svv_external_schemas");
  ASSERT_EQ(schemas->RowCount(), 1u);
  EXPECT_EQ(schemas->GetValue(0, 0).ToString(), "3");
  EXPECT_EQ(schemas->GetValue(1, 0).ToString(), "src");
  EXPECT_NE(schemas->GetValue(3, 0).ToString().find(secret_arn_), std::string::npos);
  EXPECT_EQ(schemas->GetValue(3, 0).ToString().find(Env("PGPASSWORD")), std::string::npos);
  // Writes are refused.
  EXPECT_EQ(Error("INSERT INTO src.fed_items (id) VALUES (1)").substr(0, 5), "25006");
  EXPECT_EQ(Error("CREATE TABLE src.t (a int)").substr(0, 5), "25006");
}

TEST_F(FederationTest, SetUpMistakesAreNamed) {
  EXPECT_NE(Error(CreateSql("s1") + "x").find("syntax error"), std::string::npos);
  EXPECT_EQ(
      Error(
          "CREATE EXTERNAL SCHEMA s FROM POSTGRES DATABASE 'd' URI 'postgres://h' IAM_ROLE default "
          "SECRET_ARN 'x'")
          .substr(0, 5),
      "22023");
  EXPECT_NE(
      Error("CREATE EXTERNAL SCHEMA s FROM POSTGRES DATABASE 'd' URI 'h' PORT 0 IAM_ROLE default "
            "SECRET_ARN 'x'")
          .find("PORT must be between 1 and 65535"),
      std::string::npos);
  EXPECT_NE(Error("CREATE EXTERNAL SCHEMA s FROM POSTGRES DATABASE 'd' URI '" + Env("PGHOST") +
                  "' IAM_ROLE default SECRET_ARN 'arn:aws:secretsmanager:us-east-1:1:secret:nope'")
                .find("does not exist"),
            std::string::npos);
  EXPECT_NE(Error("CREATE EXTERNAL SCHEMA s FROM POSTGRES DATABASE 'd' URI '" + Env("PGHOST") +
                  "' IAM_ROLE 'arn:aws:iam::1:role/ghost' SECRET_ARN '" + secret_arn_ + "'")
                .find("does not exist"),
            std::string::npos);
  EXPECT_EQ(Error("CREATE EXTERNAL SCHEMA s FROM MYSQL DATABASE 'd' URI 'h' IAM_ROLE default "
                  "SECRET_ARN 'x'")
                .substr(0, 5),
            "0A000");
  con_->Query(CreateSql("s2"));
  auto result = con_->Query(
      "CREATE EXTERNAL SCHEMA IF NOT EXISTS s2 FROM POSTGRES DATABASE 'x' URI 'y' "
      "IAM_ROLE default SECRET_ARN 'z'");
  ASSERT_EQ(result->Notices().size(), 1u);
  EXPECT_NE(result->Notices()[0].find("already exists"), std::string::npos);
  // The role loses its permission: queries say which step fails.
  IamStore(*store_).DeleteRolePolicy("fed", "read");
  EXPECT_NE(Error("SELECT count(*) FROM s2.fed_items").find("may not read the secret"),
            std::string::npos);
}

TEST_F(FederationTest, FaultsHaveTheirSqlStates) {
  con_->Query(CreateSql("src"));
  EXPECT_NE(Error("SELECT * FROM src.no_such_table").find("42P01"), std::string::npos);
  // A closed port: refused quickly with 08001 and a hint to run doctor.
  con_->Query(
      "CREATE EXTERNAL SCHEMA closed FROM POSTGRES DATABASE 'x' URI '127.0.0.1' PORT 1 "
      "IAM_ROLE default SECRET_ARN '" +
      secret_arn_ + "'");
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Error("SELECT * FROM closed.t").substr(0, 5), "08001");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(11));
  // Wrong database.
  con_->Query("CREATE EXTERNAL SCHEMA wrongdb FROM POSTGRES DATABASE 'no_such_db' URI '" +
              Env("PGHOST") + "' PORT " + Env("PGPORT") + " IAM_ROLE default SECRET_ARN '" +
              secret_arn_ + "'");
  EXPECT_EQ(Error("SELECT * FROM wrongdb.t").substr(0, 5), "3D000");
  // A rotated (wrong) password: 28P01 naming the secret; the right one
  // works again on the next query, without recreating the schema.
  SecretStore secrets(*store_);
  secrets.PutValue(secret_arn_,
                   R"({"username":")" + Env("PGUSER") + R"(","password":"wrong-password"})");
  std::string error = Error("SELECT count(*) FROM src.fed_items");
  EXPECT_EQ(error.substr(0, 5), "28P01");
  EXPECT_NE(error.find(secret_arn_), std::string::npos);
  EXPECT_EQ(error.find("wrong-password"), std::string::npos);
  secrets.PutValue(secret_arn_, R"({"username":")" + Env("PGUSER") + R"(","password":")" +
                                    Env("PGPASSWORD") + R"("})");
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items"), "5001");
  // A denied destination fails every connection.
  std::ofstream(dir_ / "tributary.conf") << R"({"egress": {"allow": [{"cidr": "10.0.0.0/8"}]}})";
  EXPECT_NE(Error("SELECT count(*) FROM src.fed_items").find("egress policy"), std::string::npos);
  std::filesystem::remove(dir_ / "tributary.conf");
}

TEST_F(FederationTest, NoConnectionIsLeftOpen) {
  con_->Query(CreateSql("src"));
  for (int i = 0; i < 3; i++)
    con_->Query("SELECT count(*) FROM src.fed_items");
  Error("SELECT * FROM src.no_such_table");
  Error("SELECT 1 / (id - id) FROM src.fed_items");  // fails mid-scan on our side
  EXPECT_EQ(
      SourceValue("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tributary'"),
      "0");
}

}  // namespace
}  // namespace tributary
