#include "server/pg_transport.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>

#include "common/exception.h"

namespace tributary {

PgTransport::~PgTransport() {
  if (ssl_) {
    SSL_shutdown(ssl_);
    SSL_free(ssl_);
  }
  ::close(fd_);
}

size_t PgTransport::Read(char* out, size_t capacity) {
  if (ssl_) {
    int n = SSL_read(ssl_, out, static_cast<int>(capacity));
    return n > 0 ? static_cast<size_t>(n) : 0;
  }
  ssize_t n;
  do {
    n = recv(fd_, out, capacity, 0);
  } while (n < 0 && errno == EINTR);
  return n > 0 ? static_cast<size_t>(n) : 0;
}

bool PgTransport::WriteAll(const char* data, size_t length) {
  size_t sent = 0;
  while (sent < length) {
    if (ssl_) {
      int n = SSL_write(ssl_, data + sent, static_cast<int>(length - sent));
      if (n <= 0)
        return false;
      sent += static_cast<size_t>(n);
      continue;
    }
    ssize_t n = send(fd_, data + sent, length - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

void PgTransport::StartTls(SSL_CTX* context) {
  ssl_ = SSL_new(context);
  if (!ssl_ || SSL_set_fd(ssl_, fd_) != 1)
    throw Exception(sqlstate::kProtocolViolation, "could not start TLS");
  ERR_clear_error();
  if (SSL_accept(ssl_) != 1) {
    char reason[256] = "handshake failed";
    if (auto code = ERR_get_error())
      ERR_error_string_n(code, reason, sizeof(reason));
    SSL_free(ssl_);
    ssl_ = nullptr;
    throw Exception(sqlstate::kProtocolViolation,
                    std::string("could not accept TLS connection: ") + reason);
  }
}

bool PgTransport::HasPending() const {
  return ssl_ && SSL_pending(ssl_) > 0;
}

void PgTransport::SetReadTimeout(int seconds) {
  timeval timeout{};
  timeout.tv_sec = seconds;
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
}

void PgTransport::Shutdown() {
  ::shutdown(fd_, SHUT_RDWR);
}

}  // namespace tributary
