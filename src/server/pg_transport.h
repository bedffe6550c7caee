// PgTransport: the byte stream under one session: a TCP socket, optionally
// upgraded to TLS after SSLRequest. Reader and writer go through it, so the
// protocol code does not know whether bytes are encrypted.
//
// Not thread-safe, except Shutdown(), which any thread may call to make a
// blocked Read() return. Owns the socket (closed by the destructor).
#pragma once

#include <sys/types.h>
#include <cstddef>
#include <string>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace tributary {

class PgTransport {
 public:
  explicit PgTransport(int fd) : fd_(fd) {}
  ~PgTransport();
  PgTransport(const PgTransport&) = delete;
  PgTransport& operator=(const PgTransport&) = delete;

  // Bytes read (> 0), or 0 when the peer closed or the connection failed.
  size_t Read(char* out, size_t capacity);
  // False when the connection failed.
  bool WriteAll(const char* data, size_t length);
  // Runs the TLS handshake as the server; throws 08P01 naming OpenSSL's
  // reason when it fails.
  void StartTls(SSL_CTX* context);
  bool IsTls() const { return ssl_ != nullptr; }
  int fd() const { return fd_; }
  // True when TLS holds decrypted bytes not yet read (poll() cannot see them).
  bool HasPending() const;
  void Shutdown();
  // Reads that wait longer than this fail as a closed connection
  // (0: wait forever).
  void SetReadTimeout(int seconds);

 private:
  int fd_;
  SSL* ssl_ = nullptr;
};

}  // namespace tributary
