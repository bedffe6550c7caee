#include "connector/postgres/postgres_connection.h"

#include <poll.h>

#include "common/exception.h"
#include "security/egress_policy.h"

namespace tributary {

namespace {

std::string FirstLine(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

}  // namespace

PostgresConnection PostgresConnection::Open(const ExternalSchemaDefinition& schema,
                                            const SourceCredentials& credentials,
                                            const std::string& data_directory,
                                            int connect_timeout_seconds) {
  auto policy = EgressPolicy::Load(data_directory);
  auto destination = policy.Resolve(schema.host, schema.port);
  std::string port = std::to_string(schema.port);
  std::string timeout = std::to_string(connect_timeout_seconds);
  // hostaddr pins the connection to the address the policy approved; host
  // stays the name (for TLS verification and messages).
  const char* keywords[] = {"host",
                            "hostaddr",
                            "port",
                            "dbname",
                            "user",
                            "password",
                            "connect_timeout",
                            "application_name",
                            "options",
                            nullptr};
  const char* values[] = {schema.host.c_str(),
                          destination.addresses[0].c_str(),
                          port.c_str(),
                          schema.database.c_str(),
                          credentials.username.c_str(),
                          credentials.password.c_str(),
                          timeout.c_str(),
                          "tributary",
                          "-c TimeZone=UTC -c DateStyle=ISO -c extra_float_digits=3",
                          nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 0);
  if (conn && PQstatus(conn) == CONNECTION_OK)
    return PostgresConnection(conn);
  std::string message = conn ? FirstLine(PQerrorMessage(conn)) : "out of memory";
  if (conn)
    PQfinish(conn);
  std::string where = schema.host + ":" + port;
  if (message.find("password authentication failed") != std::string::npos ||
      message.find("no password supplied") != std::string::npos) {
    throw Exception(sqlstate::kInvalidPassword, "password authentication failed for user \"" +
                                                    credentials.username + "\" on " + where +
                                                    " (external schema \"" + schema.name +
                                                    "\", secret " + schema.secret_arn + ")")
        .WithHint(
            "If the password was rotated, update the secret with: tributary secretsmanager "
            "put-secret-value --secret-id " +
            schema.secret_arn);
  }
  if (message.find("does not exist") != std::string::npos &&
      message.find("database") != std::string::npos) {
    throw Exception("3D000", "database \"" + schema.database + "\" does not exist on " + where +
                                 " (external schema \"" + schema.name + "\")");
  }
  throw Exception(sqlstate::kSqlClientUnableToEstablishConnection,
                  "could not connect to the source of external schema \"" + schema.name + "\" at " +
                      where + ": " + message)
      .WithHint("Run: tributary doctor " + schema.name);
}

PostgresConnection::~PostgresConnection() {
  if (conn_)
    PQfinish(conn_);
}

void PostgresConnection::Fail(PGresult* result, const std::string& context) {
  std::string state = result ? (PQresultErrorField(result, PG_DIAG_SQLSTATE)
                                    ? PQresultErrorField(result, PG_DIAG_SQLSTATE)
                                    : "")
                             : "";
  std::string message = FirstLine(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  if (result)
    PQclear(result);
  if (PQstatus(conn_) != CONNECTION_OK) {
    throw Exception(sqlstate::kConnectionFailure,
                    "lost the connection to the source during " + context + ": " + message);
  }
  throw Exception(state.size() == 5 ? state : sqlstate::kConnectionException,
                  "source error during " + context + ": " + message);
}

void PostgresConnection::Execute(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  if (PQresultStatus(result) != PGRES_COMMAND_OK && PQresultStatus(result) != PGRES_TUPLES_OK) {
    Fail(result, "\"" + sql + "\"");
  }
  PQclear(result);
}

bool PostgresConnection::AwaitInput(const std::atomic<bool>& interrupted) {
  pollfd fd{PQsocket(conn_), POLLIN, 0};
  poll(&fd, 1, 100);
  if (interrupted.load(std::memory_order_relaxed)) {
    if (PGcancel* cancel = PQgetCancel(conn_)) {
      char error[256];
      PQcancel(cancel, error, sizeof(error));
      PQfreeCancel(cancel);
    }
    return false;
  }
  if (!PQconsumeInput(conn_))
    Fail(nullptr, "reading from the source");
  return true;
}

PGresult* PostgresConnection::ExecuteCancellable(const std::string& sql,
                                                 const std::atomic<bool>& interrupted) {
  if (!PQsendQuery(conn_, sql.c_str()))
    Fail(nullptr, "sending a query");
  while (PQisBusy(conn_)) {
    if (!AwaitInput(interrupted))
      return nullptr;
  }
  return PQgetResult(conn_);
}

std::string PostgresConnection::QuoteIdentifier(const std::string& name) {
  char* quoted = PQescapeIdentifier(conn_, name.c_str(), name.size());
  if (!quoted)
    Fail(nullptr, "quoting an identifier");
  std::string result = quoted;
  PQfreemem(quoted);
  return result;
}

std::string PostgresConnection::QuoteLiteral(const std::string& value) {
  char* quoted = PQescapeLiteral(conn_, value.c_str(), value.size());
  if (!quoted)
    Fail(nullptr, "quoting a literal");
  std::string result = quoted;
  PQfreemem(quoted);
  return result;
}

}  // namespace tributary
