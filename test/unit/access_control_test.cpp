// Users, groups and grants below SQL: the stores' files, sharing between
// processes (two stores on one directory), and the shell's history filter.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "catalog/catalog.h"
#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "parser/role_statement_parser.h"
#include "security/access_control.h"
#include "security/grant_store.h"
#include "security/user_store.h"

namespace tributary {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tributary-access-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST(RoleStatementParserTest, PasswordsStayOutOfHistory) {
  EXPECT_TRUE(RoleStatementParser::MayHoldPassword("CREATE USER a PASSWORD 'Secret123';"));
  EXPECT_TRUE(RoleStatementParser::MayHoldPassword("alter user a with password 'Secret123'"));
  EXPECT_TRUE(RoleStatementParser::MayHoldPassword("SELECT 1; ALTER USER a PASSWORD 'x'"));
  EXPECT_TRUE(RoleStatementParser::MayHoldPassword("CREATE USER a PASSWORD 'unterminated"));
  EXPECT_FALSE(RoleStatementParser::MayHoldPassword("SELECT 'password' FROM t"));
  // PASSWORD DISABLE holds none, but the filter errs on the side of caution.
  EXPECT_TRUE(RoleStatementParser::MayHoldPassword("CREATE USER a PASSWORD DISABLE"));
  EXPECT_FALSE(RoleStatementParser::MayHoldPassword("DROP USER a; SELECT password FROM t"));
  EXPECT_FALSE(RoleStatementParser::MayHoldPassword("CREATE GROUP g"));
}

TEST_F(StoreTest, UsersGetIdsAndTheFirstSuperuserOwnsTheDatabase) {
  UserStore users(dir_.string());
  EXPECT_EQ(users.Bootstrap("awsuser"), "awsuser");
  UserRecord alice;
  alice.name = "alice";
  users.CreateUser(alice);
  EXPECT_EQ(users.Find("awsuser")->id, 100);
  EXPECT_EQ(users.Find("alice")->id, 101);
  EXPECT_TRUE(users.Find("awsuser")->superuser);
  EXPECT_FALSE(users.Find("alice")->superuser);
  // Ids are never reused.
  users.DropUser("alice", false);
  UserRecord bob;
  bob.name = "bob";
  users.CreateUser(bob);
  EXPECT_EQ(users.Find("bob")->id, 102);
  EXPECT_THROW(users.CreateUser(bob), Exception);
}

TEST_F(StoreTest, TwoStoresOnOneDirectorySeeEachOther) {
  // Stores of no Database (file mode) over one users.json.
  UserStore a(dir_.string());
  UserStore b(dir_.string());
  a.Bootstrap("awsuser");
  EXPECT_TRUE(b.Find("awsuser").has_value());
  b.CreateGroup("g", {"awsuser"});
  EXPECT_EQ(a.GroupsOf("awsuser"), std::vector<std::string>{"g"});
  b.AlterGroup("g", {"awsuser"}, false);
  EXPECT_TRUE(a.GroupsOf("awsuser").empty());
}

TEST_F(StoreTest, CorruptedUsersFileIsAClearError) {
  UserStore users(dir_.string());
  users.Bootstrap("awsuser");
  std::ofstream(dir_ / "control" / "users.json") << "{\"users\": ";
  try {
    users.Find("awsuser");
    FAIL() << "a truncated users.json was read";
  } catch (const Exception& e) {
    EXPECT_EQ(e.SqlState(), "XX001");
    EXPECT_NE(e.Message().find("users.json"), std::string::npos) << e.Message();
  }
}

TEST_F(StoreTest, GrantsFollowDropsAndRenames) {
  GrantStore grants(dir_.string());
  Grantee alice{GranteeKind::kUser, "alice"};
  GrantObject t{GrantObjectKind::kTable, "s", "t", ""};
  grants.Grant({t}, {alice}, Bits(Privilege::kSelect) | Bits(Privilege::kInsert));
  grants.Revoke({t}, {alice}, Bits(Privilege::kInsert));
  EXPECT_EQ(grants.Granted(t, {alice}), Bits(Privilege::kSelect));
  grants.RenameTable("s", "t", "u");
  EXPECT_EQ(grants.Granted(t, {alice}), 0u);
  GrantObject u{GrantObjectKind::kTable, "s", "u", ""};
  EXPECT_EQ(grants.Granted(u, {alice}), Bits(Privilege::kSelect));
  grants.RenameSchema("s", "s2");
  GrantObject u2{GrantObjectKind::kTable, "s2", "u", ""};
  EXPECT_EQ(grants.Granted(u2, {alice}), Bits(Privilege::kSelect));
  grants.RenameGrantee(alice, "alicia");
  EXPECT_EQ(grants.Granted(u2, {{GranteeKind::kUser, "alicia"}}), Bits(Privilege::kSelect));
  EXPECT_TRUE(grants.HasGrants({GranteeKind::kUser, "alicia"}));
  // A table that did not survive a restart loses its grants.
  grants.Prune([](const std::string&, const std::string&) { return false; });
  EXPECT_EQ(grants.Granted(u2, {{GranteeKind::kUser, "alicia"}}), 0u);
  EXPECT_FALSE(grants.HasGrants({GranteeKind::kUser, "alicia"}));
  // Redshift's defaults: PUBLIC may use and create in schema public.
  EXPECT_EQ(
      grants.Granted({GrantObjectKind::kSchema, "", "public", ""}, {{GranteeKind::kPublic, ""}}),
      kAllSchemaPrivileges);
  // Another store on the same directory reads the same grants.
  GrantStore other(dir_.string());
  grants.Grant({u2}, {{GranteeKind::kGroup, "g"}}, Bits(Privilege::kDelete));
  EXPECT_EQ(other.Granted(u2, {{GranteeKind::kGroup, "g"}}), Bits(Privilege::kDelete));
  // Grant options are stored with their privilege.
  auto select_with_option = Bits(Privilege::kSelect) | GrantOptionOf(Bits(Privilege::kSelect));
  grants.Grant({u2}, {{GranteeKind::kGroup, "g"}}, select_with_option);
  EXPECT_EQ(other.Granted(u2, {{GranteeKind::kGroup, "g"}}),
            Bits(Privilege::kDelete) | select_with_option);
  // Column grants persist and follow the table and the column.
  GrantObject column{GrantObjectKind::kTable, "s2", "w", "c"};
  grants.Grant({column}, {alice}, Bits(Privilege::kUpdate));
  EXPECT_EQ(other.Granted(column, {alice}), Bits(Privilege::kUpdate));
  EXPECT_EQ(other.Granted({GrantObjectKind::kTable, "s2", "w", ""}, {alice}), 0u);
  grants.RenameColumn("s2", "w", "c", "d");
  EXPECT_EQ(other.Granted({GrantObjectKind::kTable, "s2", "w", "d"}, {alice}),
            Bits(Privilege::kUpdate));
  grants.RenameTable("s2", "w", "x");
  EXPECT_EQ(other.ColumnGrants("s2", "x", {alice}).size(), 1u);
  grants.DropTable("s2", "x");
  EXPECT_TRUE(other.ColumnGrants("s2", "x", {alice}).empty());
  grants.Revoke({u2}, {{GranteeKind::kGroup, "g"}}, GrantOptionOf(Bits(Privilege::kSelect)));
  EXPECT_EQ(other.Granted(u2, {{GranteeKind::kGroup, "g"}}),
            Bits(Privilege::kDelete) | Bits(Privilege::kSelect));
}

// The accessors pg_catalog's has_*_privilege() and aclitem columns use.
TEST(AccessControlTest, PrivilegeInquiriesForPgCatalog) {
  Database db;
  Connection admin(db);
  admin.Query("CREATE USER alice PASSWORD 'Alice1234'");
  admin.Query("CREATE GROUP g WITH USER alice");
  admin.Query("CREATE TABLE t (a INTEGER)");
  admin.Query("CREATE SCHEMA s");
  auto& access = db.access_control();
  auto& catalog = db.catalog();
  EXPECT_FALSE(access.HasTablePrivilege(catalog, "alice", "t", "SELECT"));
  admin.Query("GRANT SELECT ON t TO GROUP g");
  EXPECT_TRUE(access.HasTablePrivilege(catalog, "alice", "public.t", "select"));
  EXPECT_TRUE(access.HasTablePrivilege(catalog, "alice", "t", "INSERT, SELECT"));
  EXPECT_FALSE(access.HasTablePrivilege(catalog, "alice", "t", "SELECT WITH GRANT OPTION"));
  EXPECT_TRUE(access.HasTablePrivilege(catalog, "awsuser", "t", "DELETE"));
  EXPECT_THROW(access.HasTablePrivilege(catalog, "alice", "nope", "SELECT"), Exception);
  EXPECT_THROW(access.HasTablePrivilege(catalog, "alice", "t", "USAGE"), Exception);
  EXPECT_TRUE(access.HasSchemaPrivilege(catalog, "alice", "public", "CREATE"));
  EXPECT_FALSE(access.HasSchemaPrivilege(catalog, "alice", "s", "USAGE"));
  EXPECT_TRUE(access.HasSchemaPrivilege(catalog, "alice", "pg_catalog", "USAGE"));
  EXPECT_FALSE(access.HasDatabasePrivilege("alice", "dev", "CREATE"));
  EXPECT_TRUE(access.HasDatabasePrivilege("alice", "dev", "TEMP"));
  EXPECT_EQ(access.AclText({GrantObjectKind::kTable, "public", "t", ""},
                           catalog.GetEntry("public", "t")->owner, kAllTablePrivileges),
            "{awsuser=arwd/awsuser,\"group g=r/awsuser\"}");
  EXPECT_EQ(access.AclText({GrantObjectKind::kSchema, "", "public", ""}, "", kAllSchemaPrivileges),
            "{awsuser=UC/awsuser,=UC/awsuser}");
  // A grant option prints as * after its letter, and is persisted as such.
  admin.Query("GRANT INSERT ON t TO alice WITH GRANT OPTION");
  EXPECT_EQ(access.AclText({GrantObjectKind::kTable, "public", "t", ""},
                           catalog.GetEntry("public", "t")->owner, kAllTablePrivileges),
            "{awsuser=arwd/awsuser,\"group g=r/awsuser\",alice=a*/awsuser}");
  EXPECT_TRUE(access.HasTablePrivilege(catalog, "alice", "t", "INSERT WITH GRANT OPTION"));
  admin.Query("REVOKE GRANT OPTION FOR INSERT ON t FROM alice");
  EXPECT_FALSE(access.HasTablePrivilege(catalog, "alice", "t", "INSERT WITH GRANT OPTION"));
  EXPECT_TRUE(access.HasTablePrivilege(catalog, "alice", "t", "INSERT"));
  admin.Query("REVOKE INSERT ON t FROM alice");
  auto users = access.Users();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].name, "awsuser");
  EXPECT_EQ(users[0].id, 100);
  EXPECT_TRUE(users[0].superuser);
  EXPECT_EQ(users[1].name, "alice");
  EXPECT_EQ(access.Groups().at(0).members, std::vector<std::string>{"alice"});
}

}  // namespace
}  // namespace tributary
