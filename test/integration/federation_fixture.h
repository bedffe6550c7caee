// FederationTest: the fixture of the integration tests against a real
// PostgreSQL server (started by scripts/test via scripts/start-postgres; PG*
// variables name it). Each test gets a fresh data directory with a secret
// holding the source's credentials, a role allowed to read it (the
// warehouse's default role) and a source table fed_items of 5001 rows.
#pragma once

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

inline std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Runs SQL on the source directly (as the test user) and returns row 0, column 0.
inline std::string SourceValue(const std::string& sql) {
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

// Runs statements on the source directly (as the test user).
inline void SourceExec(const std::string& sql) {
  PGconn* conn = PQconnectdb("");
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* r = PQexec(conn, sql.c_str());
  EXPECT_TRUE(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK)
      << PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(conn);
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
    SourceExec(
        "DROP TABLE IF EXISTS fed_items CASCADE; "
        "CREATE TABLE fed_items (id integer, name varchar(20), price numeric(10,2), "
        "big bigint, ratio double precision, ok boolean, day date, at timestamp, "
        "code char(4), tags text[], doc jsonb, plain numeric); "
        "INSERT INTO fed_items SELECT g, 'item ' || g, g * 1.25, g::bigint * 1000000000, "
        "g / 3.0, g % 2 = 0, date '2024-01-01' + g, timestamp '2024-01-01 10:00' + g * "
        "interval '1 hour', "
        "'c' || (g % 10), ARRAY['a', 'b'], '{\"k\": 1}', 12345678901234567890.123456789 "
        "FROM generate_series(1, 5000) g; "
        "INSERT INTO fed_items (id) VALUES (NULL);");
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

}  // namespace tributary
