#include "server/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/exception.h"
#include "main/connection.h"
#include "main/database.h"
#include "security/access_control.h"
#include "security/scram_verifier.h"
#include "security/user_store.h"
#include "server/client_session.h"
#include "server/pg_protocol_writer.h"
#include "server/tls_context.h"

namespace tributary {

namespace {

std::string ReadPasswordFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Exception(sqlstate::kIoError, "cannot read the admin password file \"" + path + "\"");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string password = buffer.str();
  // One line; the newline an editor adds is not part of the password.
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
    password.pop_back();
  if (password.empty())
    throw Exception(sqlstate::kInvalidParameterValue,
                    "the admin password file \"" + path + "\" is empty");
  if (password.find('\n') != std::string::npos)
    throw Exception(sqlstate::kInvalidParameterValue,
                    "the admin password file \"" + path + "\" must hold one line");
  return password;
}

bool IsLoopback(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    auto& in = reinterpret_cast<const sockaddr_in&>(address);
    return (ntohl(in.sin_addr.s_addr) >> 24) == 127;
  }
  if (address.ss_family == AF_INET6) {
    auto& in6 = reinterpret_cast<const sockaddr_in6&>(address);
    if (IN6_IS_ADDR_LOOPBACK(&in6.sin6_addr))
      return true;
    return IN6_IS_ADDR_V4MAPPED(&in6.sin6_addr) && in6.sin6_addr.s6_addr[12] == 127;
  }
  return false;
}

std::string Describe(const sockaddr_storage& address) {
  char host[NI_MAXHOST];
  char port[NI_MAXSERV];
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), sizeof(address), host, sizeof(host),
                  port, sizeof(port), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return "unknown";
  return std::string(host) + ":" + port;
}

}  // namespace

Server::Server(Database& db, ServerOptions options) : db_(db), options_(std::move(options)) {
  auto& users = this->users();
  if (!options_.admin_password_file.empty()) {
    auto password = ReadPasswordFile(options_.admin_password_file);
    if (users.CreateIfMissing(options_.admin_user, password, true))
      Log("set the password of superuser \"" + options_.admin_user +
          "\" from the admin password file");
  } else if (users.Empty()) {
    users.CreateIfMissing(options_.admin_user, "", true);
  }
  auto admin = users.Find(options_.admin_user);
  bool any_password = admin && admin->verifier;
  trust_loopback_ = !any_password;
  if (trust_loopback_) {
    Log("WARNING: no password is set (start with --admin-password-file): clients on this "
        "machine are trusted without a password, all others are refused");
  }
  if (options_.tls_certificate.empty() != options_.tls_key.empty()) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "TLS needs both a certificate and a key (tls_certificate, tls_key)");
  }
  if (!options_.tls_certificate.empty()) {
    tls_ = std::make_unique<TlsContext>(options_.tls_certificate, options_.tls_key);
    Log("TLS enabled" + std::string(options_.require_tls ? " and required" : ""));
  } else if (options_.require_tls) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "require_tls is set but no TLS certificate and key are configured");
  }
  if (pipe(wake_pipe_) != 0)
    throw Exception(sqlstate::kIoError, std::string("pipe: ") + std::strerror(errno));
}

UserStore& Server::users() {
  return db_.access_control().users();
}

Server::~Server() {
  Stop();
  if (listen_fd_ >= 0)
    ::close(listen_fd_);
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

void Server::Listen() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  auto port_text = std::to_string(options_.port);
  const char* host = options_.listen_address == "*" ? nullptr : options_.listen_address.c_str();
  int rc = getaddrinfo(host, port_text.c_str(), &hints, &found);
  if (rc != 0)
    throw Exception(
        sqlstate::kConnectionFailure,
        "cannot resolve listen address \"" + options_.listen_address + "\": " + gai_strerror(rc));
  std::string error;
  for (auto* a = found; a; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0)
      continue;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, 128) == 0) {
      listen_fd_ = fd;
      sockaddr_storage bound{};
      socklen_t length = sizeof(bound);
      getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
      port_ = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6&>(bound).sin6_port)
                                          : ntohs(reinterpret_cast<sockaddr_in&>(bound).sin_port);
      break;
    }
    error = std::strerror(errno);
    ::close(fd);
  }
  freeaddrinfo(found);
  if (listen_fd_ < 0)
    throw Exception(sqlstate::kConnectionFailure,
                    "cannot listen on " + options_.listen_address + ":" + port_text + ": " + error);
  Log("listening on " + options_.listen_address + ":" + std::to_string(port_));
}

void Server::Stop() {
  bool was = stopping_.exchange(true);
  if (!was && wake_pipe_[1] >= 0) {
    char byte = 1;
    [[maybe_unused]] auto n = write(wake_pipe_[1], &byte, 1);
  }
}

void Server::ReapFinishedSessions() {
  std::lock_guard<std::mutex> guard(sessions_lock_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (!it->second.finished->load() && it->second.session->CancelIfClientGone())
      Log("a client disconnected while its statement ran: the statement was canceled");
    if (it->second.finished->load()) {
      it->second.thread.join();
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
}

void Server::Run() {
  while (!stopping_.load()) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    int ready = poll(fds, 2, 1000);
    ReapFinishedSessions();
    if (ready < 0 && errno != EINTR)
      break;
    if (ready <= 0 || !(fds[0].revents & POLLIN))
      continue;
    sockaddr_storage peer{};
    socklen_t length = sizeof(peer);
    int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_CLOEXEC);
    if (fd < 0)
      continue;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
    std::lock_guard<std::mutex> guard(sessions_lock_);
    if (sessions_.size() >= options_.max_sessions) {
      try {
        PgTransport transport(fd);
        PgProtocolWriter writer(transport);
        writer.ErrorResponse(Exception("53300", "sorry, too many clients already"), "FATAL");
        writer.Flush();
      } catch (...) {
      }
      continue;
    }
    auto finished = std::make_shared<std::atomic<bool>>(false);
    auto session = std::make_shared<ClientSession>(*this, fd, Describe(peer), IsLoopback(peer));
    SessionThread entry;
    entry.session = session;
    entry.finished = finished;
    entry.thread = std::thread([session, finished] {
      session->Run();
      finished->store(true);
    });
    sessions_.emplace(next_session_++, std::move(entry));
  }
  // Shutting down: end every session (their reads fail, running statements
  // are interrupted) and wait for them.
  {
    std::lock_guard<std::mutex> guard(registry_lock_);
    for (auto& [id, registration] : registry_)
      registration.connection->Interrupt();
  }
  std::map<uint64_t, SessionThread> sessions;
  {
    std::lock_guard<std::mutex> guard(sessions_lock_);
    for (auto& [id, session] : sessions_) {
      session.session->Shutdown();
    }
    sessions.swap(sessions_);
  }
  for (auto& [id, session] : sessions)
    session.thread.join();
  Log("server stopped");
}

SSL_CTX* Server::tls() const {
  return tls_ ? tls_->get() : nullptr;
}

int32_t Server::RegisterSession(Connection* connection, const std::string& user,
                                int32_t& secret_key) {
  auto bytes = ScramRandomBytes(sizeof(int32_t));
  std::memcpy(&secret_key, bytes.data(), sizeof(int32_t));
  std::lock_guard<std::mutex> guard(registry_lock_);
  int32_t process_id = ++next_process_id_;
  registry_[process_id] = {connection, secret_key, user};
  return process_id;
}

size_t Server::SessionsOf(const std::string& user) {
  std::lock_guard<std::mutex> guard(registry_lock_);
  size_t count = 0;
  for (auto& [_, registration] : registry_)
    count += registration.user == user;
  return count;
}

void Server::UnregisterSession(int32_t process_id) {
  std::lock_guard<std::mutex> guard(registry_lock_);
  registry_.erase(process_id);
}

void Server::Cancel(int32_t process_id, int32_t secret_key) {
  std::lock_guard<std::mutex> guard(registry_lock_);
  auto it = registry_.find(process_id);
  if (it == registry_.end() || it->second.secret_key != secret_key)
    return;
  it->second.connection->Interrupt();
}

void Server::Log(const std::string& line) {
  std::lock_guard<std::mutex> guard(log_lock_);
  std::cerr << "tributary: " << line << std::endl;
}

}  // namespace tributary
