#include "server/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "common/exception.h"

namespace tributary {

namespace {

std::string OpenSslReason() {
  char reason[256] = "unknown error";
  if (auto code = ERR_get_error())
    ERR_error_string_n(code, reason, sizeof(reason));
  return reason;
}

}  // namespace

TlsContext::TlsContext(const std::string& certificate_file, const std::string& key_file) {
  ERR_clear_error();
  context_ = SSL_CTX_new(TLS_server_method());
  if (!context_)
    throw Exception(sqlstate::kInternalError, "cannot create TLS context: " + OpenSslReason());
  SSL_CTX_set_min_proto_version(context_, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(context_, certificate_file.c_str()) != 1) {
    auto reason = OpenSslReason();
    SSL_CTX_free(context_);
    throw Exception(sqlstate::kInvalidParameterValue,
                    "cannot load TLS certificate \"" + certificate_file + "\": " + reason);
  }
  if (SSL_CTX_use_PrivateKey_file(context_, key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(context_) != 1) {
    auto reason = OpenSslReason();
    SSL_CTX_free(context_);
    throw Exception(sqlstate::kInvalidParameterValue,
                    "cannot load TLS key \"" + key_file + "\": " + reason);
  }
}

TlsContext::~TlsContext() {
  SSL_CTX_free(context_);
}

}  // namespace tributary
