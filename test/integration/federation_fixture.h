// FederationTest: the fixture of the integration tests against a real
// PostgreSQL server (started by scripts/test via scripts/start-postgres; PG*
// variables name it). Each test gets what WarehouseTest sets up (a fresh
// data directory, a secret holding the source's credentials, the default
// role) and a source table fed_items of 5001 rows.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <fstream>
#include <string>

#include "warehouse_fixture.h"

namespace tributary {

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

class FederationTest : public WarehouseTest {
 protected:
  void SetUp() override {
    if (Env("PGHOST").empty()) {
      if (!Env("CI").empty())
        FAIL() << "PGHOST is not set: scripts/test starts PostgreSQL for this test";
      GTEST_SKIP() << "no PostgreSQL (run through scripts/test)";
    }
    SetUpWarehouse("fed", "source", Env("PGUSER"), Env("PGPASSWORD"));
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
    Open();
  }

  std::string CreateSql(const std::string& name, const std::string& extra = "") {
    return "CREATE EXTERNAL SCHEMA " + name + " FROM POSTGRES DATABASE '" + Env("PGDATABASE") +
           "' URI '" + Env("PGHOST") + "' PORT " + Env("PGPORT") + extra +
           " IAM_ROLE default SECRET_ARN '" + secret_arn_ + "'";
  }
};

}  // namespace tributary
