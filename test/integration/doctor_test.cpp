// tributary_doctor / `tributary doctor` against a real PostgreSQL: a healthy
// path is all ok; each broken step is named with its fix, the rest skipped;
// external schemas survive reopening the data directory.
#include "federation_fixture.h"
#include "security/secret_store.h"

namespace tributary {
namespace {

std::map<std::string, std::pair<std::string, std::string>> Doctor(Connection& con,
                                                                  const std::string& schema) {
  auto result =
      con.Query("SELECT step, status, detail, fix FROM tributary_doctor('" + schema + "')");
  std::map<std::string, std::pair<std::string, std::string>> steps;
  for (idx_t r = 0; r < result->RowCount(); r++) {
    steps[result->GetValue(0, r).ToString()] = {
        result->GetValue(1, r).ToString(),
        result->GetValue(2, r).ToString() + " | " + result->GetValue(3, r).ToString()};
  }
  return steps;
}

TEST_F(FederationTest, DoctorReportsAHealthyPath) {
  con_->Query(CreateSql("src"));
  auto steps = Doctor(*con_, "src");
  ASSERT_EQ(steps.size(), 10u);
  for (auto& [step, result] : steps) {
    EXPECT_TRUE(result.first == "ok" || (step == "tls" && result.first == "warning"))
        << step << ": " << result.second;
    EXPECT_EQ(result.second.find(Env("PGPASSWORD")), std::string::npos);
  }
  EXPECT_EQ(Error("SELECT * FROM tributary_doctor('nope')").substr(0, 5), "3F000");
}

TEST_F(FederationTest, DoctorNamesTheBrokenStep) {
  // A closed port.
  con_->Query(
      "CREATE EXTERNAL SCHEMA closed FROM POSTGRES DATABASE 'x' URI '127.0.0.1' PORT 1 "
      "IAM_ROLE default SECRET_ARN '" +
      secret_arn_ + "'");
  auto steps = Doctor(*con_, "closed");
  EXPECT_EQ(steps["tcp connect"].first, "failed") << steps["tcp connect"].second;
  EXPECT_NE(steps["tcp connect"].second.find("listens on"), std::string::npos);
  EXPECT_EQ(steps["authentication"].first, "skipped");
  // A wrong database.
  con_->Query("CREATE EXTERNAL SCHEMA wrongdb FROM POSTGRES DATABASE 'no_such_db' URI '" +
              Env("PGHOST") + "' PORT " + Env("PGPORT") + " IAM_ROLE default SECRET_ARN '" +
              secret_arn_ + "'");
  steps = Doctor(*con_, "wrongdb");
  EXPECT_EQ(steps["authentication"].first, "ok");
  EXPECT_EQ(steps["database"].first, "failed");
  // A missing remote schema.
  con_->Query("CREATE EXTERNAL SCHEMA noschema FROM POSTGRES DATABASE '" + Env("PGDATABASE") +
              "' SCHEMA 'no_such_schema' URI '" + Env("PGHOST") + "' PORT " + Env("PGPORT") +
              " IAM_ROLE default SECRET_ARN '" + secret_arn_ + "'");
  steps = Doctor(*con_, "noschema");
  EXPECT_EQ(steps["remote schema"].first, "failed");
  EXPECT_NE(steps["remote schema"].second.find("does not exist"), std::string::npos);
  // A wrong password, never shown.
  con_->Query(CreateSql("src"));
  SecretStore(*store_).PutValue(
      secret_arn_, R"({"username":")" + Env("PGUSER") + R"(","password":"wrong-password"})");
  steps = Doctor(*con_, "src");
  EXPECT_EQ(steps["secret"].first, "ok");
  EXPECT_EQ(steps["authentication"].first, "failed");
  EXPECT_NE(steps["authentication"].second.find("put-secret-value"), std::string::npos);
  EXPECT_EQ(steps["authentication"].second.find("wrong-password"), std::string::npos);
  // The role loses its permission.
  IamStore(*store_).DeleteRolePolicy("fed", "read");
  steps = Doctor(*con_, "src");
  EXPECT_EQ(steps["role chain"].first, "failed");
  EXPECT_EQ(steps["secret"].first, "skipped");
  // A denied destination.
  std::ofstream(dir_ / "tributary.conf") << R"({"egress": {"allow": [{"cidr": "10.0.0.0/8"}]}})";
  steps = Doctor(*con_, "src");
  EXPECT_EQ(steps["dns"].first, "failed");
  EXPECT_NE(steps["dns"].second.find("egress"), std::string::npos);
}

TEST_F(FederationTest, ExternalSchemasSurviveReopening) {
  con_->Query(CreateSql("src"));
  con_->Query(CreateSql("gone"));
  con_->Query("DROP SCHEMA gone");
  // ALTER SCHEMA renames and re-owns it, persistently; search_path refuses it.
  con_->Query(CreateSql("old"));
  con_->Query("ALTER SCHEMA old RENAME TO renamed");
  con_->Query("ALTER SCHEMA renamed OWNER TO awsuser");
  EXPECT_EQ(Error("ALTER SCHEMA renamed OWNER TO nobody").substr(0, 5), "42704");
  EXPECT_EQ(Error("ALTER SCHEMA renamed RENAME TO src").substr(0, 5), "42P06");
  EXPECT_EQ(Error("ALTER SCHEMA public RENAME TO x").substr(0, 5), "0A000");
  EXPECT_EQ(Error("SET search_path TO public, renamed").substr(0, 5), "0A000");
  con_->Query("SET search_path TO public");
  con_.reset();
  // The old Database must let go of the data directory's lock first.
  db_.reset();
  db_ = std::make_unique<Database>(DatabaseConfig{dir_.string(), 0});
  con_ = std::make_unique<Connection>(*db_);
  EXPECT_EQ(Value("SELECT count(*) FROM src.fed_items"), "5001");
  EXPECT_EQ(Value("SELECT count(*) FROM svv_external_schemas"), "2");
  EXPECT_EQ(Value("SELECT count(*) FROM renamed.fed_items"), "5001");
  EXPECT_EQ(Error("SELECT count(*) FROM old.fed_items").substr(0, 5), "3F000");
  EXPECT_EQ(Error("SELECT count(*) FROM gone.fed_items").substr(0, 5), "3F000");
}

}  // namespace
}  // namespace tributary
