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

#include "connector/mysql/mysql_doctor.h"
#include "connector/postgres/postgres_doctor.h"

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

}  // namespace tributary
