#include "connector/postgres/postgres_doctor.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "common/exception.h"
#include "connector/postgres/postgres_connection.h"
#include "connector/source_doctor.h"
#include "security/source_credentials.h"

namespace tributary {

namespace {

// Sends PostgreSQL's SSLRequest; returns 'S', 'N', or 0 on no answer.
char ProbeTls(int fd) {
  const unsigned char request[8] = {0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f};  // 80877103
  if (send(fd, request, sizeof(request), MSG_NOSIGNAL) != static_cast<ssize_t>(sizeof(request)))
    return 0;
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, kDoctorTimeoutMs) <= 0)
    return 0;
  char answer = 0;
  return recv(fd, &answer, 1, 0) == 1 ? answer : 0;
}

std::string Scalar(PostgresConnection& connection, const char* sql,
                   const std::vector<std::string>& params) {
  std::vector<const char*> values;
  for (auto& p : params)
    values.push_back(p.c_str());
  PGresult* result = PQexecParams(connection.get(), sql, static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0);
  if (PQresultStatus(result) != PGRES_TUPLES_OK)
    connection.Fail(result, "a doctor check");
  std::string value = PQntuples(result) > 0 ? PQgetvalue(result, 0, 0) : "";
  PQclear(result);
  return value;
}

}  // namespace

std::vector<DoctorStep> DiagnosePostgresSource(const ExternalSchemaDefinition& schema,
                                               const std::string& data_directory) {
  const std::vector<std::string> kSteps = {"egress policy",  "dns",
                                           "tcp connect",    "tls",
                                           "role chain",     "secret",
                                           "authentication", "database",
                                           "remote schema",  "table privileges"};
  DoctorReport report;
  auto finish = [&] { return report.Finish(kSteps); };

  int fd = DoctorConnectTcp(report, schema, data_directory, "PostgreSQL", "listen_addresses, port");
  if (fd < 0)
    return finish();
  char tls = ProbeTls(fd);
  close(fd);
  if (tls == 'S') {
    report.Ok("tls", "the source offers TLS; connections use it");
  } else if (tls == 'N') {
    report.Warn("tls", "the source does not offer TLS: traffic, passwords excepted, is unencrypted",
                "Enable ssl = on on the source.");
  } else {
    report.Fail("tls", "no answer to the PostgreSQL SSL request: is this a PostgreSQL server?",
                "Check the PORT of the external schema.");
    return finish();
  }

  SourceCredentials credentials;
  if (!DoctorResolveCredentials(report, schema, data_directory, credentials))
    return finish();

  std::unique_ptr<PostgresConnection> connection;
  try {
    connection = std::make_unique<PostgresConnection>(
        PostgresConnection::Open(schema, credentials, data_directory, kDoctorTimeoutMs / 1000));
    report.Ok("authentication", "logged in as \"" + credentials.username + "\"");
    report.Ok("database", "database \"" + schema.database + "\" (PostgreSQL " +
                              std::to_string(PQserverVersion(connection->get()) / 10000) + ")");
  } catch (const Exception& e) {
    if (e.SqlState() == "3D000") {
      report.Ok("authentication", "logged in as \"" + credentials.username + "\"");
      report.Fail("database", e.Message(), "Check the DATABASE of the external schema.");
    } else if (e.SqlState() == sqlstate::kInvalidPassword) {
      report.Fail("authentication", e.Message(), e.Hint());
    } else {
      report.Fail("authentication", e.Message(),
                  "Check pg_hba.conf on the source allows this user from the warehouse.");
    }
    return finish();
  }

  try {
    std::string usage = Scalar(*connection,
                               "SELECT CASE WHEN n.oid IS NULL THEN 'missing' WHEN "
                               "has_schema_privilege(n.oid, 'USAGE') THEN 'ok' ELSE 'denied' END "
                               "FROM (SELECT 1) x LEFT JOIN pg_catalog.pg_namespace n ON "
                               "n.nspname = $1",
                               {schema.remote_schema});
    if (usage == "missing") {
      report.Fail("remote schema",
                  "schema \"" + schema.remote_schema + "\" does not exist in database \"" +
                      schema.database + "\"",
                  "Check the SCHEMA of the external schema (it defaults to public).");
      return finish();
    }
    if (usage == "denied") {
      report.Fail(
          "remote schema",
          "\"" + credentials.username + "\" lacks USAGE on schema \"" + schema.remote_schema + "\"",
          "On the source: GRANT USAGE ON SCHEMA " + schema.remote_schema + " TO " +
              credentials.username + ";");
      return finish();
    }
    report.Ok("remote schema", "schema \"" + schema.remote_schema + "\" is usable");
    std::string counts = Scalar(
        *connection,
        "SELECT count(*) || ' ' || count(*) FILTER (WHERE NOT has_table_privilege(c.oid, "
        "'SELECT')) || ' ' || coalesce(string_agg(c.relname, ', ' ORDER BY c.relname) FILTER "
        "(WHERE NOT has_table_privilege(c.oid, 'SELECT')), '') FROM pg_catalog.pg_class c JOIN "
        "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind "
        "IN ('r', 'v', 'm', 'p', 'f')",
        {schema.remote_schema});
    auto space = counts.find(' ');
    auto space2 = counts.find(' ', space + 1);
    std::string total = counts.substr(0, space);
    std::string denied = counts.substr(space + 1, space2 - space - 1);
    std::string names = counts.substr(space2 + 1);
    if (denied != "0") {
      report.Warn("table privileges",
                  denied + " of " + total + " relations are not readable: " + names,
                  "On the source: GRANT SELECT ON ALL TABLES IN SCHEMA " + schema.remote_schema +
                      " TO " + credentials.username + ";");
    } else {
      report.Ok("table privileges", "all " + total + " relations are readable");
    }
  } catch (const Exception& e) {
    report.Fail("remote schema", e.Message(), "");
  }
  return finish();
}

}  // namespace tributary
