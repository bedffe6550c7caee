// CREATE / DROP EXTERNAL SCHEMA and ALTER SCHEMA ... RENAME TO / OWNER TO
// are transactional: ROLLBACK (or a failed statement in the block) undoes
// them, other sessions see them only after COMMIT, and only committed ones
// are stored in the data directory (seen after a restart).
#include "federation_fixture.h"

namespace tributary {
namespace {

class ExternalSchemaTransaction : public FederationTest {
 protected:
  void Reopen() {
    con_.reset();
    db_.reset();
    db_ = std::make_unique<Database>(DatabaseConfig{dir_.string(), 0});
    con_ = std::make_unique<Connection>(*db_);
  }
  std::string Schemas() {
    auto result = con_->Query("SELECT schemaname FROM svv_external_schemas ORDER BY 1");
    std::string names;
    for (idx_t r = 0; r < result->RowCount(); r++)
      names += (r ? "," : "") + result->GetValue(0, r).ToString();
    return names;
  }
};

TEST_F(ExternalSchemaTransaction, RollbackUndoesCreate) {
  con_->Query("BEGIN");
  con_->Query(CreateSql("apg"));
  EXPECT_EQ(Value("SELECT count(*) FROM apg.fed_items"), "5001");
  con_->Query("ROLLBACK");
  EXPECT_EQ(Schemas(), "");
  EXPECT_EQ(Error("SELECT count(*) FROM apg.fed_items").substr(0, 5), "3F000");
  Reopen();
  EXPECT_EQ(Schemas(), "");
  // The name is free again.
  con_->Query(CreateSql("apg"));
  EXPECT_EQ(Value("SELECT count(*) FROM apg.fed_items"), "5001");
}

TEST_F(ExternalSchemaTransaction, RollbackUndoesDrop) {
  con_->Query(CreateSql("apg"));
  con_->Query("BEGIN");
  con_->Query("DROP SCHEMA apg");
  EXPECT_EQ(Schemas(), "");
  con_->Query("ROLLBACK");
  EXPECT_EQ(Schemas(), "apg");
  EXPECT_EQ(Value("SELECT count(*) FROM apg.fed_items"), "5001");
  Reopen();
  EXPECT_EQ(Schemas(), "apg");
  EXPECT_EQ(Value("SELECT count(*) FROM apg.fed_items"), "5001");
}

TEST_F(ExternalSchemaTransaction, CommitStoresAndAFailedStatementRollsBack) {
  con_->Query("BEGIN");
  con_->Query(CreateSql("apg"));
  con_->Query(CreateSql("bpg"));
  con_->Query("COMMIT");
  Reopen();
  EXPECT_EQ(Schemas(), "apg,bpg");
  con_->Query("BEGIN");
  con_->Query("DROP SCHEMA bpg");
  con_->Query(CreateSql("cpg"));
  EXPECT_EQ(Error(CreateSql("apg")).substr(0, 5), "42P06");
  con_->Query("ROLLBACK");
  EXPECT_EQ(Schemas(), "apg,bpg");
  con_->Query("BEGIN");
  con_->Query("DROP SCHEMA bpg");
  con_->Query("COMMIT");
  Reopen();
  EXPECT_EQ(Schemas(), "apg");
}

TEST_F(ExternalSchemaTransaction, OtherSessionsSeeItAfterCommit) {
  Connection other(*db_);
  con_->Query("BEGIN");
  con_->Query(CreateSql("apg"));
  EXPECT_EQ(other.Query("SELECT count(*) FROM svv_external_schemas")->GetValue(0, 0).ToString(),
            "0");
  con_->Query("COMMIT");
  EXPECT_EQ(other.Query("SELECT count(*) FROM apg.fed_items")->GetValue(0, 0).ToString(), "5001");
}

TEST_F(ExternalSchemaTransaction, RenameIsStoredAtCommit) {
  con_->Query(CreateSql("apg"));
  con_->Query("BEGIN");
  con_->Query("ALTER SCHEMA apg RENAME TO rpg");
  EXPECT_EQ(Schemas(), "rpg");
  con_->Query("ROLLBACK");
  EXPECT_EQ(Schemas(), "apg");
  Reopen();
  EXPECT_EQ(Schemas(), "apg");
  con_->Query("BEGIN");
  con_->Query("ALTER SCHEMA apg RENAME TO rpg");
  {
    // Not stored before COMMIT: a database opened on the directory now
    // (as the CLI does, without the tables) still reads the old name.
    Database reader(DatabaseConfig{dir_.string(), 0, false});
    Connection con(reader);
    EXPECT_EQ(con.Query("SELECT schemaname FROM svv_external_schemas")->GetValue(0, 0).ToString(),
              "apg");
  }
  con_->Query("COMMIT");
  Reopen();
  EXPECT_EQ(Schemas(), "rpg");
  EXPECT_EQ(Value("SELECT count(*) FROM rpg.fed_items"), "5001");
}

TEST_F(ExternalSchemaTransaction, OwnerIsStoredAtCommit) {
  con_->Query(CreateSql("apg"));
  con_->Query("CREATE USER reader PASSWORD 'Reader123'");
  std::string owner = Value("SELECT nspowner FROM pg_namespace WHERE nspname = 'apg'");
  std::string reader = Value("SELECT usesysid FROM pg_user WHERE usename = 'reader'");
  con_->Query("BEGIN");
  con_->Query("ALTER SCHEMA apg OWNER TO reader");
  EXPECT_EQ(Value("SELECT nspowner FROM pg_namespace WHERE nspname = 'apg'"), reader);
  con_->Query("ROLLBACK");
  Reopen();
  EXPECT_EQ(Value("SELECT nspowner FROM pg_namespace WHERE nspname = 'apg'"), owner);
  con_->Query("ALTER SCHEMA apg OWNER TO reader");
  Reopen();
  EXPECT_EQ(Value("SELECT nspowner FROM pg_namespace WHERE nspname = 'apg'"), reader);
}

}  // namespace
}  // namespace tributary
