#include "connector/mysql/mysql_connection.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <mutex>

#include "common/exception.h"
#include "security/egress_policy.h"

namespace tributary {

namespace {

// Session settings every connection runs with (see the header).
// (SET TRANSACTION cannot share a SET with variables on MariaDB.)
// MariaDB (10.3.4+, the executable comment) plans without "split
// materialization": it computed a grouped derived table of our pushed
// queries once per outer row (TPC-H Q18 4-5x slower).
constexpr const char* kInitCommands[] = {
    "SET SESSION time_zone = '+00:00', SESSION sql_mode = "
    "'NO_BACKSLASH_ESCAPES,NO_ENGINE_SUBSTITUTION'"
    "/*M!100304 , SESSION optimizer_switch = 'split_materialized=off' */",
    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", "SET SESSION TRANSACTION READ ONLY"};

// Applies the options shared by the data connection and the one that
// sends KILL QUERY.
void SetOptions(MYSQL* mysql, const MySqlConnectOptions& options, bool nonblocking) {
  unsigned int timeout = static_cast<unsigned int>(options.connect_timeout_seconds);
  mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  // A malicious server could ask for a local file (LOAD DATA LOCAL).
  unsigned int no_local_infile = 0;
  mysql_options(mysql, MYSQL_OPT_LOCAL_INFILE, &no_local_infile);
  mysql_options(mysql, MYSQL_READ_DEFAULT_GROUP, nullptr);
  if (nonblocking) {
    mysql_options(mysql, MYSQL_OPT_NONBLOCK, nullptr);
  } else {
    // A blocking connection (the one sending KILL QUERY) must not wait
    // forever on a source that accepts connections but never answers.
    mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &timeout);
    mysql_options(mysql, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
  }
  my_bool yes = 1;
  switch (options.tls) {
    case MySqlTlsMode::kDisable:
      break;
    case MySqlTlsMode::kPrefer:
      mysql_ssl_set(mysql, nullptr, nullptr, nullptr, nullptr, nullptr);
      break;
    case MySqlTlsMode::kRequire:
      mysql_ssl_set(mysql, nullptr, nullptr, nullptr, nullptr, nullptr);
      mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &yes);
      break;
    case MySqlTlsMode::kVerify:
      mysql_ssl_set(mysql, nullptr, nullptr,
                    options.tls_ca.empty() ? nullptr : options.tls_ca.c_str(), nullptr, nullptr);
      mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &yes);
      mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
      break;
  }
}

}  // namespace

std::unique_ptr<MySqlConnection> MySqlConnection::Open(const ExternalSchemaDefinition& schema,
                                                       const SourceCredentials& credentials,
                                                       const std::string& data_directory,
                                                       const MySqlConnectOptions& options,
                                                       const std::atomic<bool>* interrupted) {
  auto destination = EgressPolicy::Load(data_directory).Resolve(schema.host, schema.port);
  // mysql_init initializes the library on first use, which is not
  // thread-safe: do it once, up front.
  static std::once_flag library_initialized;
  std::call_once(library_initialized, [] { mysql_library_init(0, nullptr, nullptr); });
  std::unique_ptr<MySqlConnection> connection(new MySqlConnection());
  connection->address_ = destination.addresses[0];
  connection->port_ = schema.port;
  connection->credentials_ = credentials;
  connection->options_ = options;
  connection->schema_name_ = schema.name;
  connection->where_ = schema.host + ":" + std::to_string(schema.port);
  MYSQL* mysql = mysql_init(nullptr);
  if (!mysql)
    throw Exception(sqlstate::kOutOfMemory, "out of memory opening a MySQL connection");
  connection->mysql_ = mysql;
  SetOptions(mysql, options, true);
  for (const char* command : kInitCommands)
    mysql_options(mysql, MYSQL_INIT_COMMAND, command);
  // The TCP connect is bounded by the library; the login after it (a
  // source that accepts connections but never answers) by this deadline.
  connection->deadline_ = {
      std::chrono::steady_clock::now() + std::chrono::seconds(options.connect_timeout_seconds),
      sqlstate::kSqlClientUnableToEstablishConnection,
      "could not connect to the source of external schema \"" + schema.name + "\" at " +
          connection->where_ + ": no answer within " +
          std::to_string(options.connect_timeout_seconds) + " seconds",
      false};
  // The address the egress policy approved, never a fresh DNS answer.
  MYSQL* ret = nullptr;
  int status = mysql_real_connect_start(&ret, mysql, connection->address_.c_str(),
                                        credentials.username.c_str(), credentials.password.c_str(),
                                        schema.database.c_str(), schema.port, nullptr, 0);
  while (status)
    status = mysql_real_connect_cont(&ret, mysql, connection->Wait(status, interrupted));
  connection->deadline_ = {};
  if (ret) {
    // Checked here as well: the library may fall back to plain TCP.
    if ((options.tls == MySqlTlsMode::kRequire || options.tls == MySqlTlsMode::kVerify) &&
        !mysql_get_ssl_cipher(mysql)) {
      throw Exception(sqlstate::kSqlClientUnableToEstablishConnection,
                      "the source of external schema \"" + schema.name + "\" at " +
                          connection->where_ +
                          " does not offer TLS, which federation.mysql_tls requires")
          .WithHint("Configure TLS on the source, or set federation.mysql_tls to \"prefer\".");
    }
    // Literals are quoted for NO_BACKSLASH_ESCAPES: refuse a session where
    // it did not take effect rather than risk a misquoted literal.
    if (!(mysql->server_status & SERVER_STATUS_NO_BACKSLASH_ESCAPES)) {
      throw Exception(sqlstate::kSqlClientUnableToEstablishConnection,
                      "the source of external schema \"" + schema.name + "\" at " +
                          connection->where_ + " did not accept sql_mode NO_BACKSLASH_ESCAPES");
    }
    return connection;
  }
  unsigned int code = mysql_errno(mysql);
  std::string message = mysql_error(mysql);
  const std::string& where = connection->where_;
  switch (code) {
    case ER_ACCESS_DENIED_ERROR:
    case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
      throw Exception(sqlstate::kInvalidPassword, "password authentication failed for user \"" +
                                                      credentials.username + "\" on " + where +
                                                      " (external schema \"" + schema.name +
                                                      "\", secret " + schema.secret_arn + ")")
          .WithHint(
              "If the password was rotated, update the secret with: tributary secretsmanager "
              "put-secret-value --secret-id " +
              schema.secret_arn);
    case ER_BAD_DB_ERROR:
      throw Exception("3D000", "database \"" + schema.database + "\" does not exist on " + where +
                                   " (external schema \"" + schema.name + "\")");
    case ER_DBACCESS_DENIED_ERROR:
      throw Exception(sqlstate::kInsufficientPrivilege,
                      "user \"" + credentials.username + "\" may not access database \"" +
                          schema.database + "\" on " + where + " (external schema \"" +
                          schema.name + "\")")
          .WithHint("On the source: GRANT SELECT ON `" + schema.database + "`.* TO the user.");
    default:
      if (options.tls == MySqlTlsMode::kVerify && message.find("TLS/SSL") != std::string::npos) {
        throw Exception(sqlstate::kSqlClientUnableToEstablishConnection,
                        "could not verify the TLS certificate of the source of external schema \"" +
                            schema.name + "\" at " + where + ": " + message)
            .WithHint(
                "Set federation.mysql_tls_ca in tributary.conf to the file of the CA that signed "
                "the source's certificate.");
      }
      throw Exception(sqlstate::kSqlClientUnableToEstablishConnection,
                      "could not connect to the source of external schema \"" + schema.name +
                          "\" at " + where + ": " + message)
          .WithHint("Run: tributary doctor " + schema.name);
  }
}

MySqlConnection::~MySqlConnection() {
  if (stream_)
    EndStream();
  if (mysql_)
    mysql_close(mysql_);
}

int MySqlConnection::Wait(int status, const std::atomic<bool>* interrupted) {
  pollfd p{static_cast<int>(mysql_get_socket(mysql_)), 0, 0};
  if (status & MYSQL_WAIT_READ)
    p.events |= POLLIN;
  if (status & MYSQL_WAIT_WRITE)
    p.events |= POLLOUT;
  if (status & MYSQL_WAIT_EXCEPT)
    p.events |= POLLPRI;
  int64_t budget = (status & MYSQL_WAIT_TIMEOUT) ? mysql_get_timeout_value_ms(mysql_) : -1;
  auto start = std::chrono::steady_clock::now();
  while (true) {
    int slice = 100;
    if (budget >= 0) {
      int64_t elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
      if (elapsed >= budget)
        return MYSQL_WAIT_TIMEOUT;
      slice = static_cast<int>(std::min<int64_t>(slice, budget - elapsed));
    }
    int rc = p.fd >= 0 ? poll(&p, 1, slice) : 0;
    if (rc > 0) {
      int events = 0;
      if (p.revents & POLLIN)
        events |= MYSQL_WAIT_READ;
      if (p.revents & POLLOUT)
        events |= MYSQL_WAIT_WRITE;
      if (p.revents & POLLPRI)
        events |= MYSQL_WAIT_EXCEPT;
      // An error or hang-up: let the library try and report it.
      if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
        events |= status & (MYSQL_WAIT_READ | MYSQL_WAIT_WRITE | MYSQL_WAIT_EXCEPT);
      return events;
    }
    if (rc < 0 && errno != EINTR)
      return status & (MYSQL_WAIT_READ | MYSQL_WAIT_WRITE | MYSQL_WAIT_EXCEPT);
    if (interrupted && interrupted->load(std::memory_order_relaxed)) {
      Cancel(deadline_.kill_query);
      throw Exception(sqlstate::kQueryCanceled, "canceling statement due to user request");
    }
    if (std::chrono::steady_clock::now() >= deadline_.at) {
      Deadline expired = std::move(deadline_);
      deadline_ = {};
      Cancel(expired.kill_query);
      Exception error(expired.sqlstate, expired.message);
      if (expired.sqlstate == sqlstate::kSqlClientUnableToEstablishConnection)
        error.WithHint("Run: tributary doctor " + schema_name_);
      throw error;
    }
  }
}

void MySqlConnection::Cancel(bool kill_query) {
  broken_ = true;
  // KILL QUERY from a second connection stops work the source is doing
  // before it sends anything; then this connection is cut.
  unsigned long id = mysql_thread_id(mysql_);
  if (!kill_query || id == 0) {
    mariadb_cancel(mysql_);
    return;
  }
  if (MYSQL* killer = mysql_init(nullptr)) {
    MySqlConnectOptions options = options_;
    options.connect_timeout_seconds = std::min(options.connect_timeout_seconds, 5);
    SetOptions(killer, options, false);
    if (mysql_real_connect(killer, address_.c_str(), credentials_.username.c_str(),
                           credentials_.password.c_str(), nullptr, port_, nullptr, 0)) {
      std::string kill = "KILL QUERY " + std::to_string(id);
      mysql_real_query(killer, kill.data(), kill.size());
    }
    mysql_close(killer);
  }
  mariadb_cancel(mysql_);
}

void MySqlConnection::Fail(const std::string& context) {
  broken_ = true;
  unsigned int code = mysql_errno(mysql_);
  std::string message = mysql_error(mysql_);
  switch (code) {
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_SERVER_LOST_EXTENDED:
    case ER_CONNECTION_KILLED:
    case ER_SERVER_SHUTDOWN:
      throw Exception(sqlstate::kConnectionFailure,
                      "lost the connection to the source of external schema \"" + schema_name_ +
                          "\" at " + where_ + " during " + context + ": " + message);
    case ER_NO_SUCH_TABLE:
      throw Exception(sqlstate::kUndefinedTable, "source error during " + context + ": " + message);
    case ER_BAD_FIELD_ERROR:
      throw Exception(sqlstate::kUndefinedColumn,
                      "source error during " + context + ": " + message);
    case ER_TABLEACCESS_DENIED_ERROR:
    case ER_COLUMNACCESS_DENIED_ERROR:
      throw Exception(sqlstate::kInsufficientPrivilege,
                      "source error during " + context + ": " + message);
    case ER_QUERY_INTERRUPTED:
      throw Exception(sqlstate::kQueryCanceled, "source error during " + context + ": " + message);
    default:
      throw Exception(sqlstate::kConnectionException,
                      "source error during " + context + ": " + message);
  }
}

void MySqlConnection::RunQuery(const std::string& sql, const std::atomic<bool>* interrupted) {
  if (stream_)
    throw InternalException("MySQL connection: a statement while a stream is open");
  int error = 0;
  int status = mysql_real_query_start(&error, mysql_, sql.data(), sql.size());
  while (status)
    status = mysql_real_query_cont(&error, mysql_, Wait(status, interrupted));
  if (error)
    Fail("the remote query");
}

void MySqlConnection::Execute(const std::string& sql, const std::atomic<bool>* interrupted) {
  Query(sql, interrupted);
}

std::vector<MySqlConnection::Row> MySqlConnection::Query(const std::string& sql,
                                                         const std::atomic<bool>* interrupted,
                                                         std::chrono::seconds timeout) {
  struct ResetDeadline {
    Deadline& deadline;
    ~ResetDeadline() { deadline = {}; }
  } reset{deadline_};
  if (timeout.count() > 0) {
    deadline_ = {std::chrono::steady_clock::now() + timeout, sqlstate::kQueryCanceled,
                 "canceling statement: the source of external schema \"" + schema_name_ + "\" at " +
                     where_ + " did not answer within " + std::to_string(timeout.count()) +
                     " seconds",
                 true};
  }
  RunQuery(sql, interrupted);
  MYSQL_RES* result = nullptr;
  int status = mysql_store_result_start(&result, mysql_);
  while (status)
    status = mysql_store_result_cont(&result, mysql_, Wait(status, interrupted));
  std::vector<Row> rows;
  if (!result) {
    if (mysql_field_count(mysql_) != 0)
      Fail("reading a result");
    return rows;
  }
  unsigned int fields = mysql_num_fields(result);
  while (MYSQL_ROW row = mysql_fetch_row(result)) {
    unsigned long* lengths = mysql_fetch_lengths(result);
    Row values;
    for (unsigned int i = 0; i < fields; i++) {
      if (row[i])
        values.emplace_back(std::string(row[i], lengths[i]));
      else
        values.emplace_back(std::nullopt);
    }
    rows.push_back(std::move(values));
  }
  mysql_free_result(result);
  return rows;
}

void MySqlConnection::StartStream(const std::string& sql, const std::atomic<bool>& interrupted) {
  RunQuery(sql, &interrupted);
  stream_ = mysql_use_result(mysql_);
  if (!stream_)
    Fail("starting the remote scan");
  stream_done_ = false;
  stream_bytes_ = 0;
}

unsigned int MySqlConnection::StreamFieldCount() const {
  return stream_ ? mysql_num_fields(stream_) : 0;
}

char** MySqlConnection::FetchRow(unsigned long** lengths, const std::atomic<bool>& interrupted) {
  MYSQL_ROW row = nullptr;
  int status = mysql_fetch_row_start(&row, stream_);
  while (status)
    status = mysql_fetch_row_cont(&row, stream_, Wait(status, &interrupted));
  if (!row) {
    if (mysql_errno(mysql_))
      Fail("the remote scan");
    stream_done_ = true;
    return nullptr;
  }
  *lengths = mysql_fetch_lengths(stream_);
  unsigned int fields = mysql_num_fields(stream_);
  for (unsigned int i = 0; i < fields; i++)
    stream_bytes_ += (*lengths)[i] + 1;
  return row;
}

void MySqlConnection::EndStream() {
  if (!stream_)
    return;
  if (!stream_done_) {
    // Freeing an unfinished result would read (and discard) the rest of
    // it: cut the connection first, so it is closed instead of drained.
    broken_ = true;
    mariadb_cancel(mysql_);
  }
  mysql_free_result(stream_);
  stream_ = nullptr;
}

std::string MySqlConnection::QuoteLiteral(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'')
      quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

std::string MySqlConnection::QuoteIdentifier(const std::string& name) {
  std::string quoted = "`";
  for (char c : name) {
    if (c == '`')
      quoted += '`';
    quoted += c;
  }
  return quoted + "`";
}

bool MySqlConnection::Healthy() const {
  return !broken_ && !stream_;
}

bool MySqlConnection::Ping(const std::atomic<bool>* interrupted) {
  if (!Healthy())
    return false;
  // No answer in time: the connection is discarded (no KILL QUERY, there
  // is no query), never waited on.
  deadline_ = {std::chrono::steady_clock::now() + kPingTimeout, sqlstate::kConnectionFailure,
               "ping", false};
  int result = 0;
  try {
    int status = mysql_ping_start(&result, mysql_);
    while (status)
      status = mysql_ping_cont(&result, mysql_, Wait(status, interrupted));
  } catch (const Exception&) {
    deadline_ = {};
    broken_ = true;
    return false;
  }
  deadline_ = {};
  if (result != 0)
    broken_ = true;
  return result == 0;
}

std::string MySqlConnection::ServerVersion() const {
  const char* info = mysql_get_server_info(mysql_);
  return info ? info : "";
}

bool MySqlConnection::IsMariaDb() const {
  return ServerVersion().find("MariaDB") != std::string::npos;
}

}  // namespace tributary
