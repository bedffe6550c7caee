// ScramVerifier: what the server keeps of a password for SCRAM-SHA-256
// (RFC 5802, RFC 7677): salt, iteration count, StoredKey and ServerKey.
// The password itself is never stored; it cannot be recovered from these.
// Text form, as PostgreSQL's pg_authid.rolpassword spells it:
//   SCRAM-SHA-256$<iterations>:<salt b64>$<StoredKey b64>:<ServerKey b64>
//
// The password is used as given (no SASLprep normalization), which equals
// SASLprep for ASCII passwords.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tributary {

struct ScramVerifier {
  static constexpr int kDefaultIterations = 4096;
  static constexpr size_t kSaltLength = 16;

  std::string salt;  // raw bytes
  int iterations = 0;
  std::string stored_key;  // SHA-256(HMAC(SaltedPassword, "Client Key"))
  std::string server_key;  // HMAC(SaltedPassword, "Server Key")

  // A new verifier with a random salt.
  static ScramVerifier FromPassword(std::string_view password, int iterations = kDefaultIterations);
  // The verifier of `password` with a given salt (tests; RFC 7677's vector).
  static ScramVerifier Derive(std::string_view password, std::string salt, int iterations);
  // nullopt when `text` is not a verifier's text form.
  static std::optional<ScramVerifier> Parse(std::string_view text);
  std::string ToString() const;
};

// Crypto primitives of SCRAM-SHA-256, all OpenSSL's.
std::string ScramHmac(std::string_view key, std::string_view message);
std::string ScramSha256(std::string_view bytes);
// `length` random bytes from a CSPRNG (throws XX000 when none is available).
std::string ScramRandomBytes(size_t length);

}  // namespace tributary
