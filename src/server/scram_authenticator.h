// ScramAuthenticator: the server side of one SCRAM-SHA-256 exchange as
// PostgreSQL runs it inside SASL messages (no channel binding):
//
//   client-first  "n,,n=<ignored>,r=<client nonce>"
//   server-first  "r=<client nonce><server nonce>,s=<salt>,i=<iterations>"
//   client-final  "c=biws,r=<nonce>,p=<proof>"
//   server-final  "v=<server signature>"
//
// For an unknown user the exchange runs against a made-up verifier and fails
// at the end exactly like a wrong password, so a client cannot probe which
// user names exist. Every failure throws 28P01 "password authentication
// failed for user ..." (08P01 for a malformed message).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "security/scram_verifier.h"

namespace tributary {

class ScramAuthenticator {
 public:
  static constexpr const char* kMechanism = "SCRAM-SHA-256";

  // `verifier` is nullopt when the user does not exist.
  ScramAuthenticator(std::string user, std::optional<ScramVerifier> verifier);

  // Replaces the random server nonce (tests with RFC 7677's vector only).
  void SetServerNonceForTesting(std::string nonce) { server_nonce_ = std::move(nonce); }

  // Returns server-first.
  std::string HandleClientFirst(std::string_view message);
  // Checks the proof; returns server-final, or throws 28P01.
  std::string HandleClientFinal(std::string_view message);

 private:
  [[noreturn]] void Fail() const;

  std::string user_;
  bool user_exists_;
  ScramVerifier verifier_;
  std::string gs2_header_;
  std::string client_first_bare_;
  std::string server_first_;
  std::string nonce_;
  std::string server_nonce_;
};

}  // namespace tributary
