#include "connector/source_doctor.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/exception.h"
#include "connector/mysql/mysql_doctor.h"
#include "connector/postgres/postgres_doctor.h"
#include "security/egress_policy.h"
#include "security/source_credentials.h"

namespace tributary {

std::vector<DoctorStep> DiagnoseExternalSource(const ExternalSchemaDefinition& schema,
                                               const std::string& data_directory) {
  if (schema.kind == ExternalSourceKind::kMySql)
    return DiagnoseMySqlSource(schema, data_directory);
  return DiagnosePostgresSource(schema, data_directory);
}

// Resolves `host` to numeric addresses (empty on failure, with `error`).
std::vector<std::string> ResolveHostAddresses(const std::string& host, std::string& error) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  int rc = getaddrinfo(host.c_str(), nullptr, &hints, &list);
  if (rc != 0) {
    error = gai_strerror(rc);
    return {};
  }
  std::vector<std::string> addresses;
  for (addrinfo* a = list; a; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN];
    const void* raw =
        a->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr)
            : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if (inet_ntop(a->ai_family, raw, text, sizeof(text))) {
      std::string address = text;
      if (std::find(addresses.begin(), addresses.end(), address) == addresses.end())
        addresses.push_back(address);
    }
  }
  freeaddrinfo(list);
  return addresses;
}

// A TCP connection with a timeout; -1 with `error` on failure.
int ConnectTcpWithTimeout(const std::string& address, uint16_t port, std::string& error) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST;
  addrinfo* list = nullptr;
  if (getaddrinfo(address.c_str(), std::to_string(port).c_str(), &hints, &list) != 0) {
    error = "bad address";
    return -1;
  }
  int fd = socket(list->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    error = std::strerror(errno);
    freeaddrinfo(list);
    return -1;
  }
  int rc = connect(fd, list->ai_addr, list->ai_addrlen);
  freeaddrinfo(list);
  if (rc != 0 && errno != EINPROGRESS) {
    error = std::strerror(errno);
    close(fd);
    return -1;
  }
  if (rc != 0) {
    pollfd p{fd, POLLOUT, 0};
    if (poll(&p, 1, kDoctorTimeoutMs) <= 0) {
      error = "timed out after " + std::to_string(kDoctorTimeoutMs / 1000) + " s";
      close(fd);
      return -1;
    }
    int so_error = 0;
    socklen_t len = sizeof(so_error);
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
    if (so_error != 0) {
      error = std::strerror(so_error);
      close(fd);
      return -1;
    }
  }
  return fd;
}

int DoctorConnectTcp(DoctorReport& report, const ExternalSchemaDefinition& schema,
                     const std::string& data_directory, const std::string& server,
                     const std::string& listen_settings) {
  std::string where = schema.host + ":" + std::to_string(schema.port);
  EgressPolicy policy;
  try {
    policy = EgressPolicy::Load(data_directory);
    report.Ok("egress policy", policy.allow_all() ? "no egress rules: every destination allowed"
                                                  : "tributary.conf has egress rules");
  } catch (const Exception& e) {
    report.Fail("egress policy", e.Message(), "Fix the \"egress\" section of tributary.conf.");
    return -1;
  }
  std::string error;
  auto addresses = ResolveHostAddresses(schema.host, error);
  if (addresses.empty()) {
    report.Fail("dns", "\"" + schema.host + "\" does not resolve: " + error,
                "Check the URI of the external schema and the warehouse's DNS.");
    return -1;
  }
  std::vector<std::string> allowed;
  std::string list;
  for (auto& a : addresses) {
    if (policy.Allows(schema.host, a, schema.port))
      allowed.push_back(a);
    list += (list.empty() ? "" : ", ") + a;
  }
  if (allowed.empty()) {
    report.Fail("dns", schema.host + " resolves to " + list + ", none allowed by the egress policy",
                "Add a rule for " + where + " to the \"egress\" section of tributary.conf.");
    return -1;
  }
  report.Ok("dns", schema.host + " resolves to " + list);

  int fd = ConnectTcpWithTimeout(allowed[0], schema.port, error);
  if (fd < 0) {
    report.Fail("tcp connect",
                "cannot reach " + allowed[0] + ":" + std::to_string(schema.port) + ": " + error,
                "Check that " + server + " listens on " + where + " (" + listen_settings +
                    ") and that no firewall or security group blocks it.");
    return -1;
  }
  report.Ok("tcp connect", "connected to " + allowed[0] + ":" + std::to_string(schema.port));
  return fd;
}

bool DoctorResolveCredentials(DoctorReport& report, const ExternalSchemaDefinition& schema,
                              const std::string& data_directory, SourceCredentials& credentials) {
  try {
    std::string role = ValidateExternalSchemaAccess(data_directory, schema);
    report.Ok("role chain", "role " + role + " may read secret " + schema.secret_arn);
  } catch (const Exception& e) {
    report.Fail("role chain", e.Message(),
                e.Hint().empty() ? "Allow secretsmanager:GetSecretValue on the secret in the "
                                   "role's policy (tributary iam put-role-policy)."
                                 : e.Hint());
    return false;
  }
  try {
    credentials = ResolveSourceCredentials(data_directory, schema);
    report.Ok("secret", "holds a username (\"" + credentials.username + "\") and a password");
  } catch (const Exception& e) {
    report.Fail("secret", e.Message(), e.Hint());
    return false;
  }
  return true;
}

}  // namespace tributary
