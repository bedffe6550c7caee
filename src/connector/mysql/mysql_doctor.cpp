#include "connector/mysql/mysql_doctor.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/exception.h"
#include "connector/mysql/mysql_connection.h"
#include "connector/mysql/mysql_connection_pool.h"
#include "security/source_credentials.h"

namespace tributary {

namespace {

struct Greeting {
  bool received = false;
  bool is_mysql = false;
  bool offers_tls = false;
  std::string version;
};

// Reads the server's initial handshake packet (protocol 10): version,
// then the capability flags, whose CLIENT_SSL bit says TLS is offered.
Greeting ReadGreeting(int fd) {
  Greeting greeting;
  std::string packet;
  char buffer[512];
  while (packet.size() < 4 || packet.size() < 4 + (static_cast<uint8_t>(packet[0]) |
                                                   (static_cast<uint8_t>(packet[1]) << 8) |
                                                   (static_cast<uint8_t>(packet[2]) << 16))) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, kDoctorTimeoutMs) <= 0)
      break;
    ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0)
      break;
    packet.append(buffer, n);
    if (packet.size() > 4096)
      break;
  }
  if (packet.size() < 5)
    return greeting;
  greeting.received = true;
  if (packet[4] != 10)
    return greeting;  // an error packet (0xff) or another protocol
  size_t end = packet.find('\0', 5);
  if (end == std::string::npos)
    return greeting;
  greeting.version = packet.substr(5, end - 5);
  size_t flags = end + 1 + 4 + 8 + 1;  // thread id, auth data part 1, filler
  if (packet.size() < flags + 2)
    return greeting;
  greeting.is_mysql = true;
  uint16_t capabilities =
      static_cast<uint8_t>(packet[flags]) | (static_cast<uint8_t>(packet[flags + 1]) << 8);
  greeting.offers_tls = (capabilities & 0x0800) != 0;
  return greeting;
}

}  // namespace

std::vector<DoctorStep> DiagnoseMySqlSource(const ExternalSchemaDefinition& schema,
                                            const std::string& data_directory) {
  const std::vector<std::string> kSteps = {
      "egress policy",  "dns",      "tcp connect",     "tls", "role chain", "secret",
      "authentication", "database", "table privileges"};
  DoctorReport report;
  auto finish = [&] { return report.Finish(kSteps); };

  int fd = DoctorConnectTcp(report, schema, data_directory, "MySQL", "bind-address, port");
  if (fd < 0)
    return finish();
  Greeting greeting = ReadGreeting(fd);
  close(fd);
  if (!greeting.is_mysql) {
    report.Fail("tls",
                greeting.received ? "the server's greeting is not MySQL's (protocol 10), or it "
                                    "refused this host"
                                  : "no greeting from the server: is this a MySQL server?",
                "Check the PORT of the external schema and that the server accepts connections "
                "from the warehouse's address.");
    return finish();
  }
  if (greeting.offers_tls) {
    report.Ok("tls", "server " + greeting.version + " offers TLS; connections use it");
  } else {
    report.Warn("tls",
                "server " + greeting.version +
                    " does not offer TLS: traffic, passwords excepted, is unencrypted",
                "Configure ssl_cert and ssl_key on the source.");
  }

  SourceCredentials credentials;
  if (!DoctorResolveCredentials(report, schema, data_directory, credentials))
    return finish();

  std::unique_ptr<MySqlConnection> connection;
  try {
    MySqlConnectOptions options = MySqlConnectionPool::FromConfig(data_directory)->options();
    options.connect_timeout_seconds = kDoctorTimeoutMs / 1000;
    connection = MySqlConnection::Open(schema, credentials, data_directory, options);
    report.Ok("authentication", "logged in as \"" + credentials.username + "\"");
    report.Ok("database",
              "database \"" + schema.database + "\" (server " + connection->ServerVersion() + ")");
  } catch (const Exception& e) {
    if (e.SqlState() == "3D000" || e.SqlState() == sqlstate::kInsufficientPrivilege) {
      report.Ok("authentication", "logged in as \"" + credentials.username + "\"");
      report.Fail(
          "database", e.Message(),
          e.SqlState() == "3D000" ? "Check the DATABASE of the external schema." : e.Hint());
    } else if (e.SqlState() == sqlstate::kInvalidPassword) {
      report.Fail("authentication", e.Message(), e.Hint());
    } else {
      report.Fail("authentication", e.Message(),
                  "Check that the user may connect from the warehouse's host ('user'@'host').");
    }
    return finish();
  }
  try {
    auto rows =
        connection->Query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                          MySqlConnection::QuoteLiteral(schema.database));
    std::string count = rows.empty() || !rows[0][0] ? "0" : *rows[0][0];
    if (count == "0") {
      report.Warn(
          "table privileges",
          "\"" + credentials.username + "\" sees no table in database \"" + schema.database + "\"",
          "On the source: GRANT SELECT ON `" + schema.database + "`.* TO '" + credentials.username +
              "'@'%';");
    } else {
      report.Ok("table privileges", count + " relations are visible");
    }
  } catch (const Exception& e) {
    report.Fail("table privileges", e.Message(), "");
  }
  return finish();
}

}  // namespace tributary
