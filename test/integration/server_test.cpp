// `tributary serve` with real clients: psql, libpq (simple and extended
// protocol, binary results, prepared statements, cancel) and psycopg2.
// Each test starts the server binary on a fresh data directory with an
// admin password file and an ephemeral port; no PostgreSQL is needed.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "command_runner.h"

namespace tributary {
namespace {

constexpr const char* kPassword = "Tr1butary-s3cret-pw";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/tributary-server-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    data_ = dir_ + "/data";
    log_ = dir_ + "/server.log";
    std::ofstream(dir_ + "/password") << kPassword << "\n";
    if (with_tls_) {
      // A self-signed certificate; TLS required.
      auto [output, status] = RunCommand(
          "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " + dir_ +
          "/server.key -out " + dir_ + "/server.crt 2>&1");
      ASSERT_EQ(status, 0) << output;
      std::filesystem::create_directories(data_);
      std::ofstream(data_ + "/tributary.conf")
          << R"({"server": {"tls_certificate": ")" << dir_ << R"(/server.crt", "tls_key": ")"
          << dir_ << R"(/server.key", "require_tls": true}})";
    }
    StartServer();
  }

  void TearDown() override {
    StopServer();
    std::filesystem::remove_all(dir_);
  }

  void StartServer() {
    size_t log_start = ReadText(log_).size();
    pid_ = fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      FILE* log = std::fopen(log_.c_str(), "a");
      dup2(fileno(log), STDERR_FILENO);
      dup2(fileno(log), STDOUT_FILENO);
      std::string password_file = dir_ + "/password";
      if (with_password_) {
        execl(TRIBUTARY_BINARY, "tributary", "serve", "--data", data_.c_str(), "--port", "0",
              "--admin-password-file", password_file.c_str(), static_cast<char*>(nullptr));
      } else {
        execl(TRIBUTARY_BINARY, "tributary", "serve", "--data", data_.c_str(), "--port", "0",
              static_cast<char*>(nullptr));
      }
      _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      auto log = ReadText(log_).substr(log_start);
      auto at = log.find("listening on 127.0.0.1:");
      if (at != std::string::npos) {
        port_ = std::atoi(log.c_str() + at + std::strlen("listening on 127.0.0.1:"));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "server did not start: " << ReadText(log_);
  }

  // Returns the exit status.
  int StopServer() {
    if (pid_ <= 0)
      return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::string ConnInfo(const std::string& password = kPassword) {
    return "host=127.0.0.1 port=" + std::to_string(port_) +
           " user=awsuser dbname=dev connect_timeout=10 password=" + password;
  }

  PGconn* Connect() {
    PGconn* conn = PQconnectdb(ConnInfo().c_str());
    EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    return conn;
  }

  // Runs SQL; returns the first value, or "ERROR <sqlstate>".
  static std::string Value(PGconn* conn, const std::string& sql) {
    PGresult* r = PQexec(conn, sql.c_str());
    std::string value;
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
      value = PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
    else if (PQresultStatus(r) == PGRES_COMMAND_OK)
      value = PQcmdStatus(r);
    else
      value = std::string("ERROR ") + (PQresultErrorField(r, PG_DIAG_SQLSTATE) ?: "?");
    PQclear(r);
    return value;
  }

  int RawConnect() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    return fd;
  }

  std::string dir_;
  std::string data_;
  std::string log_;
  pid_t pid_ = -1;
  int port_ = 0;
  bool with_password_ = true;
  bool with_tls_ = false;
};

TEST_F(ServerTest, PsqlRunsAQuery) {
  auto [output, status] = RunCommand(
      "PGPASSWORD='" + std::string(kPassword) + "' PGCONNECT_TIMEOUT=10 psql -X -h 127.0.0.1 -p " +
      std::to_string(port_) + " -U awsuser -d dev -At -c 'SELECT 1+1' 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "2\n");
  std::tie(output, status) = RunCommand(
      "PGPASSWORD='" + std::string(kPassword) + "' psql -X -h 127.0.0.1 -p " +
      std::to_string(port_) +
      " -U awsuser -d dev -At -v ON_ERROR_STOP=1 "
      "-c 'CREATE TABLE t(a INTEGER, b VARCHAR(10))' "
      "-c \"INSERT INTO t VALUES (1, 'x'), (2, NULL)\" -c 'SELECT a, b FROM t ORDER BY a' 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "CREATE TABLE\nINSERT 0 2\n1|x\n2|\n");
}

TEST_F(ServerTest, WrongPasswordIsRefused) {
  PGconn* conn = PQconnectdb(ConnInfo("not-the-password").c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_BAD);
  EXPECT_NE(
      std::string(PQerrorMessage(conn)).find("password authentication failed for user \"awsuser\""),
      std::string::npos)
      << PQerrorMessage(conn);
  PQfinish(conn);
  // An unknown user fails the same way.
  conn = PQconnectdb(
      ("host=127.0.0.1 port=" + std::to_string(port_) + " user=nobody dbname=dev password=x")
          .c_str());
  EXPECT_NE(
      std::string(PQerrorMessage(conn)).find("password authentication failed for user \"nobody\""),
      std::string::npos)
      << PQerrorMessage(conn);
  PQfinish(conn);
  // psql shows the SQLSTATE with VERBOSITY verbose.
  auto [output, status] =
      RunCommand("PGPASSWORD=wrong psql -X -h 127.0.0.1 -p " + std::to_string(port_) +
                 " -U awsuser -d dev -c 'SELECT 1' 2>&1");
  EXPECT_NE(status, 0);
  EXPECT_NE(output.find("password authentication failed"), std::string::npos) << output;
}

TEST_F(ServerTest, SimpleQueryTypesAndErrors) {
  PGconn* conn = Connect();
  EXPECT_EQ(Value(conn, "CREATE TABLE v(v VARCHAR(7)); INSERT INTO v VALUES ('xy')"), "INSERT 0 1");
  PGresult* r = PQexec(conn,
                       "SELECT 1::smallint AS s, 2 AS i, 3::bigint AS b, 1.50::numeric(5,2) AS n, "
                       "1.5::real AS f4, 2.5::double precision AS f8, true AS t, "
                       "'ab'::char(3) AS c, DATE '2024-01-31' AS d, "
                       "TIMESTAMP '2024-01-31 12:34:56' AS ts, 'txt' AS x, v FROM v");
  ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
  std::vector<Oid> oids = {21, 23, 20, 1700, 700, 701, 16, 1042, 1082, 1114, 25, 1043};
  std::vector<std::string> texts = {"1",   "2", "3",   "1.50",       "1.5",
                                    "2.5", "t", "ab ", "2024-01-31", "2024-01-31 12:34:56",
                                    "txt", "xy"};
  ASSERT_EQ(PQnfields(r), static_cast<int>(oids.size()));
  for (int c = 0; c < PQnfields(r); c++) {
    EXPECT_EQ(PQftype(r, c), oids[c]) << PQfname(r, c);
    EXPECT_EQ(PQgetvalue(r, 0, c), texts[c]) << PQfname(r, c);
  }
  EXPECT_EQ(PQfmod(r, 3), ((5 << 16) | 2) + 4);
  EXPECT_EQ(PQfmod(r, 11), 7 + 4);
  PQclear(r);

  // Several statements in one Query message: libpq keeps the last result.
  EXPECT_EQ(Value(conn,
                  "CREATE TABLE m(a INT); INSERT INTO m VALUES (1),(2),(3); "
                  "SELECT count(*) FROM m"),
            "3");
  // Errors carry SQLSTATE, position and the session goes on.
  r = PQexec(conn, "SELECT nope FROM m");
  EXPECT_EQ(PQresultStatus(r), PGRES_FATAL_ERROR);
  EXPECT_STREQ(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42703");
  EXPECT_STREQ(PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION), "8");
  EXPECT_STREQ(PQresultErrorField(r, PG_DIAG_SEVERITY), "ERROR");
  PQclear(r);
  EXPECT_EQ(Value(conn, "SELECT 1/0"), "ERROR 22012");
  EXPECT_EQ(Value(conn, "SELEC 1"), "ERROR 42601");
  r = PQexec(conn, "");
  EXPECT_EQ(PQresultStatus(r), PGRES_EMPTY_QUERY);
  PQclear(r);
  EXPECT_EQ(Value(conn, "SELECT 42"), "42");
  PQfinish(conn);
}

TEST_F(ServerTest, ExtendedQueryWithParametersAndBinaryResults) {
  PGconn* conn = Connect();
  EXPECT_EQ(Value(conn, "CREATE TABLE p(id INTEGER, name VARCHAR(20), price NUMERIC(10,2))"),
            "CREATE TABLE");
  // Prepared once, executed several times with bound parameters.
  PGresult* r = PQprepare(conn, "ins", "INSERT INTO p VALUES ($1, $2, $3)", 0, nullptr);
  ASSERT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
  PQclear(r);
  const char* rows[][3] = {
      {"1", "apple", "1.25"}, {"2", "pear's", "2.50"}, {"3", nullptr, "-0.05"}};
  for (auto& row : rows) {
    r = PQexecPrepared(conn, "ins", 3, row, nullptr, nullptr, 0);
    ASSERT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
    EXPECT_STREQ(PQcmdStatus(r), "INSERT 0 1");
    PQclear(r);
  }
  // A parameter is a value, never SQL text.
  const char* injection[] = {"x'); DROP TABLE p; --"};
  r = PQexecParams(conn, "SELECT count(*) FROM p WHERE name = $1", 1, nullptr, injection, nullptr,
                   nullptr, 0);
  ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
  EXPECT_STREQ(PQgetvalue(r, 0, 0), "0");
  PQclear(r);

  // Typed text parameters and binary results.
  Oid types[] = {23, 25};
  const char* values[] = {"1", "pear's"};
  r = PQexecParams(conn,
                   "SELECT id, name, price, id::bigint * 10 AS big, id > 1 AS flag, "
                   "id::double precision / 4 AS ratio FROM p WHERE id > $1 OR name = $2 "
                   "ORDER BY id",
                   2, types, values, nullptr, nullptr, 1);
  ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
  ASSERT_EQ(PQntuples(r), 2);
  EXPECT_EQ(PQfformat(r, 0), 1);
  auto be32 = [](const char* p) {
    return static_cast<int32_t>((uint32_t(uint8_t(p[0])) << 24) | (uint32_t(uint8_t(p[1])) << 16) |
                                (uint32_t(uint8_t(p[2])) << 8) | uint32_t(uint8_t(p[3])));
  };
  EXPECT_EQ(PQgetlength(r, 0, 0), 4);
  EXPECT_EQ(be32(PQgetvalue(r, 0, 0)), 2);
  EXPECT_EQ(std::string(PQgetvalue(r, 0, 1), PQgetlength(r, 0, 1)), "pear's");
  EXPECT_TRUE(PQgetisnull(r, 1, 1));
  // numeric 2.50: 1 digit group... ndigits=2 (2, 5000), weight 0, sign +, dscale 2.
  EXPECT_EQ(PQgetlength(r, 0, 2), 12);
  EXPECT_EQ(PQgetlength(r, 0, 3), 8);
  EXPECT_EQ(be32(PQgetvalue(r, 0, 3) + 4), 20);
  EXPECT_EQ(PQgetlength(r, 0, 4), 1);
  EXPECT_EQ(PQgetvalue(r, 0, 4)[0], 1);
  uint64_t bits = 0;
  for (int i = 0; i < 8; i++)
    bits = (bits << 8) | uint8_t(PQgetvalue(r, 1, 5)[i]);
  double ratio;
  std::memcpy(&ratio, &bits, 8);
  EXPECT_EQ(ratio, 0.75);
  PQclear(r);

  // Binary parameters.
  uint32_t id_be = htonl(3);
  const char* binary_values[] = {reinterpret_cast<const char*>(&id_be)};
  int lengths[] = {4};
  int formats[] = {1};
  Oid int4[] = {23};
  r = PQexecParams(conn, "SELECT price FROM p WHERE id = $1", 1, int4, binary_values, lengths,
                   formats, 0);
  ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
  EXPECT_STREQ(PQgetvalue(r, 0, 0), "-0.05");
  PQclear(r);

  // Describe of a prepared statement.
  r = PQprepare(conn, "sel", "SELECT id, name FROM p WHERE id = $1", 0, nullptr);
  PQclear(r);
  r = PQdescribePrepared(conn, "sel");
  ASSERT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
  EXPECT_EQ(PQnparams(r), 1);
  EXPECT_EQ(PQnfields(r), 2);
  EXPECT_EQ(PQftype(r, 1), 1043u);
  PQclear(r);
  Oid bigint[] = {20};
  r = PQprepare(conn, "typed", "SELECT $1 + 1 AS next", 1, bigint);
  PQclear(r);
  r = PQdescribePrepared(conn, "typed");
  ASSERT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
  EXPECT_EQ(PQparamtype(r, 0), 20u);
  EXPECT_EQ(PQftype(r, 0), 20u);
  EXPECT_STREQ(PQfname(r, 0), "next");
  PQclear(r);
  // Errors in the extended protocol: the session recovers at Sync.
  const char* bad[] = {"not a number"};
  r = PQexecParams(conn, "SELECT $1::integer", 1, nullptr, bad, nullptr, nullptr, 0);
  EXPECT_STREQ(PQresultErrorField(r, PG_DIAG_SQLSTATE), "22P02");
  PQclear(r);
  r = PQexecParams(conn, "SELECT 1; SELECT 2", 0, nullptr, nullptr, nullptr, nullptr, 0);
  EXPECT_STREQ(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42601");
  PQclear(r);
  EXPECT_EQ(Value(conn, "SELECT count(*) FROM p"), "3");
  PQfinish(conn);
}

TEST_F(ServerTest, CancelInterruptsALongQuery) {
  PGconn* conn = Connect();
  std::atomic<bool> done{false};
  std::string state;
  std::thread query([&] {
    PGresult* r = PQexec(
        conn, "SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 1000000) b");
    const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    state = s ? s : PQresStatus(PQresultStatus(r));
    PQclear(r);
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  PGcancel* cancel = PQgetCancel(conn);
  char error[256];
  EXPECT_EQ(PQcancel(cancel, error, sizeof(error)), 1) << error;
  PQfreeCancel(cancel);
  query.join();
  EXPECT_EQ(state, "57014");
  EXPECT_EQ(Value(conn, "SELECT 7"), "7");
  PQfinish(conn);
}

TEST_F(ServerTest, SigtermEndsRunningSessionsCleanly) {
  PGconn* conn = Connect();
  EXPECT_STREQ(PQparameterStatus(conn, "server_version"), "9.0.0");
  EXPECT_STREQ(PQparameterStatus(conn, "integer_datetimes"), "on");
  EXPECT_STREQ(PQparameterStatus(conn, "is_superuser"), "on");
  std::thread query([&] {
    PGresult* r = PQexec(
        conn, "SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 1000000) b");
    EXPECT_NE(PQresultStatus(r), PGRES_TUPLES_OK);
    PQclear(r);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(StopServer(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  query.join();
  PQfinish(conn);
  EXPECT_NE(ReadText(log_).find("server stopped"), std::string::npos);
}

TEST_F(ServerTest, SixtyFourConcurrentSessions) {
  constexpr int kSessions = 64;
  std::vector<PGconn*> connections(kSessions);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < kSessions; i++) {
    threads.emplace_back([&, i] {
      PGconn* conn = PQconnectdb(ConnInfo().c_str());
      connections[i] = conn;
      if (PQstatus(conn) != CONNECTION_OK)
        return;
      std::string expected = std::to_string(i * 1000 + 500500);
      if (Value(conn, "SELECT sum(x) + " + std::to_string(i * 1000) +
                          " FROM generate_series(1, 1000) AS g(x)") == expected)
        ok++;
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(ok.load(), kSessions);
  // All are still open at once.
  for (auto* conn : connections) {
    EXPECT_EQ(Value(conn, "SELECT 1"), "1");
    PQfinish(conn);
  }
}

TEST_F(ServerTest, MalformedInputEndsOnlyThatSession) {
  // A startup packet with an impossible length.
  int fd = RawConnect();
  const unsigned char huge[] = {0x7F, 0xFF, 0xFF, 0xFF, 0, 3, 0, 0};
  send(fd, huge, sizeof(huge), MSG_NOSIGNAL);
  char reply[512];
  ssize_t n = recv(fd, reply, sizeof(reply), 0);
  ASSERT_GT(n, 0);
  EXPECT_EQ(reply[0], 'E');
  EXPECT_NE(std::string(reply, n).find("08P01"), std::string::npos);
  close(fd);
  // A short one, then the client disconnects.
  fd = RawConnect();
  const unsigned char tiny[] = {0, 0, 0, 3};
  send(fd, tiny, sizeof(tiny), MSG_NOSIGNAL);
  close(fd);
  // An unterminated parameter list.
  fd = RawConnect();
  const unsigned char unterminated[] = {0, 0, 0, 12, 0, 3, 0, 0, 'u', 's', 'e', 'r'};
  send(fd, unterminated, sizeof(unterminated), MSG_NOSIGNAL);
  n = recv(fd, reply, sizeof(reply), 0);
  ASSERT_GT(n, 0);
  EXPECT_NE(std::string(reply, n).find("08P01"), std::string::npos);
  close(fd);
  // Garbage after a good login: a message with a bad length.
  PGconn* conn = Connect();
  int socket_fd = PQsocket(conn);
  const unsigned char bad[] = {'Q', 0, 0, 0, 1};
  send(socket_fd, bad, sizeof(bad), MSG_NOSIGNAL);
  PGresult* r = PQexec(conn, "SELECT 1");
  EXPECT_NE(PQresultStatus(r), PGRES_TUPLES_OK);
  PQclear(r);
  PQfinish(conn);
  // The server goes on.
  conn = Connect();
  EXPECT_EQ(Value(conn, "SELECT 5"), "5");
  PQfinish(conn);
}

TEST_F(ServerTest, Psycopg2) {
  auto [output, status] = RunCommand("/usr/bin/python3 " TRIBUTARY_SOURCE_DIR
                                     "/test/clients/psycopg2_client.py 127.0.0.1 " +
                                     std::to_string(port_) + " '" + kPassword + "' 2>&1");
  if (status == 77)
    GTEST_SKIP() << "python3-psycopg2 is not installed (scripts/install-deps)";
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("psycopg2 ok"), std::string::npos) << output;
}

// COPY FROM STDIN / TO STDOUT: psql's \\copy and COPY ... STDIN, psycopg2's
// copy_expert (including CopyFail).
TEST_F(ServerTest, CopyFromStdinAndToStdout) {
  std::string psql = "PGPASSWORD='" + std::string(kPassword) + "' psql -X -h 127.0.0.1 -p " +
                     std::to_string(port_) + " -U awsuser -d dev -At -v ON_ERROR_STOP=1 ";
  std::string file = dir_ + "/rows.csv";
  std::ofstream(file) << "1,one\n2,\"t,wo\"\n3,\n";
  auto [output, status] =
      RunCommand(psql + "-c 'CREATE TABLE t(a INTEGER, b VARCHAR(10))' -c \"\\copy t FROM '" +
                 file + "' WITH (FORMAT csv)\" -c 'SELECT a, b FROM t ORDER BY a' 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "CREATE TABLE\nCOPY 3\n1|one\n2|t,wo\n3|\n");
  std::tie(output, status) =
      RunCommand("printf '4|four\\n5|five\\n\\\\.\\n' | " + psql +
                 "-c \"COPY t FROM STDIN DELIMITER '|'\" -c 'COPY (SELECT a, b FROM t WHERE a > 1 "
                 "ORDER BY a) TO STDOUT WITH (FORMAT csv)' 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "COPY 2\n2,\"t,wo\"\n3,\n4,four\n5,five\n");
  std::tie(output, status) =
      RunCommand("printf 'x|bad\\n' | " + psql + "-c \"COPY t FROM STDIN\" 2>&1");
  EXPECT_NE(status, 0);
  EXPECT_NE(output.find("COPY t, line 1, column a: invalid input syntax for type integer"),
            std::string::npos)
      << output;

  std::tie(output, status) = RunCommand("/usr/bin/python3 " TRIBUTARY_SOURCE_DIR
                                        "/test/clients/psycopg2_copy_client.py 127.0.0.1 " +
                                        std::to_string(port_) + " '" + kPassword + "' 2>&1");
  if (status == 77)
    GTEST_SKIP() << "python3-psycopg2 is not installed (scripts/install-deps)";
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("psycopg2 copy ok"), std::string::npos) << output;
}

TEST_F(ServerTest, Jdbc) {
  const char* jar = "/usr/share/java/postgresql.jar";
  if (!std::filesystem::exists(jar) || RunCommand("command -v java").second != 0)
    GTEST_SKIP() << "java or libpostgresql-jdbc-java is not installed (scripts/install-deps)";
  auto [output, status] = RunCommand("java -cp " + std::string(jar) +
                                     " " TRIBUTARY_SOURCE_DIR "/test/clients/JdbcClient.java " +
                                     std::to_string(port_) + " '" + kPassword + "' 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("jdbc ok"), std::string::npos) << output;
}

TEST_F(ServerTest, PasswordNeverStoredOrLoggedAndShutdownIsClean) {
  PGconn* conn = PQconnectdb(ConnInfo("wrong").c_str());
  PQfinish(conn);
  conn = Connect();
  EXPECT_EQ(Value(conn, "SELECT 1"), "1");
  PQfinish(conn);
  EXPECT_EQ(StopServer(), 0);
  auto log = ReadText(log_);
  EXPECT_EQ(log.find(kPassword), std::string::npos) << log;
  EXPECT_NE(log.find("server stopped"), std::string::npos) << log;
  auto users = ReadText(data_ + "/storage/MANIFEST");
  EXPECT_NE(users.find("SCRAM-SHA-256$4096:"), std::string::npos) << users;
  EXPECT_EQ(users.find(kPassword), std::string::npos);
  // A restart keeps the user and its verifier.
  StartServer();
  conn = Connect();
  EXPECT_EQ(Value(conn, "SELECT 2"), "2");
  PQfinish(conn);
}

class ServerTlsTest : public ServerTest {
 protected:
  ServerTlsTest() { with_tls_ = true; }
};

TEST_F(ServerTlsTest, TlsIsUsedAndRequired) {
  PGconn* conn = PQconnectdb((ConnInfo() + " sslmode=require").c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  EXPECT_EQ(PQsslInUse(conn), 1);
  EXPECT_EQ(Value(conn, "SELECT 40 + 2"), "42");
  PQfinish(conn);
  // Without TLS the login is refused.
  conn = PQconnectdb((ConnInfo() + " sslmode=disable").c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_BAD);
  EXPECT_NE(std::string(PQerrorMessage(conn)).find("requires TLS"), std::string::npos)
      << PQerrorMessage(conn);
  PQfinish(conn);
  // psql over TLS with SCRAM.
  auto [output, status] = RunCommand(
      "PGPASSWORD='" + std::string(kPassword) + "' PGSSLMODE=require psql -X -h 127.0.0.1 -p " +
      std::to_string(port_) + " -U awsuser -d dev -At -c 'SELECT 1+1' 2>&1");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "2\n");
}

TEST_F(ServerTlsTest, Psycopg2OverTls) {
  auto [output, status] = RunCommand("/usr/bin/python3 " TRIBUTARY_SOURCE_DIR
                                     "/test/clients/psycopg2_client.py 127.0.0.1 " +
                                     std::to_string(port_) + " '" + kPassword + "' require 2>&1");
  if (status == 77)
    GTEST_SKIP() << "python3-psycopg2 is not installed (scripts/install-deps)";
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("psycopg2 ok"), std::string::npos) << output;
}

// Without a password file: loopback clients are trusted, which lets this
// test speak the protocol byte by byte.
class ServerTrustTest : public ServerTest {
 protected:
  ServerTrustTest() { with_password_ = false; }

  struct Message {
    char type;
    std::string body;
  };

  static void Put32(std::string& out, int32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
      out.push_back(static_cast<char>((static_cast<uint32_t>(v) >> shift) & 0xFF));
  }
  static void Put16(std::string& out, int16_t v) {
    out.push_back(static_cast<char>((static_cast<uint16_t>(v) >> 8) & 0xFF));
    out.push_back(static_cast<char>(v & 0xFF));
  }
  static std::string Frame(char type, const std::string& body) {
    std::string out(1, type);
    Put32(out, static_cast<int32_t>(body.size() + 4));
    return out + body;
  }
  static std::string Cstr(const std::string& s) { return s + std::string(1, '\0'); }

  void Send(const std::string& bytes) {
    ASSERT_EQ(send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }
  bool ReadExactly(char* out, size_t n) {
    while (n > 0) {
      ssize_t got = recv(fd_, out, n, 0);
      if (got <= 0)
        return false;
      out += got;
      n -= static_cast<size_t>(got);
    }
    return true;
  }
  // Messages up to and including ReadyForQuery (or until the server closes).
  std::vector<Message> ReadUntilReady() {
    std::vector<Message> messages;
    while (true) {
      char header[5];
      if (!ReadExactly(header, 5))
        return messages;
      uint32_t length = (uint32_t(uint8_t(header[1])) << 24) |
                        (uint32_t(uint8_t(header[2])) << 16) | (uint32_t(uint8_t(header[3])) << 8) |
                        uint32_t(uint8_t(header[4]));
      std::string body(length - 4, '\0');
      if (!ReadExactly(body.data(), body.size()))
        return messages;
      messages.push_back({header[0], body});
      if (header[0] == 'Z')
        return messages;
    }
  }
  static std::string Types(const std::vector<Message>& messages) {
    std::string types;
    for (auto& m : messages)
      types += m.type;
    return types;
  }
  void Login() {
    fd_ = RawConnect();
    std::string body;
    Put32(body, 196608);
    body += Cstr("user") + Cstr("awsuser") + Cstr("database") + Cstr("dev") + Cstr("");
    std::string packet;
    Put32(packet, static_cast<int32_t>(body.size() + 4));
    Send(packet + body);
    auto messages = ReadUntilReady();
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages.front().type, 'R');  // AuthenticationOk: trusted
    EXPECT_EQ(messages.back().type, 'Z');
  }
  void TearDown() override {
    if (fd_ >= 0)
      close(fd_);
    ServerTest::TearDown();
  }

  int fd_ = -1;
};

TEST_F(ServerTrustTest, ExtendedProtocolByteByByte) {
  Login();
  // A named statement and a named portal; Execute with a row limit.
  std::string bind_body = Cstr("cur") + Cstr("five");
  Put16(bind_body, 0);  // parameter formats
  Put16(bind_body, 0);  // parameters
  Put16(bind_body, 0);  // result formats
  std::string execute_body = Cstr("cur");
  Put32(execute_body, 2);
  std::string parse_body = Cstr("five") + Cstr("SELECT x FROM generate_series(1, 5) AS g(x)");
  Put16(parse_body, 0);
  Send(Frame('P', parse_body) + Frame('B', bind_body) + Frame('E', execute_body) +
       Frame('E', execute_body) + Frame('E', execute_body) + Frame('C', "P" + Cstr("cur")) +
       Frame('S', ""));
  auto messages = ReadUntilReady();
  // ParseComplete, BindComplete, 2 rows + PortalSuspended, 2 rows +
  // PortalSuspended, 1 row + CommandComplete, CloseComplete, ReadyForQuery.
  EXPECT_EQ(Types(messages), "12DDsDDsDC3Z");
  EXPECT_EQ(messages[messages.size() - 3].body, Cstr("SELECT 1"));

  // The statement stays; errors skip to Sync; then the session goes on.
  std::string missing = Cstr("") + Cstr("nope");
  Put16(missing, 0);
  Put16(missing, 0);
  Put16(missing, 0);
  Send(Frame('B', missing) + Frame('E', Cstr("") + std::string(4, '\0')) + Frame('S', ""));
  messages = ReadUntilReady();
  ASSERT_EQ(Types(messages), "EZ");
  EXPECT_NE(messages[0].body.find("26000"), std::string::npos);
  // Flush sends what is pending without a Sync.
  Send(Frame('P', Cstr("") + Cstr("SELECT 1") + std::string(2, '\0')) + Frame('H', ""));
  char header[5];
  ASSERT_TRUE(ReadExactly(header, 5));
  EXPECT_EQ(header[0], '1');
  Send(Frame('S', ""));
  EXPECT_EQ(Types(ReadUntilReady()), "Z");

  // An unknown message type ends the session with 08P01.
  Send(Frame('?', ""));
  messages = ReadUntilReady();
  ASSERT_EQ(Types(messages), "E");
  EXPECT_NE(messages[0].body.find("08P01"), std::string::npos);
  // The server goes on.
  close(fd_);
  Login();
}

TEST_F(ServerTrustTest, DisconnectingMidQueryCancelsIt) {
  Login();
  Send(Frame(
      'Q',
      Cstr("SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 1000000) b")));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  close(fd_);
  fd_ = -1;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (ReadText(log_).find("disconnected while its statement ran") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_NE(ReadText(log_).find("disconnected while its statement ran"), std::string::npos);
  Login();
}

TEST_F(ServerTrustTest, GarbageNeverStopsTheServer) {
  // Random bytes as the first packet and as messages after a login.
  std::srand(7);
  for (int round = 0; round < 40; round++) {
    std::string junk(1 + std::rand() % 300, '\0');
    for (auto& c : junk)
      c = static_cast<char>(std::rand());
    if (round % 2 == 0) {
      fd_ = RawConnect();
    } else {
      Login();
      // Keep the message lengths small so the server does not wait for more.
      junk[1] = junk[2] = 0;
    }
    send(fd_, junk.data(), junk.size(), MSG_NOSIGNAL);
    shutdown(fd_, SHUT_WR);
    char buffer[4096];
    while (recv(fd_, buffer, sizeof(buffer), 0) > 0) {
    }
    close(fd_);
    fd_ = -1;
  }
  Login();
  Send(Frame('Q', Cstr("SELECT 6 * 7")));
  auto messages = ReadUntilReady();
  ASSERT_EQ(Types(messages), "TDCZ");
  EXPECT_NE(messages[1].body.find("42"), std::string::npos);
}

// psql as a second user: denied without SELECT (42501), allowed after
// GRANT, denied again after REVOKE. The password never reaches the log.
TEST_F(ServerTest, PsqlAsAnotherUserNeedsPrivileges) {
  PGconn* admin = Connect();
  EXPECT_EQ(Value(admin, "CREATE USER alice PASSWORD 'AlicePass1'"), "CREATE USER");
  EXPECT_EQ(Value(admin, "CREATE TABLE t (a INTEGER)"), "CREATE TABLE");
  EXPECT_EQ(Value(admin, "INSERT INTO t VALUES (7)"), "INSERT 0 1");
  auto psql = [&](const std::string& sql) {
    return RunCommand("PGPASSWORD=AlicePass1 PGCONNECT_TIMEOUT=10 psql -X -h 127.0.0.1 -p " +
                      std::to_string(port_) +
                      " -U alice -d dev -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c \"" + sql +
                      "\" 2>&1");
  };
  auto [output, status] = psql("SELECT current_user, session_user");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "alice|alice\n");
  std::tie(output, status) = psql("SELECT a FROM t");
  EXPECT_NE(status, 0) << output;
  EXPECT_NE(output.find("42501"), std::string::npos) << output;
  EXPECT_NE(output.find("permission denied for table t"), std::string::npos) << output;
  EXPECT_NE(output.find("needs SELECT on table public.t"), std::string::npos) << output;

  EXPECT_EQ(Value(admin, "GRANT SELECT ON t TO alice"), "GRANT");
  std::tie(output, status) = psql("SELECT a FROM t");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "7\n");

  EXPECT_EQ(Value(admin, "REVOKE SELECT ON t FROM alice"), "REVOKE");
  std::tie(output, status) = psql("SELECT a FROM t");
  EXPECT_NE(status, 0) << output;
  EXPECT_NE(output.find("42501"), std::string::npos) << output;

  // A wrong password for the new user is refused.
  std::tie(output, status) =
      RunCommand("PGPASSWORD=wrong psql -X -h 127.0.0.1 -p " + std::to_string(port_) +
                 " -U alice -d dev -At -c 'SELECT 1' 2>&1");
  EXPECT_NE(status, 0);
  EXPECT_NE(output.find("password authentication failed for user \"alice\""), std::string::npos)
      << output;
  // ALTER USER changes the password; the old one stops working.
  EXPECT_EQ(Value(admin, "ALTER USER alice PASSWORD 'AliceNew22'"), "ALTER USER");
  std::tie(output, status) = psql("SELECT 1");
  EXPECT_NE(status, 0) << output;
  PQfinish(admin);
  auto log = ReadText(log_);
  EXPECT_EQ(log.find("AlicePass1"), std::string::npos) << log;
  EXPECT_EQ(log.find("AliceNew22"), std::string::npos) << log;
}

// psycopg2 as a user who reads through a group.
TEST_F(ServerTest, Psycopg2AsGroupMember) {
  if (RunCommand("/usr/bin/python3 -c 'import psycopg2' 2>&1").second != 0)
    GTEST_SKIP() << "python3-psycopg2 is not installed (scripts/install-deps)";
  PGconn* admin = Connect();
  EXPECT_EQ(Value(admin, "CREATE USER bob PASSWORD 'BobPass123'"), "CREATE USER");
  EXPECT_EQ(Value(admin, "CREATE GROUP readers WITH USER bob"), "CREATE GROUP");
  EXPECT_EQ(Value(admin, "CREATE TABLE g (a INTEGER)"), "CREATE TABLE");
  std::string script =
      "import psycopg2\n"
      "c = psycopg2.connect(host='127.0.0.1', port=" +
      std::to_string(port_) +
      ", user='bob', password='BobPass123', dbname='dev')\n"
      "cur = c.cursor()\n"
      "try:\n"
      "    cur.execute('SELECT count(*) FROM g')\n"
      "    print('allowed')\n"
      "except psycopg2.Error as e:\n"
      "    print('denied', e.pgcode)\n";
  std::ofstream(dir_ + "/bob.py") << script;
  auto [output, status] = RunCommand("/usr/bin/python3 " + dir_ + "/bob.py 2>&1");
  EXPECT_EQ(output, "denied 42501\n");
  EXPECT_EQ(Value(admin, "GRANT SELECT ON g TO GROUP readers"), "GRANT");
  std::tie(output, status) = RunCommand("/usr/bin/python3 " + dir_ + "/bob.py 2>&1");
  EXPECT_EQ(output, "allowed\n");
  PQfinish(admin);
}

// SET of a reported setting sends ParameterStatus; SET SESSION
// AUTHORIZATION reports session_authorization and is_superuser.
TEST_F(ServerTest, SetReportsParameterStatus) {
  PGconn* conn = Connect();
  EXPECT_STREQ(PQparameterStatus(conn, "is_superuser"), "on");
  EXPECT_EQ(Value(conn, "SET application_name TO 'reporting'"), "SET");
  EXPECT_STREQ(PQparameterStatus(conn, "application_name"), "reporting");
  EXPECT_EQ(Value(conn, "SET datestyle TO 'ISO, DMY'"), "SET");
  EXPECT_STREQ(PQparameterStatus(conn, "DateStyle"), "ISO, DMY");
  EXPECT_EQ(Value(conn, "CREATE USER carol PASSWORD 'CarolPass1'"), "CREATE USER");
  EXPECT_EQ(Value(conn, "SET SESSION AUTHORIZATION carol"), "SET");
  EXPECT_STREQ(PQparameterStatus(conn, "session_authorization"), "carol");
  EXPECT_STREQ(PQparameterStatus(conn, "is_superuser"), "off");
  EXPECT_EQ(Value(conn, "SELECT current_user"), "carol");
  EXPECT_EQ(Value(conn, "RESET SESSION AUTHORIZATION"), "RESET");
  EXPECT_STREQ(PQparameterStatus(conn, "session_authorization"), "awsuser");
  EXPECT_EQ(Value(conn, "RESET ALL"), "RESET");
  EXPECT_STREQ(PQparameterStatus(conn, "application_name"), "");
  PQfinish(conn);
}

// idle_session_timeout ends a session that waits too long, with 57P05.
TEST_F(ServerTest, IdleSessionTimeoutEndsTheSession) {
  PGconn* conn = Connect();
  EXPECT_EQ(Value(conn, "SET idle_session_timeout TO 300"), "SET");
  EXPECT_EQ(Value(conn, "SELECT 1"), "1");
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  PGresult* r = PQexec(conn, "SELECT 1");
  EXPECT_NE(PQresultStatus(r), PGRES_TUPLES_OK);
  PQclear(r);
  EXPECT_NE(std::string(PQerrorMessage(conn)).find("idle-session timeout"), std::string::npos)
      << PQerrorMessage(conn);
  PQfinish(conn);
  // A user's SESSION TIMEOUT applies at login.
  PGconn* admin = Connect();
  EXPECT_EQ(Value(admin, "CREATE USER dave PASSWORD 'DavePass12' SESSION TIMEOUT 60"),
            "CREATE USER");
  PQfinish(admin);
  PGconn* dave = PQconnectdb(
      ("host=127.0.0.1 port=" + std::to_string(port_) + " user=dave dbname=dev password=DavePass12")
          .c_str());
  EXPECT_EQ(PQstatus(dave), CONNECTION_OK) << PQerrorMessage(dave);
  EXPECT_EQ(Value(dave, "SHOW idle_session_timeout"), "60000");
  PQfinish(dave);
}

// CONNECTION LIMIT counts a user's sessions.
TEST_F(ServerTest, ConnectionLimitRefusesOneSessionTooMany) {
  PGconn* admin = Connect();
  EXPECT_EQ(Value(admin, "CREATE USER frank PASSWORD 'FrankPass1' CONNECTION LIMIT 1"),
            "CREATE USER");
  std::string info =
      "host=127.0.0.1 port=" + std::to_string(port_) + " user=frank dbname=dev password=FrankPass1";
  PGconn* first = PQconnectdb(info.c_str());
  EXPECT_EQ(PQstatus(first), CONNECTION_OK) << PQerrorMessage(first);
  PGconn* second = PQconnectdb(info.c_str());
  EXPECT_EQ(PQstatus(second), CONNECTION_BAD);
  EXPECT_NE(std::string(PQerrorMessage(second)).find("too many connections for user \"frank\""),
            std::string::npos)
      << PQerrorMessage(second);
  PQfinish(second);
  PQfinish(first);
  PQfinish(admin);
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

// psql's meta-commands (the catalog queries psql 15 sends to a 9.0 server)
// over TLS with SCRAM.
TEST_F(ServerTlsTest, PsqlMetaCommands) {
  auto psql = [&](const std::string& args) {
    return RunCommand("PGPASSWORD='" + std::string(kPassword) +
                      "' PGSSLMODE=require psql -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " +
                      std::to_string(port_) + " -U awsuser -d dev " + args + " 2>&1");
  };
  auto [output, status] = psql(
      "-c 'CREATE SCHEMA sales' -c 'CREATE TABLE sales.orders(id INTEGER NOT NULL, note "
      "VARCHAR(20))' -c 'CREATE TABLE items(id INTEGER NOT NULL, name VARCHAR(30), price "
      "NUMERIC(8,2))'");
  ASSERT_EQ(status, 0) << output;
  std::tie(output, status) = psql("-c '\\l'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(" dev  | awsuser | UTF8"), std::string::npos) << output;
  std::tie(output, status) = psql("-c '\\dn'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(" public | awsuser"), std::string::npos) << output;
  EXPECT_NE(output.find(" sales  | awsuser"), std::string::npos) << output;
  EXPECT_EQ(output.find("pg_catalog"), std::string::npos) << output;
  std::tie(output, status) = psql("-c '\\dt'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(" public | items | table | awsuser"), std::string::npos) << output;
  EXPECT_EQ(output.find("orders"), std::string::npos) << output;  // not on search_path
  std::tie(output, status) = psql("-c '\\dt sales.*'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(" sales  | orders | table | awsuser"), std::string::npos) << output;
  std::tie(output, status) = psql("-c '\\dv'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("Did not find any relations."), std::string::npos) << output;
  std::tie(output, status) = psql("-c '\\d items'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("Table \"public.items\""), std::string::npos) << output;
  EXPECT_NE(output.find(" id     | integer               |           | not null |"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find(" name   | character varying(30) |"), std::string::npos) << output;
  EXPECT_NE(output.find(" price  | numeric(8,2)          |"), std::string::npos) << output;
  std::tie(output, status) = psql("-c '\\d+ items'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(" price  | numeric(8,2)          |           |          |         | main"),
            std::string::npos)
      << output;
  std::tie(output, status) = psql("-c '\\d sales.orders'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("Table \"sales.orders\""), std::string::npos) << output;
  std::tie(output, status) = psql("-c '\\du'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(" awsuser   | Superuser"), std::string::npos) << output;
  std::tie(output, status) = psql("-c '\\df'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("(0 rows)"), std::string::npos) << output;
  std::tie(output, status) = psql("-c '\\d'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(" public | items | table | awsuser"), std::string::npos) << output;
}

// psql's \d shows declared keys (Indexes, Foreign-key constraints,
// Referenced by), \d+ a view's definition, \du and \dg group membership.
TEST_F(ServerTlsTest, PsqlShowsKeysViewsAndGroups) {
  auto psql = [&](const std::string& args) {
    return RunCommand("PGPASSWORD='" + std::string(kPassword) +
                      "' PGSSLMODE=require psql -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " +
                      std::to_string(port_) + " -U awsuser -d dev " + args + " 2>&1");
  };
  auto [output, status] = psql(
      "-c 'CREATE TABLE parent(id INTEGER PRIMARY KEY, code VARCHAR(10) UNIQUE)' "
      "-c 'CREATE TABLE child(cid INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent)' "
      "-c 'CREATE VIEW pv AS SELECT id, code FROM parent WHERE id > 0' "
      "-c \"CREATE USER alice PASSWORD 'Alice1234'\" -c 'CREATE GROUP analysts WITH USER alice'");
  ASSERT_EQ(status, 0) << output;
  std::tie(output, status) = psql("-c '\\d parent'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("Indexes:\n    \"parent_pkey\" PRIMARY KEY, btree (id)\n"
                        "    \"parent_code_key\" UNIQUE CONSTRAINT, btree (code)\n"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("Referenced by:\n    TABLE \"child\" CONSTRAINT \"child_pid_fkey\" "
                        "FOREIGN KEY (pid) REFERENCES parent(id)"),
            std::string::npos)
      << output;
  std::tie(output, status) = psql("-c '\\d child'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("Foreign-key constraints:\n    \"child_pid_fkey\" FOREIGN KEY (pid) "
                        "REFERENCES parent(id)"),
            std::string::npos)
      << output;
  std::tie(output, status) = psql("-c '\\d+ pv'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("View \"public.pv\""), std::string::npos) << output;
  EXPECT_NE(output.find(" code   | character varying(10) |"), std::string::npos) << output;
  EXPECT_NE(output.find("View definition:\nSELECT id, code FROM parent WHERE id > 0"),
            std::string::npos)
      << output;
  for (const char* command : {"-c '\\du'", "-c '\\dg'"}) {
    std::tie(output, status) = psql(command);
    EXPECT_EQ(status, 0) << output;
    EXPECT_NE(output.find(" alice     |                                   | {analysts}"),
              std::string::npos)
        << output;
    EXPECT_NE(output.find(" analysts  | Cannot login                      | {}"), std::string::npos)
        << output;
  }
}

}  // namespace
}  // namespace tributary
