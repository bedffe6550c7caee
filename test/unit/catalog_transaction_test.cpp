// Transactional DDL from many sessions at once: each transaction's catalog
// changes are its own until COMMIT, conflicting ones fail with 40001 (or
// with 42P07 when the other's commit came first), and the committed
// catalog is never half of one transaction.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.h"
#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "main/query_result.h"

namespace tributary {
namespace {

std::string ErrorState(Connection& con, const std::string& sql) {
  try {
    con.Query(sql);
  } catch (const Exception& e) {
    return e.SqlState();
  }
  return "";
}

int64_t Count(Connection& con, const std::string& sql) {
  return std::stoll(con.Query(sql)->GetValue(0, 0).ToString());
}

TEST(CatalogTransaction, OneOfManyCreatesOfANameCommits) {
  Database db(DatabaseConfig{"", 2});
  constexpr int kSessions = 6;
  std::vector<std::unique_ptr<Connection>> sessions;
  for (int i = 0; i < kSessions; i++) {
    sessions.push_back(std::make_unique<Connection>(db));
    sessions.back()->Query("BEGIN");
    sessions.back()->Query("CREATE TABLE x(session INTEGER)");
    sessions.back()->Query("INSERT INTO x VALUES (" + std::to_string(i) + ")");
  }
  std::atomic<int> committed{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kSessions; i++) {
    threads.emplace_back([&, i]() {
      std::string state = ErrorState(*sessions[i], "COMMIT");
      if (state.empty())
        committed++;
      else if (state == "40001")
        conflicts++;
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(committed, 1);
  EXPECT_EQ(conflicts, kSessions - 1);
  Connection con(db);
  EXPECT_EQ(Count(con, "SELECT count(*) FROM x"), 1);
}

TEST(CatalogTransaction, ConcurrentDdlLeavesAConsistentCatalog) {
  char name[] = "/tmp/tributary-catalog-txn-XXXXXX";
  ASSERT_NE(mkdtemp(name), nullptr);
  std::string dir = name;
  constexpr int kThreads = 4;
  constexpr int kRounds = 25;
  std::atomic<int> unexpected{0};
  {
    Database db(DatabaseConfig{dir, 2});
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; t++) {
      threads.emplace_back([&, t]() {
        Connection con(db);
        for (int r = 0; r < kRounds; r++) {
          // Each round: a table of its own (never conflicts), and a shared
          // one every thread drops and creates (conflicts are expected).
          std::string own = "t" + std::to_string(t) + "_" + std::to_string(r);
          try {
            con.Query("BEGIN");
            con.Query("CREATE TABLE " + own + "(a INTEGER)");
            con.Query("INSERT INTO " + own + " VALUES (" + std::to_string(r) + ")");
            con.Query("DROP TABLE IF EXISTS shared");
            con.Query("CREATE TABLE shared(owner INTEGER)");
            con.Query("INSERT INTO shared VALUES (" + std::to_string(t) + ")");
            con.Query("COMMIT");
          } catch (const Exception& e) {
            if (e.SqlState() != "40001" && e.SqlState() != "42P07" && e.SqlState() != "42P01")
              unexpected++;
            try {
              con.Query("ROLLBACK");
            } catch (...) {
            }
          }
        }
      });
    }
    for (auto& t : threads)
      t.join();
    EXPECT_EQ(unexpected, 0);
    Connection con(db);
    // A committed round has its own table with its row and left `shared`
    // with exactly one row.
    EXPECT_EQ(Count(con, "SELECT count(*) FROM shared"), 1);
  }
  Database db(DatabaseConfig{dir, 2});
  Connection con(db);
  EXPECT_EQ(Count(con, "SELECT count(*) FROM shared"), 1);
  auto tables = con.Query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND "
      "table_name <> 'shared'");
  EXPECT_GT(tables->RowCount(), 0u);
  for (idx_t r = 0; r < tables->RowCount(); r++) {
    std::string table = tables->GetValue(0, r).ToString();
    EXPECT_EQ(Count(con, "SELECT count(*) FROM " + table), 1) << table;
  }
  std::filesystem::remove_all(dir);
}

TEST(CatalogTransaction, ReadOnlyDatabaseBesideTheOwnerCommitsNothing) {
  // A tool's read-only Database (open_storage false) while another holds
  // the directory: it reads the committed users, and commits nothing.
  char name[] = "/tmp/tributary-read-only-XXXXXX";
  ASSERT_NE(mkdtemp(name), nullptr);
  std::string dir = name;
  Database owner(DatabaseConfig{dir, 1});
  Connection con(owner);
  con.Query("CREATE USER reader");
  con.Query("CREATE TABLE t(a INTEGER)");
  con.Query("GRANT SELECT ON t TO reader");
  {
    Database tool(DatabaseConfig{dir, 1, false});
    Connection read(tool);
    EXPECT_EQ(Count(read, "SELECT count(*) FROM pg_user WHERE usename = 'reader'"), 1);
    EXPECT_EQ(ErrorState(read, "CREATE TABLE u(a INTEGER)"), "25006");
    EXPECT_EQ(ErrorState(read, "CREATE USER other"), "25006");
  }
  EXPECT_FALSE(std::filesystem::exists(dir + "/control/users.json"));
  con.Query("INSERT INTO t VALUES (1)");
  EXPECT_EQ(Count(con, "SELECT count(*) FROM t"), 1);
  EXPECT_EQ(Count(con, "SELECT count(*) FROM pg_user WHERE usename = 'other'"), 0);
  EXPECT_EQ(Count(con, "SELECT has_table_privilege('reader', 't', 'SELECT')::int"), 1);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tributary
