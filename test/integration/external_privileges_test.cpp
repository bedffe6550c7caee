// Privileges on external schemas against the real PostgreSQL source: USAGE
// alone lets a user read every table, GRANT on one external table is an
// error that says what to do, GRANT ALL does not grant CREATE, and only a
// superuser or the database owner creates external schemas. Grants and
// users survive a restart of the Database.
#include "catalog/catalog.h"
#include "federation_fixture.h"
#include "security/access_control.h"

namespace tributary {
namespace {

class ExternalPrivilegesTest : public FederationTest {
 protected:
  std::string ErrorAs(Connection& con, const std::string& sql) {
    try {
      con.Query(sql);
    } catch (const Exception& e) {
      return e.SqlState() + " " + e.Message();
    }
    return "no error";
  }
};

TEST_F(ExternalPrivilegesTest, UsageOnExternalSchemaReadsEveryTable) {
  con_->Query(CreateSql("apg"));
  con_->Query("CREATE USER reader PASSWORD 'Reader123'");
  Connection reader(*db_, "reader");
  EXPECT_EQ(ErrorAs(reader, "SELECT count(*) FROM apg.fed_items"),
            "42501 permission denied for schema apg");
  // The denial comes before any connection to the source: an unknown table
  // is denied the same way.
  EXPECT_EQ(ErrorAs(reader, "SELECT * FROM apg.no_such_table"),
            "42501 permission denied for schema apg");

  EXPECT_EQ(ErrorAs(reader, "SELECT * FROM tributary_doctor('apg')"),
            "42501 permission denied for schema apg");
  // SVV_EXTERNAL_SCHEMAS is readable by everyone (it holds no secret).
  EXPECT_EQ(reader.Query("SELECT count(*) FROM svv_external_schemas")->GetValue(0, 0).ToString(),
            "1");

  con_->Query("GRANT USAGE ON SCHEMA apg TO reader");
  EXPECT_EQ(reader.Query("SELECT count(*) FROM apg.fed_items")->GetValue(0, 0).ToString(), "5001");
  // SVL_FEDERATED_QUERY shows a user only their own rows; superusers all.
  con_->Query("SELECT count(*) FROM apg.fed_items WHERE id < 10");
  auto own = reader.Query("SELECT count(*), min(userid) FROM svl_federated_query");
  EXPECT_EQ(own->GetValue(0, 0).ToString(), "1");
  EXPECT_EQ(own->GetValue(1, 0).ToString(), "101");
  EXPECT_EQ(con_->Query("SELECT count(*) FROM svl_federated_query")->GetValue(0, 0).ToString(),
            "2");

  con_->Query("REVOKE USAGE ON SCHEMA apg FROM reader");
  EXPECT_EQ(ErrorAs(reader, "SELECT count(*) FROM apg.fed_items"),
            "42501 permission denied for schema apg");

  // Through a group, and through PUBLIC.
  con_->Query("CREATE GROUP fed_readers WITH USER reader");
  con_->Query("GRANT USAGE ON SCHEMA apg TO GROUP fed_readers");
  EXPECT_EQ(reader.Query("SELECT count(*) FROM apg.fed_items")->GetValue(0, 0).ToString(), "5001");
  con_->Query("REVOKE USAGE ON SCHEMA apg FROM GROUP fed_readers");
  con_->Query("GRANT ALL ON SCHEMA apg TO PUBLIC");
  EXPECT_EQ(reader.Query("SELECT count(*) FROM apg.fed_items")->GetValue(0, 0).ToString(), "5001");
}

TEST_F(ExternalPrivilegesTest, GrantOnExternalTableIsAnError) {
  con_->Query(CreateSql("apg"));
  con_->Query("CREATE USER reader PASSWORD 'Reader123'");
  try {
    con_->Query("GRANT SELECT ON apg.fed_items TO reader");
    FAIL() << "GRANT on an external table succeeded";
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "0A000");
    EXPECT_NE(e.Message().find("external table \"apg.fed_items\""), std::string::npos)
        << e.Message();
    EXPECT_NE(e.Hint().find("GRANT USAGE ON SCHEMA apg TO reader"), std::string::npos) << e.Hint();
  }
  EXPECT_EQ(Error("GRANT SELECT ON ALL TABLES IN SCHEMA apg TO reader").substr(0, 5), "0A000");
  EXPECT_EQ(Error("GRANT CREATE ON SCHEMA apg TO reader"),
            "0A000 external schema \"apg\" is read-only: only USAGE can be granted on it");
}

TEST_F(ExternalPrivilegesTest, GrantAllOnExternalSchemaIsUsageOnly) {
  con_->Query(CreateSql("apg"));
  con_->Query("CREATE USER reader PASSWORD 'Reader123'");
  con_->Query("GRANT ALL ON SCHEMA apg TO reader");
  auto schema = db_->catalog().GetSchema("apg");
  auto& access = db_->access_control();
  EXPECT_EQ(access.SchemaPrivileges("reader", *schema), Bits(Privilege::kUsage));
  Connection reader(*db_, "reader");
  EXPECT_EQ(ErrorAs(reader, "CREATE TABLE apg.t (a integer)"),
            "42501 permission denied for schema apg");
}

TEST_F(ExternalPrivilegesTest, OnlySuperuserOrDatabaseOwnerCreatesExternalSchemas) {
  con_->Query("CREATE USER maker PASSWORD 'Maker1234'");
  Connection maker(*db_, "maker");
  EXPECT_EQ(ErrorAs(maker, CreateSql("apg")), "42501 permission denied to create external schema");
  con_->Query("ALTER USER maker CREATEUSER");
  maker.Query(CreateSql("apg"));
  // The creator owns it: SVV_EXTERNAL_SCHEMAS and the catalog say so.
  EXPECT_EQ(db_->catalog().GetSchema("apg")->owner, "maker");
  con_->Query("ALTER USER maker NOCREATEUSER");
  // The owner may still read, drop and rename it.
  EXPECT_EQ(maker.Query("SELECT count(*) FROM apg.fed_items")->GetValue(0, 0).ToString(), "5001");
  con_->Query("CREATE USER other PASSWORD 'Other1234'");
  Connection other(*db_, "other");
  EXPECT_EQ(ErrorAs(other, "DROP SCHEMA apg"), "42501 must be owner of schema apg");
  maker.Query("DROP SCHEMA apg");
}

TEST_F(ExternalPrivilegesTest, UsersAndGrantsSurviveARestart) {
  con_->Query(CreateSql("apg"));
  con_->Query("CREATE USER reader PASSWORD 'Reader123'");
  con_->Query("GRANT USAGE ON SCHEMA apg TO reader");
  con_->Query("ALTER SCHEMA apg RENAME TO apg2");
  con_.reset();
  // The old Database must let go of the data directory's lock first.
  db_.reset();
  db_ = std::make_unique<Database>(DatabaseConfig{dir_.string(), 0});
  con_ = std::make_unique<Connection>(*db_);
  Connection reader(*db_, "reader");
  EXPECT_EQ(reader.Query("SELECT count(*) FROM apg2.fed_items")->GetValue(0, 0).ToString(), "5001");
  // Dropping the schema forgets its grants: a new schema of that name is
  // not readable.
  con_->Query("DROP SCHEMA apg2");
  con_->Query(CreateSql("apg2"));
  EXPECT_EQ(ErrorAs(reader, "SELECT count(*) FROM apg2.fed_items"),
            "42501 permission denied for schema apg2");
  // No password is kept: only SCRAM verifiers are on disk (users are in
  // the storage manifest).
  std::ifstream users(dir_ / "storage" / "MANIFEST");
  std::stringstream text;
  text << users.rdbuf();
  EXPECT_EQ(text.str().find("Reader123"), std::string::npos);
  EXPECT_NE(text.str().find("SCRAM-SHA-256$"), std::string::npos);
}

}  // namespace
}  // namespace tributary
