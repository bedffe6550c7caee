// Crash safety: a child process commits transactions (inserts, updates,
// deletes, bulk loads, DDL, external schemas, grants, rolled-back work) on
// a data directory and is killed with SIGKILL at a random moment.
// Reopening must show every transaction the child saw commit, possibly the
// one it was committing, nothing uncommitted, and no error. Also: a write
// that exceeds the file size limit (EFBIG, as on a full disk), a read-only
// directory and an I/O error at each write of a commit fail the statement
// and keep the old version whole; an older data directory's layout opens.
//
// CrashSafety.TenTrials runs in the default suite; the 100-trial variant is
// DISABLED_ here and run by the `crash_safety_slow` ctest (label slow).
#include <grp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <thread>

#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "security/control_plane_store.h"
#include "security/iam_store.h"
#include "security/secret_store.h"
#include "storage/checksum.h"
#include "storage/durable_file.h"

namespace tributary {
namespace {

int64_t Scalar(Connection& con, const std::string& sql) {
  auto result = con.Query(sql);
  auto v = result->GetValue(0, 0);
  return v.IsNull() ? 0 : std::stoll(v.ToString());
}

// A secret and the warehouse's default role in `dir`, so that CREATE
// EXTERNAL SCHEMA works (the source is never contacted). Returns the
// secret's ARN.
std::string SetUpExternalSource(const std::string& dir) {
  ControlPlaneStore store(dir);
  auto arn = SecretStore(store).Create("src", R"({"username":"u","password":"p"})", "").arn;
  IamStore iam(store);
  auto role = iam.CreateRole("fed", "").arn;
  iam.PutRolePolicy(
      "fed", "read",
      R"({"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]})");
  iam.ModifyClusterRoles({role}, {}, role);
  return arn;
}

std::string CreateExternalSchemaSql(const std::string& name, const std::string& secret_arn) {
  return "CREATE EXTERNAL SCHEMA " + name +
         " FROM POSTGRES DATABASE 'x' URI '127.0.0.1' PORT 1 IAM_ROLE default SECRET_ARN '" +
         secret_arn + "'";
}

// The external schemas, comma-separated in name order.
std::string ExternalSchemas(Connection& con) {
  auto result = con.Query("SELECT schemaname FROM svv_external_schemas ORDER BY 1");
  std::string names;
  for (idx_t r = 0; r < result->RowCount(); r++)
    names += (r ? "," : "") + result->GetValue(0, r).ToString();
  return names;
}

bool HasPrivilege(Connection& con, const std::string& user, const std::string& table,
                  const std::string& privilege) {
  return Scalar(con, "SELECT has_table_privilege('" + user + "', '" + table + "', '" + privilege +
                         "')::int") == 1;
}

std::string secret_arn;  // SetUpExternalSource's, for the child

// Transaction i: t gets (i, 10 i); t's row i-1 is incremented; row i-3 is
// deleted; every 10th also loads 3000 rows into bulk; every 5th creates
// table ddl_i holding i and drops ddl_(i-5); every 4th creates external
// schema ext_i and drops ext_(i-4); alice is granted INSERT on t when i is
// odd and loses it when i is even; log records i.
void RunTransaction(Connection& con, int64_t i) {
  std::string n = std::to_string(i);
  con.Query("BEGIN");
  con.Query("INSERT INTO t VALUES (" + n + ", " + std::to_string(i * 10) + ")");
  con.Query("UPDATE t SET v = v + 1 WHERE id = " + std::to_string(i - 1));
  con.Query("DELETE FROM t WHERE id = " + std::to_string(i - 3));
  if (i % 10 == 0) {
    con.Query("INSERT INTO bulk SELECT g, 'row ' || g FROM generate_series(1, 3000) g");
  }
  if (i % 5 == 0) {
    con.Query("CREATE TABLE ddl_" + n + "(a BIGINT)");
    con.Query("INSERT INTO ddl_" + n + " VALUES (" + n + ")");
    con.Query("DROP TABLE IF EXISTS ddl_" + std::to_string(i - 5));
  }
  if (i % 4 == 0) {
    con.Query(CreateExternalSchemaSql("ext_" + n, secret_arn));
    con.Query("DROP SCHEMA IF EXISTS ext_" + std::to_string(i - 4));
  }
  con.Query(i % 2 ? "GRANT INSERT ON t TO alice" : "REVOKE INSERT ON t FROM alice");
  con.Query("INSERT INTO log VALUES (" + n + ")");
  con.Query("COMMIT");
}

[[noreturn]] void ChildWork(const std::string& dir, int ack_fd) {
  try {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    con.Query("CREATE TABLE IF NOT EXISTS t(id BIGINT, v BIGINT)");
    con.Query("CREATE TABLE IF NOT EXISTS bulk(id INTEGER, label VARCHAR(20))");
    con.Query("CREATE TABLE IF NOT EXISTS log(i BIGINT)");
    if (!con.Query("SELECT usename FROM pg_user WHERE usename = 'alice'")->RowCount())
      con.Query("CREATE USER alice");
    int64_t next = Scalar(con, "SELECT max(i) FROM log") + 1;
    for (int64_t i = next;; i++) {
      RunTransaction(con, i);
      std::string ack = std::to_string(i) + "\n";
      if (write(ack_fd, ack.data(), ack.size()) < 0)
        _exit(3);
      // Work that is never committed.
      if (i % 3 == 0) {
        con.Query("BEGIN");
        con.Query("INSERT INTO t VALUES (-" + std::to_string(i) + ", 0)");
        con.Query("DELETE FROM log");
        con.Query("CREATE TABLE never_" + std::to_string(i) + "(a INTEGER)");
        con.Query("DROP TABLE IF EXISTS ddl_" + std::to_string(i / 5 * 5));
        con.Query(CreateExternalSchemaSql("never_ext_" + std::to_string(i), secret_arn));
        con.Query("GRANT DELETE ON t TO alice");
        con.Query("ROLLBACK");
      }
    }
  } catch (const std::exception& e) {
    fprintf(stderr, "child failed: %s\n", e.what());
    _exit(2);
  }
}

// The last committed transaction the child reported.
int64_t LastAck(int fd) {
  std::string all;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof(buffer))) > 0)
    all.append(buffer, n);
  int64_t last = 0;
  size_t start = 0;
  while (true) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos)
      break;
    last = std::stoll(all.substr(start, end - start));
    start = end + 1;
  }
  return last;
}

void Verify(const std::string& dir, int64_t acked, int64_t& committed) {
  Database db(DatabaseConfig{dir, 1});
  Connection con(db);
  int64_t m = Scalar(con, "SELECT max(i) FROM log");
  // The kill may land after a commit is durable but before its ack.
  ASSERT_TRUE(m == acked || m == acked + 1) << "acked " << acked << ", stored " << m;
  ASSERT_EQ(Scalar(con, "SELECT count(*) FROM log"), m);
  ASSERT_GE(m, committed);
  committed = m;
  ASSERT_EQ(Scalar(con, "SELECT count(*) FROM bulk"), 3000 * (m / 10));
  // DDL: the last committed ddl_ table only, never an uncommitted one.
  auto tables = con.Query(
      "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'ddl_%' OR "
      "table_name LIKE 'never_%'");
  if (m >= 5) {
    std::string last = std::to_string(m / 5 * 5);
    ASSERT_EQ(tables->RowCount(), 1u);
    ASSERT_EQ(tables->GetValue(0, 0).ToString(), "ddl_" + last);
    ASSERT_EQ(Scalar(con, "SELECT a FROM ddl_" + last), m / 5 * 5);
  } else {
    ASSERT_EQ(tables->RowCount(), 0u);
  }
  // External schemas: the last committed ext_ only.
  ASSERT_EQ(ExternalSchemas(con), m >= 4 ? "ext_" + std::to_string(m / 4 * 4) : "");
  if (con.Query("SELECT 1 FROM pg_user WHERE usename = 'alice'")->RowCount()) {
    ASSERT_EQ(HasPrivilege(con, "alice", "t", "INSERT"), m % 2 == 1) << "after " << m;
    ASSERT_FALSE(HasPrivilege(con, "alice", "t", "DELETE"));
  } else {
    ASSERT_EQ(m, 0);
  }
  auto rows = con.Query("SELECT id, v FROM t ORDER BY id");
  int64_t first = std::max<int64_t>(1, m - 2);
  ASSERT_EQ(rows->RowCount(), m >= 1 ? m - first + 1 : 0);
  for (idx_t r = 0; r < rows->RowCount(); r++) {
    int64_t id = first + r;
    ASSERT_EQ(rows->GetValue(0, r).ToString(), std::to_string(id));
    ASSERT_EQ(rows->GetValue(1, r).ToString(), std::to_string(id * 10 + (id < m ? 1 : 0)));
  }
}

void RunTrials(int trials) {
  char name[] = "/tmp/tributary-crash-XXXXXX";
  ASSERT_NE(mkdtemp(name), nullptr);
  std::string dir = name;
  std::mt19937 random(12345);
  int64_t committed = 0;
  secret_arn = SetUpExternalSource(dir);
  for (int trial = 0; trial < trials; trial++) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      ChildWork(dir, fds[1]);
    }
    close(fds[1]);
    // Long enough for the open and some commits, short enough to land in
    // the middle of one.
    std::this_thread::sleep_for(std::chrono::milliseconds(30 + random() % 400));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "child exited by itself with status " << WEXITSTATUS(status);
    int64_t acked = LastAck(fds[0]);
    close(fds[0]);
    Verify(dir, std::max(acked, committed), committed);
    if (::testing::Test::HasFatalFailure())
      break;
  }
  EXPECT_GT(committed, 0);
  std::filesystem::remove_all(dir);
}

TEST(CrashSafety, TenTrials) {
  RunTrials(10);
}

TEST(CrashSafety, DISABLED_HundredTrials) {
  RunTrials(100);
}

TEST(CrashSafety, FileSizeLimitFailsTheStatementAndKeepsTheOldVersion) {
  char name[] = "/tmp/tributary-efbig-XXXXXX";
  ASSERT_NE(mkdtemp(name), nullptr);
  std::string dir = name;
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    con.Query("CREATE TABLE t AS SELECT g AS a FROM generate_series(1, 100) g");
  }
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // Files may not grow past 64 KiB; the write fails with EFBIG instead
    // of killing the process.
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = {64 * 1024, 64 * 1024};
    setrlimit(RLIMIT_FSIZE, &limit);
    int code = 0;
    try {
      Database db(DatabaseConfig{dir, 1});
      Connection con(db);
      try {
        con.Query(
            "INSERT INTO t SELECT (g::bigint * 7919 % 1000003)::int FROM generate_series(1, "
            "300000) g");
        code = 10;  // should have failed
      } catch (const Exception& e) {
        if (e.SqlState() != "53100" || e.Message().find("File too large") == std::string::npos) {
          fprintf(stderr, "unexpected error: %s %s\n", e.SqlState().c_str(), e.Message().c_str());
          code = 11;
        }
      }
      if (code == 0 && Scalar(con, "SELECT count(*) FROM t") != 100)
        code = 12;
    } catch (const std::exception& e) {
      fprintf(stderr, "child failed: %s\n", e.what());
      code = 13;
    }
    _exit(code);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    EXPECT_EQ(Scalar(con, "SELECT count(*) FROM t"), 100);
    EXPECT_EQ(Scalar(con, "SELECT sum(a) FROM t"), 5050);
    // And the directory still takes writes.
    con.Query("INSERT INTO t VALUES (1)");
  }
  std::filesystem::remove_all(dir);
}

// Runs in a child process that, when the test runs as root (CI
// containers), first gives `dir` to an unprivileged user and becomes that
// user: root ignores permission bits, so EACCES is only testable without
// it. Returns the child's exit code (0 = pass), or -1 when it died.
int RunUnprivileged(const std::string& dir, const std::function<int()>& body) {
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    if (geteuid() == 0) {
      constexpr uid_t kNobody = 65534;
      for (auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (lchown(entry.path().c_str(), kNobody, kNobody) != 0)
          _exit(20);
      }
      if (chown(dir.c_str(), kNobody, kNobody) != 0 || setgroups(0, nullptr) != 0 ||
          setgid(kNobody) != 0 || setuid(kNobody) != 0) {
        _exit(21);
      }
    }
    int code = 0;
    try {
      code = body();
    } catch (const std::exception& e) {
      fprintf(stderr, "child failed: %s\n", e.what());
      code = 22;
    }
    _exit(code);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(CrashSafety, ReadOnlyDirectoryFailsTheStatement) {
  char name[] = "/tmp/tributary-readonly-XXXXXX";
  ASSERT_NE(mkdtemp(name), nullptr);
  std::string dir = name;
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    con.Query("CREATE TABLE t(a INTEGER)");
    con.Query("INSERT INTO t VALUES (1)");
  }
  int code = RunUnprivileged(dir, [&]() {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    std::filesystem::permissions(
        dir + "/storage", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    try {
      con.Query("INSERT INTO t VALUES (2)");
      fprintf(stderr, "insert into a read-only directory succeeded\n");
      return 10;
    } catch (const Exception& e) {
      if (e.SqlState() != "42501" || e.Message().find("Permission denied") == std::string::npos) {
        fprintf(stderr, "unexpected error: %s %s\n", e.SqlState().c_str(), e.Message().c_str());
        return 11;
      }
    }
    if (Scalar(con, "SELECT count(*) FROM t") != 1)
      return 12;
    // Writable again: the next statement commits.
    std::filesystem::permissions(dir + "/storage", std::filesystem::perms::owner_all);
    con.Query("INSERT INTO t VALUES (3)");
    return Scalar(con, "SELECT sum(a) FROM t") == 4 ? 0 : 13;
  });
  EXPECT_EQ(code, 0);
  {
    // The previous version is intact, and the later commit is there.
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    EXPECT_EQ(Scalar(con, "SELECT count(*) FROM t"), 2);
    EXPECT_EQ(Scalar(con, "SELECT sum(a) FROM t"), 4);
  }
  std::filesystem::remove_all(dir);
}

// The state before the commit the I/O error tests fail: t holds 1, no
// external schema, alice has no privilege on t. `after`: the state after it
// (t holds 1 and 2, external schema ext, alice may SELECT t).
void ExpectState(Connection& con, bool after) {
  EXPECT_EQ(Scalar(con, "SELECT count(*) FROM t"), after ? 2 : 1);
  EXPECT_EQ(Scalar(con, "SELECT sum(a) FROM t"), after ? 3 : 1);
  EXPECT_EQ(ExternalSchemas(con), after ? "ext" : "");
  EXPECT_EQ(HasPrivilege(con, "alice", "t", "SELECT"), after);
}

// The commit changing a table, an external schema and a grant together.
void CommitTableSchemaAndGrant(Connection& con, const std::string& arn) {
  con.Query("BEGIN");
  con.Query("INSERT INTO t VALUES (2)");
  con.Query(CreateExternalSchemaSql("ext", arn));
  con.Query("GRANT SELECT ON t TO alice");
  con.Query("COMMIT");
}

TEST(CrashSafety, IoErrorFailsTheStatementAndKeepsTheOldVersion) {
  // A failure that is neither a full disk nor a permission problem: the
  // storage directory is replaced by a regular file, so creating the new
  // segment files fails with ENOTDIR (as root too). The statement fails
  // with 58030 naming the file, and the committed version stays: the
  // table's rows, the external schema and the grant of the same commit.
  char name[] = "/tmp/tributary-ioerror-XXXXXX";
  ASSERT_NE(mkdtemp(name), nullptr);
  std::string dir = name;
  std::string storage = dir + "/storage";
  std::string arn = SetUpExternalSource(dir);
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    con.Query("CREATE TABLE t(a INTEGER)");
    con.Query("INSERT INTO t VALUES (1)");
    con.Query("CREATE USER alice");
    std::filesystem::rename(storage, storage + ".moved");
    { std::ofstream(storage) << "not a directory"; }
    try {
      CommitTableSchemaAndGrant(con, arn);
      ADD_FAILURE() << "the commit succeeded";
    } catch (const Exception& e) {
      EXPECT_EQ(e.SqlState(), "58030");
      EXPECT_NE(e.Message().find("Not a directory"), std::string::npos) << e.Message();
      EXPECT_NE(e.Message().find(storage), std::string::npos) << e.Message();
    }
    con.Query("ROLLBACK");
    ExpectState(con, false);
    std::filesystem::remove(storage);
    std::filesystem::rename(storage + ".moved", storage);
    con.Query("INSERT INTO t VALUES (3)");
  }
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    EXPECT_EQ(Scalar(con, "SELECT count(*) FROM t"), 2);
    EXPECT_EQ(Scalar(con, "SELECT sum(a) FROM t"), 4);
    EXPECT_EQ(ExternalSchemas(con), "");
    EXPECT_FALSE(HasPrivilege(con, "alice", "t", "SELECT"));
  }
  std::filesystem::remove_all(dir);
}

// The commit of a table's rows, an external schema and a grant fails at its
// first, second, ... durable file operation (errno `error`); each time
// COMMIT fails with `state` and the previous state is whole, in the process
// and after reopening; then the commit succeeds and all of it is there.
void FailEachWriteOfACommit(int error, const std::string& state) {
  char name[] = "/tmp/tributary-faults-XXXXXX";
  ASSERT_NE(mkdtemp(name), nullptr);
  std::string dir = name;
  std::string arn = SetUpExternalSource(dir);
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    con.Query("CREATE TABLE t(a INTEGER)");
    con.Query("INSERT INTO t VALUES (1)");
    con.Query("CREATE USER alice");
  }
  int failures = 0;
  for (int k = 1; k < 100; k++) {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    ExpectState(con, false);
    con.Query("BEGIN");
    con.Query("INSERT INTO t VALUES (2)");
    con.Query(CreateExternalSchemaSql("ext", arn));
    con.Query("GRANT SELECT ON t TO alice");
    InjectFileFaultForTesting(k, error);
    try {
      con.Query("COMMIT");
    } catch (const Exception& e) {
      EXPECT_FALSE(FileFaultPending());
      EXPECT_EQ(e.SqlState(), state) << e.Message();
      EXPECT_NE(e.Message().find(std::strerror(error)), std::string::npos) << e.Message();
      InjectFileFaultForTesting(0, 0);
      con.Query("ROLLBACK");
      ExpectState(con, false);
      failures++;
      continue;
    }
    // Fewer than k operations: this commit went through.
    EXPECT_TRUE(FileFaultPending());
    InjectFileFaultForTesting(0, 0);
    ExpectState(con, true);
    break;
  }
  // Segment file (create, write, fsync), directory fsync, manifest (create,
  // write, fsync, rename, directory fsync).
  EXPECT_GE(failures, 8);
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    ExpectState(con, true);
  }
  std::filesystem::remove_all(dir);
}

TEST(CrashSafety, IoErrorAtEachWriteOfACommitKeepsTheOldVersion) {
  FailEachWriteOfACommit(EIO, "58030");
}

TEST(CrashSafety, DiskFullAtEachWriteOfACommitKeepsTheOldVersion) {
  FailEachWriteOfACommit(ENOSPC, "53100");
}

TEST(CrashSafety, ACommitWritesNothingButItsDataFilesAndTheManifest) {
  // Older versions wrote external schemas and grants to files of their own
  // after the manifest, so a failure there left the commit half done. Now
  // where those files were cannot matter: catalog/ is a regular file here.
  char name[] = "/tmp/tributary-onefile-XXXXXX";
  ASSERT_NE(mkdtemp(name), nullptr);
  std::string dir = name;
  std::string arn = SetUpExternalSource(dir);
  { std::ofstream(dir + "/catalog") << "not a directory"; }
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    con.Query("CREATE TABLE t(a INTEGER)");
    con.Query("INSERT INTO t VALUES (1)");
    con.Query("CREATE USER alice");
    CommitTableSchemaAndGrant(con, arn);
    ExpectState(con, true);
  }
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    ExpectState(con, true);
  }
  std::filesystem::remove_all(dir);
}

TEST(CrashSafety, OlderDataDirectoryLayoutOpens) {
  // Data directories written before the manifest held external schemas,
  // users and grants (manifest format 1 beside catalog/external_schemas.json,
  // control/users.json and control/grants.json) open with all of it, and
  // are moved into the manifest at once.
  char name[] = "/tmp/tributary-layout-XXXXXX";
  ASSERT_NE(mkdtemp(name), nullptr);
  std::string dir = name;
  std::string arn = SetUpExternalSource(dir);
  {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    con.Query("CREATE TABLE t(a INTEGER)");
    con.Query("INSERT INTO t VALUES (1), (2)");
    con.Query("CREATE USER alice");
    con.Query(CreateExternalSchemaSql("ext", arn));
    con.Query("GRANT SELECT ON t TO alice");
  }
  // Rewrite the directory in the older layout.
  std::string manifest_path = dir + "/storage/MANIFEST";
  std::string contents;
  ASSERT_TRUE(ReadWholeFile(manifest_path, contents));
  auto body = nlohmann::json::parse(contents.substr(contents.find('\n') + 1));
  ASSERT_EQ(body["format"], 2);
  nlohmann::json external = {{"external_schemas", body["external_schemas"]}};
  std::filesystem::create_directories(dir + "/catalog");
  std::ofstream(dir + "/catalog/external_schemas.json") << external.dump();
  std::ofstream(dir + "/control/users.json") << body["documents"]["users.json"].dump();
  std::ofstream(dir + "/control/grants.json") << body["documents"]["grants.json"].dump();
  body.erase("external_schemas");
  body.erase("documents");
  body["format"] = 1;
  std::string text = body.dump();
  std::ofstream(manifest_path, std::ios::trunc)
      << "TRIBUTARY-MANIFEST crc=" << Checksum(text.data(), text.size())
      << " length=" << text.size() << "\n"
      << text;
  for (int open = 0; open < 2; open++) {
    Database db(DatabaseConfig{dir, 1});
    Connection con(db);
    EXPECT_EQ(Scalar(con, "SELECT sum(a) FROM t"), 3);
    EXPECT_EQ(ExternalSchemas(con), "ext");
    EXPECT_TRUE(HasPrivilege(con, "alice", "t", "SELECT"));
    EXPECT_FALSE(HasPrivilege(con, "alice", "t", "INSERT"));
    // Moved into the manifest: the older files are gone.
    EXPECT_FALSE(std::filesystem::exists(dir + "/control/users.json"));
    EXPECT_FALSE(std::filesystem::exists(dir + "/control/grants.json"));
    EXPECT_FALSE(std::filesystem::exists(dir + "/catalog/external_schemas.json"));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tributary
