// Federation against a real PostgreSQL server (started by scripts/test via
// scripts/start-postgres; PG* variables name it): external schema set-up
// and its mistakes, federated queries checked against PostgreSQL's own
// answers, faults with their SQLSTATEs, secret rotation, and no connection
// left open on the source.
#include "federation_fixture.h"

namespace tributary {
namespace {

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
  // MYSQL is supported (mysql_federation_test.cpp): the same checks apply.
  EXPECT_NE(Error("CREATE EXTERNAL SCHEMA s FROM MYSQL DATABASE 'd' URI 'h' IAM_ROLE default "
                  "SECRET_ARN 'x'")
                .find("does not exist"),
            std::string::npos);
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
  // Pooled connections wait outside any transaction, at most the pool's
  // limit; none is left inside a transaction or running a query.
  auto count = [](const char* state) {
    return SourceValue(std::string("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                   "'tributary'") +
                       state);
  };
  EXPECT_EQ(count(" AND state <> 'idle'"), "0");
  EXPECT_LE(std::stoi(count("")), 16);
  // Closing the database closes them all.
  con_.reset();
  db_.reset();
  EXPECT_EQ(count(""), "0");
}

TEST_F(FederationTest, PoolReusesAndBoundsConnections) {
  std::ofstream(dir_ / "tributary.conf") << R"({"federation": {"pool_max_connections": 1}})";
  con_->Query(CreateSql("src"));
  auto backend = [&] { return Value("SELECT count(*) FROM src.fed_items"); };
  backend();
  std::string pid =
      SourceValue("SELECT pid FROM pg_stat_activity WHERE application_name = 'tributary'");
  // With one connection allowed, split readers give way and the statement
  // still reads everything on the one it has.
  con_->Query("SET pg_federation_split_pages TO 1");
  SourceExec("ANALYZE fed_items");
  EXPECT_EQ(backend(), "5001");
  EXPECT_EQ(SourceValue("SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE "
                        "application_name = 'tributary'"),
            pid);
  // statement_timeout reaches the source.
  SourceExec(
      "CREATE OR REPLACE VIEW fed_slow AS SELECT id FROM (SELECT id, pg_sleep(0.2) FROM fed_items "
      "LIMIT 100) s");
  con_->Query("SET statement_timeout TO 300");
  EXPECT_EQ(Error("SELECT count(*) FROM src.fed_slow").substr(0, 5), "57014");
  con_->Query("SET statement_timeout TO 0");
  EXPECT_EQ(backend(), "5001");
  // A bad pool setting is an error naming it.
  std::ofstream(dir_ / "tributary.conf", std::ios::trunc)
      << R"({"federation": {"pool_max_connections": 0}})";
  con_.reset();
  // The old Database must let go of the data directory's lock first.
  db_.reset();
  db_ = std::make_unique<Database>(DatabaseConfig{dir_.string(), 0});
  con_ = std::make_unique<Connection>(*db_);
  con_->Query(CreateSql("src2"));
  EXPECT_NE(Error("SELECT count(*) FROM src2.fed_items").find("pool_max_connections"),
            std::string::npos);
  std::filesystem::remove(dir_ / "tributary.conf");
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

// External schemas and their relations appear in Redshift's SVV_ALL_* views
// and in pg_namespace; their tables are not in pg_class (as in Redshift).
TEST_F(FederationTest, ExternalSchemasInCatalogViews) {
  con_->Query(CreateSql("src"));
  EXPECT_EQ(Value("SELECT schema_type || ':' || source_database FROM svv_all_schemas WHERE "
                  "schema_name = 'src'"),
            "external:" + Env("PGDATABASE"));
  EXPECT_EQ(Value("SELECT table_type FROM svv_all_tables WHERE schema_name = 'src' AND "
                  "table_name = 'fed_items'"),
            "EXTERNAL TABLE");
  EXPECT_EQ(Value("SELECT count(*) FROM svv_all_columns WHERE schema_name = 'src' AND "
                  "table_name = 'fed_items'"),
            SourceValue("SELECT count(*) FROM information_schema.columns WHERE table_name = "
                        "'fed_items'"));
  EXPECT_EQ(Value("SELECT data_type FROM svv_all_columns WHERE schema_name = 'src' AND "
                  "table_name = 'fed_items' AND column_name = 'id'"),
            "integer");
  EXPECT_EQ(Value("SELECT count(*) FROM pg_namespace WHERE nspname = 'src'"), "1");
  EXPECT_EQ(Value("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                  "c.relnamespace WHERE n.nspname = 'src'"),
            "0");
}

}  // namespace
}  // namespace tributary
