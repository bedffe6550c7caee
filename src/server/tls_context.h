// TlsContext: the server's OpenSSL context (TLS 1.2 or later) with its
// certificate chain and private key, from tributary.conf:
//   "server": {"tls_certificate": "/path/server.crt", "tls_key": "/path/server.key",
//              "require_tls": false}
// Relative paths are relative to the data directory.
//
// Thread-safe after construction (OpenSSL contexts may be shared).
#pragma once

#include <string>

typedef struct ssl_ctx_st SSL_CTX;

namespace tributary {

class TlsContext {
 public:
  // Throws 22023 naming the file and OpenSSL's reason when the certificate
  // or key cannot be loaded or do not match.
  TlsContext(const std::string& certificate_file, const std::string& key_file);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  SSL_CTX* get() const { return context_; }

 private:
  SSL_CTX* context_ = nullptr;
};

}  // namespace tributary
